/**
 * Clearpage library entry point: a small, documented API over the raw wasm-bindgen exports in
 * ../pkg/clearpage.js. Owns engine start-up (browsers, web workers and Node 20+), option
 * checking, and turning the engine's thrown `{kind, message}` objects into real `Error`s.
 *
 *   import init, { extract, isProbablyReaderable } from "clearpage";
 *   await init();
 *   const article = extract(html, { url, promos: "hide" });
 */
import startWasm, * as engine from "../pkg/clearpage.js";

/** File name of the compiled engine, beside the generated glue module. */
const WASM_FILE_URL = new URL("../pkg/clearpage_bg.wasm", import.meta.url);

/** The two promo modes the engine understands; the first is the default. */
export const PROMO_MODES = Object.freeze(["hide", "show"]);

/**
 * An extraction failure. `kind` is "no-article", "invalid-input", "internal-error" (the engine
 * trapped), "not-initialized" or "unsupported".
 */
export class ClearpageError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "ClearpageError";
    this.kind = kind;
  }
}

let startup = null;
let ready = false;

/** True when running under Node (or a runtime that mimics it), where `fetch` cannot read file: URLs. */
function runningInNode() {
  return typeof process === "object" && process !== null && typeof process.versions?.node === "string";
}

/** Node's file module; named through a variable so browser bundlers do not try to resolve it. */
const NODE_FS_MODULE = "node:fs/promises";

/** Reads the .wasm file that sits next to this package, for runtimes without file: fetch. */
async function readWasmFromDisk() {
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS_MODULE);
  return readFile(WASM_FILE_URL);
}

/**
 * Loads and instantiates the engine. Call once and await it before `extract`; later calls return
 * the same promise. `source` is optional: a URL, a `Response`, bytes (`ArrayBuffer`, typed array,
 * Node `Buffer`) or a compiled `WebAssembly.Module`. Without it, browsers and workers fetch
 * `clearpage_bg.wasm` beside the module and Node reads it from disk.
 */
export default function init(source) {
  if (startup) return startup;
  startup = (async () => {
    let moduleOrPath = source;
    if (moduleOrPath === undefined) {
      moduleOrPath = runningInNode() ? await readWasmFromDisk() : WASM_FILE_URL;
    }
    await startWasm({ module_or_path: moduleOrPath });
    ready = true;
  })();
  startup.catch(() => {
    startup = null; // a failed start (e.g. a bad path) may be retried
  });
  return startup;
}

function requireReady() {
  if (!ready) {
    throw new ClearpageError("not-initialized", "clearpage: await init() before calling the engine");
  }
}

function requireString(html) {
  if (typeof html !== "string") {
    throw new TypeError(`clearpage: html must be a string, got ${html === null ? "null" : typeof html}`);
  }
}

function checkedOptions(options = {}) {
  const { url, promos = PROMO_MODES[0] } = options ?? {};
  if (url !== undefined && url !== null && typeof url !== "string") {
    throw new TypeError("clearpage: options.url must be a string");
  }
  if (!PROMO_MODES.includes(promos)) {
    throw new TypeError(`clearpage: options.promos must be "hide" or "show", got ${JSON.stringify(promos)}`);
  }
  return { url: url || undefined, promos };
}

/**
 * Re-throws what the engine threw: its `{kind, message}` objects as `ClearpageError`s; a trap
 * (an engine panic, `WebAssembly.RuntimeError`) as kind "internal-error" after starting a fresh
 * engine instance when the build supports it, so the next call works.
 */
function rethrow(thrown) {
  if (thrown && typeof thrown === "object" && !(thrown instanceof Error) && typeof thrown.kind === "string") {
    throw new ClearpageError(thrown.kind, String(thrown.message ?? thrown.kind));
  }
  if (thrown instanceof WebAssembly.RuntimeError) {
    if (typeof engine.__wbg_reset_state === "function") engine.__wbg_reset_state();
    const error = new ClearpageError("internal-error", `clearpage: the engine failed (${thrown.message})`);
    error.cause = thrown;
    throw error;
  }
  throw thrown;
}

/**
 * Extracts the article from a whole page given as a string. Returns the same object as the CLI's
 * JSON: title, byline, siteName, publishedTime, lang, dir, excerpt, leadImage (string or null),
 * content (sanitized HTML), textContent, length, readingMinutes and promos ([{kind, text}]).
 * Throws `ClearpageError` with kind "no-article" when the page holds no article.
 */
export function extract(html, options) {
  requireReady();
  requireString(html);
  const { url, promos } = checkedOptions(options);
  try {
    return engine.extract(html, url, promos);
  } catch (thrown) {
    return rethrow(thrown);
  }
}

/** True when this build of the engine can write Markdown (`extractMarkdown`). */
export function hasMarkdown() {
  return typeof engine.extractMarkdown === "function";
}

/**
 * The article as Markdown, as `clearpage extract --format markdown` writes it. Throws
 * `ClearpageError` with kind "unsupported" when the loaded engine has no Markdown writer.
 */
export function extractMarkdown(html, options) {
  requireReady();
  requireString(html);
  if (!hasMarkdown()) {
    throw new ClearpageError("unsupported", "clearpage: this engine build has no Markdown output");
  }
  const { url, promos } = checkedOptions(options);
  try {
    return engine.extractMarkdown(html, url, promos);
  } catch (thrown) {
    return rethrow(thrown);
  }
}

/** Cheap yes/no: does this page look like it holds an article? */
export function isProbablyReaderable(html) {
  requireReady();
  requireString(html);
  return engine.isProbablyReaderable(html);
}
