/**
 * Types for the Clearpage library (lib/index.js): reader-mode article extraction compiled to
 * WebAssembly, for browsers, web workers and Node 20+.
 */

/** Kinds of promo block the engine recognises inside an article. */
export type PromoKind =
  | "newsletter"
  | "subscription"
  | "related"
  | "social"
  | "ad"
  | "cta"
  | "bio"
  | "comments";

/** One promo block found inside the article. */
export interface Promo {
  kind: PromoKind;
  text: string;
}

/** The extracted article: the same object as `clearpage extract --format json`. */
export interface Article {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
  leadImage: string | null;
  /** Sanitized HTML fragment of the article. In "show" mode promo blocks carry data-clearpage-promo="<kind>". */
  content: string;
  /** Readable text of `content`, paragraphs separated by blank lines. */
  textContent: string;
  /** Characters in `textContent`. */
  length: number;
  readingMinutes: number;
  /** Promo blocks found inside the article, whichever mode was asked for. */
  promos: Promo[];
}

export type PromoMode = "hide" | "show";

export interface ExtractOptions {
  /** The page's address; relative links and images resolve against it. */
  url?: string | null;
  /** "hide" (default) leaves promo blocks out; "show" keeps them, marked with their kind. */
  promos?: PromoMode;
}

/** What `init` accepts: a URL, a fetch Response, the wasm bytes, or a compiled module. */
export type InitSource =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response | BufferSource | WebAssembly.Module>;

export type ClearpageErrorKind = "no-article" | "invalid-input" | "internal-error" | "not-initialized" | "unsupported";

export class ClearpageError extends Error {
  readonly kind: ClearpageErrorKind;
}

export const PROMO_MODES: readonly PromoMode[];

/**
 * Loads the engine; await it once before the other calls. Without `source`, browsers and workers
 * fetch clearpage_bg.wasm beside the module and Node reads it from disk.
 */
export default function init(source?: InitSource): Promise<void>;

/** Extracts the article; throws ClearpageError (kind "no-article") when there is none. */
export function extract(html: string, options?: ExtractOptions): Article;

/** Cheap yes/no: does this page look like it holds an article? */
export function isProbablyReaderable(html: string): boolean;

/** True when the loaded engine can write Markdown. */
export function hasMarkdown(): boolean;

/** The article as Markdown; throws ClearpageError (kind "unsupported") if the engine lacks it. */
export function extractMarkdown(html: string, options?: ExtractOptions): string;
