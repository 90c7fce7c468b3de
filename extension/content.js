/**
 * Clearpage content script: takes the page snapshot and shows/hides the reader view in the tab.
 *
 * Injected on demand by background.js (after platform.js and reader/reader.js) with
 * scripting.executeScript; a classic script, guarded against double injection.
 *
 * HOW THE READER VIEW REPLACES THE PAGE (and why):
 *   The page's own nodes are never moved, detached or edited. One host element
 *   (div#clearpage-host) is appended to <html>, after <body>; it holds a CLOSED shadow root with
 *   the reader view, is put in the top layer (popover="manual" + showPopover()) and covers the
 *   viewport with an opaque, full-size box. One extra style sheet (adopted by the document, or a
 *   <style> inside the host when adoption is refused) sets `html { overflow: hidden }` so the
 *   page behind does not scroll; it lives only as long as the host.
 *   - Detaching <body> instead was rejected: media elements pause when removed from a document
 *     and iframes unload and reload, so "playing media untouched" could not hold.
 *   - Because nothing of the page is touched, the same nodes, typed form values, listeners and
 *     playing media survive by construction; on exit the host is removed, the document sheet is
 *     dropped, scroll position and focus are put back, and the document serializes identically.
 *   - Page scripts cannot reach into a closed shadow root, and a page script appending to
 *     document.body every 50 ms only adds to the (covered) body, never to the reader view.
 *   - If a page script removes the host, a MutationObserver on <html> notices and restores.
 *
 * THE SNAPSHOT sent to the engine is the document as the user sees it: doctype + <html> cloned
 * into an inert document (nothing loads, nothing runs), minus elements hidden by computed style
 * (display: none), e.g. a widget's desktop copy on a phone. The live page is not touched.
 */
(() => {
  const existing = globalThis.clearpageContent;
  if (existing && existing.isAlive()) return;
  if (existing) existing.dispose(); // left over from a reloaded extension: replace it

  const { api, isContextAlive } = globalThis.ClearpagePlatform;
  const Reader = globalThis.ClearpageReader;

  const HOST_ID = "clearpage-host";
  const PREFS_KEY = "prefs";
  const MESSAGE = Object.freeze({
    toggle: "clearpage-toggle",
    open: "clearpage-open",
    status: "clearpage-status",
    closed: "clearpage-closed",
  });
  /** Above this serialized size the page is refused with a message instead of freezing the tab. */
  const MAX_SNAPSHOT_BYTES = 30 * 1024 * 1024;
  /** Above this many elements the hidden-element pass is skipped (it costs a style lookup each). */
  const MAX_ELEMENTS_FOR_VISIBILITY_PASS = 200_000;
  /** Above this many elements the page is refused before serializing at all. */
  const MAX_ELEMENTS = 3_000_000;
  /** Elements that are display:none by nature but carry data the engine wants (e.g. JSON-LD). */
  const KEEP_EVEN_IF_HIDDEN = new Set([
    "script", "style", "template", "link", "meta", "title", "base", "noscript", "source", "track",
    "param", "area", "map", "head",
  ]);
  const UTF8_MAX_BYTES_PER_CHAR = 3;
  /** Below this many elements the live tree is not serialized just to measure it first. */
  const EARLY_SIZE_CHECK_MIN_ELEMENTS = 50_000;
  /**
   * Elements the engine never reads (it removes them before anything else), left out of the
   * snapshot so it is smaller to serialize, send and scan. JSON scripts (JSON-LD metadata) stay.
   */
  const UNREAD_ELEMENTS = "script:not([type*='json' i]), style, link, template";
  /** snapshotMs and renderMs are reported to 0.1 ms. */
  const roundMs = (ms) => Math.round(ms * 10) / 10;

  let session = null;
  /** The reader's prefs, read while the background extracts (started with the snapshot). */
  let pendingPrefs = null;

  // ---------------------------------------------------------------------------------------------
  // Snapshot
  // ---------------------------------------------------------------------------------------------

  function doctypeString(doctype) {
    if (!doctype) return "";
    let text = `<!DOCTYPE ${doctype.name}`;
    if (doctype.publicId) text += ` PUBLIC "${doctype.publicId}"`;
    if (doctype.systemId) text += `${doctype.publicId ? "" : " SYSTEM"} "${doctype.systemId}"`;
    return `${text}>\n`;
  }

  /** Moves a TreeWalker to the next node after the current node's subtree (or null). */
  function skipSubtree(walker) {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  }

  function isHiddenByStyle(element) {
    if (KEEP_EVEN_IF_HIDDEN.has(element.localName)) return false;
    const style = getComputedStyle(element);
    return style.display === "none";
  }

  /**
   * Walks the live tree and its inert copy in lockstep (same shape by construction) and removes
   * from the copy every element the live page hides. Iterative, no recursion on depth.
   */
  function removeHiddenFromCopy(liveRoot, copyRoot) {
    const live = document.createTreeWalker(liveRoot, NodeFilter.SHOW_ELEMENT);
    const copy = copyRoot.ownerDocument.createTreeWalker(copyRoot, NodeFilter.SHOW_ELEMENT);
    const hiddenCopies = [];
    let liveNode = live.nextNode();
    let copyNode = copy.nextNode();
    while (liveNode && copyNode) {
      if (liveNode.localName !== copyNode.localName) break; // shapes diverged: stop, keep the rest
      if (liveNode.localName === "head") {
        liveNode = skipSubtree(live);
        copyNode = skipSubtree(copy);
      } else if (isHiddenByStyle(liveNode)) {
        hiddenCopies.push(copyNode);
        liveNode = skipSubtree(live);
        copyNode = skipSubtree(copy);
      } else {
        liveNode = live.nextNode();
        copyNode = copy.nextNode();
      }
    }
    for (const node of hiddenCopies) node.remove();
    return hiddenCopies.length;
  }

  /** Removes from the copy what the engine never reads (see UNREAD_ELEMENTS). */
  function removeUnreadFromCopy(copyRoot) {
    const unread = copyRoot.querySelectorAll(UNREAD_ELEMENTS);
    for (const element of unread) element.remove();
    return unread.length;
  }

  function utf8Length(text) {
    if (text.length * UTF8_MAX_BYTES_PER_CHAR <= MAX_SNAPSHOT_BYTES) return text.length; // surely fits
    return new TextEncoder().encode(text).byteLength;
  }

  /** Serializes the page as the user sees it, or explains why it is too large. */
  function takeSnapshot() {
    const started = performance.now();
    const liveRoot = document.documentElement;
    const elementCount = document.getElementsByTagName("*").length;
    if (elementCount > MAX_ELEMENTS) {
      return { state: "too-large", bytes: null, elements: elementCount };
    }
    // Early refusal for big trees: serializing the live tree is fast; cloning a huge one is not.
    // Smaller trees are cloned at once (the size check after serializing still applies).
    if (elementCount > EARLY_SIZE_CHECK_MIN_ELEMENTS) {
      const liveChars = liveRoot.outerHTML.length;
      if (liveChars > MAX_SNAPSHOT_BYTES) return { state: "too-large", bytes: liveChars, elements: elementCount };
    }
    const inert = document.implementation.createHTMLDocument("");
    const copyRoot = inert.importNode(liveRoot, true);
    let hiddenRemoved = 0;
    if (elementCount <= MAX_ELEMENTS_FOR_VISIBILITY_PASS) hiddenRemoved = removeHiddenFromCopy(liveRoot, copyRoot);
    // After the hidden pass, which walks the live tree and the copy in lockstep.
    removeUnreadFromCopy(copyRoot);
    const html = doctypeString(document.doctype) + copyRoot.outerHTML;
    const bytes = utf8Length(html);
    if (bytes > MAX_SNAPSHOT_BYTES) return { state: "too-large", bytes, elements: elementCount };
    return {
      state: "snapshot",
      html,
      url: location.href,
      elements: elementCount,
      hiddenRemoved,
      snapshotMs: roundMs(performance.now() - started),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Prefs
  // ---------------------------------------------------------------------------------------------

  async function loadPrefs() {
    try {
      const stored = await api.storage.sync.get(PREFS_KEY);
      return Reader.normalizePrefs(stored?.[PREFS_KEY]);
    } catch {
      return Reader.normalizePrefs(null);
    }
  }

  function savePrefs(prefs) {
    try {
      api.storage.sync.set({ [PREFS_KEY]: prefs }).catch(() => {});
    } catch {
      // extension context gone: the choice just is not remembered
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Page lock: the one document-level rule, living exactly as long as the host
  // ---------------------------------------------------------------------------------------------

  const PAGE_LOCK_CSS = "html { overflow: hidden !important; }";

  /** Applies PAGE_LOCK_CSS; returns a function that removes it. */
  function lockPageScroll(host) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(PAGE_LOCK_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      if (document.adoptedStyleSheets.includes(sheet)) {
        return () => {
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        };
      }
    } catch {
      // fall back to a <style> element inside the host (light DOM, not rendered, still applies)
    }
    const style = document.createElement("style");
    style.textContent = PAGE_LOCK_CSS; // set before insertion: Firefox then uses our CSP, not the page's
    host.append(style);
    return () => style.remove();
  }

  // ---------------------------------------------------------------------------------------------
  // Open / close
  // ---------------------------------------------------------------------------------------------

  const HOST_STYLE = [
    ["all", "initial"],
    ["display", "block"],
    ["position", "fixed"],
    ["inset", "0"],
    ["width", "100%"],
    ["height", "100%"],
    ["max-width", "none"],
    ["max-height", "none"],
    ["margin", "0"],
    ["padding", "0"],
    ["border", "0"],
    ["z-index", "2147483647"],
    ["overflow", "hidden"],
    ["background", "transparent"],
    ["color-scheme", "normal"],
    ["visibility", "visible"],
    ["opacity", "1"],
    ["transform", "none"],
    ["filter", "none"],
  ];

  function makeHost() {
    const host = document.createElement("div");
    host.id = HOST_ID;
    for (const [property, value] of HOST_STYLE) host.style.setProperty(property, value, "important");
    return host;
  }

  function reportClosed(reason) {
    if (!isContextAlive()) return;
    try {
      api.runtime.sendMessage({ type: MESSAGE.closed, reason }).catch(() => {});
    } catch {
      // background unreachable: nothing to update
    }
  }

  function updateHostState(host, prefs) {
    host.dataset.promos = prefs.hidePromos ? "hidden" : "shown";
    host.dataset.theme = prefs.theme;
  }

  async function open(message) {
    if (session) return { state: "open", already: true };
    const started = performance.now();
    const prefs = await (pendingPrefs ?? loadPrefs());
    pendingPrefs = null;
    if (session) return { state: "open", already: true };

    const host = makeHost();
    const shadow = host.attachShadow({ mode: "closed" });
    const removeStyles = Reader.applyStyles(shadow, message.css || "");
    const controller = Reader.render(shadow, message.article, prefs, {
      t: (key, substitutions) => api.i18n.getMessage(key, substitutions),
      locale: api.i18n.getUILanguage(),
      baseUrl: message.url || location.href,
      onClose: () => close("reader-close"),
      onPrefsChange: (next) => {
        updateHostState(host, next);
        savePrefs(next);
      },
    });
    host.dataset.state = "open";
    host.dataset.promoCount = String(controller.promoCount);
    updateHostState(host, prefs);

    const saved = {
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      activeElement: document.activeElement,
    };

    const unlockPageScroll = lockPageScroll(host);
    document.documentElement.append(host);
    try {
      host.setAttribute("popover", "manual");
      host.showPopover();
    } catch {
      host.removeAttribute("popover"); // no top layer: the max z-index still covers the page
    }

    // Keys typed in the reader are the reader's: the page's own shortcuts must not fire.
    const swallowKeys = (event) => event.stopPropagation();
    host.addEventListener("keydown", swallowKeys);
    host.addEventListener("keyup", swallowKeys);
    host.addEventListener("keypress", swallowKeys);
    const onWindowKeyDown = (event) => {
      if (event.key === "Escape" && !event.isComposing) {
        event.preventDefault();
        close("escape");
      }
    };
    window.addEventListener("keydown", onWindowKeyDown, true);

    // A page script removing our host must not leave the page locked.
    const observer = new MutationObserver(() => {
      if (session && !host.isConnected) close("host-removed");
    });
    observer.observe(document.documentElement, { childList: true });

    session = { host, controller, removeStyles, unlockPageScroll, saved, observer, onWindowKeyDown, swallowKeys };
    controller.focus();
    return {
      state: "open",
      promoCount: controller.promoCount,
      prefs: controller.prefs(),
      renderMs: roundMs(performance.now() - started),
    };
  }

  function close(reason) {
    if (!session) return false;
    const { host, controller, removeStyles, unlockPageScroll, saved, observer, onWindowKeyDown, swallowKeys } = session;
    session = null;
    observer.disconnect();
    window.removeEventListener("keydown", onWindowKeyDown, true);
    host.removeEventListener("keydown", swallowKeys);
    host.removeEventListener("keyup", swallowKeys);
    host.removeEventListener("keypress", swallowKeys);
    try {
      if (host.matches(":popover-open")) host.hidePopover();
    } catch {
      // not a popover
    }
    controller.destroy();
    removeStyles();
    unlockPageScroll();
    host.remove();
    if (window.scrollX !== saved.scrollX || window.scrollY !== saved.scrollY) {
      window.scrollTo({ left: saved.scrollX, top: saved.scrollY, behavior: "instant" });
    }
    const previous = saved.activeElement;
    if (previous && previous !== document.body && previous.isConnected && typeof previous.focus === "function") {
      previous.focus({ preventScroll: true });
    }
    if (reason !== "toggle") reportClosed(reason);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages from the background
  // ---------------------------------------------------------------------------------------------

  function onMessage(message, sender, sendResponse) {
    if (!message || typeof message.type !== "string") return false;
    if (message.type === MESSAGE.toggle) {
      if (session) {
        close("toggle");
        sendResponse({ state: "closed" });
      } else {
        try {
          const snapshot = takeSnapshot();
          sendResponse(snapshot);
          if (snapshot.state === "snapshot") pendingPrefs = loadPrefs();
        } catch (error) {
          sendResponse({ state: "error", message: String(error?.message ?? error) });
        }
      }
      return false;
    }
    if (message.type === MESSAGE.open) {
      open(message).then(sendResponse, (error) => {
        close("render-failed");
        sendResponse({ state: "error", message: String(error?.message ?? error) });
      });
      return true; // async response
    }
    if (message.type === MESSAGE.status) {
      sendResponse({ state: session ? "open" : "closed" });
      return false;
    }
    return false;
  }

  api.runtime.onMessage.addListener(onMessage);

  globalThis.clearpageContent = Object.freeze({
    isAlive: isContextAlive,
    isOpen: () => session !== null,
    close: () => close("api"),
    dispose() {
      close("dispose");
      try {
        api.runtime.onMessage.removeListener(onMessage);
      } catch {
        // dead context
      }
    },
  });
})();
