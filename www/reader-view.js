/**
 * The demo page's reader view: a closed shadow root on a host element, drawn by the extension's
 * own renderer (reader/reader.js, `globalThis.ClearpageReader`) with the extension's own
 * stylesheet (reader/reader.css). The build copies both from extension/reader/ into www/reader/;
 * nothing here restyles or rebuilds the reader, so it looks and behaves exactly as in the
 * extension: the article is extracted with promos "show" and the promo toggle flips one class.
 */
const READER_SCRIPT_URL = new URL("./reader/reader.js", import.meta.url).href;
const READER_STYLESHEET_URL = new URL("./reader/reader.css", import.meta.url).href;
/**
 * The one demo-only rule: the reader's close button closes the extension's overlay; the demo has
 * no page underneath to return to, so the button is not offered.
 */
const DEMO_OVERRIDES_CSS = '.cp-bar button[data-action="close"] { display: none; }';

/** Loads the shared renderer (a classic script) once. */
function loadRendererScript() {
  if (globalThis.ClearpageReader) return Promise.resolve(globalThis.ClearpageReader);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = READER_SCRIPT_URL;
    script.addEventListener("load", () => {
      if (globalThis.ClearpageReader) resolve(globalThis.ClearpageReader);
      else reject(new Error(`${READER_SCRIPT_URL} did not define ClearpageReader`));
    });
    script.addEventListener("error", () => reject(new Error(`cannot load ${READER_SCRIPT_URL}`)));
    document.head.append(script);
  });
}

async function loadStylesheetText() {
  const response = await fetch(READER_STYLESHEET_URL);
  if (!response.ok) throw new Error(`cannot load ${READER_STYLESHEET_URL} (${response.status})`);
  return response.text();
}

/**
 * Attaches the reader view to `host`. `onPrefsChange(prefs)` hears changes made with the reader's
 * own toolbar (promo toggle, theme, text size, width). Returns:
 *   render(article | null, { baseUrl })  draws an article extracted with promos "show"
 *   setHidePromos(boolean)               the promo toggle, without re-rendering
 *   promoCount()                         promo blocks in the shown article
 */
export async function mountReaderView(host, { prefs: initialPrefs, onPrefsChange } = {}) {
  const [Reader, cssText] = await Promise.all([loadRendererScript(), loadStylesheetText()]);
  const root = host.attachShadow({ mode: "closed" });
  Reader.applyStyles(root, cssText);
  Reader.applyStyles(root, DEMO_OVERRIDES_CSS);
  let prefs = Reader.normalizePrefs(initialPrefs);
  let controller = null;

  return {
    render(article, { baseUrl } = {}) {
      controller?.destroy();
      controller = null;
      if (article === null) return;
      controller = Reader.render(root, article, prefs, {
        baseUrl,
        locale: navigator.language,
        onPrefsChange(changed) {
          prefs = Reader.normalizePrefs(changed);
          onPrefsChange?.({ ...prefs });
        },
      });
    },
    setHidePromos(hidePromos) {
      prefs = Reader.normalizePrefs({ ...prefs, hidePromos });
      controller?.setPrefs({ hidePromos });
    },
    promoCount() {
      return controller?.promoCount ?? 0;
    },
  };
}
