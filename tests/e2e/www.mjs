#!/usr/bin/env node
/**
 * End-to-end check of the demo page (www/) in headless Debian Chromium, through playwright-core.
 * Owns: a loopback static server for www/ (with a request log), and the page checks: the seed
 * sample extracts with its article text visible and promo lines hidden, the promo toggles (the
 * page's and the reader toolbar's) show them, the output tabs and copy button work, the library
 * runs in a module web worker, a file picked from disk in a legacy charset decodes, and a pasted
 * hostile page (inline handlers, scripts, javascript: links) runs nothing. Saves a full-page
 * screenshot to tests/e2e/out/www.png.
 *
 * Run after `cargo xtask build` (which fills www/pkg, www/reader and www/samples):
 *   node tests/e2e/www.mjs            prints "www: N passed, M failed", exits 1 on any failure
 * or import { runWwwTests } and call it with { launchOptions, baseDir }.
 */
import http from "node:http";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEFAULT_WWW_DIR = path.join(REPO_ROOT, "www");
const SEED_PAGE_FILE = "seed-theweek.html";
const SEED_EXPECTED_PATH = path.resolve(REPO_ROOT, "..", "shared", "fixtures", "seed-theweek.expected.json");
const SCREENSHOT_PATH = path.join(REPO_ROOT, "tests", "e2e", "out", "www.png");
const CHROMIUM_PATH = "/usr/bin/chromium";
/** Flags every test browser gets: no network beyond loopback, no background traffic. */
const CHROMIUM_ARGS = [
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-sandbox",
  "--disable-gpu",
];
const VIEWPORT = { width: 1440, height: 1000 };
const ENGINE_READY_TIMEOUT_MS = 20000;
const RENDER_TIMEOUT_MS = 10000;
/** Time given to anything hostile to fire (image errors, timers) before checking it did not. */
const HOSTILE_SETTLE_MS = 1500;
/** URL prefix the hostile payloads call home on; any request to it means something ran. */
const PWNED_PATH = "/__pwned/";
const WORKER_TEST_PATH = "/__tests__/www-worker.mjs";
const HOSTILE_FLAG = "__clearpageHostileRan";
/** The only <script> elements the demo document may hold: its module and the shared renderer. */
const OWN_SCRIPT_PATHS = ["/app.js", "/reader/reader.js"];
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/** Stands in for article images from other hosts, which the test never fetches. */
const OFFLINE_IMAGE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">' +
  '<rect width="1200" height="675" fill="#d9d6cc"/>' +
  '<text x="600" y="350" font-family="sans-serif" font-size="40" fill="#5f5e58" text-anchor="middle">image (not fetched: offline test)</text></svg>';

/** A module worker the test serves beside www/: the library must work off the main thread. */
const WORKER_SOURCE = `
import init, { extract, isProbablyReaderable } from "/lib/index.js";
self.onmessage = async ({ data }) => {
  try {
    await init();
    const html = await (await fetch(data.sample)).text();
    const article = extract(html, { url: data.url });
    self.postMessage({ ok: true, title: article.title, length: article.length, readerable: isProbablyReaderable(html) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error && error.message || error) });
  }
};
`;

/** A page whose article survives extraction, carrying every classic way to run script. */
function hostilePage() {
  const call = (tag) => `window.${HOSTILE_FLAG}='${tag}';fetch('${PWNED_PATH}${tag}')`;
  const paragraph =
    "The harbour committee met on Thursday evening to discuss the long-delayed repairs to the north pier, " +
    "which has been closed to visitors since the storms of last winter damaged its timber decking and railings.";
  return `<!DOCTYPE html><html lang="en"><head><title>Harbour repairs approved</title>
<script>${call("head-script")}</script>
<meta http-equiv="refresh" content="0;url=${PWNED_PATH}meta-refresh">
<base href="http://127.0.0.1:1/">
</head><body onload="${call("body-onload")}">
<article><h1>Harbour repairs approved after long delay</h1>
<p>${paragraph}</p>
<p>Members agreed the work would begin in spring. <img src=x onerror="${call("img-onerror")}"> The contractor expects the pier to reopen by summer.</p>
<script>${call("body-script")}</script>
<p>Residents welcomed the decision. <a href="javascript:${call("js-link")}">Click for the prize</a> and <svg onload="${call("svg-onload")}"><circle r="4"/></svg> more.</p>
<iframe srcdoc="<script>parent.${HOSTILE_FLAG}='iframe'</script>"></iframe>
<object data="javascript:${call("object")}"></object>
<p onmouseover="${call("p-mouseover")}" style="background:url(${PWNED_PATH}style-url)">${paragraph} Funding comes from the regional maritime fund and a local appeal.</p>
<form action="${PWNED_PATH}form"><button formaction="javascript:${call("formaction")}">Vote</button></form>
<p>The committee will publish the final schedule next month, after the contractor has surveyed the piles beneath the deck.</p>
</article></body></html>`;
}

const LEGACY_CHARSET_SENTENCE = "The old café crème on the square reopened this week under a new owner";

/** An article saved in windows-1252 (every character below is in Latin-1). */
function legacyCharsetPage() {
  const paragraph =
    "Regulars queued from seven in the morning, and the new owner said the recipes, the zinc bar and " +
    "the faded posters would all stay exactly where they had been for the last forty years.";
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="windows-1252"><title>Reopening</title></head>
<body><article><h1>A café reopens</h1><p>${LEGACY_CHARSET_SENTENCE}, to the relief of the neighbourhood.</p>
<p>${paragraph}</p><p>${paragraph} Prices, she promised, would not change before the spring.</p></article></body></html>`;
}

/** A home page: navigation only, nothing a reader view could show. */
const NO_ARTICLE_PAGE =
  '<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href="/a">News</a> <a href="/b">Sport</a></nav></body></html>';

/** Lower-cased words, so text compares word by word whatever the spacing and punctuation. */
function words(text) {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

function containsWords(haystack, needle) {
  return words(haystack).includes(words(needle));
}

/** Serves `rootDir` on 127.0.0.1 and logs every request path. */
async function startServer(rootDir) {
  const requests = [];
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    requests.push(pathname);
    if (pathname === WORKER_TEST_PATH) {
      response.writeHead(200, { "content-type": CONTENT_TYPES[".mjs"] });
      response.end(WORKER_SOURCE);
      return;
    }
    const relative = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
    const filePath = path.resolve(rootDir, `.${relative}`);
    if (!filePath.startsWith(rootDir + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(filePath)).isFile()) throw new Error("not a file");
      const body = await readFile(filePath);
      response.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(filePath)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Reads the reader view through the DevTools protocol, which can see into the page's closed
 * shadow root (page scripts and normal locators cannot). `inspect` runs with `this` bound to the
 * shadow root and must return plain data.
 */
async function inReaderShadow(cdp, inspect, ...args) {
  const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  const host = findNode(root, (node) => attribute(node, "id") === "reader-host");
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) throw new Error("reader host has no shadow root");
  const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
  const { result, exceptionDetails } = await cdp.send("Runtime.callFunctionOn", {
    objectId: object.objectId,
    functionDeclaration: inspect.toString(),
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
  });
  await cdp.send("Runtime.releaseObject", { objectId: object.objectId });
  if (exceptionDetails) throw new Error(`inspecting the reader failed: ${exceptionDetails.text}`);
  return result.value;
}

function attribute(node, name) {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

function findNode(node, predicate) {
  if (predicate(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return undefined;
}

/**
 * Rendered (CSS-aware) text of the article in the reader view (the shared renderer's
 * `article.cp-article`: title, meta line and content): hidden promo blocks contribute nothing.
 */
function readerVisibleText(cdp) {
  return inReaderShadow(cdp, function visibleText() {
    return this.querySelector(".cp-article")?.innerText ?? "";
  });
}

/** Centre of an element inside the reader view, in page coordinates, for a real mouse click. */
function readerElementCentre(cdp, selector) {
  return inReaderShadow(cdp, function centre(wanted) {
    const target = this.querySelector(wanted);
    if (!target || target.hidden) return null;
    const box = target.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2, text: target.textContent };
  }, selector);
}

/** What in the reader view could run script or leave the page. */
function readerDangerReport(cdp) {
  return inReaderShadow(cdp, function dangers() {
    const found = [];
    for (const element of this.querySelectorAll("*")) {
      const tag = element.localName;
      if (["script", "iframe", "object", "embed", "frame", "base", "meta", "form"].includes(tag)) found.push(`<${tag}>`);
      for (const { name, value } of element.attributes) {
        if (name.startsWith("on")) found.push(`${tag}[${name}]`);
        if (/^\s*(javascript|vbscript|data\s*:\s*text\/html)/i.test(value) && /href|src|action|data/.test(name)) {
          found.push(`${tag}[${name}=${value.slice(0, 30)}]`);
        }
      }
    }
    return found;
  });
}

function readerPromoMarkers(cdp) {
  return inReaderShadow(cdp, function markers() {
    return [...this.querySelectorAll("[data-clearpage-promo]")].map((element) => element.getAttribute("data-clearpage-promo"));
  });
}

/** Clicks every javascript: link the reader view still holds (there should be none). */
function clickScriptLinks(cdp) {
  return inReaderShadow(cdp, function clickLinks() {
    const clicked = [];
    for (const link of this.querySelectorAll("a[href]")) {
      if (/^\s*javascript:/i.test(link.getAttribute("href"))) {
        link.click();
        clicked.push(link.getAttribute("href"));
      }
    }
    return clicked;
  });
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await predicate();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}

/** Runs all checks; returns { passed, failed, failures }. */
export async function runWwwTests({ launchOptions = {}, baseDir = DEFAULT_WWW_DIR } = {}) {
  const results = [];
  const check = (name, ok, detail = "") => {
    results.push({ name, ok: Boolean(ok), detail });
    console.log(`${ok ? "ok  " : "FAIL"} www: ${name}${!ok && detail ? ` (${detail})` : ""}`);
  };
  const rootDir = path.resolve(baseDir);
  for (const needed of ["index.html", "pkg/clearpage_bg.wasm", "reader/reader.js", "reader/reader.css", "samples/index.json"]) {
    if (!existsSync(path.join(rootDir, needed))) {
      check(`built file ${needed} exists (run cargo xtask build)`, false, path.join(rootDir, needed));
    }
  }
  if (results.some((result) => !result.ok)) return summarize(results);

  const expected = JSON.parse(await readFile(SEED_EXPECTED_PATH, "utf8"));
  const samples = JSON.parse(await readFile(path.join(rootDir, "samples", "index.json"), "utf8")).samples;
  const seedIndex = samples.findIndex((sample) => sample.file === SEED_PAGE_FILE);

  const server = await startServer(rootDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...launchOptions,
    args: [...CHROMIUM_ARGS, ...(launchOptions.args ?? [])],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !/Failed to load resource/.test(message.text())) pageErrors.push(message.text());
    });
    await page.addInitScript(() => {
      window.__scriptCspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        if (/^script-src/.test(event.effectiveDirective)) window.__scriptCspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
    // Off-origin requests never reach the network (the resolver flags already block them); they
    // are logged here, article images get a neutral offline placeholder, anything else is aborted.
    const offOrigin = [];
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => {
        const request = route.request();
        offOrigin.push({ url: request.url(), type: request.resourceType() });
        if (request.resourceType() === "image") return route.fulfill({ contentType: "image/svg+xml", body: OFFLINE_IMAGE_SVG });
        return route.abort("blockedbyclient");
      },
    );
    const cdp = await context.newCDPSession(page);

    await page.goto(`${server.origin}/`);
    const engineReady = await page
      .waitForSelector('html[data-engine="ready"]', { timeout: ENGINE_READY_TIMEOUT_MS })
      .then(() => true, () => false);
    check("engine loads in the page", engineReady, (await page.textContent("#status")) ?? "");
    if (!engineReady) return summarize(results);

    // 1. The seed sample, promos hidden (the default).
    check("seed page is among the bundled samples", seedIndex >= 0, JSON.stringify(samples.map((s) => s.file)));
    await page.selectOption("#sample-picker", String(seedIndex));
    const firstParagraph = expected.article_must_contain[0];
    const hiddenText = await waitFor(
      async () => {
        const text = await readerVisibleText(cdp);
        return containsWords(text, firstParagraph) ? text : null;
      },
      RENDER_TIMEOUT_MS,
      "the seed article in the reader view",
    ).catch((error) => (check("seed article renders", false, error.message), ""));
    check("reader view host is visible", await page.locator("#reader-host").isVisible());
    check("URL field filled from the sample", (await page.inputValue("#page-url")) === expected.url);
    const missing = expected.article_must_contain.filter((line) => !containsWords(hiddenText, line));
    check("article text visible (promos hidden)", hiddenText && missing.length === 0, `missing: ${missing.map((m) => m.slice(0, 40)).join(" | ")}`);
    const leakedPromos = expected.promo_inside_article.filter((line) => containsWords(hiddenText, line));
    check("promo lines hidden by default", hiddenText && leakedPromos.length === 0, `visible: ${leakedPromos.join(" | ")}`);
    const boilerplate = expected.never_in_article.filter((line) => containsWords(hiddenText, line));
    check("boilerplate absent (promos hidden)", hiddenText && boilerplate.length === 0, `visible: ${boilerplate.join(" | ")}`);
    const shownTitle = await page.textContent('#metadata dd[data-field="title"]').catch(() => null);
    check("metadata shows the title", shownTitle === expected.metadata.title, String(shownTitle));
    const shownByline = await page.textContent('#metadata dd[data-field="byline"]').catch(() => null);
    check("metadata shows the byline", shownByline === expected.metadata.byline, String(shownByline));
    const promoKinds = await page.$$eval("#promo-list .promo-kind", (nodes) => nodes.map((node) => node.textContent));
    check("promo list shows promos with kinds", promoKinds.length > 0 && promoKinds.every((kind) => /^[a-z]+$/.test(kind)), JSON.stringify(promoKinds));
    const timing = await page.textContent("#timing");
    check("extraction time shown", /^\d+(\.\d+)? ms$/.test(timing ?? ""), String(timing));

    // 2. Output tabs and copy.
    const jsonText = await page.textContent("#output-panel");
    let shownArticle = null;
    try {
      shownArticle = JSON.parse(jsonText);
    } catch {
      // reported below
    }
    check("json tab holds the article JSON", shownArticle?.title === expected.metadata.title && typeof shownArticle?.content === "string");
    await page.click("#copy-button");
    const clipboard = await page.evaluate(() => navigator.clipboard.readText()).catch((error) => `clipboard error ${error.message}`);
    check("copy button copies the shown output", clipboard === jsonText, `${clipboard.length} vs ${jsonText.length} chars`);
    await page.click("#tab-text");
    const textOutput = await page.textContent("#output-panel");
    check("text tab holds textContent", textOutput === shownArticle?.textContent && containsWords(textOutput, firstParagraph));
    await page.click("#tab-html");
    const htmlOutput = await page.textContent("#output-panel");
    check("html tab holds content", htmlOutput === shownArticle?.content && htmlOutput.includes("<p"));
    await page.click("#tab-markdown");
    const markdownOutput = (await page.textContent("#output-panel")) ?? "";
    const markdownSupported = !/not available in this build/.test(markdownOutput);
    check(
      markdownSupported ? "markdown tab holds the article as Markdown" : "markdown tab says it is unavailable",
      markdownSupported ? containsWords(markdownOutput, firstParagraph) && !/<p[\s>]/.test(markdownOutput) : markdownOutput.length > 0,
      markdownOutput.slice(0, 80),
    );
    await page.click("#tab-json");

    // 3. Promo toggle: promos shown.
    await page.uncheck("#hide-promos");
    const shownText = await waitFor(
      async () => {
        const text = await readerVisibleText(cdp);
        return expected.promo_inside_article.some((line) => containsWords(text, line)) ? text : null;
      },
      RENDER_TIMEOUT_MS,
      "promo lines after the toggle",
    ).catch(() => "");
    const shownPromos = expected.promo_inside_article.filter((line) => containsWords(shownText, line));
    check("toggle off: promo lines shown", shownPromos.length > 0, `${shownPromos.length}/${expected.promo_inside_article.length}`);
    const stillMissing = expected.article_must_contain.filter((line) => !containsWords(shownText, line));
    check("toggle off: article text still visible", shownText && stillMissing.length === 0, stillMissing.join(" | ").slice(0, 120));
    const boilerplateShown = expected.never_in_article.filter((line) => containsWords(shownText, line));
    check("toggle off: boilerplate still absent", shownText && boilerplateShown.length === 0, boilerplateShown.join(" | "));
    const markers = await readerPromoMarkers(cdp);
    check("toggle off: promo blocks marked with their kind", markers.length > 0, JSON.stringify(markers));
    await page.check("#hide-promos");
    const hiddenAgain = await waitFor(
      async () => {
        const text = await readerVisibleText(cdp);
        return !expected.promo_inside_article.some((line) => containsWords(text, line)) ? text : null;
      },
      RENDER_TIMEOUT_MS,
      "promo lines to hide again",
    ).catch(() => null);
    check("toggle on again: promo lines hidden", hiddenAgain !== null);
    const toolbarToggle = await readerElementCentre(cdp, 'button[data-action="toggle-promos"]');
    check("reader toolbar shows the shared promo toggle", toolbarToggle !== null && /promos? hidden/.test(toolbarToggle.text), JSON.stringify(toolbarToggle));
    if (toolbarToggle) {
      await page.mouse.click(toolbarToggle.x, toolbarToggle.y);
      const syncedOff = await waitFor(async () => !(await page.isChecked("#hide-promos")), RENDER_TIMEOUT_MS, "checkbox to follow").catch(() => false);
      const afterToolbar = await readerVisibleText(cdp);
      check(
        "reader toolbar toggle shows promos and the page checkbox follows",
        syncedOff && expected.promo_inside_article.some((line) => containsWords(afterToolbar, line)),
      );
      await page.check("#hide-promos");
    }
    await page.click("#tab-json");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => document.getElementById("copy-button").textContent === "Copy").catch(() => {});
    await mkdir(path.dirname(SCREENSHOT_PATH), { recursive: true });
    await page.screenshot({ path: SCREENSHOT_PATH, fullPage: true });
    check("screenshot saved", existsSync(SCREENSHOT_PATH), SCREENSHOT_PATH);

    // 4. The library in a module web worker.
    const workerResult = await page.evaluate(
      ({ workerPath, sample, url }) =>
        new Promise((resolve) => {
          const worker = new Worker(workerPath, { type: "module" });
          worker.onmessage = ({ data }) => resolve(data);
          worker.onerror = (event) => resolve({ ok: false, error: event.message || "worker error" });
          worker.postMessage({ sample, url });
        }),
      { workerPath: WORKER_TEST_PATH, sample: `/samples/${SEED_PAGE_FILE}`, url: expected.url },
    );
    check("library works in a web worker", workerResult.ok && workerResult.title === expected.metadata.title && workerResult.readerable === true, JSON.stringify(workerResult));

    // 5. A file picked from disk, in a legacy charset: decoded by its <meta charset>.
    await page.setInputFiles("#file-picker", {
      name: "legacy-charset.html",
      mimeType: "text/html",
      buffer: Buffer.from(legacyCharsetPage(), "latin1"),
    });
    const fileText = await waitFor(
      async () => {
        const text = await readerVisibleText(cdp);
        return containsWords(text, LEGACY_CHARSET_SENTENCE) ? text : null;
      },
      RENDER_TIMEOUT_MS,
      "the picked file's article",
    ).catch(() => "");
    check("picked windows-1252 file renders with its accents intact", fileText.includes("café crème"), fileText.slice(0, 120));

    // 6. A hostile page: pasted, extracted, rendered; nothing in it may run.
    const errorsBeforeHostile = pageErrors.length;
    await page.selectOption("#sample-picker", "");
    await page.fill("#page-url", "");
    await page.fill("#page-html", hostilePage());
    await page.click("#extract-button");
    const hostileText = await waitFor(
      async () => {
        const text = await readerVisibleText(cdp);
        return containsWords(text, "harbour committee met on Thursday evening") ? text : null;
      },
      RENDER_TIMEOUT_MS,
      "the hostile page's article",
    ).catch(() => "");
    check("hostile page: its article renders", hostileText !== "");
    const clicked = await clickScriptLinks(cdp);
    await page.hover("#reader-host");
    await page.waitForTimeout(HOSTILE_SETTLE_MS);
    const dangers = await readerDangerReport(cdp);
    check("hostile page: reader holds no script, frames or handlers", dangers.length === 0, dangers.join(", "));
    check("hostile page: no javascript: links left to click", clicked.length === 0, clicked.join(", "));
    const flag = await page.evaluate((name) => window[name], HOSTILE_FLAG);
    check("hostile page: no payload set the window flag", flag === undefined, String(flag));
    const calledHome = server.requests.filter((request) => request.startsWith(PWNED_PATH));
    check("hostile page: no payload reached the loopback server", calledHome.length === 0, calledHome.join(", "));
    const violations = await page.evaluate(() => window.__scriptCspViolations);
    check("hostile page: sanitizer alone held (no script CSP violations)", violations.length === 0, violations.join(", "));
    const pageScripts = await page.$$eval("script", (nodes) => nodes.map((node) => (node.src ? new URL(node.src).pathname : "inline")));
    check(
      "hostile page: document has only the page's own scripts",
      JSON.stringify(pageScripts.sort()) === JSON.stringify(OWN_SCRIPT_PATHS),
      JSON.stringify(pageScripts),
    );
    check("hostile page: still on the demo page", new URL(page.url()).origin === server.origin, page.url());
    check("hostile page: no page errors", pageErrors.length === errorsBeforeHostile, pageErrors.slice(errorsBeforeHostile).join(" | "));

    // 7. A page with no article: said so, no stale reader view left behind.
    await page.fill("#page-html", NO_ARTICLE_PAGE);
    await page.click("#extract-button");
    const noArticleStatus = await waitFor(
      async () => {
        const status = await page.textContent("#status");
        return /no article/i.test(status ?? "") ? status : null;
      },
      RENDER_TIMEOUT_MS,
      "the no-article message",
    ).catch(() => "");
    check("page without an article: says so", noArticleStatus !== "", String(await page.textContent("#status")));
    check("page without an article: reader view emptied", !(await page.locator("#reader-host").isVisible()) && (await readerVisibleText(cdp)) === "");

    check("no page errors overall", pageErrors.length === 0, pageErrors.join(" | "));
    const offLoopback = server.requests.filter((request) => request.startsWith("http"));
    check("server saw only same-origin paths", offLoopback.length === 0, offLoopback.join(", "));
    const ownOffOrigin = offOrigin.filter((request) => request.type !== "image");
    check("page made no off-origin requests except article images", ownOffOrigin.length === 0, JSON.stringify(ownOffOrigin));
  } catch (error) {
    check("test run completed", false, error.message);
  } finally {
    await browser.close();
    await server.close();
  }
  return summarize(results);
}

function summarize(results) {
  const failures = results.filter((result) => !result.ok);
  return { passed: results.length - failures.length, failed: failures.length, failures };
}

async function main() {
  let outcome;
  try {
    outcome = await runWwwTests();
  } catch (error) {
    console.error(`www: test run crashed: ${error.stack ?? error}`);
    outcome = { passed: 0, failed: 1 };
  }
  console.log(`www: ${outcome.passed} passed, ${outcome.failed} failed`);
  process.exitCode = outcome.failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
