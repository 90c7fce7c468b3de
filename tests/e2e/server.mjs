// Loopback HTTP server for the end-to-end tests: serves the test pages on 127.0.0.1 (random port)
// and records every request to /beacon/ (a script that ran in a reader view, or a hostile page's
// vector, would call home there; the tests fail on any such request).
//
// Pages served:
//   /seed             the shared seed article page, read in place from ../shared/fixtures
//   /seed-csp         the same page with a strict Content-Security-Policy header
//   /listing          a page of links with no article
//   /busy             the seed page plus a script appending an element to <body> every 50 ms
//   /seed-local-images  the seed page with its CDN image URLs pointed at /cdn/ on this server,
//                     which answers every image with a drawn stand-in (pages/stand-in-photo.svg):
//                     the runs are offline, and screenshots should show an image that loaded
//   /corpus/<case>    a readability corpus page, read in place from ../shared/corpus/readability
//   /xss-page/<id>    tests/xss/page_template.html with vector <id> of tests/xss/vectors.json in it
//                     ({{PORT}} filled in) and window.__xss(id) defined to record a hit
//   /beacon/..., /xss/...  records the request (method, path, referer), answers 204
// Further pages can be added at run time with addPage() (e.g. generated hostile pages).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');
export const SEED_HTML_PATH = path.join(SHARED_DIR, 'fixtures', 'seed-theweek.html');
export const SEED_EXPECTED_PATH = path.join(SHARED_DIR, 'fixtures', 'seed-theweek.expected.json');
const READABILITY_CORPUS_DIR = path.join(SHARED_DIR, 'corpus', 'readability');
const PAGES_DIR = path.join(HERE, 'pages');
export const XSS_VECTORS_PATH = path.join(REPO_ROOT, 'tests', 'xss', 'vectors.json');
const XSS_TEMPLATE_PATH = path.join(REPO_ROOT, 'tests', 'xss', 'page_template.html');
/** Requests under these paths are what hostile code would make: recorded, never served. */
const RECORDED_PREFIXES = ['/beacon/', '/xss/'];
/**
 * Defines the function every vector calls if it ever runs; hits are read back by the test. Each hit
 * notes whether it came from an event handler on an element of the page's own document (its root
 * node is the document): the page's own code reacting to a page event, e.g. an autofocused input
 * losing focus when the reader view takes it. Code in the reader's shadow tree has a shadow root as
 * root node, and a script has no current event at all.
 */
const XSS_HIT_RECORDER = `<script>window.__xssHits = []; window.__xss = function (id) {
  var ev = window.event, target = ev && ev.target;
  var pageElement = Boolean(target && target.getRootNode && target.getRootNode() === document);
  window.__xssHits.push({ id: String(id), event: ev ? ev.type : null, pageElement: pageElement });
};</script>`;

const LOOPBACK_HOST = '127.0.0.1';
export const STRICT_CSP = "default-src 'self'; script-src 'self'";
const BUSY_SCRIPT_PATH = '/assets/append-every-50ms.js';
/** The seed page's image host, and where /seed-local-images points it instead. */
const SEED_IMAGE_ORIGIN = 'https://cdn.mos.cms.futurecdn.net/';
const LOCAL_IMAGE_PREFIX = '/cdn/';
const HTML_TYPE = 'text/html; charset=utf-8';

const CONTENT_TYPES = {
  '.html': HTML_TYPE,
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function readText(filePath) {
  return fs.readFileSync(filePath, 'utf8');
}

/** The seed page with the busy script added just before </body>. */
function busySeedHtml() {
  const seed = readText(SEED_HTML_PATH);
  const tag = `<script src="${BUSY_SCRIPT_PATH}"></script>`;
  const at = seed.lastIndexOf('</body>');
  return at < 0 ? seed + tag : seed.slice(0, at) + tag + seed.slice(at);
}

/** The XSS harness page for one vector, or null if there is no such vector. */
function xssPageHtml(vectorId, port) {
  if (!fs.existsSync(XSS_VECTORS_PATH) || !fs.existsSync(XSS_TEMPLATE_PATH)) return null;
  const vector = JSON.parse(readText(XSS_VECTORS_PATH)).find((v) => v.id === vectorId);
  if (!vector) return null;
  const template = readText(XSS_TEMPLATE_PATH);
  const withVector = template.replace('{{VECTOR}}', () => vector.html).replaceAll('{{PORT}}', String(port));
  return withVector.replace(/<head[^>]*>/i, (head) => head + XSS_HIT_RECORDER);
}

/**
 * Starts the server. Resolves to { origin, url(path), addPage(path, body, headers),
 * beacons (array of recorded beacon requests), requests (every request seen), close() }.
 */
export async function startServer() {
  /** path -> () => { body, headers } */
  const routes = new Map();
  const beacons = [];
  const requests = [];

  const addPage = (pagePath, body, headers = {}) => {
    routes.set(pagePath, () => ({ body, headers: { 'content-type': HTML_TYPE, ...headers } }));
  };
  routes.set('/seed', () => ({ body: readText(SEED_HTML_PATH), headers: { 'content-type': HTML_TYPE } }));
  routes.set('/seed-csp', () => ({
    body: readText(SEED_HTML_PATH),
    headers: { 'content-type': HTML_TYPE, 'content-security-policy': STRICT_CSP },
  }));
  routes.set('/listing', () => ({ body: readText(path.join(PAGES_DIR, 'listing.html')), headers: { 'content-type': HTML_TYPE } }));
  routes.set('/busy', () => ({ body: busySeedHtml(), headers: { 'content-type': HTML_TYPE } }));
  routes.set('/seed-local-images', () => ({
    body: readText(SEED_HTML_PATH).replaceAll(SEED_IMAGE_ORIGIN, LOCAL_IMAGE_PREFIX),
    headers: { 'content-type': HTML_TYPE },
  }));
  routes.set(BUSY_SCRIPT_PATH, () => ({
    body: readText(path.join(PAGES_DIR, 'append-every-50ms.js')),
    headers: { 'content-type': CONTENT_TYPES['.js'] },
  }));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://${LOOPBACK_HOST}`);
    requests.push({ method: req.method, path: url.pathname + url.search, time: Date.now() });
    if (RECORDED_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
      beacons.push({
        method: req.method,
        path: url.pathname + url.search,
        referer: req.headers.referer ?? null,
        time: Date.now(),
      });
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    let page = routes.get(url.pathname)?.();
    if (!page && url.pathname.startsWith(LOCAL_IMAGE_PREFIX)) {
      page = { body: readText(path.join(PAGES_DIR, 'stand-in-photo.svg')), headers: { 'content-type': CONTENT_TYPES['.svg'] } };
    }
    if (!page && url.pathname.startsWith('/xss-page/')) {
      const body = xssPageHtml(decodeURIComponent(url.pathname.slice('/xss-page/'.length)), server.address().port);
      if (body !== null) page = { body, headers: { 'content-type': HTML_TYPE } };
    }
    if (!page && url.pathname.startsWith('/corpus/')) {
      const caseName = decodeURIComponent(url.pathname.slice('/corpus/'.length));
      const file = path.join(READABILITY_CORPUS_DIR, caseName, 'source.html');
      if (!caseName.includes('..') && !caseName.includes('/') && fs.existsSync(file)) {
        page = { body: fs.readFileSync(file), headers: { 'content-type': HTML_TYPE } };
      }
    }
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'cache-control': 'no-store', ...page.headers });
    res.end(page.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, resolve);
  });
  const origin = `http://${LOOPBACK_HOST}:${server.address().port}`;
  return {
    origin,
    url: (p) => origin + p,
    addPage,
    beacons,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
