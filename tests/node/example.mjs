/**
 * The README's Node example for the `clearpage` package: extract the article from a saved page.
 * Usage: node example.mjs PAGE.html [URL]   (prints the Article as JSON, like the CLI).
 * tests/node/library.test.mjs runs it against the packed package and compares with the CLI.
 */
import { readFile } from "node:fs/promises";
import init, { extract, isProbablyReaderable } from "clearpage";

const [pagePath, url] = process.argv.slice(2);

await init(); // in Node, reads clearpage_bg.wasm from the package folder
const html = await readFile(pagePath, "utf8");
if (!isProbablyReaderable(html)) console.error("warning: this page may not hold an article");
const article = extract(html, { url, promos: "hide" });
console.log(JSON.stringify(article, null, 2));
