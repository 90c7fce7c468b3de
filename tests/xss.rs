//! XSS harness for the engine's output. Every vector in `tests/xss/vectors.json` is placed
//! inside the article body of `tests/xss/page_template.html`, extracted in both promo modes,
//! and the returned `content` is parsed with `scraper` (never grepped) and checked for:
//! elements that can execute or navigate, `on*` attributes, dangerous URL schemes in
//! URL-bearing attributes, script-bearing CSS in `style`, lost article text, and
//! re-parse instability (mutation XSS). All failing vector ids are reported in one message.
//!
//! `data:` URL policy: allowed only in `src`/`srcset` of `<img>` and `<source>` when the
//! MIME type is a raster image (png, gif, jpeg, webp, avif, bmp). Everything else — other
//! elements, other attributes, `image/svg+xml`, `text/html` — counts as a failure.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use clearpage::{extract, Options, PromoMode};
use scraper::{Html, Node};
use serde::Deserialize;

const VECTORS_JSON: &str = include_str!("xss/vectors.json");
const PAGE_TEMPLATE: &str = include_str!("xss/page_template.html");
const VECTOR_PLACEHOLDER: &str = "{{VECTOR}}";
const PORT_PLACEHOLDER: &str = "{{PORT}}";
/// Any port works here: nothing is fetched; the browser tests substitute a live one.
const STATIC_TEST_PORT: &str = "8099";
const PAGE_URL: &str = "https://news.example.test/2026/11/the-orchard-that-came-back";
const MIN_VECTOR_COUNT: usize = 170;
/// Per-vector reasons shown in the final report (the rest are counted).
const MAX_REASONS_SHOWN: usize = 4;

/// Phrases from the template that must survive: first paragraph, the paragraphs just
/// before and after the vector, and the last paragraph.
const ARTICLE_PHRASES: [&str; 4] = [
    "orchard keepers of Millbrook Hollow",
    "fruiting spur and a water shoot",
    "Identifying the varieties proved harder than cutting back the brambles",
    "next pruning day is set for the first Saturday of March",
];

/// Elements that must never appear in sanitized content, in any namespace: they run
/// script, load documents/plugins, change document-level behaviour, submit data, are
/// raw-text containers whose serialization is not re-parse stable, or (annotation-xml)
/// switch MathML back to HTML parsing. Plain MathML presentation markup (`<math>`, `<mi>`…)
/// is allowed: it cannot run script once `on*`/`href` are gone, and the re-parse check
/// below catches namespace-confusion tricks built from it.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "meta",
    "base",
    "link",
    "style",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "template",
    "noscript",
    "isindex",
    "keygen",
    "portal",
    "fencedframe",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "annotation-xml",
];

/// SVG elements that can run script, animate attributes into `javascript:` URLs, pull in
/// external documents, or embed HTML.
const FORBIDDEN_SVG_ELEMENTS: &[&str] = &[
    "foreignobject",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "discard",
    "handler",
    "listener",
    "use",
    "feimage",
];

/// Attributes that are dangerous whatever their value.
const FORBIDDEN_ATTRIBUTES: &[&str] = &["srcdoc", "http-equiv"];

/// Attributes holding a URL (or URL list) whose scheme is checked.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "cite",
    "lowsrc",
    "dynsrc",
    "longdesc",
    "ping",
    "codebase",
    "archive",
    "classid",
    "manifest",
    "icon",
    "profile",
];

/// Schemes that run script (or smuggle a document) when followed or loaded.
const DANGEROUS_SCHEMES: &[&str] = &["javascript:", "vbscript:", "livescript:", "mocha:"];
const DATA_SCHEME: &str = "data:";
const RASTER_IMAGE_MIME_TYPES: &[&str] = &[
    "image/png",
    "image/gif",
    "image/jpeg",
    "image/jpg",
    "image/webp",
    "image/avif",
    "image/bmp",
];
/// Markers of script-bearing CSS, checked after CSS normalization.
const DANGEROUS_CSS: &[&str] = &[
    "expression(",
    "javascript:",
    "vbscript:",
    "-moz-binding",
    "behavior:",
    "@import",
];

#[derive(Debug, Deserialize)]
struct Vector {
    id: String,
    family: String,
    html: String,
}

fn load_vectors() -> Vec<Vector> {
    serde_json::from_str(VECTORS_JSON).expect("tests/xss/vectors.json is valid JSON")
}

fn build_page(vector_html: &str) -> String {
    PAGE_TEMPLATE
        .replace(VECTOR_PLACEHOLDER, vector_html)
        .replace(PORT_PLACEHOLDER, STATIC_TEST_PORT)
}

/// Removes ASCII whitespace and control characters and lowercases, the way URL parsers
/// ignore them when reading a scheme.
fn normalize_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !(c.is_ascii_control() || *c == ' '))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_allowed_data_url(element: &str, attribute: &str, normalized: &str) -> bool {
    let image_element = element == "img" || element == "source";
    let image_attribute = attribute == "src" || attribute == "srcset";
    let mime = normalized[DATA_SCHEME.len()..]
        .split([';', ','])
        .next()
        .unwrap_or("");
    image_element && image_attribute && RASTER_IMAGE_MIME_TYPES.contains(&mime)
}

/// Why a URL value is dangerous on this element/attribute, if it is.
fn dangerous_url(element: &str, attribute: &str, value: &str) -> Option<String> {
    let candidates: Vec<&str> = if attribute == "srcset" {
        value
            .split(',')
            .map(|candidate| candidate.split_ascii_whitespace().next().unwrap_or(""))
            .collect()
    } else {
        vec![value]
    };
    for candidate in candidates {
        let normalized = normalize_url(candidate);
        if let Some(scheme) = DANGEROUS_SCHEMES
            .iter()
            .find(|s| normalized.starts_with(*s))
        {
            return Some(format!("<{element} {attribute}> uses {scheme} ({value:?})"));
        }
        if normalized.starts_with(DATA_SCHEME)
            && !is_allowed_data_url(element, attribute, &normalized)
        {
            return Some(format!(
                "<{element} {attribute}> uses a disallowed data: URL ({value:?})"
            ));
        }
    }
    None
}

/// Lowercases, decodes CSS escapes, and drops comments, whitespace and control characters
/// so that `exp/**/ression(`, `\65 xpression(` and `java\script:` are all seen plainly.
fn normalize_css(value: &str) -> String {
    let mut decoded = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let mut hex = String::new();
            while hex.len() < 6 && chars.peek().is_some_and(|h| h.is_ascii_hexdigit()) {
                hex.push(chars.next().unwrap());
            }
            if hex.is_empty() {
                if let Some(escaped) = chars.next() {
                    decoded.push(escaped);
                }
            } else {
                if chars.peek().is_some_and(|w| w.is_ascii_whitespace()) {
                    chars.next();
                }
                let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                decoded.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
        } else {
            decoded.push(c);
        }
    }
    let mut without_comments = String::new();
    let mut rest = decoded.as_str();
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    without_comments.push_str(rest);
    without_comments
        .chars()
        .filter(|c| !(c.is_ascii_control() || c.is_whitespace()))
        .collect::<String>()
        .to_lowercase()
}

/// Every reason the parsed fragment could execute script or navigate.
fn execution_hazards(fragment: &Html) -> Vec<String> {
    let mut hazards = Vec::new();
    for node in fragment.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let name = element.name().to_ascii_lowercase();
        let namespace = element.name.ns.to_string();
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            hazards.push(format!(
                "forbidden element <{name}> (namespace {namespace})"
            ));
        }
        if namespace.ends_with("/svg") && FORBIDDEN_SVG_ELEMENTS.contains(&name.as_str()) {
            hazards.push(format!("forbidden SVG element <{name}>"));
        }
        for (attribute_name, value) in element.attrs() {
            let attribute = attribute_name.to_ascii_lowercase();
            // `xlink:href` is `href` in the xlink namespace inside SVG/MathML, but a plain
            // attribute literally named `xlink:href` on HTML elements.
            let base_attribute = attribute
                .rsplit(':')
                .next()
                .unwrap_or(&attribute)
                .to_string();
            if base_attribute.starts_with("on") {
                hazards.push(format!("event handler attribute <{name} {attribute}>"));
            }
            if FORBIDDEN_ATTRIBUTES.contains(&base_attribute.as_str()) {
                hazards.push(format!("forbidden attribute <{name} {attribute}>"));
            }
            if URL_ATTRIBUTES.contains(&base_attribute.as_str()) {
                if let Some(reason) = dangerous_url(&name, &base_attribute, value) {
                    hazards.push(reason);
                }
            }
            if base_attribute == "style" {
                let css = normalize_css(value);
                if let Some(marker) = DANGEROUS_CSS.iter().find(|m| css.contains(*m)) {
                    hazards.push(format!(
                        "style attribute on <{name}> contains {marker} ({value:?})"
                    ));
                }
            }
        }
    }
    hazards
}

fn fragment_inner_html(fragment: &Html) -> String {
    fragment.root_element().inner_html()
}

fn fragment_text(fragment: &Html) -> String {
    let raw: Vec<&str> = fragment.root_element().text().collect();
    raw.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// All problems with one extraction of one page; empty means safe.
fn check_extraction(page: &str, url: Option<&str>, promos: PromoMode) -> Vec<String> {
    let options = Options { promos };
    let outcome = catch_unwind(AssertUnwindSafe(|| extract(page.as_bytes(), url, &options)));
    let article = match outcome {
        Err(_) => return vec!["extract panicked".to_string()],
        Ok(Err(error)) => {
            return vec![format!(
                "extract returned Err({error:?}) for an article page"
            )]
        }
        Ok(Ok(article)) => article,
    };
    let mut problems = Vec::new();

    let first_parse = Html::parse_fragment(&article.content);
    problems.extend(execution_hazards(&first_parse));
    let text = fragment_text(&first_parse);
    for phrase in ARTICLE_PHRASES {
        if !text.contains(phrase) {
            problems.push(format!("article text lost: {phrase:?}"));
        }
    }

    let first_serialization = fragment_inner_html(&first_parse);
    let second_parse = Html::parse_fragment(&first_serialization);
    let second_serialization = fragment_inner_html(&second_parse);
    if first_serialization != second_serialization {
        problems.push(format!(
            "re-parse unstable (mXSS risk):\n      first:  {}\n      second: {}",
            excerpt_around_difference(&first_serialization, &second_serialization, true),
            excerpt_around_difference(&first_serialization, &second_serialization, false)
        ));
        for hazard in execution_hazards(&second_parse) {
            problems.push(format!("after re-parse: {hazard}"));
        }
    }

    if let Some(lead_image) = &article.lead_image {
        if let Some(reason) = dangerous_url("img", "src", lead_image) {
            problems.push(format!("leadImage: {reason}"));
        }
    }
    problems
}

/// A short window of `first` (or `second`) around where the two strings start to differ.
fn excerpt_around_difference(first: &str, second: &str, show_first: bool) -> String {
    const CONTEXT: usize = 60;
    let split = first
        .char_indices()
        .zip(second.chars())
        .find(|((_, a), b)| a != b)
        .map(|((i, _), _)| i)
        .unwrap_or(first.len().min(second.len()));
    let text = if show_first { first } else { second };
    let start = text.floor_char_boundary(split.saturating_sub(CONTEXT));
    let end = text.ceil_char_boundary((split + CONTEXT).min(text.len()));
    format!("…{}…", &text[start..end])
}

#[test]
fn vectors_file_is_well_formed() {
    let vectors = load_vectors();
    assert!(
        vectors.len() >= MIN_VECTOR_COUNT,
        "need at least {MIN_VECTOR_COUNT} vectors, found {}",
        vectors.len()
    );
    let mut seen = HashSet::new();
    for vector in &vectors {
        assert!(
            seen.insert(vector.id.as_str()),
            "duplicate vector id {}",
            vector.id
        );
        assert!(
            !vector.family.is_empty(),
            "vector {} has no family",
            vector.id
        );
        assert!(
            vector.html.contains(&vector.id) || vector.html.contains(";base64,"),
            "vector {} does not carry its own id as marker",
            vector.id
        );
        assert!(
            !vector.html.contains(VECTOR_PLACEHOLDER),
            "vector {} nests the placeholder",
            vector.id
        );
    }
    assert_eq!(
        PAGE_TEMPLATE.matches(VECTOR_PLACEHOLDER).count(),
        1,
        "page template must hold exactly one {VECTOR_PLACEHOLDER}"
    );
}

/// Guards the harness itself: the checker must flag obvious hazards, or a green run
/// would mean nothing.
#[test]
fn checker_flags_known_hazards() {
    let dangerous = [
        "<script>x()</script>",
        "<img src=x onerror=x()>",
        "<a href=\" jav&#x09;ascript:x()\">a</a>",
        "<a href=\"data:text/html,x\">a</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<svg><a xlink:href=\"javascript:x()\"><text>t</text></a></svg>",
        "<svg><animate attributeName=href to=\"javascript:x()\"/></svg>",
        "<div style=\"width:exp/**/ression(x())\">d</div>",
        "<div style=\"background:url(java\\script:x())\">d</div>",
        "<math><annotation-xml encoding=\"text/html\"><p>x</p></annotation-xml></math>",
        "<math href=\"javascript:x()\"><mi>x</mi></math>",
        "<form action=\"https://example.org/\"></form>",
    ];
    for html in dangerous {
        assert!(
            !execution_hazards(&Html::parse_fragment(html)).is_empty(),
            "checker missed {html}"
        );
    }
    let safe = [
        "<p>Plain <a href=\"https://example.org/x\">link</a> and <em>text</em>.</p>",
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\">",
        "<p>&lt;script&gt;x()&lt;/script&gt; as text, onerror=x() as text</p>",
        "<p>Euler: <math><mi>e</mi><mo>=</mo><mn>2.718</mn></math></p>",
        "<figure><img src=\"/a.jpg\" srcset=\"/a.jpg 1x, /b.jpg 2x\"><figcaption>c</figcaption></figure>",
    ];
    for html in safe {
        let hazards = execution_hazards(&Html::parse_fragment(html));
        assert!(
            hazards.is_empty(),
            "checker false positive on {html}: {hazards:?}"
        );
    }
}

#[test]
fn clean_template_extracts_with_all_phrases() {
    let page = build_page("");
    let problems = check_extraction(&page, Some(PAGE_URL), PromoMode::Hide);
    assert!(problems.is_empty(), "clean page problems: {problems:#?}");
}

#[test]
fn no_vector_survives_extraction() {
    let runs: [(&str, Option<&str>, PromoMode); 3] = [
        ("hide+url", Some(PAGE_URL), PromoMode::Hide),
        ("show+url", Some(PAGE_URL), PromoMode::Show),
        ("hide+nourl", None, PromoMode::Hide),
    ];
    let vectors = load_vectors();
    let mut failures: Vec<String> = Vec::new();
    let mut failing_ids: Vec<&str> = Vec::new();
    for vector in &vectors {
        let page = build_page(&vector.html);
        // Each distinct problem once, with the runs that hit it.
        let mut problems: Vec<(String, Vec<&str>)> = Vec::new();
        for (run_name, url, promos) in runs {
            for problem in check_extraction(&page, url, promos) {
                match problems.iter_mut().find(|(known, _)| *known == problem) {
                    Some((_, run_names)) => run_names.push(run_name),
                    None => problems.push((problem, vec![run_name])),
                }
            }
        }
        if problems.is_empty() {
            continue;
        }
        failing_ids.push(&vector.id);
        let mut entry = format!("{} ({}): {}", vector.id, vector.family, vector.html);
        for (problem, run_names) in problems.iter().take(MAX_REASONS_SHOWN) {
            entry.push_str(&format!("\n    [{}] {problem}", run_names.join(",")));
        }
        if problems.len() > MAX_REASONS_SHOWN {
            entry.push_str(&format!(
                "\n    … and {} more",
                problems.len() - MAX_REASONS_SHOWN
            ));
        }
        failures.push(entry);
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed: {}\n\n{}",
        failing_ids.len(),
        vectors.len(),
        failing_ids.join(", "),
        failures.join("\n\n")
    );
}
