/**
 * Clearpage demo page behaviour: loads the engine through the library (lib/index.js), takes a
 * page (pasted, dropped, picked from samples/index.json), extracts it, and shows the reader view
 * (the extension's own renderer and stylesheet, in a closed shadow root), the metadata, the promos
 * found, the extraction time, and the json/html/text/markdown outputs.
 *
 * Safety: the page's HTML only ever travels as a string into the engine. Nothing from it is put
 * into this document except the engine's sanitized `content`, and that only through the shared
 * reader renderer inside a shadow root, under the page's Content-Security-Policy.
 */
import init, { extract, extractMarkdown, hasMarkdown, isProbablyReaderable } from "./lib/index.js";
import { mountReaderView } from "./reader-view.js";

/** Where the build puts the bundled sample pages and their listing. */
const SAMPLES_INDEX_URL = "samples/index.json";
const SAMPLES_DIR_URL = "samples/";
/** Pause after the last keystroke before re-extracting pasted HTML. */
const TYPING_DEBOUNCE_MS = 350;
/** Bytes scanned for a `<meta charset>` when decoding a dropped file. */
const CHARSET_SNIFF_BYTES = 2048;
/** How long the copy button says "Copied". */
const COPY_FEEDBACK_MS = 1500;
/** Metadata rows shown in the details panel, in order: [article key, label]. */
const METADATA_FIELDS = [
  ["title", "Title"],
  ["byline", "Byline"],
  ["siteName", "Site"],
  ["publishedTime", "Published"],
  ["lang", "Language"],
  ["dir", "Direction"],
  ["excerpt", "Excerpt"],
  ["leadImage", "Lead image"],
  ["length", "Characters"],
  ["readingMinutes", "Reading time"],
];

const elements = {
  form: document.getElementById("source-form"),
  samplePicker: document.getElementById("sample-picker"),
  filePicker: document.getElementById("file-picker"),
  url: document.getElementById("page-url"),
  html: document.getElementById("page-html"),
  dropZone: document.getElementById("drop-zone"),
  hidePromos: document.getElementById("hide-promos"),
  status: document.getElementById("status"),
  readerHost: document.getElementById("reader-host"),
  timing: document.getElementById("timing"),
  readerable: document.getElementById("readerable"),
  metadata: document.getElementById("metadata"),
  promoCount: document.getElementById("promo-count"),
  promoList: document.getElementById("promo-list"),
  tabs: [...document.querySelectorAll('#output-tabs [role="tab"]')],
  output: document.getElementById("output-panel"),
  copyButton: document.getElementById("copy-button"),
};

const state = {
  engineReady: false,
  samples: [],
  /** The last input extracted and its result, for the output tabs. */
  lastInput: null,
  lastArticle: null,
  /** The last extraction with promos "show", as drawn in the reader view. */
  shownResult: null,
  markdownCache: null,
  format: "json",
};

let readerView = null;
let typingTimer = 0;

function setStatus(message, tone = "info") {
  elements.status.textContent = message;
  elements.status.dataset.tone = tone;
  elements.status.hidden = message === "";
}

function currentInput() {
  return {
    html: elements.html.value,
    url: elements.url.value.trim() || undefined,
    promos: elements.hidePromos.checked ? "hide" : "show",
  };
}

/** Runs the engine once and measures it; never throws. */
function timedExtract(html, url, promos) {
  const started = performance.now();
  try {
    const article = extract(html, { url, promos });
    return { article, error: null, elapsedMs: performance.now() - started };
  } catch (error) {
    return { article: null, error, elapsedMs: performance.now() - started };
  }
}

/**
 * Runs the engine on the form's contents and refreshes every view. Like the extension, the reader
 * view gets the article extracted with promos "show" and hides them itself (one CSS class), so
 * the toggle needs no second extraction there; the outputs follow the toggle's mode.
 */
function runExtraction() {
  if (!state.engineReady) return;
  const input = currentInput();
  state.lastInput = input;
  if (input.html.trim() === "") {
    state.shownResult = null;
    readerView.render(null);
    elements.readerHost.hidden = true;
    elements.readerable.value = "–";
    showOutputs(null);
    setStatus("Paste a page, drop an .html file, or pick a sample.");
    return;
  }
  state.shownResult = timedExtract(input.html, input.url, "show");
  readerView.render(state.shownResult.article, { baseUrl: input.url });
  elements.readerHost.hidden = state.shownResult.article === null;
  try {
    elements.readerable.value = isProbablyReaderable(input.html) ? "yes" : "no";
  } catch {
    elements.readerable.value = "–";
  }
  refreshOutputs();
}

/** Re-runs the outputs (json/html/text/markdown, metadata, timing) for the toggle's promo mode. */
function refreshOutputs() {
  const input = state.lastInput;
  if (!input || !state.shownResult) return;
  input.promos = elements.hidePromos.checked ? "hide" : "show";
  const result = input.promos === "show" ? state.shownResult : timedExtract(input.html, input.url, "hide");
  showOutputs(result);
}

function showOutputs(result) {
  state.lastArticle = result?.article ?? null;
  state.markdownCache = null;
  elements.timing.value = result ? `${result.elapsedMs.toFixed(1)} ms` : "–";
  renderMetadata(state.lastArticle);
  renderPromos(state.lastArticle);
  renderOutput();
  if (!result) return;
  if (result.error) {
    const noArticle = result.error.kind === "no-article";
    setStatus(noArticle ? "No article found on this page." : `Extraction failed: ${result.error.message}`, noArticle ? "warn" : "error");
  } else {
    setStatus("");
  }
}

/** The page's promo checkbox: flips the reader view in place and re-runs the outputs. */
function onPromoToggle() {
  readerView?.setHidePromos(elements.hidePromos.checked);
  refreshOutputs();
}

/** The reader's own toolbar toggle keeps the page's checkbox in step. */
function onReaderPrefsChange(prefs) {
  if (elements.hidePromos.checked === prefs.hidePromos) return;
  elements.hidePromos.checked = prefs.hidePromos;
  refreshOutputs();
}

function renderMetadata(article) {
  const rows = [];
  for (const [key, label] of METADATA_FIELDS) {
    const value = article?.[key];
    if (value === null || value === undefined || value === "") continue;
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = key === "readingMinutes" ? `${value} min` : String(value);
    detail.dataset.field = key;
    rows.push(term, detail);
  }
  elements.metadata.replaceChildren(...rows);
}

function renderPromos(article) {
  const promos = article?.promos ?? [];
  elements.promoCount.textContent = article ? `(${promos.length})` : "";
  elements.promoList.replaceChildren(
    ...promos.map((promo) => {
      const item = document.createElement("li");
      const kind = document.createElement("span");
      kind.className = "promo-kind";
      kind.dataset.kind = promo.kind;
      kind.textContent = promo.kind;
      const text = document.createElement("span");
      text.className = "promo-text";
      text.textContent = promo.text;
      item.append(kind, " ", text);
      return item;
    }),
  );
}

/** Text of the selected output format for the last extraction. */
function outputText(format) {
  const article = state.lastArticle;
  if (!article) return "";
  switch (format) {
    case "json":
      return JSON.stringify(article, null, 2);
    case "html":
      return article.content;
    case "text":
      return article.textContent;
    case "markdown":
      return markdownOutput();
    default:
      return "";
  }
}

function markdownOutput() {
  if (!hasMarkdown()) return "Markdown output is not available in this build of the engine.";
  if (state.markdownCache === null) {
    const { html, url, promos } = state.lastInput;
    try {
      state.markdownCache = extractMarkdown(html, { url, promos });
    } catch (error) {
      state.markdownCache = `Markdown output failed: ${error.message}`;
    }
  }
  return state.markdownCache;
}

function renderOutput() {
  elements.output.textContent = outputText(state.format);
  elements.copyButton.disabled = state.lastArticle === null;
}

function selectTab(tab, { focus = false } = {}) {
  for (const other of elements.tabs) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
  }
  elements.output.setAttribute("aria-labelledby", tab.id);
  state.format = tab.dataset.format;
  if (focus) tab.focus();
  renderOutput();
}

function onTabKey(event) {
  const index = elements.tabs.indexOf(event.currentTarget);
  const last = elements.tabs.length - 1;
  const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  selectTab(elements.tabs[next], { focus: true });
}

async function copyOutput() {
  const text = elements.output.textContent;
  const original = elements.copyButton.textContent;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    // Insecure origins have no async clipboard: fall back to selecting the text for the user.
    const range = document.createRange();
    range.selectNodeContents(elements.output);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    copied = document.execCommand?.("copy") ?? false;
  }
  elements.copyButton.textContent = copied ? "Copied" : "Press Ctrl+C";
  setTimeout(() => {
    elements.copyButton.textContent = original;
  }, COPY_FEEDBACK_MS);
}

/** Decodes page bytes the way a browser would: BOM, then a declared charset, then UTF-8. */
function decodePage(bytes) {
  const view = new Uint8Array(bytes);
  if (view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) return new TextDecoder("utf-8").decode(view);
  if (view[0] === 0xff && view[1] === 0xfe) return new TextDecoder("utf-16le").decode(view);
  if (view[0] === 0xfe && view[1] === 0xff) return new TextDecoder("utf-16be").decode(view);
  const head = new TextDecoder("windows-1252").decode(view.subarray(0, CHARSET_SNIFF_BYTES));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared).decode(view);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  return new TextDecoder("utf-8").decode(view);
}

async function loadFile(file) {
  if (!file) return;
  elements.samplePicker.value = "";
  elements.html.value = decodePage(await file.arrayBuffer());
  setStatus(`Loaded ${file.name}.`);
  runExtraction();
}

async function loadSamples() {
  let listing;
  try {
    const response = await fetch(SAMPLES_INDEX_URL, { cache: "no-cache" });
    if (!response.ok) return;
    listing = await response.json();
  } catch {
    return; // No samples bundled: the picker just stays empty.
  }
  state.samples = Array.isArray(listing?.samples) ? listing.samples.filter((sample) => typeof sample?.file === "string") : [];
  for (const [index, sample] of state.samples.entries()) {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = sample.label || sample.file;
    elements.samplePicker.append(option);
  }
}

async function loadSample(index) {
  const sample = state.samples[Number(index)];
  if (!sample) return;
  setStatus(`Loading ${sample.label || sample.file}…`);
  const response = await fetch(SAMPLES_DIR_URL + encodeURIComponent(sample.file));
  if (!response.ok) {
    setStatus(`Could not load sample ${sample.file} (${response.status}).`, "error");
    return;
  }
  elements.html.value = decodePage(await response.arrayBuffer());
  elements.url.value = sample.url || "";
  runExtraction();
}

function scheduleExtraction() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(runExtraction, TYPING_DEBOUNCE_MS);
}

function wireEvents() {
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    runExtraction();
  });
  elements.html.addEventListener("input", () => {
    elements.samplePicker.value = "";
    scheduleExtraction();
  });
  elements.url.addEventListener("change", runExtraction);
  elements.hidePromos.addEventListener("change", onPromoToggle);
  elements.samplePicker.addEventListener("change", () => loadSample(elements.samplePicker.value));
  elements.filePicker.addEventListener("change", () => loadFile(elements.filePicker.files?.[0]));
  elements.dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    elements.dropZone.classList.add("dragging");
  });
  elements.dropZone.addEventListener("dragleave", () => elements.dropZone.classList.remove("dragging"));
  elements.dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    elements.dropZone.classList.remove("dragging");
    loadFile(event.dataTransfer?.files?.[0]);
  });
  for (const tab of elements.tabs) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", onTabKey);
  }
  elements.copyButton.addEventListener("click", copyOutput);
}

async function start() {
  wireEvents();
  renderOutput();
  try {
    readerView = await mountReaderView(elements.readerHost, {
      prefs: { hidePromos: elements.hidePromos.checked },
      onPrefsChange: onReaderPrefsChange,
    });
  } catch (error) {
    setStatus(`The reader view could not load (${error.message}). Run \`cargo xtask build\` first.`, "error");
    return;
  }
  const samplesLoaded = loadSamples();
  try {
    await init();
  } catch (error) {
    setStatus(`The engine could not start (${error.message}). Run \`cargo xtask build\` first.`, "error");
    return;
  }
  state.engineReady = true;
  document.documentElement.dataset.engine = "ready";
  await samplesLoaded;
  runExtraction();
}

start();
