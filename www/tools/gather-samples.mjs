#!/usr/bin/env node
/**
 * Build helper for the demo page's bundled samples: copies the given .html pages into an output
 * folder (www/samples/ by default) and writes the listing the page reads, samples/index.json:
 *
 *   { "samples": [ { "file": "seed-theweek.html", "label": "…", "url": "https://…" } ] }
 *
 * For each page, `url` and the label's title come from the fixture's `<name>.expected.json`
 * beside it when there is one (schema: /work/shared/fixtures/README.md), else from the page's
 * <title>. Usage: node www/tools/gather-samples.mjs [--out DIR] PAGE.html...
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "samples");
const INDEX_FILE = "index.json";
/** Longest label shown in the page's sample picker. */
const MAX_LABEL_CHARS = 90;
const HTML_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };

function parseArgs(argv) {
  const pages = [];
  let outDir = DEFAULT_OUT_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") outDir = argv[++i];
    else pages.push(argv[i]);
  }
  if (pages.length === 0 || !outDir) {
    console.error("usage: gather-samples.mjs [--out DIR] PAGE.html...");
    process.exit(2);
  }
  return { outDir, pages };
}

function decodeEntities(text) {
  return text.replace(/&(#?\w+);/g, (whole, name) => HTML_ENTITIES[name.toLowerCase()] ?? whole);
}

function shorten(text) {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > MAX_LABEL_CHARS ? `${clean.slice(0, MAX_LABEL_CHARS - 1)}…` : clean;
}

async function describe(pagePath) {
  const file = path.basename(pagePath);
  const stem = file.replace(/\.x?html?$/i, "");
  const expectedPath = path.join(path.dirname(pagePath), `${stem}.expected.json`);
  let url;
  let title;
  if (existsSync(expectedPath)) {
    const expected = JSON.parse(await readFile(expectedPath, "utf8"));
    url = typeof expected.url === "string" ? expected.url : undefined;
    title = expected.metadata?.title ?? undefined;
  }
  if (!title) {
    const head = (await readFile(pagePath, "latin1")).slice(0, 20000);
    const found = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1];
    title = found ? decodeEntities(found) : undefined;
  }
  const label = title ? shorten(`${stem}: ${title}`) : stem;
  return url ? { file, label, url } : { file, label };
}

async function main() {
  const { outDir, pages } = parseArgs(process.argv.slice(2));
  await mkdir(outDir, { recursive: true });
  const samples = [];
  for (const page of pages) {
    await copyFile(page, path.join(outDir, path.basename(page)));
    samples.push(await describe(page));
  }
  await writeFile(path.join(outDir, INDEX_FILE), `${JSON.stringify({ samples }, null, 2)}\n`);
  console.log(`gather-samples: ${samples.length} page(s) into ${outDir}`);
}

await main();
