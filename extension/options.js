/**
 * Clearpage options page: reads and writes the reader prefs (storage.sync key "prefs", the same
 * object the reader view's bar updates) and shows the current keyboard shortcut.
 */
(() => {
  const { api, t } = globalThis.ClearpagePlatform;
  const Reader = globalThis.ClearpageReader;
  const PREFS_KEY = "prefs";
  const STATUS_CLEAR_DELAY_MS = 1500;

  const form = document.getElementById("options");
  const status = document.getElementById("status");
  let statusTimer = 0;

  function localize() {
    document.documentElement.lang = api.i18n.getUILanguage();
    document.documentElement.dir = t("@@bidi_dir") === "rtl" ? "rtl" : "ltr";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    const select = form.elements.fontSize;
    for (const size of Reader.FONT_SIZES) {
      const option = document.createElement("option");
      option.value = String(size);
      option.textContent = `${size} px`;
      select.append(option);
    }
  }

  function show(prefs) {
    form.elements.hidePromos.checked = prefs.hidePromos;
    form.elements.theme.value = prefs.theme;
    form.elements.fontSize.value = String(prefs.fontSize);
    form.elements.width.value = prefs.width;
  }

  function read() {
    return Reader.normalizePrefs({
      hidePromos: form.elements.hidePromos.checked,
      theme: form.elements.theme.value,
      fontSize: Number(form.elements.fontSize.value),
      width: form.elements.width.value,
    });
  }

  async function save() {
    await api.storage.sync.set({ [PREFS_KEY]: read() });
    status.textContent = t("optionsSaved");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { status.textContent = ""; }, STATUS_CLEAR_DELAY_MS);
  }

  async function showShortcut() {
    let key = "";
    try {
      const commands = await api.commands.getAll();
      key = commands.find((command) => command.name === "_execute_action")?.shortcut || "";
    } catch {
      // commands API unavailable: show the hint without a key
    }
    document.getElementById("shortcut").textContent = t("optionsShortcutHint", [key || t("optionsShortcutUnset")]);
  }

  async function main() {
    localize();
    const stored = await api.storage.sync.get(PREFS_KEY);
    show(Reader.normalizePrefs(stored?.[PREFS_KEY]));
    form.addEventListener("change", () => { save(); });
    api.storage.onChanged.addListener((changes, area) => {
      if (area === "sync" && changes[PREFS_KEY]) show(Reader.normalizePrefs(changes[PREFS_KEY].newValue));
    });
    await showShortcut();
  }

  main();
})();
