/**
 * Tests of the JS/wasm library (www/lib over www/pkg) in Node 20, with node:test:
 * `npm pack` of www/ gives a package holding the module, the wasm and the types; the README's
 * Node example (example.mjs), installed against that tarball, extracts the seed page and prints
 * exactly the CLI's JSON; and the API's promo modes, errors and option checks behave as documented.
 *
 * Needs `cargo xtask build` (www/pkg) and `cargo build --release` (target/release/clearpage).
 * Run from the repo root: node --test tests/node/
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const WWW_DIR = path.join(REPO_ROOT, "www");
const LIBRARY_ENTRY = pathToFileURL(path.join(WWW_DIR, "lib", "index.js")).href;
const EXAMPLE_PATH = path.join(REPO_ROOT, "tests", "node", "example.mjs");
const CLI_PATH = path.join(REPO_ROOT, "target", "release", "clearpage");
const SEED_PAGE = path.resolve(REPO_ROOT, "..", "shared", "fixtures", "seed-theweek.html");
const SEED_EXPECTED = path.resolve(REPO_ROOT, "..", "shared", "fixtures", "seed-theweek.expected.json");
/** What the packed tarball must ship for the package to work. */
const REQUIRED_PACKAGE_FILES = [
  "package.json",
  "README.md",
  "lib/index.js",
  "lib/index.d.ts",
  "pkg/clearpage.js",
  "pkg/clearpage.d.ts",
  "pkg/clearpage_bg.wasm",
];
const ARTICLE_KEYS = [
  "title", "byline", "siteName", "publishedTime", "lang", "dir", "excerpt", "leadImage",
  "content", "textContent", "length", "readingMinutes", "promos",
];
const CHILD_OUTPUT_LIMIT = 64 * 1024 * 1024;
const NOT_AN_ARTICLE = "<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>";

const expected = JSON.parse(await readFile(SEED_EXPECTED, "utf8"));
const seedHtml = await readFile(SEED_PAGE, "utf8");

function requireBuilt() {
  assert.ok(existsSync(path.join(WWW_DIR, "pkg", "clearpage_bg.wasm")), "www/pkg is missing: run `cargo xtask build`");
  assert.ok(existsSync(CLI_PATH), "target/release/clearpage is missing: run `cargo build --release`");
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: CHILD_OUTPUT_LIMIT, ...options });
}

/** Asserts two Articles are equal key by key, naming the keys that differ (not one huge diff). */
function assertSameArticle(actual, expected, context) {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${context}: keys differ`);
  const differing = Object.keys(expected).filter((key) => !isDeepStrictEqual(actual[key], expected[key]));
  const shown = differing.map((key) => `${key}: ${JSON.stringify(actual[key])?.slice(0, 120)} vs CLI ${JSON.stringify(expected[key])?.slice(0, 120)}`);
  assert.deepEqual(differing, [], `${context}: values differ\n${shown.join("\n")}`);
}

function cliJson(promos) {
  return JSON.parse(run(CLI_PATH, ["extract", SEED_PAGE, "--url", expected.url, "--format", "json", "--promos", promos]));
}

/** Packs www/ with npm, unpacks it as node_modules/clearpage in a scratch project, returns paths. */
async function installPackedPackage() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "clearpage-pack-"));
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: WWW_DIR }));
  const installDir = path.join(scratch, "node_modules", "clearpage");
  await mkdir(installDir, { recursive: true });
  run("tar", ["-xzf", path.join(scratch, packed.filename), "-C", installDir, "--strip-components=1"]);
  await cp(EXAMPLE_PATH, path.join(scratch, "example.mjs"));
  return { scratch, packed };
}

test("npm pack of www/ ships the module, the wasm and the types", async (t) => {
  requireBuilt();
  const { scratch, packed } = await installPackedPackage();
  t.after(() => rm(scratch, { recursive: true, force: true }));
  const shipped = packed.files.map((file) => file.path).sort();
  for (const file of REQUIRED_PACKAGE_FILES) assert.ok(shipped.includes(file), `${file} missing from the tarball: ${shipped.join(", ")}`);
  assert.equal(packed.name, "clearpage");
  assert.equal(packed.version, "0.1.0");
  const manifest = JSON.parse(await readFile(path.join(WWW_DIR, "package.json"), "utf8"));
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.equal(manifest.type, "module");
  for (const target of [manifest.types, manifest.exports["."].default, manifest.exports["."].types]) {
    assert.ok(shipped.includes(target.replace(/^\.\//, "")), `${target} is not shipped`);
  }
});

test("the README's Node example, on the packed package, prints the CLI's JSON for the seed page", async (t) => {
  requireBuilt();
  const { scratch } = await installPackedPackage();
  t.after(() => rm(scratch, { recursive: true, force: true }));
  const fromExample = JSON.parse(run(process.execPath, ["example.mjs", SEED_PAGE, expected.url], { cwd: scratch }));
  const fromCli = cliJson("hide");
  assert.deepEqual(Object.keys(fromExample).sort(), [...ARTICLE_KEYS].sort());
  assertSameArticle(fromExample, fromCli, "example vs CLI (promos hide)");
  assert.equal(fromExample.title, expected.metadata.title);
  assert.ok(fromExample.textContent.includes("President Biden is virtually meeting with Russian President Vladimir Putin"));
});

test("in-process API: init, promo modes, readerable, errors", async () => {
  requireBuilt();
  const library = await import(LIBRARY_ENTRY);
  assert.throws(() => library.extract(seedHtml), { name: "ClearpageError", kind: "not-initialized" });
  await library.default();
  await library.default(); // a second init is harmless

  const hidden = library.extract(seedHtml, { url: expected.url });
  assertSameArticle(hidden, cliJson("hide"), "default mode (hide) vs CLI");
  const shown = library.extract(seedHtml, { url: expected.url, promos: "show" });
  assertSameArticle(shown, cliJson("show"), "promos show vs CLI");
  assert.match(shown.content, /data-clearpage-promo="[a-z]+"/);
  assert.doesNotMatch(hidden.content, /data-clearpage-promo=/);
  assert.ok(shown.promos.length > 0, "the seed page has promos");

  assert.equal(library.isProbablyReaderable(seedHtml), true);
  assert.equal(library.isProbablyReaderable(NOT_AN_ARTICLE), false);

  assert.throws(() => library.extract(NOT_AN_ARTICLE), (error) => {
    assert.ok(error instanceof Error && error instanceof library.ClearpageError);
    assert.equal(error.kind, "no-article");
    assert.equal(typeof error.message, "string");
    return true;
  });
  assert.throws(() => library.extract(seedHtml, { promos: "maybe" }), TypeError);
  assert.throws(() => library.extract(seedHtml, { url: 42 }), TypeError);
  assert.throws(() => library.extract(Buffer.from(seedHtml)), TypeError);
});

test("markdown output matches the CLI when the engine has it", async (t) => {
  requireBuilt();
  const library = await import(LIBRARY_ENTRY);
  await library.default();
  if (!library.hasMarkdown()) {
    assert.throws(() => library.extractMarkdown(seedHtml), { kind: "unsupported" });
    t.diagnostic("engine build has no extractMarkdown export: checked that the wrapper says so");
    return;
  }
  const fromCli = run(CLI_PATH, ["extract", SEED_PAGE, "--url", expected.url, "--format", "markdown"]);
  const fromLibrary = library.extractMarkdown(seedHtml, { url: expected.url });
  assert.equal(fromLibrary.trimEnd(), fromCli.trimEnd());
});
