// Chromium driver for the end-to-end tests: Debian /usr/bin/chromium through playwright-core,
// headless, with the unpacked extension from the repository root loaded unchanged.
//
// How each step is done for real (see tests/e2e/README.md for why):
//   - toolbar action: CDP Extensions.triggerAction on the *tab* target (a page target is refused);
//   - closed shadow root: CDP DOM.describeNode(pierce) on the host gives the shadow root's backend
//     node, DOM.resolveNode + Runtime.callFunctionOn run a function with the root as argument;
//   - clicks in the reader view: real mouse events at the element's on-screen position;
//   - background restart: CDP Target.closeTarget on the extension's service worker target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const SERVICE_WORKER_WAIT_MS = 15000;
const POLL_INTERVAL_MS = 25;
const NAVIGATION_TIMEOUT_MS = 30000;
/** An extension page to send runtime messages from (manifest options_ui.page). */
const OPTIONS_PAGE_PATH = 'extension/options.html';

/** Flags that keep the browser off the network and quiet (loopback only). */
const OFFLINE_FLAGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps a page-side function so it can be called with `this` = a remote object. */
function asCallOn(fn) {
  return `function (arg) { return (${fn.toString()})(this, arg); }`;
}

/** "Alt+Shift+R" -> "alt+shift+r" (xdotool key names). */
function xdotoolCombo(combo) {
  return combo.split('+').map((part) => ({ Control: 'ctrl', Escape: 'Escape' }[part] ?? part.toLowerCase())).join('+');
}

/**
 * Launches Chromium with the extension at `extensionDir` and returns the driver.
 * `hostSelector` finds the reader view's host element in the page.
 * With `xDisplay` (e.g. ":91", an Xvfb server) the browser runs with a window on that invisible
 * display instead of headless, so that real X key events (xdotool) reach the browser's
 * accelerators: that is the only way a keyboard shortcut of an extension can be pressed.
 */
export async function launchChromium({ extensionDir, hostSelector, xDisplay = null }) {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clearpage-e2e-chromium-'));
  const windowed = Boolean(xDisplay);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: !windowed,
    viewport: VIEWPORT,
    env: windowed ? { ...process.env, DISPLAY: xDisplay } : process.env,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...OFFLINE_FLAGS,
      ...(windowed ? ['--ozone-platform=x11', `--window-size=${VIEWPORT.width},${VIEWPORT.height + 120}`] : []),
    ],
  });
  const browserSession = await context.browser().newBrowserCDPSession();

  const findServiceWorker = () =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  let worker = findServiceWorker()
    ?? await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_WAIT_MS });
  const extensionId = new URL(worker.url()).host;
  // The worker target can be listed before its script has run; wait until it answers.
  await worker.evaluate(() => chrome.runtime.id);

  const consoleLines = [];
  const watchPage = (p) => {
    p.on('console', (m) => {
      if (!/^Failed to load resource/.test(m.text())) consoleLines.push(`[page ${m.type()}] ${m.text()}`);
    });
    p.on('pageerror', (e) => consoleLines.push(`[page error] ${e.message}`));
  };
  // The tab the driver acts on; openTab() moves it to a new tab.
  let page = context.pages()[0] ?? await context.newPage();
  let pageSession = await context.newCDPSession(page);
  watchPage(page);
  const watchWorker = (w) => w.on?.('console', (m) => consoleLines.push(`[background ${m.type()}] ${m.text()}`));
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);

  async function allTargets() {
    return (await browserSession.send('Target.getTargets', { filter: [{}] })).targetInfos;
  }

  /**
   * The tab target holding our page (Extensions.triggerAction wants a tab, not a page). Matched by
   * URL; waits while a just-closed tab or a just-navigated one is still listed with a stale URL.
   */
  async function tabTargetId() {
    const url = page.url();
    const deadline = Date.now() + SERVICE_WORKER_WAIT_MS;
    for (;;) {
      const tabs = (await allTargets()).filter((t) => t.type === 'tab');
      const matches = tabs.filter((t) => t.url === url);
      if (matches.length === 1) return matches[0].targetId;
      if (Date.now() > deadline) throw new Error(`no single tab target for ${url}: ${JSON.stringify(tabs.map((t) => t.url))}`);
      await sleep(POLL_INTERVAL_MS);
    }
  }

  async function waitUntilNoTarget(matches) {
    const deadline = Date.now() + SERVICE_WORKER_WAIT_MS;
    while ((await allTargets()).some(matches)) {
      if (Date.now() > deadline) throw new Error('a closed tab is still listed by the browser');
      await sleep(POLL_INTERVAL_MS);
    }
  }

  async function liveWorker() {
    worker = findServiceWorker();
    if (worker) return worker;
    worker = await context.waitForEvent('serviceworker', { timeout: SERVICE_WORKER_WAIT_MS });
    return worker;
  }

  /** Runs `fn(shadowRoot, arg)` on the host's (closed) shadow root; null when there is no host. */
  async function evalReader(fn, arg) {
    // CDP's own DOM queries: page scripts cannot interfere with them (unlike querySelector in JS).
    const { root: documentNode } = await pageSession.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await pageSession.send('DOM.querySelector', { nodeId: documentNode.nodeId, selector: hostSelector });
    if (!nodeId) return null;
    const { node } = await pageSession.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const root = node.shadowRoots?.[0];
    if (!root) return null;
    const { object } = await pageSession.send('DOM.resolveNode', { backendNodeId: root.backendNodeId });
    try {
      const reply = await pageSession.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: asCallOn(fn),
        arguments: [{ value: arg ?? null }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (reply.exceptionDetails) {
        throw new Error(`reader eval failed: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
      }
      return reply.result.value;
    } finally {
      await pageSession.send('Runtime.releaseObject', { objectId: object.objectId }).catch(() => {});
    }
  }

  return {
    name: 'chromium',
    version: context.browser().version(),
    extensionId,
    consoleLines,

    async goto(url, { timeoutMs = NAVIGATION_TIMEOUT_MS } = {}) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },

    async reload() {
      await page.reload({ waitUntil: 'load' });
    },

    /** Runs `fn(arg)` in the page's main world and returns its (JSON) result. */
    async evalPage(fn, arg) {
      return page.evaluate(fn, arg ?? null);
    },

    /**
     * Runs a script's source text in the page's main world, like the devtools console: the page's
     * CSP does not apply to it (pages may forbid eval). Returns the completion value (JSON).
     */
    async runPageScript(source) {
      return page.evaluate(source);
    },

    evalReader,

    async triggerAction() {
      await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: await tabTargetId() });
    },

    /**
     * The toolbar action for the current tab as a function that only sends the CDP command (the
     * tab target is looked up now), for timing from the click itself. Stale after a navigation.
     */
    async preparedTrigger() {
      const targetId = await tabTargetId();
      return () => browserSession.send('Extensions.triggerAction', { id: extensionId, targetId });
    },

    /** Opens a new tab (about:blank) and makes it the tab every other method acts on. */
    async openTab() {
      page = await context.newPage();
      pageSession = await context.newCDPSession(page);
      watchPage(page);
      await page.bringToFront();
    },

    /** Runs `fn(arg)` in the extension's background (service worker) and returns its (JSON) result. */
    async evalBackground(fn, arg) {
      return (await liveWorker()).evaluate(fn, arg ?? null);
    },

    /** Presses a key combination the way a user would ("Alt+Shift+R", "Escape"). */
    async pressKeys(combo) {
      await page.keyboard.press(combo);
    },

    /** Real mouse click at the centre of an element of the page (CSS selector). */
    /**
     * Presses a browser-level shortcut. CDP key events (page.keyboard) go to the page only and
     * never reach the browser's accelerator table, where extension commands live; so with an X
     * display the keys are typed with xdotool into the browser window, as a user would.
     */
    canPressShortcuts: windowed,
    async pressShortcut(combo) {
      if (!windowed) {
        await page.keyboard.press(combo); // reaches the page only; kept so the failure is observable
        return;
      }
      await page.bringToFront();
      execFileSync('xdotool', ['key', '--clearmodifiers', xdotoolCombo(combo)], { env: { ...process.env, DISPLAY: xDisplay } });
    },

    /**
     * Memory of the extension's service worker after a forced GC: JS heap in use plus array
     * buffer backing stores (where wasm memory lives). Uses a (non-flat) CDP session on the worker.
     */
    async backgroundMemory() {
      const targets = await allTargets();
      const sw = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
      if (!sw) return null;
      const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
      let nextId = 0;
      const pending = new Map();
      const onMessage = (event) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message);
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      };
      browserSession.on('Target.receivedMessageFromTarget', onMessage);
      const send = (method, params = {}) => new Promise((resolve) => {
        nextId += 1;
        pending.set(nextId, resolve);
        browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId, method, params }) });
      });
      try {
        await send('HeapProfiler.collectGarbage');
        const usage = (await send('Runtime.getHeapUsage')).result ?? {};
        return { bytes: (usage.usedSize ?? 0) + (usage.backingStorageSize ?? 0), instance: sw.targetId };
      } finally {
        browserSession.off('Target.receivedMessageFromTarget', onMessage);
        await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    },

    /** The page's JS heap in use after a forced garbage collection (bytes). */
    async heapUsage() {
      await pageSession.send('HeapProfiler.collectGarbage');
      return (await pageSession.send('Runtime.getHeapUsage')).usedSize;
    },

    async clickPage(selector) {
      await page.click(selector);
    },

    async typeText(text) {
      await page.keyboard.type(text);
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
      await page.mouse.click(rect.x, rect.y);
    },

    async screenshot(file) {
      await page.screenshot({ path: file });
    },

    async setColorScheme(scheme) {
      await page.emulateMedia({ colorScheme: scheme });
    },

    /** Badge text and title of the toolbar action for the current tab, via the extension API. */
    async actionState() {
      const w = await liveWorker();
      return w.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return {
          badgeText: await chrome.action.getBadgeText({ tabId: tab.id }),
          title: await chrome.action.getTitle({ tabId: tab.id }),
        };
      });
    },

    /** The shortcuts the browser actually assigned to the extension's commands. */
    async assignedShortcuts() {
      const w = await liveWorker();
      return w.evaluate(() => chrome.commands.getAll());
    },

    /** Sends a runtime message from the extension's options page (an extension page); returns the answer. */
    async sendExtensionMessage(message) {
      const optionsPage = await context.newPage();
      try {
        await optionsPage.goto(`chrome-extension://${extensionId}/${OPTIONS_PAGE_PATH}`);
        return await optionsPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
      } finally {
        await optionsPage.close();
        // close() resolves before the browser has dropped the tab; a toolbar click sent while it is
        // still listed can reach the browser with the wrong active tab (no activeTab grant).
        await waitUntilNoTarget((t) => t.url.startsWith(`chrome-extension://${extensionId}/${OPTIONS_PAGE_PATH}`));
        await page.bringToFront();
      }
    },

    /** Stops the extension's service worker, as the browser does when it is idle. */
    async stopBackground() {
      const targets = await allTargets();
      const sw = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
      if (!sw) return { stopped: false, reason: 'no running service worker' };
      await browserSession.send('Target.closeTarget', { targetId: sw.targetId });
      const deadline = Date.now() + SERVICE_WORKER_WAIT_MS;
      while (Date.now() < deadline) {
        const still = (await allTargets()).some((t) => t.targetId === sw.targetId);
        if (!still) return { stopped: true };
        await sleep(POLL_INTERVAL_MS);
      }
      return { stopped: false, reason: 'service worker target still present' };
    },

    /** Whether the extension's service worker is currently running. */
    async backgroundRunning() {
      return (await allTargets()).some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    },

    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
