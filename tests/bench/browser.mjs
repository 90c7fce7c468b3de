// Browser benchmark (the last step of `cargo xtask bench`): the built extension in headless Debian
// Chromium on every page of ../shared/corpus/readability, served from 127.0.0.1 (read in place),
// against Readability.js (@mozilla/readability) in the same tab. Owns the figures of the browser
// path; prints them and never fails on time.
//
// Per page, in one tab: (a) toolbar click to reader view painted, with the background's breakdown
// (inject, snapshot, moving the HTML, extract, render, moving the article); (b) the wasm `extract`
// call alone, timed in the service worker around the call; (c) Readability on
// `document.cloneNode(true)` of the same live document. Also: wasm size (raw, gzip), cold engine
// load, instantiation count across clicks and tabs, wasm linear memory after the largest page and
// after repeated extractions of it. Ends with one `bench: ...` summary line that includes the
// native bench's figures (target/bench/native.json, written by examples/bench.rs).
//
// Usage (from the repository root, after `cargo xtask build`):
//   node tests/bench/browser.mjs [--runs N] [--pages NAME[,NAME...]] [--native FILE] [--out FILE]
// Exit code: 0 when the figures were taken, 2 when the bench could not run (not built, no browser).
// Firefox is not measured (Chromium only).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { startServer, REPO_ROOT, SHARED_DIR } from '../e2e/server.mjs';
import { launchChromium } from '../e2e/drivers/chromium.mjs';
import { HOST_SELECTOR } from '../e2e/reader-contract.mjs';

const CORPUS_DIR = path.join(SHARED_DIR, 'corpus', 'readability');
const WASM_FILE = path.join(REPO_ROOT, 'extension', 'pkg', 'clearpage_bg.wasm');
const REQUIRED_FILES = ['extension/pkg/clearpage.js', 'extension/pkg/clearpage_bg.wasm', 'node_modules/playwright-core', 'node_modules/@mozilla/readability'];
const DEFAULT_NATIVE_FIGURES = path.join(REPO_ROOT, 'target', 'bench', 'native.json');
const DEFAULT_OUT_FILE = path.join(REPO_ROOT, 'target', 'bench', 'browser.json');
/** Measured runs per page (after one unmeasured warm-up click); the median counts. */
const DEFAULT_RUNS_PER_PAGE = 5;
/** Extra open/close cycles on the largest page, to see whether wasm memory keeps growing. */
const MEMORY_REPEATS = 10;
/** Background restarts, each followed by a click that loads the engine cold. */
const COLD_STARTS = 3;
const GZIP_LEVEL = 9;
const CLICK_TIMEOUT_MS = 60000;
/** Longest wait for a reader view that should appear (the slowest corpus page opens in ~1 s). */
const PAINT_TIMEOUT_MS = 15000;
const RETRY_PAUSE_MS = 500;
const POLL_MS = 10;
const KIB = 1024;
const MIB = 1024 * 1024;
const PERCENTILE_95 = 0.95;
const EXIT_SETUP_ERROR = 2;
/** The page URL the engine gets is the loopback one; pages are served under this path. */
const corpusPath = (name) => `/corpus/${encodeURIComponent(name)}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const options = { runs: DEFAULT_RUNS_PER_PAGE, pages: null, native: DEFAULT_NATIVE_FIGURES, out: DEFAULT_OUT_FILE };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || DEFAULT_RUNS_PER_PAGE);
    else if (arg === '--pages') options.pages = value().split(',');
    else if (arg === '--native') options.native = path.resolve(value());
    else if (arg === '--out') options.out = path.resolve(value());
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

// ---- figures ----------------------------------------------------------------------------------

/** The value at quantile `q` of `values` (nearest rank, as the native bench); null when empty. */
function quantile(values, q) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.round((sorted.length - 1) * q)];
}
const median = (values) => quantile(values, 0.5);
const p95 = (values) => quantile(values, PERCENTILE_95);

function ms(value, digits = 1) {
  return value == null ? '-' : value.toFixed(digits);
}

function ratio(ours, theirs) {
  return ours != null && theirs ? ours / theirs : null;
}

// ---- page and background probes (serialized and run in the browser) ---------------------------

/**
 * Page: arms a promise that resolves when the reader host appears with data-state="open" and the
 * next frame after it has been painted (rAF runs just before a paint; a task queued from there runs
 * after it), in page time. The e2e tests define "painted" the same way. Returns the page time now.
 */
function armPaintProbe(selector) {
  window.__clearpageBenchPaint = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const host = document.querySelector(selector);
      if (!host || host.getAttribute('data-state') !== 'open') return;
      observer.disconnect();
      const openedAt = performance.now();
      requestAnimationFrame(() => setTimeout(() => resolve({ openedAt, paintedAt: performance.now() }), 0));
    });
    // The content script appends the host to <html> with data-state already set.
    observer.observe(document.documentElement, { childList: true });
  });
  return performance.now();
}

/** Page: waits for the armed paint probe, at most `timeoutMs`; null on timeout. */
function awaitPaintProbe(timeoutMs) {
  return Promise.race([window.__clearpageBenchPaint, new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

/** Page: whether the reader host is present. */
function hostPresent(selector) {
  return Boolean(document.querySelector(selector));
}

/** Page: Readability on a clone of the live document, timed in page time. */
function readabilityRun() {
  const ReadabilityClass = window.__clearpageBenchReadability;
  const started = performance.now();
  const clone = document.cloneNode(true);
  const cloned = performance.now();
  const article = new ReadabilityClass(clone).parse();
  const parsed = performance.now();
  return { cloneMs: cloned - started, parseMs: parsed - cloned, found: Boolean(article), textLength: article?.length ?? 0 };
}

/** Background: the figures background.js keeps in `globalThis.clearpageStats`. */
function readStats() {
  const stats = globalThis.clearpageStats;
  if (!stats) return null;
  return {
    engineInstantiations: stats.engineInstantiations,
    engineLoadMs: stats.engineLoadMs,
    engineMemoryAtLoadBytes: stats.engineMemoryAtLoadBytes,
    toggles: stats.toggles,
    lastTimings: stats.lastTimings,
    wasmMemoryBytes: stats.wasmMemoryBytes,
  };
}

// ---- driving the extension ---------------------------------------------------------------------

/** The background's stats; retried while a restarted service worker comes up. */
async function stats(driver) {
  const deadline = Date.now() + CLICK_TIMEOUT_MS;
  for (;;) {
    try {
      const value = await driver.evalBackground(readStats);
      if (value) return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('the background has no clearpageStats (extension not built from this tree?)');
    await sleep(POLL_MS);
  }
}

/** Waits until the background has finished more than `togglesBefore` toggles; returns its stats. */
async function toggleFinished(driver, togglesBefore) {
  const deadline = Date.now() + CLICK_TIMEOUT_MS;
  for (;;) {
    const now = await stats(driver);
    if (now.toggles > togglesBefore) return now;
    if (Date.now() > deadline) throw new Error(`the toolbar click did not finish in ${CLICK_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
}

/**
 * Clicks on corpus pages that the background answered as "restricted" (the content script could
 * not be injected or reached); each is retried once and reported with the page and the reason
 * the background gives. Not expected on loopback pages.
 */
const restrictedAnswers = [];

async function noteRestricted(driver, timings) {
  const page = await driver.evalPage(() => location.pathname).catch(() => '?');
  restrictedAnswers.push(`${page}: ${timings?.reason ?? 'no reason given'}`);
}

/** One toolbar click, without paint timing; returns the background's stats after it. */
async function click(driver, retryRestricted = true) {
  const before = (await stats(driver)).toggles;
  await driver.triggerAction();
  const after = await toggleFinished(driver, before);
  if (retryRestricted && after.lastTimings?.outcome === 'restricted') {
    await noteRestricted(driver, after.lastTimings);
    await sleep(RETRY_PAUSE_MS);
    return click(driver, false);
  }
  return after;
}

/** Closes the reader view if it is open. */
async function ensureClosed(driver) {
  if (await driver.evalPage(hostPresent, HOST_SELECTOR)) {
    const after = await click(driver);
    if (after.lastTimings?.outcome !== 'closed') throw new Error(`closing gave ${after.lastTimings?.outcome}`);
  }
}

/**
 * One measured click from a closed reader view: click, then (when the warm-up click opened a
 * reader view) wait in the page for it to be painted before asking the background anything, so
 * nothing polls the extension while the click is timed. Returns { paintMs, timings }; paintMs is
 * null when no reader view appeared (no article).
 */
async function measuredOpen(driver, expectReader, retryRestricted = true) {
  const before = (await stats(driver)).toggles;
  const trigger = await driver.preparedTrigger();
  const startedAt = await driver.evalPage(armPaintProbe, HOST_SELECTOR);
  await trigger();
  const probe = expectReader ? await driver.evalPage(awaitPaintProbe, PAINT_TIMEOUT_MS) : null;
  const after = await toggleFinished(driver, before);
  if (retryRestricted && after.lastTimings?.outcome === 'restricted') {
    await noteRestricted(driver, after.lastTimings);
    await sleep(RETRY_PAUSE_MS);
    return measuredOpen(driver, expectReader, false);
  }
  const painted = probe && after.lastTimings?.outcome === 'open';
  return { paintMs: painted ? probe.paintedAt - startedAt : null, timings: after.lastTimings };
}

// ---- phases ------------------------------------------------------------------------------------

function corpusPages(filter) {
  const names = fs.readdirSync(CORPUS_DIR)
    .filter((name) => fs.existsSync(path.join(CORPUS_DIR, name, 'source.html')))
    .sort();
  const chosen = filter ? names.filter((n) => filter.includes(n)) : names;
  return chosen.map((name) => ({ name, bytes: fs.statSync(path.join(CORPUS_DIR, name, 'source.html')).size }));
}

function wasmSize() {
  const bytes = fs.readFileSync(WASM_FILE);
  return { rawBytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: GZIP_LEVEL }).length };
}

/** Largest page first, in a fresh background: memory after one extraction, then after repeats. */
async function memoryPhase(driver, server, page) {
  await driver.goto(server.url(corpusPath(page.name)));
  const first = await click(driver);
  const afterFirst = first.wasmMemoryBytes;
  await ensureClosed(driver);
  for (let i = 0; i < MEMORY_REPEATS; i += 1) {
    await click(driver);
    await ensureClosed(driver);
  }
  const afterRepeats = (await stats(driver)).wasmMemoryBytes;
  return {
    page: page.name,
    pageBytes: page.bytes,
    snapshotChars: first.lastTimings?.htmlChars ?? null,
    outcome: first.lastTimings?.outcome,
    atLoadBytes: first.engineMemoryAtLoadBytes,
    afterFirstBytes: afterFirst,
    afterRepeatsBytes: afterRepeats,
    repeats: MEMORY_REPEATS,
    engineLoadMs: first.engineLoadMs,
  };
}

async function benchPage(driver, server, page, runs, readabilitySource) {
  await driver.goto(server.url(corpusPath(page.name)));
  // Warm-up click (not counted): also tells whether there is an article.
  const probe = await click(driver);
  const outcome = probe.lastTimings?.outcome;
  await ensureClosed(driver);
  const ours = [];
  for (let i = 0; i < runs; i += 1) {
    const run = await measuredOpen(driver, outcome === 'open');
    ours.push({ paintMs: run.paintMs, ...run.timings });
    await ensureClosed(driver);
  }
  await driver.runPageScript(readabilitySource);
  const theirs = [];
  for (let i = 0; i < runs; i += 1) theirs.push(await driver.evalPage(readabilityRun));
  const pick = (rows, key) => median(rows.map((r) => r[key]));
  return {
    name: page.name,
    bytes: page.bytes,
    outcome,
    htmlChars: probe.lastTimings?.htmlChars ?? null,
    extractMs: pick(ours, 'extract'),
    paintMs: pick(ours, 'paintMs'),
    breakdown: Object.fromEntries(['inject', 'snapshot', 'snapshotMessage', 'aroundExtract', 'extract', 'render', 'openMessage', 'total', 'paintMs']
      .map((key) => [key, pick(ours, key)])),
    readabilityMs: median(theirs.map((r) => r.cloneMs + r.parseMs)),
    readabilityParseMs: pick(theirs, 'parseMs'),
    readabilityCloneMs: pick(theirs, 'cloneMs'),
    readabilityFound: theirs[0]?.found ?? false,
    ...await (async () => {
      const now = await stats(driver);
      return { instantiations: now.engineInstantiations, memoryAfterBytes: now.wasmMemoryBytes };
    })(),
  };
}

/**
 * The page's own need: the background is restarted (a fresh engine instance), the page clicked
 * once, and the instance's linear memory read. Also a cold start.
 */
async function freshInstanceMemory(driver, server, page) {
  const stopped = await driver.stopBackground();
  if (!stopped.stopped) return { page: page.name, error: stopped.reason };
  await driver.goto(server.url(corpusPath(page.name)));
  await driver.triggerAction();
  const after = await toggleFinished(driver, 0);
  await ensureClosed(driver);
  return { page: page.name, pageBytes: page.bytes, bytes: after.wasmMemoryBytes, outcome: after.lastTimings?.outcome };
}

/** A click in a second tab: the engine instance must be the same one (no new instantiation). */
async function secondTabPhase(driver, server, page) {
  const before = await stats(driver);
  await driver.openTab();
  await driver.goto(server.url(corpusPath(page.name)));
  const after = await click(driver);
  await ensureClosed(driver);
  return { before: before.engineInstantiations, after: after.engineInstantiations, outcome: after.lastTimings?.outcome };
}

/** Background stopped, then a click: the engine is loaded cold in the new background. */
async function coldStartPhase(driver, server, page) {
  const loads = [];
  for (let i = 0; i < COLD_STARTS; i += 1) {
    const stopped = await driver.stopBackground();
    if (!stopped.stopped) {
      loads.push({ error: stopped.reason });
      continue;
    }
    await driver.goto(server.url(corpusPath(page.name)));
    await driver.triggerAction();
    const after = await toggleFinished(driver, 0);
    loads.push({ engineLoadMs: after.engineLoadMs, instantiations: after.engineInstantiations, totalMs: after.lastTimings?.total, outcome: after.lastTimings?.outcome });
    await ensureClosed(driver);
  }
  return loads;
}

// ---- report ------------------------------------------------------------------------------------

function readNativeFigures(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function printPages(results) {
  console.log('browser: per page (ms, medians): ours = wasm extract in the background; readability = clone + parse in the page; paint = click to reader view painted');
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const x = ratio(r.extractMs, r.readabilityMs);
    console.log(`  ${r.name.padEnd(width)} ${String(Math.round(r.bytes / KIB)).padStart(5)} KB  ours ${ms(r.extractMs).padStart(7)}  readability ${ms(r.readabilityMs).padStart(7)}  ratio ${x == null ? '  -  ' : x.toFixed(2)}  paint ${ms(r.paintMs).padStart(7)}${r.outcome === 'open' ? '' : `  (${r.outcome})`}${r.readabilityFound ? '' : '  (readability: none)'}`);
  }
}

function printBreakdown(results) {
  const opened = results.filter((r) => r.outcome === 'open');
  const keys = [
    ['inject', 'inject content scripts'],
    ['snapshot', 'snapshot (in page)'],
    ['snapshotMessage', 'snapshot message (HTML to background)'],
    ['aroundExtract', 'badge + CSS around extract'],
    ['extract', 'extract (wasm)'],
    ['openMessage', 'article message (to page)'],
    ['render', 'render (in page)'],
    ['total', 'background total'],
    ['paintMs', 'click to painted'],
  ];
  console.log(`browser: where the time goes (per-page medians over ${opened.length} pages with a reader view; median / p95 / share of the median click-to-paint)`);
  const paint = median(opened.map((r) => r.breakdown.paintMs));
  for (const [key, label] of keys) {
    const values = opened.map((r) => r.breakdown[key]);
    const m = median(values);
    console.log(`  ${label.padEnd(40)} ${ms(m).padStart(7)} / ${ms(p95(values)).padStart(7)} ms  ${paint ? `${Math.round((100 * m) / paint)}%` : ''}`);
  }
  const rest = opened.map((r) => (r.breakdown.paintMs != null && r.breakdown.total != null ? r.breakdown.paintMs - r.breakdown.total : null));
  console.log(`  ${'click dispatch + frame (painted - total)'.padEnd(40)} ${ms(median(rest)).padStart(7)} / ${ms(p95(rest)).padStart(7)} ms`);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`browser bench: ${error.message}`);
    process.exit(EXIT_SETUP_ERROR);
  }
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
  if (missing.length) {
    console.error(`browser bench: missing ${missing.join(', ')}; run cargo xtask build first`);
    process.exit(EXIT_SETUP_ERROR);
  }
  if (!fs.existsSync(CORPUS_DIR)) {
    console.error(`browser bench: corpus not found at ${CORPUS_DIR}`);
    process.exit(EXIT_SETUP_ERROR);
  }
  const pages = corpusPages(options.pages);
  if (pages.length === 0) {
    console.error('browser bench: no corpus page selected');
    process.exit(EXIT_SETUP_ERROR);
  }
  const require = createRequire(import.meta.url);
  const readabilityFile = require.resolve('@mozilla/readability/Readability.js', { paths: [REPO_ROOT] });
  const readabilitySource = `window.__clearpageBenchReadability = (() => {\n${fs.readFileSync(readabilityFile, 'utf8')}\n;return Readability; })(); true;`;

  const size = wasmSize();
  console.log(`browser: wasm ${(size.rawBytes / KIB).toFixed(0)} KB raw, ${(size.gzipBytes / KIB).toFixed(0)} KB gzip (${path.relative(REPO_ROOT, WASM_FILE)})`);

  const server = await startServer();
  let driver;
  try {
    driver = await launchChromium({ extensionDir: REPO_ROOT, hostSelector: HOST_SELECTOR });
  } catch (error) {
    await server.close();
    console.error(`browser bench: could not start Chromium with the extension: ${error.message}`);
    process.exit(EXIT_SETUP_ERROR);
  }
  console.log(`browser: ${driver.version}, ${pages.length} pages from ${path.relative(REPO_ROOT, CORPUS_DIR)} at ${server.origin}, ${options.runs} runs each (+1 warm-up)`);

  const results = [];
  let memory;
  let secondTab;
  let coldStarts;
  try {
    const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    memory = await memoryPhase(driver, server, largest);
    for (const page of pages) {
      try {
        results.push(await benchPage(driver, server, page, options.runs, readabilitySource));
      } catch (error) {
        console.log(`  ${page.name}: not measured (${error.message})`);
        await ensureClosed(driver).catch(() => {});
      }
    }
    const afterCorpus = await stats(driver);
    memory.afterCorpusBytes = afterCorpus.wasmMemoryBytes;
    memory.instantiations = afterCorpus.engineInstantiations;
    memory.clicks = afterCorpus.toggles;
    memory.backgroundHeap = await driver.backgroundMemory().catch(() => null);
    // Where the shared instance's memory grew, and the page that took it to its peak, alone.
    memory.growth = [];
    let seen = memory.afterRepeatsBytes ?? 0;
    for (const r of results) {
      if (r.memoryAfterBytes > seen) memory.growth.push({ page: r.name, pageBytes: r.bytes, bytes: r.memoryAfterBytes });
      seen = Math.max(seen, r.memoryAfterBytes ?? 0);
    }
    const peakPage = memory.growth.at(-1);
    if (peakPage) memory.fresh = await freshInstanceMemory(driver, server, pages.find((p) => p.name === peakPage.page));
    const middle = [...pages].sort((a, b) => a.bytes - b.bytes)[Math.floor(pages.length / 2)];
    const other = pages.find((p) => p.name !== middle.name) ?? middle;
    coldStarts = await coldStartPhase(driver, server, middle);
    secondTab = await secondTabPhase(driver, server, other); // the first tab stays on `middle`
  } finally {
    await driver.close();
    await server.close();
  }

  printPages(results);
  printBreakdown(results);

  const ours = results.map((r) => r.extractMs);
  const theirs = results.map((r) => r.readabilityMs);
  const paints = results.map((r) => r.paintMs);
  const oursMedian = median(ours);
  const theirsMedian = median(theirs);
  const medianRatio = ratio(oursMedian, theirsMedian);
  const perPageRatios = results.map((r) => ratio(r.extractMs, r.readabilityMs));
  console.log(`browser: extract median ${ms(oursMedian)} ms p95 ${ms(p95(ours))} ms; readability median ${ms(theirsMedian)} ms p95 ${ms(p95(theirs))} ms (parse alone median ${ms(median(results.map((r) => r.readabilityParseMs)))} ms); ratio of medians ${medianRatio?.toFixed(2)}; per-page ratio median ${median(perPageRatios)?.toFixed(2)} p95 ${p95(perPageRatios)?.toFixed(2)}`);
  console.log(`browser: click to reader view painted median ${ms(median(paints))} ms p95 ${ms(p95(paints))} ms max ${ms(quantile(paints, 1))} ms over ${paints.filter((p) => p != null).length} pages`);

  console.log(`browser: engine instantiated ${memory.instantiations} time(s) in one background over ${memory.clicks} clicks on ${results.length} pages; a click in a second tab: instances ${secondTab.before} -> ${secondTab.after} (${secondTab.outcome}); first load ${ms(memory.engineLoadMs)} ms (fetch + compile + instantiate, fresh profile)`);
  console.log(`browser: cold starts after stopping the background: ${coldStarts.map((c) => (c.error ? `error (${c.error})` : `load ${ms(c.engineLoadMs)} ms, click ${ms(c.totalMs)} ms, instances ${c.instantiations}`)).join('; ')}`);
  const peak = Math.max(memory.afterFirstBytes ?? 0, memory.afterRepeatsBytes ?? 0, memory.afterCorpusBytes ?? 0, memory.fresh?.bytes ?? 0);
  const mb = (bytes) => (bytes == null ? '-' : (bytes / MIB).toFixed(1));
  console.log(`browser: wasm memory ${mb(memory.atLoadBytes)} MB at load; ${mb(memory.afterFirstBytes)} MB after the largest page (${memory.page}, ${mb(memory.pageBytes)} MB source, ${mb(memory.snapshotChars)} M chars snapshot: ${(memory.afterFirstBytes / memory.pageBytes).toFixed(1)}x); ${mb(memory.afterRepeatsBytes)} MB after ${memory.repeats} more (${memory.afterRepeatsBytes > memory.afterFirstBytes ? 'grew' : 'no growth'}); ${mb(memory.afterCorpusBytes)} MB after the whole corpus; wasm memory never shrinks`);
  if (memory.growth.length) {
    console.log(`browser: the shared instance grew after the largest page at: ${memory.growth.map((g) => `${g.page} (${mb(g.pageBytes)} MB) -> ${mb(g.bytes)} MB`).join(', ')}`);
  }
  if (memory.fresh && !memory.fresh.error) {
    console.log(`browser: ${memory.fresh.page} alone on a fresh instance: ${mb(memory.fresh.bytes)} MB = ${(memory.fresh.bytes / memory.fresh.pageBytes).toFixed(1)}x its ${mb(memory.fresh.pageBytes)} MB source (${memory.fresh.outcome})`);
  }
  if (memory.backgroundHeap) console.log(`browser: background JS heap + array buffers after GC: ${mb(memory.backgroundHeap.bytes)} MB`);
  if (restrictedAnswers.length) {
    console.log(`browser: ${restrictedAnswers.length} click(s) answered "restricted" and were retried once; ${restrictedAnswers.join('; ')}`);
  }
  console.log('browser: Firefox not measured (Chromium only)');

  const native = readNativeFigures(options.native);
  const figures = {
    browser: driver.version,
    runsPerPage: options.runs,
    wasm: size,
    pages: results,
    extractMedianMs: oursMedian,
    readabilityMedianMs: theirsMedian,
    ratioOfMedians: medianRatio,
    paintMedianMs: median(paints),
    paintP95Ms: p95(paints),
    memory: { ...memory, peakBytes: peak },
    secondTab,
    coldStarts,
    restrictedAnswers,
    native,
  };
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`browser: figures written to ${path.relative(REPO_ROOT, options.out)}`);

  const nativePart = native ? `native median ${ms(native.medianMs, 2)} ms p95 ${ms(native.p95Ms, 2)} ms` : 'native median - ms p95 - ms';
  console.log(`bench: ${nativePart}; chromium extract median ${ms(oursMedian)} ms vs readability ${ms(theirsMedian)} ms (ratio ${medianRatio?.toFixed(2) ?? '-'}); trigger-to-paint p95 ${ms(p95(paints), 0)} ms; wasm ${Math.round(size.gzipBytes / KIB)} KB gzip; peak memory ${mb(peak)} MB`);
}

main().catch((error) => {
  console.error(`browser bench: ${error.stack ?? error}`);
  process.exit(EXIT_SETUP_ERROR);
});
