//! Article metadata: title, byline, site name, published time, language, direction, excerpt
//! and lead image. Sources, strongest first: JSON-LD (`NewsArticle`, `BlogPosting`, `Article`
//! and their kin), OpenGraph / Twitter / Dublin Core / `article:` meta tags, then the page
//! itself (`<title>` cleaned of its " | Site" suffix, `<time>`, `<html lang dir>`).
//! The in-page byline (`rel=author`, `.byline`) is found while scoring, see [`crate::steps::score`].

use serde_json::Value;
use url::Url;

use crate::dom::Document;
use crate::text::collapse_whitespace;

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub lead_image: Option<String>,
    /// The page says it is an article: a JSON-LD article type, `og:type` "article" or an
    /// `article:published_time`. Evidence for the pick, never a verdict on its own.
    pub declares_article: bool,
}

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "Recipe",
    "WebPage",
];

/// Separators sites put between an article title and their own name.
/// Separators without spaces, trusted only when the other side is the site's name.
const TIGHT_SEPARATORS: &[&str] = &["_", "｜", "|", "-", "–", "—", "：", ":"];
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " · ", " :: ",
];
/// A cleaned title shorter than this many words is not trusted; the original is kept.
const MIN_CLEANED_TITLE_WORDS: usize = 3;

#[derive(Default)]
struct JsonLd {
    is_article: bool,
    title: Option<String>,
    byline: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
    excerpt: Option<String>,
    image: Option<String>,
}

/// Reads all metadata of the page.
pub fn collect(doc: &Document, base: Option<&Url>) -> Metadata {
    let ld = json_ld(doc);
    let metas = meta_tags(doc);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(name, value)| name == k && !value.is_empty())
                .map(|(_, v)| v.clone())
        })
    };

    let site_name = ld
        .site_name
        .clone()
        .or_else(|| meta(&["og:site_name", "application-name", "twitter:site:name"]));
    let raw_title = ld.title.clone().or_else(|| {
        meta(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
    });
    let document_title = document_title(doc);
    let title = match raw_title {
        Some(t) => Some(strip_site_suffix(&t, site_name.as_deref())),
        None => document_title.map(|t| clean_document_title(doc, &t, site_name.as_deref())),
    }
    .filter(|t| !t.is_empty());

    let byline = ld.byline.clone().or_else(|| {
        meta(&[
            "dc:creator",
            "dcterm:creator",
            "author",
            "parsely-author",
            "article:author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
    });
    let published_time = ld
        .published_time
        .clone()
        .or_else(|| {
            meta(&[
                "article:published_time",
                "parsely-pub-date",
                "og:published_time",
                "datepublished",
                "dc:date",
                "dcterms:date",
                "dc.date.issued",
                "pubdate",
                "publishdate",
                "date",
                "sailthru.date",
                "article.published",
                "published-date",
                "release_date",
            ])
        })
        .or_else(|| first_time_element(doc))
        .and_then(|d| normalize_date(&d));
    let excerpt = ld.excerpt.clone().or_else(|| {
        meta(&[
            "dc:description",
            "dcterm:description",
            "og:description",
            "weibo:article:description",
            "weibo:webpage:description",
            "description",
            "twitter:description",
        ])
    });
    let lead_image = ld
        .image
        .clone()
        .or_else(|| {
            meta(&[
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
                "twitter:image:src",
            ])
        })
        .and_then(|src| absolutize(&src, base));

    let html = doc.html_element();
    let lang = doc
        .attr(html, "lang")
        .or_else(|| doc.attr(html, "xml:lang"))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| {
            meta(&["content-language", "og:locale", "language", "dc:language"])
                .map(|l| l.replace('_', "-"))
        });
    let dir = doc
        .attr(html, "dir")
        .or_else(|| doc.body().and_then(|b| doc.attr(b, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| matches!(d.as_str(), "ltr" | "rtl" | "auto"));

    Metadata {
        title: title.map(|t| collapse_whitespace(&t)),
        byline: byline
            .map(|b| collapse_whitespace(&b))
            .filter(|b| !b.is_empty()),
        site_name: site_name.map(|s| collapse_whitespace(&s)),
        published_time,
        lang,
        dir,
        excerpt: excerpt.map(|e| collapse_whitespace(&e)),
        lead_image,
        declares_article: ld.is_article
            || meta(&["og:type"]).is_some_and(|t| t.trim().eq_ignore_ascii_case("article"))
            || meta(&["article:published_time"]).is_some(),
    }
}

/// All `<meta>` name/property/itemprop -> content pairs, names lowercased.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in doc.descendants_with_tags(doc.root(), &["meta"]) {
        let Some(content) = doc.attr(id, "content") else {
            continue;
        };
        let content = content.trim().to_string();
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(names) = doc.attr(id, key) {
                // `property` may hold several space-separated names.
                for name in names.split_whitespace() {
                    let name = name.to_ascii_lowercase().replace('.', ":");
                    out.push((name, content.clone()));
                }
            }
        }
    }
    out
}

fn document_title(doc: &Document) -> Option<String> {
    let id = doc
        .descendants_with_tags(doc.root(), &["title"])
        .into_iter()
        .next()?;
    let t = doc.inner_text(id);
    (!t.is_empty()).then_some(t)
}

/// Removes a trailing " | Site Name" (or leading "Site Name | ") when it names the site or is
/// short next to the title.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    for sep in TITLE_SEPARATORS.iter().chain(TIGHT_SEPARATORS) {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let names_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()));
            if names_site {
                return head.trim().to_string();
            }
        }
        if let Some(pos) = title.find(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if site.is_some_and(|s| head.eq_ignore_ascii_case(s.trim())) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// The `<title>` of a page usually carries the site name and sections; keep the article part.
fn clean_document_title(doc: &Document, title: &str, site: Option<&str>) -> String {
    let stripped = strip_site_suffix(title, site);
    if stripped != title {
        return stripped;
    }
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let head = title[..pos].trim();
            if crate::text::word_count(head) >= MIN_CLEANED_TITLE_WORDS {
                return head.to_string();
            }
            let first = title
                .find(sep)
                .map(|p| title[p + sep.len()..].trim())
                .unwrap_or(title);
            if crate::text::word_count(first) >= MIN_CLEANED_TITLE_WORDS {
                return first.to_string();
            }
            return title.to_string();
        }
    }
    // A lone <h1> is a better title than an overlong or tiny <title>.
    let len = title.chars().count();
    if !(15..=150).contains(&len) {
        let h1s = doc.descendants_with_tags(doc.root(), &["h1"]);
        if h1s.len() == 1 {
            let h = doc.inner_text(h1s[0]);
            if !h.is_empty() {
                return h;
            }
        }
    }
    title.to_string()
}

fn first_time_element(doc: &Document) -> Option<String> {
    doc.descendants_with_tags(doc.root(), &["time"])
        .into_iter()
        .find_map(|t| doc.attr(t, "datetime").map(str::to_string))
}

/// Keeps dates that are ISO 8601 (`YYYY-MM-DD…`); turns `YYYY/MM/DD` into ISO. Other
/// formats are dropped rather than guessed.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if b.len() >= 10
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
    {
        let mut out = s.to_string();
        if b[4] == b'/' {
            out = out.replacen('/', "-", 2);
        }
        if out.len() > 10 && out.as_bytes()[10] == b' ' {
            out.replace_range(10..11, "T");
        }
        return Some(out);
    }
    None
}

pub fn absolutize(src: &str, base: Option<&Url>) -> Option<String> {
    let src = src.trim();
    if src.is_empty() {
        return None;
    }
    match base {
        Some(b) => b.join(src).ok().map(|u| u.to_string()),
        None => Url::parse(src)
            .ok()
            .map(|u| u.to_string())
            .or_else(|| Some(src.to_string())),
    }
}

// ---- JSON-LD ------------------------------------------------------------------------------

fn json_ld(doc: &Document) -> JsonLd {
    let mut found = JsonLd::default();
    for script in doc.descendants_with_tags(doc.root(), &["script"]) {
        if !doc
            .attr(script, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let raw = doc.text(script);
        let cleaned = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(cleaned) else {
            continue;
        };
        if let Some(article) = find_article(&value) {
            found.is_article |= is_article_type(&json_ld_types(article));
            read_article(article, &mut found);
            if found.title.is_some() {
                break;
            }
        }
    }
    found
}

/// A JSON-LD object's `@type`s (one string or a list).
fn json_ld_types(value: &Value) -> Vec<&str> {
    match value.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// Whether one of the `@type`s is an article type.
fn is_article_type(types: &[&str]) -> bool {
    types
        .iter()
        .any(|t| *t != "WebPage" && ARTICLE_TYPES.contains(t))
}

/// The first object whose `@type` is an article type, searching arrays and `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    let mut stack = vec![value];
    let mut webpage = None;
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                let types = json_ld_types(v);
                if is_article_type(&types) {
                    return Some(v);
                }
                if types.contains(&"WebPage") && webpage.is_none() {
                    webpage = Some(v);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
                if let Some(main) = map.get("mainEntity") {
                    stack.push(main);
                }
            }
            _ => {}
        }
    }
    webpage.filter(|w| w.get("headline").is_some())
}

fn read_article(v: &Value, out: &mut JsonLd) {
    let string = |key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let name = string("name");
    let headline = string("headline");
    // Prefer `headline`; some sites put the site name in `name`.
    out.title = headline.or(name);
    out.byline = names_of(v.get("author").or_else(|| v.get("creator")));
    out.site_name = v
        .get("publisher")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    out.published_time = string("datePublished").or_else(|| string("dateCreated"));
    out.excerpt = string("description");
    out.image = image_url(v.get("image").or_else(|| v.get("thumbnailUrl")));
}

/// Names of authors: a string, a `{name}` object, or a list of either, joined by ", ".
fn names_of(v: Option<&Value>) -> Option<String> {
    let names: Vec<String> = match v? {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => o
                    .get("name")
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_string()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.starts_with("http"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn image_url(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(Value::as_str)
            .map(str::to_string),
        Value::Array(a) => a.iter().find_map(|x| image_url(Some(x))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        collect(
            &Document::parse(html),
            Url::parse("https://example.org/a/b.html").ok().as_ref(),
        )
    }

    #[test]
    fn json_ld_wins_and_names_join() {
        let m = meta_of(
            r#"<html lang="de"><head><title>X | Site</title><script type="application/ld+json">
            {"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Real headline",
            "author":[{"@type":"Person","name":"A. One"},{"name":"B. Two"}],"datePublished":"2020-01-02T03:04:05Z",
            "publisher":{"name":"The Site"},"image":{"url":"/img/a.jpg"}}]}</script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Real headline"));
        assert_eq!(m.byline.as_deref(), Some("A. One, B. Two"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.published_time.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(
            m.lead_image.as_deref(),
            Some("https://example.org/img/a.jpg")
        );
        assert_eq!(m.lang.as_deref(), Some("de"));
    }

    #[test]
    fn document_title_loses_site_suffix() {
        let m = meta_of(
            "<html><head><title>A story about three things | Daily Site</title></head></html>",
        );
        assert_eq!(m.title.as_deref(), Some("A story about three things"));
        let m = meta_of(
            r#"<html><head><meta property="og:site_name" content="Daily"><meta property="og:title" content="Short one - Daily"></head></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Short one"));
    }

    #[test]
    fn dates_are_iso_or_nothing() {
        assert_eq!(
            normalize_date("2021/12/07 10:00").as_deref(),
            Some("2021-12-07T10:00")
        );
        assert_eq!(normalize_date("December 7, 2021"), None);
    }
}
