// What the e2e tests rely on from the extension's reader view (see extension/content.js and
// extension/reader/reader.js), and the browser-side probe functions that observe it.
// Every probe is a self-contained function: drivers serialize it and run it in the page, or with
// the reader view's closed shadow root as first argument.

/** The host element the content script appends to <html>; it holds a CLOSED shadow root. */
export const HOST_SELECTOR = '#clearpage-host';
/** Host attributes: data-state="open" while shown; data-promos="hidden" | "shown". */
export const STATE_OPEN = 'open';
export const PROMOS_HIDDEN = 'hidden';
export const PROMOS_SHOWN = 'shown';
/** Inside the shadow root. */
export const READER_ROOT_SELECTOR = '.cp-root';
export const READER_ARTICLE_SELECTOR = '.cp-page';
export const PROMO_TOGGLE_SELECTOR = 'button[data-action="toggle-promos"]';
export const CLOSE_BUTTON_SELECTOR = 'button[data-action="close"]';
/** The manifest's suggested key for _execute_action. */
export const KEYBOARD_SHORTCUT = 'Alt+Shift+R';

/** Page: host attributes, or null when there is no host. */
export function hostStateProbe(selector) {
  const host = document.querySelector(selector);
  if (!host) return null;
  return {
    state: host.getAttribute('data-state'),
    promos: host.getAttribute('data-promos'),
    promoCount: host.getAttribute('data-promo-count'),
    connected: host.isConnected,
  };
}

/**
 * Page: starts watching for the reader host to appear with data-state="open" and records, in page
 * time, when it did and when the next frame after it was painted. Returns the page time now.
 */
export function installPaintProbe(selector) {
  if (window.__e2ePaintObserver) window.__e2ePaintObserver.disconnect();
  const probe = { openedAt: null, paintedAt: null };
  window.__e2ePaint = probe;
  const check = () => {
    if (probe.openedAt !== null) return;
    const host = document.querySelector(selector);
    if (host && host.getAttribute('data-state') === 'open') {
      probe.openedAt = performance.now();
      // rAF callbacks run just before a frame is painted; a task queued from there runs after it.
      requestAnimationFrame(() => setTimeout(() => { probe.paintedAt = performance.now(); }, 0));
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, { childList: true, attributes: true, subtree: true, attributeFilter: ['data-state'] });
  window.__e2ePaintObserver = observer;
  return performance.now();
}

/** Page: the paint probe's readings (page time), and stops observing once painted. */
export function readPaintProbe() {
  const probe = window.__e2ePaint ?? null;
  if (probe?.paintedAt != null && window.__e2ePaintObserver) {
    window.__e2ePaintObserver.disconnect();
    window.__e2ePaintObserver = null;
  }
  return probe;
}

/** Page: the document as a string (doctype + <html> outerHTML). */
export function serializeDocument() {
  const dt = document.doctype;
  const doctype = dt ? `<!DOCTYPE ${dt.name}${dt.publicId ? ` PUBLIC "${dt.publicId}"` : ''}${dt.systemId ? ` "${dt.systemId}"` : ''}>` : '';
  return doctype + document.documentElement.outerHTML;
}

/** Reader (shadow root): what the user sees, as text, plus images, captions and the toggle. */
export function readerSnapshotProbe(root, selectors) {
  const article = root.querySelector(selectors.article) ?? root.querySelector(selectors.root) ?? root.firstElementChild;
  const visible = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const images = article ? [...article.querySelectorAll('img')].map((img) => ({
    html: img.outerHTML.slice(0, 600),
    alt: img.alt,
    visible: visible(img),
  })) : [];
  const captions = article ? [...article.querySelectorAll('figcaption')].filter(visible).map((c) => c.innerText.trim()) : [];
  const toggle = root.querySelector(selectors.toggle);
  return {
    text: article ? article.innerText : '',
    images,
    captions,
    toggleText: toggle ? toggle.innerText.trim() : null,
    toggleVisible: toggle ? visible(toggle) : false,
  };
}

/** Reader (shadow root): computed colours of the reader's root (for the light/dark check). */
export function readerColorsProbe(root, selectors) {
  const el = root.querySelector(selectors.root) ?? root.firstElementChild;
  let node = el;
  let background = 'rgba(0, 0, 0, 0)';
  // The first non-transparent background from the reader root down its first children.
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) { background = bg; break; }
    node = node.firstElementChild;
  }
  return { background, color: getComputedStyle(el).color };
}

/**
 * Page: samples a grid of viewport points; returns how many hit something other than the host
 * (document.elementFromPoint returns the host for anything rendered in its shadow tree).
 */
export function coverageProbe(selector) {
  const host = document.querySelector(selector);
  const misses = [];
  const COLUMNS = 8;
  const ROWS = 6;
  for (let i = 0; i < COLUMNS; i += 1) {
    for (let j = 0; j < ROWS; j += 1) {
      const x = Math.round(((i + 0.5) / COLUMNS) * window.innerWidth);
      const y = Math.round(((j + 0.5) / ROWS) * window.innerHeight);
      const hit = document.elementFromPoint(x, y);
      if (hit !== host) misses.push({ x, y, hit: hit ? hit.outerHTML.slice(0, 80) : null });
    }
  }
  return { points: COLUMNS * ROWS, misses };
}

/** Lower-case words only: the fixture's matching rule (ignore case, spacing and punctuation). */
export function normalizeWords(text) {
  return ` ${String(text).toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')} `;
}

/** How many times `needle` occurs in `haystack`, word by word. */
export function countWords(haystack, needle) {
  const h = normalizeWords(haystack);
  const n = normalizeWords(needle);
  if (n.trim() === '') return 0;
  let count = 0;
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) count += 1;
  return count;
}
