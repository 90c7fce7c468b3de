/**
 * The demo page's reader view: a closed shadow root on a host element, holding the extension's
 * shared reader stylesheet and whatever the extension's shared renderer draws for an article.
 * The demo never styles or builds the reader view itself, so it looks exactly like the extension.
 * The renderer and stylesheet are copied by the build from extension/reader/ into www/reader/.
 */
const READER_SCRIPT_URL = new URL("./reader/reader.js", import.meta.url).href;
const READER_STYLESHEET_URL = new URL("./reader/reader.css", import.meta.url).href;

/** Resolves once the stylesheet has loaded, so the first paint is already styled. */
function linkStylesheet(root) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = READER_STYLESHEET_URL;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", () => reject(new Error(`cannot load ${READER_STYLESHEET_URL}`)), { once: true });
  });
  root.append(link);
  return loaded;
}

/**
 * Attaches the reader view to `host`. Returns `{ render(article|null, {promos}) }`; rendering
 * `null` empties the view.
 */
export async function mountReaderView(host) {
  const reader = await import(READER_SCRIPT_URL);
  const root = host.attachShadow({ mode: "closed" });
  await linkStylesheet(root);
  const surface = document.createElement("div");
  root.append(surface);
  return {
    render(article, { promos }) {
      if (article === null) {
        surface.replaceChildren();
        return;
      }
      reader.render(surface, article, { promos });
    },
  };
}
