// The end-to-end cases (issue 4 "End-to-end tests in real browsers", issue 7 "Nothing lost" and
// background restart), written once against the driver interface shared by drivers/chromium.mjs
// and drivers/firefox.mjs. Each case returns { metrics, notes } or throws a CaseFailure listing
// every check that failed.
import fs from 'node:fs';
import path from 'node:path';
import {
  HOST_SELECTOR, STATE_OPEN, PROMOS_HIDDEN, PROMOS_SHOWN, READER_ROOT_SELECTOR, READER_ARTICLE_SELECTOR,
  PROMO_TOGGLE_SELECTOR, KEYBOARD_SHORTCUT,
  hostStateProbe, installPaintProbe, readPaintProbe, serializeDocument, readerSnapshotProbe,
  readerColorsProbe, coverageProbe, countWords,
} from './reader-contract.mjs';
import { SEED_EXPECTED_PATH } from './server.mjs';
import { xssCase } from './xss-case.mjs';

const SEED = JSON.parse(fs.readFileSync(SEED_EXPECTED_PATH, 'utf8'));
const READER_SELECTORS = { root: READER_ROOT_SELECTOR, article: READER_ARTICLE_SELECTOR, toggle: PROMO_TOGGLE_SELECTOR };

const OPEN_TIMEOUT_MS = 20000;
const CLOSE_TIMEOUT_MS = 5000;
const STATE_TIMEOUT_MS = 5000;
const NOTICE_TIMEOUT_MS = 8000;
const SHORTCUT_TIMEOUT_MS = 4000;
/**
 * Key presses typed into a freshly started window on Xvfb are now and then lost before the
 * window has the X input focus; a press that opened nothing is typed again, this many times at most.
 */
const SHORTCUT_ATTEMPTS = 3;
const POLL_MS = 20;
const SCROLL_Y = 700;
const TYPED_VALUE = 'reader@example.org';
const STRESS_CYCLES = 50;
const BUSY_OBSERVE_MS = 1000;
const BUSY_MIN_APPENDS_BEFORE = 5;
/** The seed page's inline input kept for the "typed value survives" check. */
const SEED_INPUT_SELECTOR = '#nl-email';
/** Page heap growth tolerated over the 50 enter/exit cycles (Chromium, after forced GC). */
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;
/** Background memory growth tolerated over the 50 cycles, measured after one warm-up cycle. */
const MAX_BACKGROUND_GROWTH_BYTES = { chromium: 4 * 1024 * 1024, firefox: 24 * 1024 * 1024 };

export class CaseFailure extends Error {
  constructor(failures) {
    super(failures.join('\n'));
    this.failures = failures;
  }
}

/** Collects failed checks; `require` stops the case at once when the rest would be meaningless. */
class Checks {
  constructor() { this.failures = []; }
  ok(condition, message) {
    if (!condition) this.failures.push(message);
    return Boolean(condition);
  }
  require(condition, message) {
    if (!condition) {
      this.failures.push(message);
      throw new CaseFailure(this.failures);
    }
  }
  done() {
    if (this.failures.length) throw new CaseFailure(this.failures);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `accept(value)`; returns the value, or throws `what` on timeout. */
async function waitFor(probe, accept, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new CaseFailure([`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`]);
    await sleep(POLL_MS);
  }
}

const hostState = (driver) => driver.evalPage(hostStateProbe, HOST_SELECTOR);
const snapshot = (driver) => driver.evalReader(readerSnapshotProbe, READER_SELECTORS);

/** Triggers `how` (default: the toolbar action) and waits for the reader view to be painted. */
async function openReader(driver, how = () => driver.triggerAction(), timeoutMs = OPEN_TIMEOUT_MS) {
  const startedAt = await driver.evalPage(installPaintProbe, HOST_SELECTOR);
  await how();
  try {
    const probe = await waitFor(() => driver.evalPage(readPaintProbe), (p) => p && p.paintedAt !== null, timeoutMs, 'the reader view to be painted');
    return Math.round(probe.paintedAt - startedAt);
  } catch (error) {
    // Say what the toolbar button says: it is where the extension reports why it did not open.
    const button = await driver.actionState().catch(() => null);
    if (error instanceof CaseFailure && button) error.failures.push(`(toolbar button: badge ${JSON.stringify(button.badgeText)}, title ${JSON.stringify(button.title)})`);
    throw error;
  }
}

async function closeReader(driver, how = () => driver.triggerAction()) {
  await how();
  await waitFor(() => hostState(driver), (s) => s === null, CLOSE_TIMEOUT_MS, 'the reader view to close');
}

/** First place two serializations differ, for a readable failure message. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const from = Math.max(0, i - 60);
  return `at char ${i}: before …${JSON.stringify(a.slice(from, i + 80))} / after …${JSON.stringify(b.slice(from, i + 80))}`;
}

/** Checks what the reader shows with promos hidden: article, hero image, caption, no promo line. */
function checkArticleHidden(c, snap, label) {
  for (const line of SEED.article_must_contain) {
    c.ok(countWords(snap.text, line) >= 1, `${label}: article text missing: "${line.slice(0, 70)}…"`);
  }
  for (const line of SEED.promo_inside_article) {
    c.ok(countWords(snap.text, line) === 0, `${label}: promo visible although hidden: "${line.slice(0, 70)}"`);
  }
  const hero = snap.images.find((img) => img.html.includes(SEED.article_must_keep_image));
  c.ok(hero, `${label}: hero image ${SEED.article_must_keep_image} not in the reader view`);
  c.ok(!hero || hero.visible, `${label}: hero image present but not visible`);
  c.ok(snap.captions.some((caption) => countWords(caption, 'President Biden') >= 1), `${label}: caption "President Biden" not visible (captions: ${JSON.stringify(snap.captions)})`);
}

/** The article's own text is all there (for cases about something else than promo detection). */
function checkArticleText(c, snap, label) {
  for (const line of SEED.article_must_contain) {
    c.ok(countWords(snap.text, line) >= 1, `${label}: article text missing: "${line.slice(0, 70)}…"`);
  }
}

/** Page state the "nothing lost" checks compare: scroll, the typed input, our listener's count. */
function pageStateProbe(inputSelector) {
  const input = document.querySelector(inputSelector);
  return {
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    value: input ? input.value : null,
    sameNode: Boolean(input && window.__e2eInput === input && input.isConnected),
    inputEvents: window.__e2eInputEvents ?? null,
    htmlOverflow: getComputedStyle(document.documentElement).overflow,
  };
}

/** Types into the seed's input for real, attaches a listener, scrolls; returns the page state. */
async function prepareSeedPage(driver) {
  await driver.evalPage((sel) => {
    const input = document.querySelector(sel);
    window.__e2eInput = input;
    window.__e2eInputEvents = 0;
    input.addEventListener('input', () => { window.__e2eInputEvents += 1; });
    input.scrollIntoView({ block: 'center' });
  }, SEED_INPUT_SELECTOR);
  await driver.clickPage(SEED_INPUT_SELECTOR);
  await driver.typeText(TYPED_VALUE);
  await driver.evalPage((y) => { window.scrollTo(0, y); }, SCROLL_Y);
  await sleep(50);
  return driver.evalPage(pageStateProbe, SEED_INPUT_SELECTOR);
}

/** After exit: the same document, the typed value, the scroll position, a listener that works. */
async function checkNothingLost(c, driver, before, beforeState, label) {
  const after = await driver.evalPage(serializeDocument);
  c.ok(after === before, `${label}: document serialization changed (${before.length} -> ${after.length} chars) ${after === before ? '' : firstDifference(before, after)}`);
  const state = await driver.evalPage(pageStateProbe, SEED_INPUT_SELECTOR);
  c.ok(state.value === TYPED_VALUE, `${label}: typed value lost: ${JSON.stringify(state.value)}`);
  c.ok(state.sameNode, `${label}: the input is no longer the same node`);
  c.ok(state.scrollY === beforeState.scrollY && state.scrollX === beforeState.scrollX,
    `${label}: scroll position not restored: ${beforeState.scrollX},${beforeState.scrollY} -> ${state.scrollX},${state.scrollY}`);
  c.ok(state.htmlOverflow !== 'hidden', `${label}: page still locked (html overflow: hidden)`);
  // The page's own listener still fires on a real keystroke.
  await driver.clickPage(SEED_INPUT_SELECTOR);
  await driver.pressKeys('End');
  await driver.typeText('x');
  const typed = await driver.evalPage(pageStateProbe, SEED_INPUT_SELECTOR);
  c.ok(typed.inputEvents === beforeState.inputEvents + 1, `${label}: page listener did not fire after exit (${beforeState.inputEvents} -> ${typed.inputEvents})`);
  c.ok(typed.value === `${TYPED_VALUE}x`, `${label}: input does not take keys after exit: ${JSON.stringify(typed.value)}`);
}

async function setPromos(driver, wanted) {
  const state = await hostState(driver);
  if (state?.promos === wanted) return;
  const toggle = await driver.evalReader((root, sel) => {
    const el = root.querySelector(sel);
    return el ? { visible: el.checkVisibility(), text: el.innerText } : null;
  }, PROMO_TOGGLE_SELECTOR);
  if (!toggle?.visible) {
    throw new CaseFailure([`promo toggle not shown (${JSON.stringify(toggle)}; host data-promo-count=${state?.promoCount}): the reader found no promo blocks to toggle`]);
  }
  await driver.clickReader(PROMO_TOGGLE_SELECTOR);
  await waitFor(() => hostState(driver), (s) => s?.promos === wanted, STATE_TIMEOUT_MS, `data-promos="${wanted}"`);
}

// -------------------------------------------------------------------------------------------------
// Cases
// -------------------------------------------------------------------------------------------------

async function seedPageCase(driver, env) {
  const c = new Checks();
  const beaconsAtStart = env.server.beacons.length;
  await driver.goto(env.url('/seed'));
  const beforeState = await prepareSeedPage(driver);
  c.require(beforeState.value === TYPED_VALUE, `setup: typing into ${SEED_INPUT_SELECTOR} failed: ${JSON.stringify(beforeState.value)}`);
  c.require(beforeState.scrollY > 0, `setup: the page did not scroll (scrollY ${beforeState.scrollY})`);
  const before = await driver.evalPage(serializeDocument);

  const paintMs = await openReader(driver);
  const state = await hostState(driver);
  c.require(state?.state === STATE_OPEN, `reader host not open: ${JSON.stringify(state)}`);
  c.ok(state.promos === PROMOS_HIDDEN, `promos not hidden by default: data-promos=${state.promos}`);
  const hidden = await snapshot(driver);
  c.require(hidden, 'could not read the reader view (closed shadow root)');
  checkArticleHidden(c, hidden, 'promos hidden');
  c.ok(hidden.toggleVisible && /\d/.test(hidden.toggleText ?? ''), `promo toggle not shown with a count: ${JSON.stringify(hidden.toggleText)}`);

  let shown = null;
  try {
    await setPromos(driver, PROMOS_SHOWN);
    shown = await snapshot(driver);
    const shownLines = SEED.promo_inside_article.filter((line) => countWords(shown.text, line) >= 1);
    c.ok(shownLines.length > 0, 'promos shown: none of the promo lines is visible');
    for (const line of SEED.promo_inside_article) {
      c.ok(countWords(shown.text, line) <= 1, `promos shown: promo line duplicated: "${line.slice(0, 60)}"`);
    }
    for (const line of SEED.article_must_contain) {
      c.ok(countWords(shown.text, line) >= 1, `promos shown: article text missing: "${line.slice(0, 60)}…"`);
    }
    await setPromos(driver, PROMOS_HIDDEN);
    checkArticleHidden(c, await snapshot(driver), 'promos hidden again');
  } catch (error) {
    if (!(error instanceof CaseFailure)) throw error;
    c.failures.push(...error.failures.filter((f) => !c.failures.includes(f)));
  }

  await closeReader(driver);
  await checkNothingLost(c, driver, before, beforeState, 'after exit');
  const beacons = env.server.beacons.slice(beaconsAtStart);
  c.ok(beacons.length === 0, `beacon requests recorded: ${JSON.stringify(beacons)}`);
  c.done();
  return { metrics: { paintMs }, notes: [`promo toggle: "${hidden.toggleText}" / "${shown?.toggleText}"`] };
}

async function cspPageCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/seed-csp'));
  const cspActive = await driver.evalPage(() => window.dataLayer === undefined);
  c.ok(cspActive, 'the page CSP did not apply (the inline script ran)');
  const before = await driver.evalPage(serializeDocument);
  const paintMs = await openReader(driver);
  const snap = await snapshot(driver);
  c.require(snap, 'could not read the reader view');
  checkArticleText(c, snap, 'CSP page');
  await closeReader(driver);
  const after = await driver.evalPage(serializeDocument);
  c.ok(after === before, `CSP page: serialization changed ${after === before ? '' : firstDifference(before, after)}`);
  c.done();
  return { metrics: { paintMs } };
}

/** Badge shown while the extension is still extracting (extension/background.js BUTTON_STATE.working). */
const WORKING_BADGE = '\u2026';
const STABLE_READS_MAX = 20;
const STABLE_READ_GAP_MS = 100;

async function noArticleCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/listing'));
  const before = await driver.evalPage(serializeDocument);
  const buttonBefore = await driver.actionState();
  await driver.triggerAction();
  await waitFor(() => driver.actionState(),
    (s) => s.badgeText !== WORKING_BADGE && (s.badgeText !== buttonBefore.badgeText || s.title !== buttonBefore.title), NOTICE_TIMEOUT_MS,
    'the toolbar button to tell the user (badge or title change, past the "working" state)');
  // Badge and title are set by two calls: read again until two readings agree.
  let buttonAfter = await driver.actionState();
  for (let i = 0; i < STABLE_READS_MAX; i += 1) {
    await sleep(STABLE_READ_GAP_MS);
    const again = await driver.actionState();
    if (again.badgeText === buttonAfter.badgeText && again.title === buttonAfter.title) break;
    buttonAfter = again;
  }
  c.ok(buttonAfter.badgeText !== '', `no badge shown: ${JSON.stringify(buttonAfter)}`);
  c.ok(buttonAfter.title !== buttonBefore.title, `title unchanged: ${JSON.stringify(buttonAfter.title)}`);
  await sleep(300);
  c.ok((await hostState(driver)) === null, 'a reader view was opened on a page with no article');
  const after = await driver.evalPage(serializeDocument);
  c.ok(after === before, `no-article page changed ${after === before ? '' : firstDifference(before, after)}`);
  c.done();
  return { metrics: {}, notes: [`button: badge ${JSON.stringify(buttonAfter.badgeText)}, title ${JSON.stringify(buttonAfter.title)}`] };
}

/** Page: the busy script's appended nodes, by sequence number. */
function appendedProbe() {
  const seqs = [...document.querySelectorAll('.e2e-appended')].map((n) => Number(n.dataset.seq));
  return { count: seqs.length, max: seqs.length ? Math.max(...seqs) : 0, inOrder: seqs.every((s, i) => s === i + 1) };
}

/** Page: the document serialized without the busy script's nodes. */
function serializeWithoutAppended() {
  const copy = document.documentElement.cloneNode(true);
  for (const node of copy.querySelectorAll('.e2e-appended')) node.remove();
  return copy.outerHTML;
}

async function busyPageCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/busy'));
  await waitFor(() => driver.evalPage(appendedProbe), (p) => p.count >= BUSY_MIN_APPENDS_BEFORE, STATE_TIMEOUT_MS, 'the page script to append');
  const before = await driver.evalPage(serializeWithoutAppended);
  const paintMs = await openReader(driver);
  const first = await snapshot(driver);
  c.require(first, 'could not read the reader view');
  const appendedAtOpen = await driver.evalPage(appendedProbe);
  await sleep(BUSY_OBSERVE_MS);
  const later = await snapshot(driver);
  const appendedLater = await driver.evalPage(appendedProbe);
  c.ok(appendedLater.max > appendedAtOpen.max, 'the page script stopped appending while the reader was open');
  c.ok(!/E2E-APPENDED-NODE/.test(first.text) && !/E2E-APPENDED-NODE/.test(later.text), 'appended page nodes appear in the reader view');
  c.ok(first.text === later.text, 'the reader view text changed while the page script ran');
  const coverage = await driver.evalPage(coverageProbe, HOST_SELECTOR);
  c.ok(coverage.misses.length === 0, `page shows through the reader view at ${coverage.misses.length}/${coverage.points} points: ${JSON.stringify(coverage.misses.slice(0, 3))}`);
  checkArticleText(c, later, 'busy page');
  await closeReader(driver);
  const after = await driver.evalPage(serializeWithoutAppended);
  c.ok(after === before, `busy page: document changed apart from the appended nodes ${after === before ? '' : firstDifference(before, after)}`);
  const appendedAfter = await driver.evalPage(appendedProbe);
  c.ok(appendedAfter.inOrder && appendedAfter.count === appendedAfter.max, `appended nodes lost or reordered: ${JSON.stringify(appendedAfter)}`);
  await sleep(200);
  const stillRunning = await driver.evalPage(appendedProbe);
  c.ok(stillRunning.max > appendedAfter.max, 'the page script stopped after exit');
  const bodyText = await driver.evalPage(() => document.body.innerText);
  c.ok(countWords(bodyText, SEED.article_must_contain[0]) >= 1, 'the page article is not visible after exit');
  c.done();
  return { metrics: { paintMs }, notes: [`${appendedLater.max - appendedAtOpen.max} nodes appended while open`] };
}

/** The manifest's suggested key for the action command, for this platform (Linux). */
function suggestedShortcut(manifest) {
  const command = manifest.commands?._execute_action ?? manifest.commands?._execute_browser_action;
  return command?.suggested_key?.linux ?? command?.suggested_key?.default ?? null;
}

async function shortcutCase(mainDriver, env) {
  const c = new Checks();
  const combo = suggestedShortcut(env.manifest) ?? KEYBOARD_SHORTCUT;
  const driver = await env.shortcutDriverFor(mainDriver);
  c.require(driver, `${mainDriver.name} cannot receive a real keyboard shortcut here (headless, and no Xvfb + xdotool to type it)`);
  const notes = [driver === mainDriver ? 'keys typed into the browser window' : `keys typed with xdotool into a ${driver.name} window on a private Xvfb display`];
  try {
    await driver.goto(env.url('/seed'));
    const assigned = await driver.assignedShortcuts();
    const actionCommand = assigned.find((cmd) => cmd.name === '_execute_action' || cmd.name === '_execute_browser_action');
    notes.push(`manifest suggests ${combo}; browser assigned ${JSON.stringify(actionCommand?.shortcut || '(none)')}`);
    c.ok(actionCommand && actionCommand.shortcut, `the browser assigned no shortcut to the action command (manifest suggests ${combo}): ${JSON.stringify(assigned)}`);
    const before = await driver.evalPage(serializeDocument);
    let paintMs = null;
    let lastError = null;
    let presses = 0;
    // Stop as soon as the reader is open: a late press must not be followed by one that closes it.
    while (paintMs === null && presses < SHORTCUT_ATTEMPTS && (await hostState(driver)) === null) {
      presses += 1;
      try {
        paintMs = await openReader(driver, () => driver.pressShortcut(combo), SHORTCUT_TIMEOUT_MS);
      } catch (error) {
        lastError = error;
      }
    }
    const opened = paintMs !== null || (await hostState(driver)) !== null;
    if (opened && presses > 1) notes.push(`the reader view opened at press ${presses} (the earlier presses opened nothing)`);
    if (!opened) {
      c.ok(false, `${combo} did not open the reader view after ${presses} presses: ${String(lastError?.message ?? lastError).split('\n')[0]}`);
    }
    if (opened) {
      await driver.pressShortcut(combo);
      try {
        await waitFor(() => hostState(driver), (s) => s === null, SHORTCUT_TIMEOUT_MS, 'the shortcut to close the reader view');
      } catch {
        c.ok(false, `${combo} did not close the reader view`);
        await closeReader(driver);
      }
      const after = await driver.evalPage(serializeDocument);
      c.ok(after === before, `shortcut round trip changed the page ${after === before ? '' : firstDifference(before, after)}`);
    }
    if (c.failures.length) c.failures.push(...notes.map((n) => `(${n})`));
    c.done();
    return { metrics: paintMs === null ? {} : { paintMs }, notes };
  } finally {
    if (driver !== mainDriver) await driver.close();
  }
}

async function promoStateSurvivesReloadCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/seed'));
  const paintMs = await openReader(driver);
  c.require((await hostState(driver))?.promos === PROMOS_HIDDEN, 'promos not hidden at start');
  await setPromos(driver, PROMOS_SHOWN);
  await driver.reload();
  c.ok((await hostState(driver)) === null, 'reader view still there after reload');
  const reopenMs = await openReader(driver);
  const state = await hostState(driver);
  c.ok(state?.promos === PROMOS_SHOWN, `promo toggle state lost on reload: data-promos=${state?.promos}`);
  const snap = await snapshot(driver);
  c.ok(SEED.promo_inside_article.some((line) => countWords(snap.text, line) >= 1), 'after reload: promos marked shown but none visible');
  await setPromos(driver, PROMOS_HIDDEN); // leave the default for the next cases
  await closeReader(driver);
  c.done();
  return { metrics: { paintMs, reopenMs } };
}

function luminance(rgb) {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function screenshotsCase(driver, env) {
  const c = new Checks();
  fs.mkdirSync(env.outDir, { recursive: true });
  await driver.setColorScheme('light');
  const imageRequestsBefore = env.server.requests.filter((r) => r.path.startsWith('/cdn/')).length;
  await driver.goto(env.url('/seed-local-images'));
  const paintMs = await openReader(driver);
  // Images in the article load from their own URLs (here the loopback stand-in for the CDN).
  const hero = await waitFor(() => driver.evalReader((root, file) => {
    const img = [...root.querySelectorAll('img')].find((i) => i.outerHTML.includes(file));
    return img ? { complete: img.complete, naturalWidth: img.naturalWidth } : null;
  }, SEED.article_must_keep_image.replace(/^.*\//, '')), (h) => h === null || h.complete, STATE_TIMEOUT_MS, 'the hero image to load');
  c.ok(hero && hero.naturalWidth > 0, `hero image did not load in the reader view: ${JSON.stringify(hero)}`);
  c.ok(env.server.requests.filter((r) => r.path.startsWith('/cdn/')).length > imageRequestsBefore, 'no image request reached the server');
  const light = await driver.evalReader(readerColorsProbe, READER_SELECTORS);
  const lightFile = path.join(env.outDir, `${driver.name}-reader-light.png`);
  await driver.screenshot(lightFile);
  // A second light view scrolled to the article text.
  const textFile = path.join(env.outDir, `${driver.name}-reader-light-text.png`);
  await driver.evalReader((root) => root.querySelector('.cp-content p')?.scrollIntoView({ block: 'start' }));
  await sleep(100);
  await driver.screenshot(textFile);
  await driver.evalReader((root) => root.querySelector('.cp-title, h1')?.scrollIntoView({ block: 'start' }));
  await driver.setColorScheme('dark');
  await sleep(300);
  const dark = await driver.evalReader(readerColorsProbe, READER_SELECTORS);
  const darkFile = path.join(env.outDir, `${driver.name}-reader-dark.png`);
  await driver.screenshot(darkFile);
  await driver.setColorScheme('light');
  await closeReader(driver);
  c.ok(luminance(light.background) > luminance(light.color), `light theme is not dark-on-light: ${JSON.stringify(light)}`);
  c.ok(luminance(dark.background) < luminance(dark.color), `dark theme (prefers-color-scheme: dark) is not light-on-dark: ${JSON.stringify(dark)}`);
  for (const file of [lightFile, textFile, darkFile]) c.ok(fs.existsSync(file) && fs.statSync(file).size > 0, `screenshot not written: ${file}`);
  c.done();
  return { metrics: { paintMs }, notes: [lightFile, textFile, darkFile].map((f) => path.relative(env.repoRoot, f)) };
}

async function stressCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/seed'));
  const beforeState = await prepareSeedPage(driver);
  const before = await driver.evalPage(serializeDocument);
  // Warm up (the first click loads the engine), then measure the background.
  await openReader(driver);
  await closeReader(driver);
  const backgroundBefore = await driver.backgroundMemory?.();
  const heapBefore = await driver.heapUsage?.();
  const times = [];
  const started = Date.now();
  for (let i = 0; i < STRESS_CYCLES; i += 1) {
    times.push(await openReader(driver));
    await closeReader(driver);
  }
  const cycleMs = Math.round((Date.now() - started) / STRESS_CYCLES);
  await checkNothingLost(c, driver, before, beforeState, `after ${STRESS_CYCLES} cycles`);
  const heapAfter = await driver.heapUsage?.();
  const backgroundAfter = await driver.backgroundMemory?.();
  const notes = [`${STRESS_CYCLES} cycles, ${cycleMs} ms per open+close`];
  if (backgroundBefore && backgroundAfter) {
    const mb = (n) => (n / 1e6).toFixed(1);
    const growth = backgroundAfter.bytes - backgroundBefore.bytes;
    notes.push(`background memory ${mb(backgroundBefore.bytes)} MB -> ${mb(backgroundAfter.bytes)} MB`);
    if (backgroundBefore.instance === backgroundAfter.instance) {
      const limit = MAX_BACKGROUND_GROWTH_BYTES[driver.name];
      c.ok(growth < limit, `background memory grew by ${mb(growth)} MB over ${STRESS_CYCLES} cycles (limit ${mb(limit)} MB)`);
    } else {
      notes.push('background restarted during the cycles: memory growth not comparable');
    }
  } else {
    notes.push('background memory: not measurable');
  }
  if (heapBefore != null && heapAfter != null) {
    notes.push(`page heap ${(heapBefore / 1e6).toFixed(1)} MB -> ${(heapAfter / 1e6).toFixed(1)} MB`);
    c.ok(heapAfter - heapBefore < MAX_HEAP_GROWTH_BYTES, `page heap grew by ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB over ${STRESS_CYCLES} cycles`);
  }
  c.done();
  times.sort((a, b) => a - b);
  return { metrics: { paintMs: times[Math.floor(times.length / 2)] }, notes };
}

/** A heavy page of the shared readability corpus (about 1 MB of HTML) for the 50-cycle check. */
const HEAVY_CORPUS_CASE = 'wikipedia-2';

async function heavyStressCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url(`/corpus/${HEAVY_CORPUS_CASE}`));
  await driver.evalPage((y) => { window.scrollTo(0, y); }, SCROLL_Y);
  await sleep(200);
  const before = await driver.evalPage(serializeDocument);
  const scrollBefore = await driver.evalPage(() => [window.scrollX, window.scrollY]);
  c.require(scrollBefore[1] > 0, `setup: the page did not scroll (${scrollBefore})`);
  const times = [];
  const started = Date.now();
  for (let i = 0; i < STRESS_CYCLES; i += 1) {
    times.push(await openReader(driver));
    await closeReader(driver);
  }
  const cycleMs = Math.round((Date.now() - started) / STRESS_CYCLES);
  const after = await driver.evalPage(serializeDocument);
  c.ok(after === before, `after ${STRESS_CYCLES} cycles: serialization changed (${before.length} -> ${after.length}) ${after === before ? '' : firstDifference(before, after)}`);
  const scrollAfter = await driver.evalPage(() => [window.scrollX, window.scrollY]);
  c.ok(scrollAfter.join() === scrollBefore.join(), `scroll not restored: ${scrollBefore} -> ${scrollAfter}`);
  c.done();
  times.sort((a, b) => a - b);
  return {
    metrics: { paintMs: times[Math.floor(times.length / 2)] },
    notes: [`${HEAVY_CORPUS_CASE} (${(before.length / 1e6).toFixed(2)} M chars): ${STRESS_CYCLES} cycles, ${cycleMs} ms per open+close, slowest paint ${times[times.length - 1]} ms`],
  };
}

async function backgroundRestartCase(driver, env) {
  const c = new Checks();
  await driver.goto(env.url('/seed'));
  await openReader(driver);
  await closeReader(driver);
  const stop = await driver.stopBackground();
  c.require(stop.stopped, `could not stop the background: ${stop.reason}`);
  c.ok(!(await driver.backgroundRunning()), 'background still running after stop');
  const paintMs = await openReader(driver);
  const snap = await snapshot(driver);
  c.require(snap, 'could not read the reader view after restart');
  checkArticleText(c, snap, 'after background restart');
  await closeReader(driver);
  c.done();
  return { metrics: { paintMs }, notes: ['cold start: background restarted by the click'] };
}

/** Message the background accepts in debug builds to panic inside wasm (extension/README.md). */
const DEBUG_PANIC_MESSAGE = { type: 'clearpage-debug-panic', onNextExtract: true };
const ERROR_BADGE = '!';
/** Clicks the panic case may send when the browser drops the click's activeTab grant. */
const MAX_CLICKS_WITHOUT_GRANT = 2;

/** The background's last toggle found the (loopback, never restricted) page closed to it. */
function isMissingGrant(timings) {
  return timings?.outcome === 'restricted' && /permission/i.test(String(timings.reason ?? ''));
}

async function panicCase(mainDriver, env) {
  // With --debug-wasm the runner assembled a copy of the extension around a debug build of the
  // engine: run this case in a browser of the same kind with that copy. Otherwise use the main one.
  const driver = env.debugExtensionDir ? await env.launchBrowser(mainDriver.name, env.debugExtensionDir) : mainDriver;
  try {
    const c = new Checks();
    const armed = await driver.sendExtensionMessage(DEBUG_PANIC_MESSAGE);
    c.require(armed?.available && armed?.armed, `the wasm in this extension has no debugPanic (a release build?): ${JSON.stringify(armed)}; pass --debug-wasm target/wasm32-unknown-unknown/debug/clearpage.wasm`);
    await driver.goto(env.url('/seed'));
    const before = await driver.evalPage(serializeDocument);
    const notes = [];
    let button;
    for (let click = 1; ; click += 1) {
      await driver.triggerAction();
      try {
        button = await waitFor(() => driver.actionState(), (s) => s.badgeText === ERROR_BADGE, NOTICE_TIMEOUT_MS, `the error badge "${ERROR_BADGE}"`);
        break;
      } catch (error) {
        const timings = await driver.evalBackground(() => globalThis.clearpageStats?.lastTimings ?? null).catch((e) => String(e));
        // In a browser launched moments ago the test driver's click can reach the extension
        // without the activeTab grant a user's click carries; the page then reads as restricted
        // and the engine was never called, so the panic is still armed. Click once more.
        if (click < MAX_CLICKS_WITHOUT_GRANT && isMissingGrant(timings)) {
          notes.push(`click ${click} arrived without the activeTab grant (${timings.reason}); clicked again`);
          continue;
        }
        throw new CaseFailure([String(error?.message ?? error), `background's last toggle: ${JSON.stringify(timings)}`, ...notes]);
      }
    }
    await sleep(300);
    c.ok((await hostState(driver)) === null, 'a reader view appeared although the engine panicked');
    const after = await driver.evalPage(serializeDocument);
    c.ok(after === before, `page changed after the panic ${after === before ? '' : firstDifference(before, after)}`);
    const paintMs = await openReader(driver);
    const snap = await snapshot(driver);
    c.ok(snap && countWords(snap.text, SEED.article_must_contain[0]) >= 1, 'the next click after the panic did not show the article');
    await closeReader(driver);
    c.done();
    return { metrics: { paintMs }, notes: [...notes, `after the panic: badge ${JSON.stringify(button.badgeText)}, title ${JSON.stringify(button.title)}; next click worked`] };
  } finally {
    if (driver !== mainDriver) await driver.close();
  }
}

async function hostilePagesCase(driver, env) {
  const outcome = await xssCase(driver, env);
  if (outcome.failures.length) throw new CaseFailure([...outcome.failures, ...outcome.notes.map((n) => `(${n})`)]);
  return outcome;
}

/**
 * In run order. `id` is what --case selects; `slow` cases are left out by --quick; `explicitOnly`
 * cases run only when named with --case, or (panic) when --debug-wasm gives a debug engine build.
 */
export const CASES = [
  { id: 'seed', title: '1 seed page: article, promo toggle, original page back', run: seedPageCase },
  { id: 'csp', title: '2 strict CSP page', run: cspPageCase },
  { id: 'no-article', title: '3 no-article page: untouched, user told', run: noArticleCase },
  { id: 'busy', title: '4 page appending to body every 50 ms', run: busyPageCase },
  { id: 'shortcut', title: '5a keyboard shortcut (the manifest\'s suggested key) toggles', run: shortcutCase },
  { id: 'promo-reload', title: '5b promo toggle state survives reload', run: promoStateSurvivesReloadCase },
  { id: 'screenshots', title: '6 screenshots light and dark', run: screenshotsCase },
  { id: 'stress', title: `7a enter/exit ${STRESS_CYCLES} times: page identical`, run: stressCase },
  { id: 'stress-heavy', title: `7b enter/exit ${STRESS_CYCLES} times on a heavy corpus page`, run: heavyStressCase, slow: true, timeoutMs: 15 * 60 * 1000 },
  { id: 'background-restart', title: '8 background stopped: next click works', run: backgroundRestartCase },
  { id: 'xss', title: '9 hostile pages (tests/xss/vectors.json): nothing runs from the reader view', run: hostilePagesCase, slow: true, timeoutMs: 40 * 60 * 1000 },
  { id: 'panic', title: '10 panic inside wasm (debug build): page untouched, error badge, next click works', run: panicCase, explicitOnly: true },
];
