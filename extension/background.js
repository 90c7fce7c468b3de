/**
 * Clearpage background (Chrome: module service worker; Firefox: module event page).
 *
 * Owns: the toolbar button and keyboard command, the wasm engine (instantiated once, lazily, and
 * reused across clicks and tabs), and the per-tab button state (badge + title).
 *
 * One click: inject platform.js + reader/reader.js + content.js into the active tab (the activeTab
 * grant from the click makes this possible without host permissions), ask the content script to
 * toggle. If the reader was open it closes; otherwise the content script returns a snapshot of the
 * page, we run `extract(html, url, "show")` here (wasm cannot be compiled in content scripts: the
 * page's CSP applies there) and send the Article back for the content script to render.
 *
 * Holds no state that matters across a service-worker restart: whether the reader is open is
 * known by the content script in the tab; prefs live in storage.sync.
 */
import "./platform.js";
import initEngine, * as engine from "./pkg/clearpage.js";

const { api, t, resourceUrl, isRestrictedPageError } = globalThis.ClearpagePlatform;

const CONTENT_FILES = ["extension/platform.js", "extension/reader/reader.js", "extension/content.js"];
const READER_CSS_PATH = "extension/reader/reader.css";
const WASM_PATH = "extension/pkg/clearpage_bg.wasm";
const PROMO_MODE_FOR_READER = "show"; // promos stay in content, marked; the reader toggles them

/** Messages: background -> content script, and content/extension pages -> background. */
const MESSAGE = Object.freeze({
  toggle: "clearpage-toggle",
  open: "clearpage-open",
  closed: "clearpage-closed",
  debugPanic: "clearpage-debug-panic",
});

/** Engine errors thrown as `{ kind, message }`; anything else thrown by wasm is a crash. */
const ENGINE_ERROR_KINDS = new Set(["no-article", "invalid-input"]);

/** Button states: badge text, badge colour, title message key. */
const BUTTON_STATE = Object.freeze({
  idle: { badge: "", color: null, titleKey: "actionTitle" },
  working: { badge: "\u2026", color: "#5f646c", titleKey: "titleWorking" },
  open: { badge: "", color: null, titleKey: "titleReaderOpen" },
  noArticle: { badge: "\u2014", color: "#5f646c", titleKey: "titleNoArticle" },
  restricted: { badge: "\u00d7", color: "#5f646c", titleKey: "titleRestricted" },
  tooLarge: { badge: "!", color: "#b3261e", titleKey: "titleTooLarge" },
  error: { badge: "!", color: "#b3261e", titleKey: "titleError" },
});

const BYTES_PER_MEGABYTE = 1024 * 1024;

/** Durations are logged and kept in `stats` to 0.1 ms. */
const roundMs = (ms) => Math.round(ms * 10) / 10;

// -----------------------------------------------------------------------------------------------
// Figures for `cargo xtask bench` (tests/bench/browser.mjs reads `globalThis.clearpageStats` in
// this service worker over CDP; also handy in the background's devtools console). Local only:
// nothing here is sent anywhere. Reset when the browser stops the worker.
// -----------------------------------------------------------------------------------------------

const stats = {
  /** Engine instances created: 1 for the life of this background unless a crash forced a reset. */
  engineInstantiations: 0,
  /** Fetch + compile + instantiate of the wasm module on first use, in ms; memory right after. */
  engineLoadMs: null,
  engineMemoryAtLoadBytes: null,
  /** Toggles finished (open, close or a failure), and the last one's timings (ms). */
  toggles: 0,
  lastTimings: null,
  /** Bytes of the engine's linear memory now (grows on demand, never shrinks; null after a reset). */
  get wasmMemoryBytes() {
    return engineMemory ? engineMemory.buffer.byteLength : null;
  },
};
globalThis.clearpageStats = stats;

// -----------------------------------------------------------------------------------------------
// Engine: one instance, created on first use
// -----------------------------------------------------------------------------------------------

let engineReady = null;
let engineMemory = null;
let panicArmedForNextExtract = false;

function loadEngine() {
  if (!engineReady) {
    const started = performance.now();
    engineReady = initEngine({ module_or_path: resourceUrl(WASM_PATH) })
      .then((exports) => {
        engineMemory = exports.memory ?? null;
        stats.engineInstantiations += 1;
        stats.engineLoadMs = roundMs(performance.now() - started);
        stats.engineMemoryAtLoadBytes = stats.wasmMemoryBytes;
        return engine;
      })
      .catch((error) => {
        engineReady = null; // let the next click try again
        throw error;
      });
  }
  return engineReady;
}

function isEngineError(error) {
  return error !== null && typeof error === "object" && ENGINE_ERROR_KINDS.has(error.kind);
}

/**
 * After a panic the instance's memory may be inconsistent. If the pkg was built with
 * `wasm-bindgen --experimental-reset-state-function`, re-instantiate it in place; otherwise keep
 * using it (a pure function like extract usually survives an aborted call).
 */
function recoverFromCrash() {
  if (typeof engine.__wbg_reset_state === "function") {
    try {
      engine.__wbg_reset_state();
      stats.engineInstantiations += 1;
      engineMemory = null; // the new instance's memory is not reachable from here
    } catch (error) {
      console.error("clearpage: engine reset failed", error);
    }
  }
}

/** The page goes to the engine as UTF-8 bytes (see `extractUtf8` in src/wasm.rs: less memory). */
const utf8Encoder = new TextEncoder();

/** Runs the engine; returns { article } | { noArticle } | { crashed }. Never throws. */
async function runExtract(html, url) {
  let wasm;
  try {
    wasm = await loadEngine();
  } catch (error) {
    console.error("clearpage: engine failed to load", error);
    return { crashed: error };
  }
  try {
    if (panicArmedForNextExtract && typeof wasm.debugPanic === "function") {
      panicArmedForNextExtract = false;
      wasm.debugPanic();
    }
    const started = performance.now();
    const article = wasm.extractUtf8(utf8Encoder.encode(html), url, PROMO_MODE_FOR_READER);
    return { article, extractMs: roundMs(performance.now() - started) };
  } catch (error) {
    if (isEngineError(error)) return { noArticle: error };
    console.error("clearpage: engine crashed", error);
    recoverFromCrash();
    return { crashed: error };
  }
}

// -----------------------------------------------------------------------------------------------
// Button state
// -----------------------------------------------------------------------------------------------

async function setButtonState(tabId, state, substitutions) {
  const title = t(state.titleKey, substitutions);
  const calls = [
    api.action.setBadgeText({ tabId, text: state.badge }),
    api.action.setTitle({ tabId, title }),
  ];
  if (state.color) calls.push(api.action.setBadgeBackgroundColor({ tabId, color: state.color }));
  await Promise.allSettled(calls);
}

// -----------------------------------------------------------------------------------------------
// Reader CSS (read once per background lifetime, sent with each article)
// -----------------------------------------------------------------------------------------------

let readerCss = null;

async function loadReaderCss() {
  if (readerCss === null) {
    const response = await fetch(resourceUrl(READER_CSS_PATH));
    readerCss = await response.text();
  }
  return readerCss;
}

// -----------------------------------------------------------------------------------------------
// The toggle
// -----------------------------------------------------------------------------------------------

const tabsInFlight = new Set();

function sendToTab(tabId, message) {
  return api.tabs.sendMessage(tabId, message, { frameId: 0 });
}

async function toggleReader(tab) {
  const tabId = tab?.id;
  if (typeof tabId !== "number" || tabId < 0) return;
  if (tabsInFlight.has(tabId)) return; // a second click while working is ignored
  tabsInFlight.add(tabId);
  const started = performance.now();
  const timings = { outcome: "failed" };
  try {
    await toggleReaderInTab(tabId, started, timings);
  } finally {
    tabsInFlight.delete(tabId);
    timings.total = roundMs(performance.now() - started);
    stats.lastTimings = timings;
    stats.toggles += 1;
  }
}

/**
 * One toggle in one tab, clicked at `started`. Fills `timings` (ms): `inject` (content scripts), `snapshot` (taken in
 * the page) and `snapshotMessage` (the rest of that round trip: moving the HTML here), `extract`
 * (the wasm call alone) and `aroundExtract` (the rest of that step), `render` (in the page) and
 * `openMessage` (the rest of that round trip), `total`, `htmlChars`, and `outcome` (open, closed,
 * no-article, restricted (with `reason`), too-large, failed).
 */
async function toggleReaderInTab(tabId, started, timings) {
  let stepStarted = started;
  /** Milliseconds since the previous step ended. */
  const step = () => {
    const now = performance.now();
    const ms = roundMs(now - stepStarted);
    stepStarted = now;
    return ms;
  };
  let injected;
  try {
    injected = await api.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
  } catch (error) {
    if (isRestrictedPageError(error)) {
      timings.outcome = "restricted";
      timings.reason = String(error?.message ?? error);
      await setButtonState(tabId, BUTTON_STATE.restricted);
      return;
    }
    throw error;
  }
  timings.inject = step();
  // Firefox may resolve with a per-frame error instead of rejecting.
  if (!Array.isArray(injected) || injected.length === 0 || injected.some((result) => result?.error)) {
    timings.outcome = "restricted";
    timings.reason = "injection returned no result or a frame error";
    await setButtonState(tabId, BUTTON_STATE.restricted);
    return;
  }

  let snapshot;
  try {
    snapshot = await sendToTab(tabId, { type: MESSAGE.toggle });
  } catch (error) {
    // Nobody listening: the script did not run in this document (a protected page).
    console.warn("clearpage: content script unreachable", error);
    timings.outcome = "restricted";
    timings.reason = String(error?.message ?? error);
    await setButtonState(tabId, BUTTON_STATE.restricted);
    return;
  }
  const snapshotRoundTrip = step();

  if (snapshot?.state === "closed") {
    timings.outcome = "closed";
    await setButtonState(tabId, BUTTON_STATE.idle);
    return;
  }
  if (snapshot?.state === "too-large") {
    timings.outcome = "too-large";
    const megabytes = snapshot.bytes ? String(Math.ceil(snapshot.bytes / BYTES_PER_MEGABYTE)) : "?";
    await setButtonState(tabId, BUTTON_STATE.tooLarge, [megabytes]);
    return;
  }
  if (snapshot?.state !== "snapshot") {
    console.error("clearpage: snapshot failed", snapshot);
    await setButtonState(tabId, BUTTON_STATE.error);
    return;
  }

  timings.snapshot = snapshot.snapshotMs;
  timings.snapshotMessage = roundMs(snapshotRoundTrip - snapshot.snapshotMs);
  timings.htmlChars = snapshot.html.length;

  await setButtonState(tabId, BUTTON_STATE.working);
  const [result, css] = await Promise.all([runExtract(snapshot.html, snapshot.url), loadReaderCss()]);
  timings.extract = result.extractMs;
  if (result.noArticle) {
    timings.outcome = "no-article";
    await setButtonState(tabId, BUTTON_STATE.noArticle);
    return;
  }
  if (result.crashed) {
    await setButtonState(tabId, BUTTON_STATE.error);
    return;
  }

  // Badge update, the engine's load on a cold start, the reader CSS: around the wasm call.
  timings.aroundExtract = roundMs(step() - result.extractMs);
  let shown;
  try {
    // textContent is not shown by the reader view: do not ship a second copy of the article text.
    const article = { ...result.article, textContent: undefined };
    shown = await sendToTab(tabId, { type: MESSAGE.open, article, css, url: snapshot.url });
  } catch (error) {
    console.error("clearpage: reader view could not be shown", error);
    shown = null;
  }
  const openRoundTrip = step();
  if (shown?.state === "open") {
    timings.outcome = "open";
    timings.render = shown.renderMs;
    timings.openMessage = roundMs(openRoundTrip - shown.renderMs);
  }
  await setButtonState(tabId, shown?.state === "open" ? BUTTON_STATE.open : BUTTON_STATE.error);
  console.info("clearpage: timings (ms)", { ...timings, total: roundMs(performance.now() - started) });
}

// -----------------------------------------------------------------------------------------------
// Events (registered synchronously at top level so a restarted worker receives them)
// -----------------------------------------------------------------------------------------------

api.action.onClicked.addListener((tab) => {
  toggleReader(tab).catch((error) => console.error("clearpage: toggle failed", error));
});

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || typeof message.type !== "string") return false;

  if (message.type === MESSAGE.closed) {
    const tabId = sender.tab?.id;
    if (typeof tabId === "number") setButtonState(tabId, BUTTON_STATE.idle);
    return false;
  }

  if (message.type === MESSAGE.debugPanic) {
    // Debug builds only: the export does not exist in release builds, so this is inert there.
    loadEngine().then(
      (wasm) => {
        if (typeof wasm.debugPanic !== "function") {
          sendResponse({ available: false });
          return;
        }
        if (message.onNextExtract) {
          panicArmedForNextExtract = true;
          sendResponse({ available: true, armed: true });
          return;
        }
        try {
          wasm.debugPanic();
          sendResponse({ available: true, panicked: false });
        } catch (error) {
          recoverFromCrash();
          const tabId = sender.tab?.id;
          if (typeof tabId === "number") setButtonState(tabId, BUTTON_STATE.error);
          sendResponse({ available: true, panicked: true, error: String(error) });
        }
      },
      (error) => sendResponse({ available: false, error: String(error) }),
    );
    return true; // async response
  }
  return false;
});

// A navigation ends whatever the badge said about the previous page.
api.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status === "loading") setButtonState(tabId, BUTTON_STATE.idle);
});
