/**
 * Clearpage reader view: builds the reading UI for one extracted Article inside a shadow root.
 *
 * Shared by the extension (injected before content.js) and the www/ demo page. It is a classic
 * script with no import/export, so both `<script src>` and `scripting.executeScript({files})` can
 * load it; it defines `globalThis.ClearpageReader`:
 *
 *   ClearpageReader.render(shadowRoot, article, prefs, handlers) -> controller
 *     article  : the engine's Article object (camelCase keys, content extracted with promos "show")
 *     prefs    : { hidePromos, theme, fontSize, width }  (normalized with normalizePrefs)
 *     handlers : { t(key, substitutions)?, locale?, baseUrl?, onClose()?, onPrefsChange(prefs)? }
 *                (t and locale: the UI language; without them English fallbacks are used)
 *     controller: { root, promoCount, prefs(), focus(), destroy() }
 *   ClearpageReader.applyStyles(shadowRoot, cssText) -> undo function
 *   ClearpageReader.sanitizeContent(html, doc, baseUrl) -> DocumentFragment (defense in depth)
 *   ClearpageReader.DEFAULT_PREFS, normalizePrefs(raw), FONT_SIZES, WIDTHS, THEMES
 *
 * Safety: `article.content` was sanitized by the engine, and is sanitized AGAIN here: it is parsed
 * by DOMParser into an inert document (no scripts run, nothing loads), filtered against an
 * allow-list, and only then imported. Metadata is only ever set with textContent.
 * Promo blocks (elements marked data-clearpage-promo) are toggled by one class on the root and one
 * CSS rule: no second extraction. No recursion on tree depth anywhere.
 */
(() => {
  if (globalThis.ClearpageReader) return;

  const THEMES = ["auto", "light", "sepia", "dark"];
  const WIDTHS = ["narrow", "medium", "wide"];
  const FONT_SIZES = [14, 16, 18, 20, 22, 24, 27, 30];
  const DEFAULT_PREFS = Object.freeze({ hidePromos: true, theme: "auto", fontSize: 20, width: "medium" });
  const PROMO_ATTRIBUTE = "data-clearpage-promo";
  /**
   * Above this many characters of content the reader lays out lazily (class cp-large): laying out
   * a long article at once is the largest share of the time to open it (halved this way on the
   * long pages of the Readability corpus).
   */
  const LARGE_CONTENT_CHARS = 20_000;
  const SHOW_PROMOS_CLASS = "cp-show-promos";

  /** English fallbacks, used where no `t` handler is given (the www demo) or a key is missing. */
  const FALLBACK_STRINGS = {
    readerLabel: "Reader view",
    toolbarLabel: "Reader view settings",
    readerClose: "Close reader view",
    readingTime: "$1 min read",
    promosHiddenOne: "1 promo hidden",
    promosHiddenMany: "$1 promos hidden",
    promosShownOne: "1 promo shown",
    promosShownMany: "$1 promos shown",
    promoToggleHint: "Show or hide newsletter, subscription and other promo blocks",
    themeLabel: "Theme",
    themeAuto: "Auto",
    themeLight: "Light",
    themeDark: "Dark",
    themeSepia: "Sepia",
    fontSmaller: "Smaller text",
    fontLarger: "Larger text",
    widthLabel: "Line width",
    widthNarrow: "Narrow",
    widthMedium: "Medium",
    widthWide: "Wide",
  };

  // ---------------------------------------------------------------------------------------------
  // Preferences
  // ---------------------------------------------------------------------------------------------

  /** Returns a complete, valid prefs object from anything (stored values may be stale or junk). */
  function normalizePrefs(raw) {
    const source = raw && typeof raw === "object" ? raw : {};
    const fontSize = Number(source.fontSize);
    return {
      hidePromos: typeof source.hidePromos === "boolean" ? source.hidePromos : DEFAULT_PREFS.hidePromos,
      theme: THEMES.includes(source.theme) ? source.theme : DEFAULT_PREFS.theme,
      fontSize: FONT_SIZES.includes(fontSize) ? fontSize : DEFAULT_PREFS.fontSize,
      width: WIDTHS.includes(source.width) ? source.width : DEFAULT_PREFS.width,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Defense-in-depth sanitizer
  // ---------------------------------------------------------------------------------------------

  const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

  /** Elements kept as they are (after attribute filtering). */
  const ALLOWED_ELEMENTS = new Set([
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
    "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "ins", "kbd", "li", "main", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
  ]);

  /** Elements removed together with everything inside them: executable, embedding or inert junk. */
  const DROPPED_ELEMENTS = new Set([
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "canvas", "input", "button", "select", "textarea", "option",
    "optgroup", "datalist", "output", "progress", "meter", "link", "meta", "base", "title", "head",
    "video", "audio", "track", "map", "area", "portal", "fencedframe", "dialog", "slot", "xmp",
    "plaintext", "noembed", "noframes", "param", "marquee",
  ]);

  /** Attributes allowed on every kept element. */
  const GLOBAL_ATTRIBUTES = new Set(["id", "title", "lang", "dir", PROMO_ATTRIBUTE]);

  /** Extra attributes per element. URL-valued ones are listed in URL_ATTRIBUTES too. */
  const ELEMENT_ATTRIBUTES = {
    a: new Set(["href"]),
    img: new Set(["src", "srcset", "sizes", "alt", "width", "height"]),
    source: new Set(["srcset", "sizes", "type", "media", "width", "height"]),
    td: new Set(["colspan", "rowspan", "headers"]),
    th: new Set(["colspan", "rowspan", "headers", "scope", "abbr"]),
    col: new Set(["span"]),
    colgroup: new Set(["span"]),
    ol: new Set(["start", "reversed", "type"]),
    li: new Set(["value"]),
    time: new Set(["datetime"]),
    data: new Set(["value"]),
    details: new Set(["open"]),
    blockquote: new Set(["cite"]),
    q: new Set(["cite"]),
    del: new Set(["cite", "datetime"]),
    ins: new Set(["cite", "datetime"]),
  };

  const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
  const SRCSET_ATTRIBUTES = new Set(["srcset"]);
  const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);
  const IMAGE_PROTOCOLS = new Set(["http:", "https:"]);
  const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|avif);base64,[a-z0-9+/=\s]*$/i;

  /** Resolves and checks a URL attribute; returns the value to keep or null to drop it. */
  function safeUrl(value, attributeName, elementName, baseUrl) {
    const trimmed = value.trim();
    if (attributeName === "href" && trimmed.startsWith("#")) return trimmed;
    const isImage = elementName === "img" || elementName === "source";
    if (isImage && SAFE_DATA_IMAGE.test(trimmed)) return trimmed;
    let url;
    try {
      url = new URL(trimmed, baseUrl || undefined);
    } catch {
      return null;
    }
    const allowed = isImage ? IMAGE_PROTOCOLS : LINK_PROTOCOLS;
    return allowed.has(url.protocol) ? url.href : null;
  }

  /** Checks every candidate of a srcset; returns the rebuilt list or null if any is unsafe. */
  function safeSrcset(value, elementName, baseUrl) {
    const candidates = value.split(/,\s+/).map((part) => part.trim()).filter(Boolean);
    const kept = [];
    for (const candidate of candidates) {
      const [rawUrl, ...descriptors] = candidate.split(/\s+/);
      const url = safeUrl(rawUrl.replace(/,$/, ""), "src", elementName, baseUrl);
      if (url === null) return null;
      kept.push([url, ...descriptors].join(" "));
    }
    return kept.length ? kept.join(", ") : null;
  }

  function cleanAttributes(element, elementName, baseUrl) {
    const perElement = ELEMENT_ATTRIBUTES[elementName];
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const allowed = GLOBAL_ATTRIBUTES.has(name) || (perElement !== undefined && perElement.has(name));
      if (!allowed || attribute.namespaceURI !== null) {
        element.removeAttributeNode(attribute);
        continue;
      }
      if (URL_ATTRIBUTES.has(name)) {
        const url = safeUrl(attribute.value, name, elementName, baseUrl);
        if (url === null) element.removeAttribute(name);
        else if (url !== attribute.value) element.setAttribute(name, url);
      } else if (SRCSET_ATTRIBUTES.has(name)) {
        const srcset = safeSrcset(attribute.value, elementName, baseUrl);
        if (srcset === null) element.removeAttribute(name);
        else if (srcset !== attribute.value) element.setAttribute(name, srcset);
      }
    }
    if (elementName === "img") {
      element.setAttribute("loading", "lazy");
      element.setAttribute("decoding", "async");
    }
  }

  /**
   * Parses `html` inertly, drops anything executable or embedding, and returns a fragment owned by
   * `targetDocument`. Iterative: a static list of elements in document order, so deep trees
   * cannot overflow the stack.
   */
  function sanitizeContent(html, targetDocument, baseUrl) {
    const inert = new DOMParser().parseFromString(String(html ?? ""), "text/html");
    const body = inert.body;
    for (const element of Array.from(body.querySelectorAll("*"))) {
      if (!body.contains(element)) continue; // an ancestor was already dropped
      const name = element.localName;
      if (element.namespaceURI !== XHTML_NAMESPACE || DROPPED_ELEMENTS.has(name)) {
        element.remove();
      } else if (!ALLOWED_ELEMENTS.has(name)) {
        element.replaceWith(...Array.from(element.childNodes)); // unwrap: keep the text
      } else {
        cleanAttributes(element, name, baseUrl);
      }
    }
    // Comments and processing instructions carry nothing a reader needs.
    const walker = inert.createTreeWalker(body, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
    const strays = [];
    while (walker.nextNode()) strays.push(walker.currentNode);
    for (const node of strays) node.remove();

    const fragment = targetDocument.createDocumentFragment();
    // Adopted, not cloned: the inert document is thrown away, so its nodes can move.
    for (const node of Array.from(body.childNodes)) fragment.append(targetDocument.adoptNode(node));
    return fragment;
  }

  // ---------------------------------------------------------------------------------------------
  // Styles
  // ---------------------------------------------------------------------------------------------

  /**
   * Puts `cssText` into the shadow root. A constructed sheet (adoptedStyleSheets) is not subject
   * to the page's CSP; where that is refused (Firefox content scripts cannot adopt sheets across
   * the Xray boundary) a <style> element is used, with its text set BEFORE insertion so Firefox
   * applies the content script's CSP instead of the page's. Returns a function that undoes it.
   */
  function applyStyles(shadowRoot, cssText) {
    const view = shadowRoot.ownerDocument.defaultView;
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(cssText);
      shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, sheet];
      if (shadowRoot.adoptedStyleSheets.includes(sheet)) {
        return () => {
          shadowRoot.adoptedStyleSheets = shadowRoot.adoptedStyleSheets.filter((s) => s !== sheet);
        };
      }
    } catch {
      // fall through to a <style> element
    }
    const style = shadowRoot.ownerDocument.createElement("style");
    style.textContent = cssText;
    shadowRoot.prepend(style);
    return () => style.remove();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  function makeTranslator(handlers) {
    const external = typeof handlers.t === "function" ? handlers.t : null;
    return (key, substitutions) => {
      const subs = substitutions === undefined ? [] : [].concat(substitutions).map(String);
      if (external) {
        const text = external(key, subs);
        if (text && text !== key) return text;
      }
      const fallback = FALLBACK_STRINGS[key] ?? key;
      return fallback.replace(/\$(\d)/g, (_, index) => subs[Number(index) - 1] ?? "");
    };
  }

  function element(doc, tagName, className, text) {
    const node = doc.createElement(tagName);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** A piece of text whose direction follows its own content (UI strings inside an RTL article). */
  function isolated(doc, tagName, className, text) {
    const node = element(doc, tagName, className, text);
    node.dir = "auto";
    return node;
  }

  function button(doc, action, label, text, value) {
    const node = element(doc, "button", "cp-button", text);
    node.type = "button";
    node.dataset.action = action;
    if (value !== undefined) node.dataset.value = value;
    node.title = label;
    node.setAttribute("aria-label", label);
    return node;
  }

  function hostnameOf(url) {
    try {
      return new URL(url).hostname.replace(/^www\./, "");
    } catch {
      return "";
    }
  }

  const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

  /** Formats the publication date for the UI language; falls back to the raw string. */
  function formatDate(value, locale) {
    if (!value) return null;
    const time = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(time)) return { text: value, iso: null };
    try {
      const text = new Intl.DateTimeFormat(locale || undefined, {
        year: "numeric", month: "long", day: "numeric", timeZone: "UTC",
      }).format(new Date(time));
      return { text, iso: new Date(time).toISOString() };
    } catch {
      return { text: value, iso: null };
    }
  }

  function normalizeText(text) {
    return String(text ?? "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  /** Counts outermost promo blocks (a promo nested in a promo counts once). */
  function countPromos(container) {
    let count = 0;
    for (const block of container.querySelectorAll(`[${PROMO_ATTRIBUTE}]`)) {
      if (!block.parentElement || !block.parentElement.closest(`[${PROMO_ATTRIBUTE}]`)) count += 1;
    }
    return count;
  }

  /** Drops a leading heading that only repeats the title shown above it. */
  function dropRepeatedTitle(content, title) {
    const first = content.firstElementChild;
    if (!first || !title) return;
    const heading = /^h[1-2]$/.test(first.localName) ? first : first.querySelector(":scope > h1:first-child, :scope > h2:first-child");
    if (heading && normalizeText(heading.textContent) === normalizeText(title)) heading.remove();
  }

  function render(shadowRoot, article, initialPrefs, handlers = {}) {
    const doc = shadowRoot.ownerDocument;
    const t = makeTranslator(handlers);
    let prefs = normalizePrefs(initialPrefs);
    const baseUrl = handlers.baseUrl || article.url || undefined;

    const root = element(doc, "div", "cp-root");
    if (String(article.content ?? "").length > LARGE_CONTENT_CHARS) root.classList.add("cp-large");
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", t("readerLabel"));

    const scroller = element(doc, "div", "cp-scroller");
    scroller.tabIndex = -1;
    root.append(scroller);

    // ----- bar -----
    const bar = element(doc, "header", "cp-bar");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", t("toolbarLabel"));
    const siteName = article.siteName || hostnameOf(baseUrl);
    const readingTime = Number.isFinite(article.readingMinutes) && article.readingMinutes > 0
      ? t("readingTime", [article.readingMinutes]) : null;
    const barInfo = element(doc, "div", "cp-bar-info");
    if (siteName) barInfo.append(isolated(doc, "span", "cp-bar-site", siteName));
    if (readingTime) barInfo.append(isolated(doc, "span", "cp-bar-time", readingTime));

    const promoToggle = button(doc, "toggle-promos", t("promoToggleHint"), "");
    promoToggle.classList.add("cp-promo-toggle");

    const themeGroup = element(doc, "div", "cp-group cp-themes");
    themeGroup.setAttribute("role", "group");
    themeGroup.setAttribute("aria-label", t("themeLabel"));
    const THEME_LABEL_KEYS = { auto: "themeAuto", light: "themeLight", sepia: "themeSepia", dark: "themeDark" };
    for (const theme of THEMES) {
      const swatch = button(doc, "theme", t(THEME_LABEL_KEYS[theme]), "", theme);
      swatch.classList.add("cp-swatch", `cp-swatch-${theme}`);
      themeGroup.append(swatch);
    }

    const fontGroup = element(doc, "div", "cp-group");
    fontGroup.setAttribute("role", "group");
    const smaller = button(doc, "font-smaller", t("fontSmaller"), "A");
    smaller.classList.add("cp-font-smaller");
    const larger = button(doc, "font-larger", t("fontLarger"), "A");
    larger.classList.add("cp-font-larger");
    fontGroup.append(smaller, larger);

    const widthGroup = element(doc, "div", "cp-group cp-widths");
    widthGroup.setAttribute("role", "group");
    widthGroup.setAttribute("aria-label", t("widthLabel"));
    const WIDTH_LABEL_KEYS = { narrow: "widthNarrow", medium: "widthMedium", wide: "widthWide" };
    for (const width of WIDTHS) {
      const option = button(doc, "width", t(WIDTH_LABEL_KEYS[width]), "", width);
      option.classList.add("cp-width", `cp-width-${width}`);
      option.append(element(doc, "span", "cp-width-glyph"));
      widthGroup.append(option);
    }

    const closeButton = button(doc, "close", t("readerClose"), "\u00d7");
    closeButton.classList.add("cp-close");

    const controls = element(doc, "div", "cp-bar-controls");
    controls.append(promoToggle, themeGroup, fontGroup, widthGroup, closeButton);
    bar.append(barInfo, controls);

    // ----- article -----
    const page = element(doc, "main", "cp-page");
    const articleNode = element(doc, "article", "cp-article");
    if (article.lang) articleNode.lang = article.lang;
    articleNode.dir = article.dir === "rtl" || article.dir === "ltr" ? article.dir : "auto";

    const head = element(doc, "header", "cp-head");
    if (siteName) head.append(element(doc, "p", "cp-site", siteName));
    if (article.title) head.append(element(doc, "h1", "cp-title", article.title));
    const meta = element(doc, "p", "cp-meta");
    const metaParts = [];
    if (article.byline) metaParts.push(isolated(doc, "span", "cp-byline", article.byline));
    const date = formatDate(article.publishedTime, handlers.locale || undefined);
    if (date) {
      const time = isolated(doc, "time", "cp-date", date.text);
      if (date.iso) time.dateTime = date.iso;
      metaParts.push(time);
    }
    if (readingTime) metaParts.push(isolated(doc, "span", "cp-reading-time", readingTime));
    metaParts.forEach((part, index) => {
      if (index > 0) meta.append(element(doc, "span", "cp-sep", "\u00b7"));
      meta.append(part);
    });
    if (metaParts.length) head.append(meta);

    const content = element(doc, "div", "cp-content");
    content.append(sanitizeContent(article.content, doc, baseUrl));
    dropRepeatedTitle(content, article.title);
    const promoCount = countPromos(content);

    articleNode.append(head, content);
    page.append(articleNode);
    scroller.append(bar, page);

    // ----- state -----
    function applyPrefs() {
      root.dataset.theme = prefs.theme;
      root.dataset.width = prefs.width;
      root.classList.toggle(SHOW_PROMOS_CLASS, !prefs.hidePromos);
      root.style.setProperty("--cp-font-size", `${prefs.fontSize}px`);
      const shown = !prefs.hidePromos;
      promoToggle.hidden = promoCount === 0;
      promoToggle.setAttribute("aria-pressed", String(shown));
      promoToggle.textContent = shown
        ? (promoCount === 1 ? t("promosShownOne") : t("promosShownMany", [promoCount]))
        : (promoCount === 1 ? t("promosHiddenOne") : t("promosHiddenMany", [promoCount]));
      for (const swatch of themeGroup.children) swatch.setAttribute("aria-pressed", String(swatch.dataset.value === prefs.theme));
      for (const option of widthGroup.children) option.setAttribute("aria-pressed", String(option.dataset.value === prefs.width));
      smaller.disabled = prefs.fontSize === FONT_SIZES[0];
      larger.disabled = prefs.fontSize === FONT_SIZES[FONT_SIZES.length - 1];
    }

    function updatePrefs(change) {
      prefs = normalizePrefs({ ...prefs, ...change });
      applyPrefs();
      if (typeof handlers.onPrefsChange === "function") handlers.onPrefsChange({ ...prefs });
    }

    function stepFontSize(direction) {
      const index = FONT_SIZES.indexOf(prefs.fontSize);
      const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, index + direction))];
      updatePrefs({ fontSize: next });
    }

    function onClick(event) {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const control = target.closest("button[data-action]");
      if (control && bar.contains(control)) {
        const action = control.dataset.action;
        if (action === "toggle-promos") updatePrefs({ hidePromos: !prefs.hidePromos });
        else if (action === "theme") updatePrefs({ theme: control.dataset.value });
        else if (action === "width") updatePrefs({ width: control.dataset.value });
        else if (action === "font-smaller") stepFontSize(-1);
        else if (action === "font-larger") stepFontSize(1);
        else if (action === "close" && typeof handlers.onClose === "function") handlers.onClose();
        return;
      }
      // In-article anchors (#footnote) scroll inside the reader instead of changing the page URL.
      const link = target.closest("a[href^='#']");
      if (link && content.contains(link)) {
        event.preventDefault();
        const id = decodeURIComponent(link.getAttribute("href").slice(1));
        const destination = id ? content.querySelector(`#${CSS.escape(id)}`) : null;
        if (destination) destination.scrollIntoView({ block: "start" });
        else scroller.scrollTo({ top: 0 });
      }
    }

    function onKeyDown(event) {
      if (event.key === "Escape" && !event.isComposing && typeof handlers.onClose === "function") {
        event.preventDefault();
        handlers.onClose();
      }
    }

    root.addEventListener("click", onClick);
    root.addEventListener("keydown", onKeyDown);
    applyPrefs();
    shadowRoot.append(root);

    return {
      root,
      promoCount,
      prefs: () => ({ ...prefs }),
      setPrefs(change) {
        updatePrefs(change);
      },
      focus() {
        scroller.focus({ preventScroll: true });
      },
      destroy() {
        root.removeEventListener("click", onClick);
        root.removeEventListener("keydown", onKeyDown);
        root.remove();
      },
    };
  }

  globalThis.ClearpageReader = Object.freeze({
    render,
    applyStyles,
    sanitizeContent,
    normalizePrefs,
    DEFAULT_PREFS,
    FONT_SIZES: Object.freeze([...FONT_SIZES]),
    WIDTHS: Object.freeze([...WIDTHS]),
    THEMES: Object.freeze([...THEMES]),
    PROMO_ATTRIBUTE,
  });
})();
