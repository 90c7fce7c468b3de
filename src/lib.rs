//! Clearpage: reader-mode article extraction with promo detection.
//!
//! The pipeline runs in one direction, one module per step:
//!
//! 1. [`decode`]    bytes -> text, honouring BOM / `<meta charset>` (encoding_rs).
//! 2. [`guard`]     bounds the open elements the parser can see (one linear scan; excess
//!    start tags are dropped), then [`dom`] parses the text into one html5ever tree (once)
//!    and offers the node helpers.
//! 3. [`metadata`]  title, byline, dates, site, language, lead image (JSON-LD, meta, page).
//! 4. [`clean`]     removes what can never be article (scripts, hidden nodes, chrome).
//! 5. [`score`]     scores candidates and picks the article root and its siblings.
//! 6. [`promo`]     finds promo blocks inside the picked article; then [`prune`]
//!    removes what is inside the article but is not article; [`lead`] brings in the page's
//!    standfirst (found before scoring) when the article lacks it.
//! 7. [`assemble`]  writes the article as HTML + text (lazy images, absolute URLs, promos).
//! 8. [`sanitize`]  the safety layer: ammonia with an allow-list.
//!
//! [`extract`] runs them all and returns one [`Article`].

pub mod assemble;
pub mod clean;
pub mod decode;
pub mod dom;
pub mod guard;
pub mod lead;
#[cfg(feature = "markdown")]
pub mod markdown;
pub mod metadata;
pub mod promo;
pub mod prune;
pub mod readerable;
pub mod sanitize;
pub mod score;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Serialize;

pub use promo::PromoKind;
pub use readerable::is_probably_readerable;

/// What to do with promo blocks found inside the article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromoMode {
    /// Leave promo blocks out of `content` and `textContent` (the default).
    #[default]
    Hide,
    /// Keep them, each outermost element marked `data-clearpage-promo="<kind>"`.
    Show,
}

/// Options for [`extract`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub promos: PromoMode,
}

/// One promo block found inside the article.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Promo {
    pub kind: PromoKind,
    pub text: String,
}

/// The extracted article. Serializes to the CLI's JSON shape (camelCase, null where unknown).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub lead_image: Option<String>,
    /// Sanitized HTML fragment of the article.
    pub content: String,
    /// Readable text of `content`, paragraphs separated by blank lines.
    pub text_content: String,
    /// Characters in `text_content`.
    pub length: usize,
    pub reading_minutes: u32,
    pub promos: Vec<Promo>,
}

/// Why no article came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The page parsed but holds no article (home page, listing, empty page).
    NoArticle,
    /// The input could not be read as a web page.
    InvalidInput(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoArticle => write!(f, "no article found on this page"),
            Error::InvalidInput(why) => write!(f, "invalid input: {why}"),
        }
    }
}

impl std::error::Error for Error {}

/// Words read per minute for `readingMinutes`.
const WORDS_PER_MINUTE: usize = 230;

/// Extracts the article from a whole page (`html` bytes in any declared charset).
/// `url` is the page's address; relative links in the article resolve against it.
pub fn extract(html: &[u8], url: Option<&str>, options: &Options) -> Result<Article, Error> {
    let text = decode::decode_html(html)?;
    extract_str(&text, url, options)
}

/// [`extract`] for a page that is already text.
pub fn extract_str(html: &str, url: Option<&str>, options: &Options) -> Result<Article, Error> {
    extract_source(&dom::Source::from_slice(html), url, options)
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
    extract_source(&source, url, options)
}

fn extract_source(
    source: &dom::Source,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let mut doc = dom::Document::parse_source(source);
    let meta = metadata::collect(&doc, base.as_ref());
    clean::prepare(&mut doc, meta.title.as_deref());
    let lead = lead::find(&doc, meta.excerpt.as_deref()).or_else(|| lead::find_named(&doc));
    let prepared = || {
        let mut doc = dom::Document::parse_source(source);
        clean::prepare(&mut doc, meta.title.as_deref());
        doc
    };
    let picked =
        score::pick_article(&mut doc, &meta, source.len(), prepared).ok_or(Error::NoArticle)?;
    if let Some(lead) = &lead {
        lead::restore(&mut doc, picked.root, lead);
    }
    let written = assemble::write(&doc, &picked, base.as_ref(), options.promos);
    // The page's tree is done with: free it before the sanitizer builds its own (peak memory).
    drop(doc);
    let content = sanitize::clean(&written.html);
    let text_content = written.text;
    let words = text::word_count(&text_content);
    if words == 0 {
        return Err(Error::NoArticle);
    }
    let length = text_content.chars().count();
    let excerpt = meta
        .excerpt
        .clone()
        .or_else(|| written.first_paragraph.clone());
    Ok(Article {
        title: meta.title,
        byline: meta.byline.or(picked.byline),
        site_name: meta.site_name,
        published_time: meta.published_time,
        lang: meta.lang,
        dir: meta.dir,
        excerpt,
        lead_image: meta.lead_image.or(written.first_image),
        content,
        text_content,
        length,
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        promos: written.promos,
    })
}
