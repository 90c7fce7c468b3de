//! The engine's public types: the [`Article`] it returns, the [`Promo`] blocks it found, the
//! [`Options`] it takes and the [`Error`] it gives when no article comes out.

use serde::Serialize;

/// What a promo block is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PromoKind {
    Newsletter,
    Subscription,
    Related,
    Social,
    Ad,
    Cta,
    Bio,
    Comments,
}

impl PromoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PromoKind::Newsletter => "newsletter",
            PromoKind::Subscription => "subscription",
            PromoKind::Related => "related",
            PromoKind::Social => "social",
            PromoKind::Ad => "ad",
            PromoKind::Cta => "cta",
            PromoKind::Bio => "bio",
            PromoKind::Comments => "comments",
        }
    }
}

/// What to do with promo blocks found inside the article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromoMode {
    /// Leave promo blocks out of `content` and `textContent` (the default).
    #[default]
    Hide,
    /// Keep them, each outermost element marked `data-clearpage-promo="<kind>"`.
    Show,
}

/// Options for [`extract`](crate::extract).
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
