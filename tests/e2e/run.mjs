// End-to-end test runner: loads the real extension (repository root, manifest unchanged) into
// headless Debian Chromium (playwright-core) and Firefox ESR (geckodriver), serves the test pages
// from 127.0.0.1, runs every case of cases.mjs in each browser, prints pass/fail per case with the
// time from trigger to reader view painted, and ends with "e2e: N passed, N failed".
//
// Usage (from the repository root):
//   node tests/e2e/run.mjs [--browser chromium|firefox|all] [--case ID[,ID...]] [--extension DIR]
//                          [--out DIR] [--quick] [--verbose]
//   --debug-wasm FILE also runs the panic case: a temporary copy of the extension is made around
//     that debug build of the engine (wasm-bindgen --target web), e.g.
//     target/wasm32-unknown-unknown/debug/clearpage.wasm; the release extension is left alone.
//   --vectors ID[,ID...] limits the xss case to those vectors of tests/xss/vectors.json.
//   --quick leaves out the slow cases (50 cycles on a 1 MB page, the 300 hostile pages).
// Exit code: 0 when every case passed, 1 when any failed, 2 on a setup error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, REPO_ROOT } from './server.mjs';
import { CASES, CaseFailure } from './cases.mjs';
import { HOST_SELECTOR } from './reader-contract.mjs';
import { startXvfb } from './xvfb.mjs';

const BROWSERS = {
  chromium: async (options) => (await import('./drivers/chromium.mjs')).launchChromium(options),
  firefox: async (options) => (await import('./drivers/firefox.mjs')).launchFirefox(options),
};
const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'tests', 'e2e', 'out');
/** Built engine the extension needs (cargo xtask build, or wasm-bindgen by hand). */
const REQUIRED_EXTENSION_FILES = ['manifest.json', 'extension/background.js', 'extension/pkg/clearpage.js', 'extension/pkg/clearpage_bg.wasm'];
const CASE_TIMEOUT_MS = 180000;
const EXIT_SETUP_ERROR = 2;
const LOG_LINES_ON_FAILURE = 25;

function parseArgs(argv) {
  const options = { browsers: ['chromium', 'firefox'], cases: null, quick: false, extensionDir: REPO_ROOT, outDir: DEFAULT_OUT_DIR, verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    if (arg === '--browser') {
      const b = value();
      options.browsers = b === 'all' ? ['chromium', 'firefox'] : b.split(',');
      for (const name of options.browsers) if (!BROWSERS[name]) throw new Error(`unknown browser: ${name}`);
    } else if (arg === '--case') {
      options.cases = value().split(',');
      for (const id of options.cases) if (!CASES.some((c) => c.id === id)) throw new Error(`unknown case: ${id} (known: ${CASES.map((c) => c.id).join(', ')})`);
    } else if (arg === '--extension') {
      options.extensionDir = path.resolve(value());
    } else if (arg === '--out') {
      options.outDir = path.resolve(value());
    } else if (arg === '--debug-wasm') {
      options.debugWasm = path.resolve(value());
    } else if (arg === '--vectors') {
      options.vectorIds = value().split(',');
    } else if (arg === '--quick') {
      options.quick = true;
    } else if (arg === '--verbose') {
      options.verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      console.log('node tests/e2e/run.mjs [--browser chromium|firefox|all] [--case ID[,ID...]] [--extension DIR] [--out DIR] [--quick] [--verbose]');
      console.log(`cases: ${CASES.map((c) => c.id).join(', ')}`);
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return options;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new CaseFailure([`${what} took longer than ${ms} ms`])), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function formatMetrics(metrics = {}) {
  const parts = [];
  if (metrics.paintMs != null) parts.push(`trigger->painted ${metrics.paintMs} ms`);
  if (metrics.reopenMs != null) parts.push(`after reload ${metrics.reopenMs} ms`);
  return parts.join(', ');
}

/** Leaves the tab without a reader view, whatever the last case did. */
async function resetTab(driver) {
  try {
    const open = await driver.evalPage((sel) => Boolean(document.querySelector(sel)), HOST_SELECTOR);
    if (open) await driver.triggerAction();
  } catch {
    // the next case navigates anyway
  }
}

/** Files of the extension copied for the debug-engine copy (pkg/ is generated into it). */
const EXTENSION_COPY_ENTRIES = ['manifest.json', '_locales', 'extension'];

/** Builds a temporary copy of the extension whose engine is the given debug wasm. */
function makeDebugExtension(extensionDir, wasmFile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clearpage-e2e-debug-ext-'));
  for (const entry of EXTENSION_COPY_ENTRIES) {
    fs.cpSync(path.join(extensionDir, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.startsWith(path.join(extensionDir, 'extension', 'pkg')),
    });
  }
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', path.join(dir, 'extension', 'pkg'), wasmFile], { stdio: 'inherit' });
  return dir;
}

/** The cases this run executes, in order. */
function selectedCases(options) {
  const debugCaseWanted = (c) => c.id === 'panic' && Boolean(options.debugWasm);
  return CASES.filter((c) => (options.cases
    ? options.cases.includes(c.id)
    : (!c.explicitOnly || debugCaseWanted(c)) && !(options.quick && c.slow)));
}

async function runBrowser(name, options, env) {
  const results = [];
  let driver;
  const launchStarted = Date.now();
  try {
    driver = await BROWSERS[name]({ extensionDir: options.extensionDir, hostSelector: HOST_SELECTOR });
  } catch (error) {
    console.log(`[${name}] FAIL  could not start the browser with the extension: ${error.message}`);
    return selectedCases(options).map((c) => ({ browser: name, id: c.id, ok: false }));
  }
  console.log(`[${name}] ${driver.version}, extension ${driver.extensionId}, started in ${Date.now() - launchStarted} ms`);
  try {
    for (const testCase of selectedCases(options)) {
      const started = Date.now();
      try {
        const outcome = await withTimeout(testCase.run(driver, env), testCase.timeoutMs ?? CASE_TIMEOUT_MS, testCase.id);
        const metrics = formatMetrics(outcome?.metrics);
        console.log(`[${name}] PASS  ${testCase.title}${metrics ? `  (${metrics})` : ''}  [${Date.now() - started} ms]`);
        for (const note of outcome?.notes ?? []) console.log(`[${name}]         ${note}`);
        results.push({ browser: name, id: testCase.id, ok: true, metrics: outcome?.metrics });
      } catch (error) {
        console.log(`[${name}] FAIL  ${testCase.title}  [${Date.now() - started} ms]`);
        const lines = error instanceof CaseFailure ? error.failures : [error.stack ?? String(error)];
        for (const line of lines) console.log(`[${name}]         - ${line}`);
        if (options.verbose) for (const line of driver.consoleLines.slice(-LOG_LINES_ON_FAILURE)) console.log(`[${name}]         | ${line}`);
        results.push({ browser: name, id: testCase.id, ok: false });
        await resetTab(driver);
      }
    }
  } finally {
    await driver.close();
  }
  return results;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`e2e: ${error.message}`);
    process.exit(EXIT_SETUP_ERROR);
  }
  const missing = REQUIRED_EXTENSION_FILES.filter((f) => !fs.existsSync(path.join(options.extensionDir, f)));
  if (missing.length) {
    console.error(`e2e: the extension is not built (missing ${missing.join(', ')} in ${options.extensionDir}); run cargo xtask build`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(EXIT_SETUP_ERROR);
  }
  let debugExtensionDir = null;
  if (options.debugWasm) {
    try {
      debugExtensionDir = makeDebugExtension(options.extensionDir, options.debugWasm);
    } catch (error) {
      console.error(`e2e: could not assemble the debug extension from ${options.debugWasm}: ${error.message}`);
      console.log('e2e: 0 passed, 1 failed');
      process.exit(EXIT_SETUP_ERROR);
    }
  }
  const server = await startServer();
  let xvfb = null;
  const env = {
    url: server.url,
    server,
    outDir: options.outDir,
    repoRoot: REPO_ROOT,
    vectorIds: options.vectorIds ?? null,
    debugExtensionDir,
    launchBrowser: (name, extensionDir) => BROWSERS[name]({ extensionDir, hostSelector: HOST_SELECTOR }),
    manifest: JSON.parse(fs.readFileSync(path.join(options.extensionDir, 'manifest.json'), 'utf8')),
    /**
     * A browser of the same kind that can receive a real keyboard shortcut, when `driver` cannot
     * (headless Chromium): the same browser with a window on a private Xvfb display. Null if none.
     */
    async shortcutDriverFor(driver) {
      if (driver.canPressShortcuts) return driver;
      if (driver.name !== 'chromium') return null;
      xvfb ??= await startXvfb();
      if (!xvfb) return null;
      return BROWSERS.chromium({ extensionDir: options.extensionDir, hostSelector: HOST_SELECTOR, xDisplay: xvfb.display });
    },
  };
  console.log(`e2e: serving test pages at ${server.origin}; extension ${options.extensionDir}`);
  const results = [];
  try {
    for (const name of options.browsers) results.push(...await runBrowser(name, options, env));
  } finally {
    await server.close();
    xvfb?.stop();
    if (debugExtensionDir) fs.rmSync(debugExtensionDir, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const summary = options.browsers.map((b) => {
    const mine = results.filter((r) => r.browser === b);
    return `${b} ${mine.filter((r) => r.ok).length}/${mine.length}`;
  }).join(', ');
  console.log(`e2e: per browser: ${summary}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(EXIT_SETUP_ERROR);
});
