//! Clearpage: reader-mode article extraction with promo detection.
//!
//! This file is the façade: the public types ([`Article`], [`Promo`], [`Options`], [`Error`])
//! and the entry points ([`extract`], [`extract_str`], [`extract_string`],
//! [`is_probably_readerable`]). The pipeline that runs behind them, one module per step, in the
//! order data flows:
//!
//! 1. `input`: `decode` (bytes to text, BOM / `<meta charset>`) and `guard` (bounds the open
//!    elements the parser can see, leaves script bodies out).
//! 2. `dom`: the page parsed once into one html5ever tree, and the node helpers.
//! 3. `steps`: `metadata` (title, byline, dates, site, language, lead image), `clean` (what
//!    can never be article), `standfirst` (the page's lead paragraph, found before scoring and
//!    restored after), `score` (the article root and its siblings), `promo` (promo blocks
//!    inside it) and `prune` (what is inside it but is not article).
//! 4. `output`: `assemble` (the article as HTML and text: lazy images, absolute URLs, promos
//!    marked or left out), `sanitize` (ammonia with the one allow-list), `markdown`.
//!
//! `pipeline` runs them in that order and returns one [`Article`].

mod article;
pub mod dom;
pub mod input;
pub mod output;
mod pipeline;
pub mod readerable;
pub mod steps;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{Article, Error, Options, Promo, PromoKind, PromoMode};
#[cfg(feature = "markdown")]
pub use output::markdown;
pub use readerable::is_probably_readerable;

/// Extracts the article from a whole page (`html` bytes in any declared charset).
/// `url` is the page's address; relative links in the article resolve against it.
pub fn extract(html: &[u8], url: Option<&str>, options: &Options) -> Result<Article, Error> {
    let text = input::decode::decode_html(html)?;
    extract_str(&text, url, options)
}

/// [`extract`] for a page that is already text.
pub fn extract_str(html: &str, url: Option<&str>, options: &Options) -> Result<Article, Error> {
    pipeline::extract_source(&dom::Source::from_slice(html), url, options)
}

/// [`extract_str`] for a page the caller hands over (the wasm entry points): the page's text
/// is then held once, in the parser's buffer, rather than twice while the article is found
/// (peak memory on large pages).
pub fn extract_string(
    html: String,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let source = dom::Source::from_slice(&html);
    drop(html);
    pipeline::extract_source(&source, url, options)
}
