// Firefox driver for the end-to-end tests: Debian firefox-esr through geckodriver (W3C WebDriver
// over HTTP on 127.0.0.1), headless, with the extension from the repository root installed as a
// temporary add-on, its manifest unchanged.
//
// How each step is done for real (see tests/e2e/README.md for why):
//   - toolbar action: the extension's button is pinned to the toolbar (what a user does with
//     "Pin to Toolbar") and clicked with WebDriver pointer actions in the *chrome* context, i.e.
//     mouse events on the browser's own button (geckodriver runs with --allow-system-access);
//   - keyboard shortcut: WebDriver key actions in the chrome context, so the keys reach the browser
//     window's key handling like a typed shortcut (content-context keys never reach it);
//   - closed shadow root: WebDriver "Get Element Shadow Root" (Marionette returns closed roots too),
//     then the root is passed as an argument to an executed script;
//   - background restart: the same call about:debugging's "Terminate background script" makes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebDriverSession, WebDriverError } from './webdriver.mjs';

const FIREFOX_PATH = '/usr/bin/firefox-esr';
const GECKODRIVER_CANDIDATES = [
  process.env.GECKODRIVER,
  path.join(os.homedir(), '.cargo', 'bin', 'geckodriver'),
  '/usr/local/bin/geckodriver',
  '/usr/bin/geckodriver',
].filter(Boolean);
const WINDOW_SIZE = { width: 1280, height: 900 };
const GECKODRIVER_START_MS = 15000;
const LOG_TAIL_LINES = 80;
const NAVIGATION_TIMEOUT_MS = 30000;

/** Turns off everything in Firefox that would call out to the network. */
const OFFLINE_PREFS = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.update.checkInstallTime': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.aboutHomeSnippets.updateUrl': '',
  'browser.discovery.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.geoip.url': '',
  'browser.search.update': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.page': 0,
  'browser.tabs.warnOnClose': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'dom.push.connection.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'geo.provider.network.url': '',
  'media.gmp-gmpopenh264.autoupdate': false,
  'media.gmp-manager.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'services.settings.server': 'http://127.0.0.1:9/remote-settings-disabled',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/** WebDriver key values for modifiers, by the names used in combos like "Alt+Shift+R". */
const KEY_VALUES = {
  Alt: '\uE00A',
  Shift: '\uE008',
  Control: '\uE009',
  Meta: '\uE03D',
  Escape: '\uE00C',
  Enter: '\uE007',
  Tab: '\uE004',
  End: '\uE010',
  Home: '\uE011',
};

/** An extension page to send runtime messages from (manifest options_ui.page). */
const OPTIONS_PAGE_PATH = 'extension/options.html';

/** prefers-color-scheme override pref: 0 dark, 1 light. */
const COLOR_SCHEME_PREF = 'layout.css.prefers-color-scheme.content-override';
const COLOR_SCHEME_VALUES = { dark: 0, light: 1 };

function findGeckodriver() {
  for (const candidate of GECKODRIVER_CANDIDATES) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`geckodriver not found (looked in ${GECKODRIVER_CANDIDATES.join(', ')}; set GECKODRIVER)`);
}

function keyActions(combo) {
  const parts = combo.split('+');
  const values = parts.map((p) => KEY_VALUES[p] ?? (p.length === 1 ? p.toLowerCase() : p));
  const down = values.map((value) => ({ type: 'keyDown', value }));
  const up = values.slice().reverse().map((value) => ({ type: 'keyUp', value }));
  return [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }];
}

function clickActions(origin, x = 0, y = 0) {
  return [{
    type: 'pointer',
    id: 'mouse',
    parameters: { pointerType: 'mouse' },
    actions: [
      { type: 'pointerMove', origin, x: Math.round(x), y: Math.round(y), duration: 0 },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ],
  }];
}

/** Script prologue for chrome-context scripts: the extension and its parent-side objects. */
const CHROME_PRELUDE = `
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const addonId = arguments[0];
  const extension = ExtensionParent.GlobalManager.getExtension(addonId);
  const browserWindow = Services.wm.getMostRecentWindow('navigator:browser');
`;

/**
 * Launches Firefox with the extension at `extensionDir` installed and returns the driver.
 * `hostSelector` finds the reader view's host element in the page.
 */
export async function launchFirefox({ extensionDir, hostSelector }) {
  const geckodriverPath = findGeckodriver();
  const logLines = [];
  const keepLog = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(line);
    if (logLines.length > LOG_TAIL_LINES * 4) logLines.splice(0, logLines.length - LOG_TAIL_LINES);
  };
  const geckodriver = spawn(geckodriverPath, ['--port', '0', '--host', '127.0.0.1', '--allow-system-access'], {
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', MOZ_HEADLESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`geckodriver did not start: ${seen}`)), GECKODRIVER_START_MS);
    const onData = (chunk) => {
      seen += chunk;
      const match = seen.match(/Listening on [\d.]+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    geckodriver.stdout.on('data', onData);
    geckodriver.stderr.on('data', onData);
    geckodriver.once('exit', (code) => reject(new Error(`geckodriver exited (${code}): ${seen}`)));
  });
  geckodriver.stdout.on('data', keepLog);
  geckodriver.stderr.on('data', keepLog);

  let session;
  try {
    session = await WebDriverSession.create(`http://127.0.0.1:${port}`, {
      alwaysMatch: {
        browserName: 'firefox',
        unhandledPromptBehavior: 'dismiss',
        'moz:firefoxOptions': {
          binary: FIREFOX_PATH,
          args: ['-headless', `--width=${WINDOW_SIZE.width}`, `--height=${WINDOW_SIZE.height}`],
          prefs: OFFLINE_PREFS,
        },
      },
    });
  } catch (error) {
    geckodriver.kill();
    throw error;
  }

  let context = 'content';
  async function use(next) {
    if (context !== next) {
      await session.setContext(next);
      context = next;
    }
  }
  async function inChrome(body, args = []) {
    await use('chrome');
    try {
      // Marionette runs the script as a plain function body: wrap it so it may use await.
      return await session.execute(`${CHROME_PRELUDE}\nreturn (async () => {\n${body}\n})();`, [addonId, ...args]);
    } finally {
      await use('content');
    }
  }

  const addonId = await session.installAddon(extensionDir, true);
  const widgetBase = await inChrome('return ExtensionParent.apiManager.global.browserActionFor(extension).id;')
    .catch(() => null);
  const widgetId = widgetBase ?? `${addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`;
  const actionButtonId = `${widgetId.replace(/-browser-action$/, '')}-BAP`;
  // "Pin to Toolbar": put the extension's button on the navigation toolbar, where users click it.
  await inChrome(`CustomizableUI.addWidgetToArea(arguments[1], CustomizableUI.AREA_NAVBAR); return true;`, [widgetId]);

  async function hostElement() {
    const found = await session.findElements(hostSelector);
    return found[0] ?? null;
  }

  /** Runs `fn(shadowRoot, arg)` on the host's (closed) shadow root; null when there is no host. */
  async function evalReader(fn, arg) {
    const host = await hostElement();
    if (!host) return null;
    let root;
    try {
      root = await session.shadowRoot(host);
    } catch (error) {
      if (error instanceof WebDriverError && (error.code === 'no such shadow root' || error.code === 'stale element reference')) return null;
      throw error;
    }
    return session.execute(`return (${fn.toString()})(arguments[0], arguments[1]);`, [root, arg ?? null]);
  }

  return {
    name: 'firefox',
    version: session.capabilities.browserVersion,
    extensionId: addonId,
    consoleLines: logLines,

    async goto(url, { timeoutMs = NAVIGATION_TIMEOUT_MS } = {}) {
      await use('content');
      await session.setTimeouts({ pageLoad: timeoutMs });
      await session.navigate(url);
    },

    async reload() {
      await use('content');
      await session.refresh();
    },

    /** Runs `fn(arg)` in the page (Marionette's default sandbox sees the page's own globals). */
    async evalPage(fn, arg) {
      await use('content');
      return session.execute(`return (${fn.toString()})(arguments[0]);`, [arg ?? null]);
    },

    evalReader,

    async triggerAction() {
      await use('chrome');
      try {
        const button = await session.findElement(`#${actionButtonId}`);
        await session.performActions(clickActions(button));
        await session.releaseActions();
      } finally {
        await use('content');
      }
    },

    /** Presses keys in the page (content): what the page and the reader view receive. */
    async pressKeys(combo) {
      await use('content');
      await session.performActions(keyActions(combo));
      await session.releaseActions();
    },

    canPressShortcuts: true,
    /** Presses a browser-level shortcut: keys delivered to the browser window (chrome context). */
    async pressShortcut(combo) {
      await use('chrome');
      try {
        await session.performActions(keyActions(combo));
        await session.releaseActions();
      } finally {
        await use('content');
      }
    },

    async clickPage(selector) {
      await use('content');
      await session.click(await session.findElement(selector));
    },

    async typeText(text) {
      await use('content');
      const chars = [...text].flatMap((ch) => [{ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }]);
      await session.performActions([{ type: 'key', id: 'keyboard', actions: chars }]);
      await session.releaseActions();
    },

    /** Real mouse click at the centre of the element matched by `selector` in the reader view. */
    async clickReader(selector) {
      const rect = await evalReader((root, sel) => {
        const el = root.querySelector(sel);
        if (!el) return null;
        el.scrollIntoView({ block: 'nearest' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
      }, selector);
      if (!rect || rect.w === 0 || rect.h === 0) throw new Error(`reader element not clickable: ${selector}`);
      await use('content');
      await session.performActions(clickActions('viewport', rect.x, rect.y));
      await session.releaseActions();
    },

    async screenshot(file) {
      await use('content');
      fs.writeFileSync(file, Buffer.from(await session.screenshot(), 'base64'));
    },

    async setColorScheme(scheme) {
      await inChrome(`Services.prefs.setIntPref(arguments[1], arguments[2]); return true;`,
        [COLOR_SCHEME_PREF, COLOR_SCHEME_VALUES[scheme]]);
    },

    /** Badge text and title of the toolbar button for the selected tab, via the extension's action. */
    async actionState() {
      return inChrome(`
        const action = ExtensionParent.apiManager.global.browserActionFor(extension).action;
        const tab = browserWindow.gBrowser.selectedTab;
        return { badgeText: action.getProperty(tab, 'badgeText') ?? '', title: action.getProperty(tab, 'title') ?? '' };
      `);
    },

    /** The shortcuts Firefox registered for the extension's commands. */
    async assignedShortcuts() {
      return inChrome(`
        const commands = await extension.shortcuts.allCommands();
        return commands.map((c) => ({ name: c.name, shortcut: c.shortcut ?? '' }));
      `).catch((error) => [{ name: '?', shortcut: '', error: error.message }]);
    },

    /**
     * Memory of the extension process (where the event page and its wasm live) after asking
     * child processes to GC; resident bytes as reported by ChromeUtils.requestProcInfo.
     */
    async backgroundMemory() {
      return inChrome(`
        Services.obs.notifyObservers(null, 'child-gc-request');
        await new Promise((resolve) => browserWindow.setTimeout(resolve, 500));
        const info = await ChromeUtils.requestProcInfo();
        const proc = info.children.find((p) => p.type === 'extension');
        return proc ? { bytes: proc.memory, instance: String(proc.pid) } : null;
      `).catch(() => null);
    },

    /**
     * Sends a runtime message from the extension's options page, opened in the test tab (the
     * caller navigates back to its page afterwards); returns the answer.
     */
    async sendExtensionMessage(message) {
      const base = await inChrome('return extension.baseURI.spec;');
      await use('content');
      await session.navigate(`${base}${OPTIONS_PAGE_PATH}`);
      return session.execute('return browser.runtime.sendMessage(arguments[0]);', [message]);
    },

    /** Unloads the extension's event page, as Firefox does when it is idle. */
    async stopBackground() {
      return inChrome(`
        await ExtensionParent.DebugUtils.terminateBackgroundScript(addonId);
        const running = ExtensionParent.DebugUtils.isBackgroundScriptRunning(addonId);
        return running === false ? { stopped: true } : { stopped: false, reason: 'still running: ' + running };
      `);
    },

    async backgroundRunning() {
      return inChrome('return ExtensionParent.DebugUtils.isBackgroundScriptRunning(addonId) === true;');
    },

    async close() {
      await session.deleteSession().catch(() => {});
      geckodriver.kill();
    },
  };
}
