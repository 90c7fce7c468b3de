/**
 * Clearpage platform layer: the ONE place where Chrome and Firefox differ.
 *
 * Written as a classic script with no import/export so every context can load the same file:
 * the background module imports it for its side effect, the options page loads it with
 * <script src>, and the background injects it before content.js (content scripts cannot be
 * modules). It defines `globalThis.ClearpagePlatform`.
 *
 * Differences it hides:
 * - the API namespace: Firefox has promise-based `browser`, Chrome has `chrome` (promise-based
 *   too in MV3); we use whichever exists.
 * - extension pages' base URL scheme (moz-extension:// vs chrome-extension://) only matters via
 *   `resourceUrl`.
 * - how a failed `scripting.executeScript` reads (restricted pages): see `isRestrictedPageError`.
 */
(() => {
  if (globalThis.ClearpagePlatform) return;

  const api = globalThis.browser ?? globalThis.chrome;
  const isGecko = typeof api?.runtime?.getBrowserInfo === "function";

  /** Localized UI string; falls back to the key so a missing message is visible, not blank. */
  function t(key, substitutions) {
    try {
      const text = api.i18n.getMessage(key, substitutions);
      return text || key;
    } catch {
      return key;
    }
  }

  /** Absolute URL of a file shipped in the extension (path relative to manifest.json). */
  function resourceUrl(path) {
    return api.runtime.getURL(path);
  }

  /** True while this script's extension context is alive (false after an extension reload). */
  function isContextAlive() {
    try {
      return Boolean(api?.runtime?.id);
    } catch {
      return false;
    }
  }

  /**
   * executeScript rejects on pages an extension may not touch. Chrome says e.g. "Cannot access a
   * chrome:// URL" / "The extensions gallery cannot be scripted" / "Cannot access contents of the
   * page"; Firefox says "Missing host permission for the tab". Every rejection means the same for
   * us: the page is off limits. Kept as a function so a browser-specific case has one home.
   */
  function isRestrictedPageError(error) {
    return error !== undefined;
  }

  globalThis.ClearpagePlatform = Object.freeze({
    api,
    isGecko,
    t,
    resourceUrl,
    isContextAlive,
    isRestrictedPageError,
  });
})();
