//! Writing the picked article out: one iterative walk over its subtree produces the HTML
//! fragment (before sanitizing) and the readable text together, so both always agree.
//!
//! On the way:
//! - lazy images are resolved (`data-src`, `data-srcset`, `data-lazy-src`, `data-original`,
//!   `<picture>`/`<source>`), and every URL (`href`, `src`, `srcset`, `cite`, `poster`) is
//!   made absolute against the page URL;
//! - an embedded video becomes a link to it; other embeds, scripts and form controls go;
//! - structural wrappers (`section`, `article`, `header`…) become `<div>`, unknown elements
//!   are unwrapped, attributes are limited to the few that carry meaning;
//! - promo blocks are left out (`hide`) or kept with `data-clearpage-promo="<kind>"` (`show`).

use rustc_hash::FxHashMap as HashMap;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::Node;
use url::Url;

use crate::dom::{is_block_tag, Document};
use crate::output::sanitize::{is_inline_image, is_tiny_inline_image};
use crate::steps::clean::looks_like_image_url;
use crate::steps::promo::PromoKind;
use crate::steps::score::Picked;
use crate::text::{collapse_whitespace, starts_with_ignore_ascii_case};
use crate::{Promo, PromoMode};

/// The attribute that marks promo blocks in `content` (show mode).
pub const PROMO_ATTR: &str = "data-clearpage-promo";

/// Elements written as they are (and the sanitizer's allow-list).
pub const KEPT_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "q",
    "pre",
    "code",
    "kbd",
    "samp",
    "var",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "col",
    "colgroup",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "cite",
    "dfn",
    "time",
    "br",
    "hr",
    "span",
    "div",
    "details",
    "summary",
    "ruby",
    "rt",
    "rp",
    "bdi",
    "bdo",
    "wbr",
    "address",
    "data",
];
/// Structural wrappers written as `<div>`.
const DIV_TAGS: &[&str] = &[
    "section", "article", "main", "header", "footer", "hgroup", "center", "aside", "nav",
];
/// Elements dropped with their content.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "input", "button", "select", "textarea", "option", "optgroup", "datalist", "canvas",
    "svg", "dialog", "audio", "video", "source", "track", "map", "area", "link", "meta", "base",
    "title", "head", "param", "portal", "menu", "output", "progress", "meter",
];
/// MathML elements kept (with the math attributes below).
pub const MATH_TAGS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "semantics",
];
const MATH_ATTRS: &[&str] = &[
    "display",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "fence",
    "separator",
    "stretchy",
    "accent",
    "linethickness",
    "columnalign",
    "encoding",
];
/// Attributes kept per element (besides `lang` and `dir` on all).
fn kept_attrs(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href", "title"],
        "img" => &["src", "srcset", "alt", "title", "width", "height", "sizes"],
        "td" | "th" => &["colspan", "rowspan", "headers", "scope"],
        "col" | "colgroup" => &["span"],
        "ol" => &["start", "reversed", "type"],
        "li" => &["value"],
        "time" | "del" | "ins" => &["datetime"],
        "abbr" | "dfn" => &["title"],
        "blockquote" | "q" => &["cite"],
        "data" => &["value"],
        "details" => &["open"],
        _ => &[],
    }
}
/// Attributes that hold URLs.
const URL_ATTRS: &[&str] = &["href", "src", "cite"];
/// `data:` URLs shorter than this are placeholders (a transparent pixel is under 100 bytes).
const PLACEHOLDER_DATA_URL_CHARS: usize = 200;
/// Lazy-loading attributes, most specific first.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
];
const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-set"];

pub struct Written {
    pub html: String,
    pub text: String,
    pub promos: Vec<Promo>,
    pub first_paragraph: Option<String>,
    pub first_image: Option<String>,
}

struct Writer<'a> {
    doc: &'a Document,
    base: Option<&'a Url>,
    html: String,
    text: String,
    /// Whitespace seen but not yet written to `text`.
    pending_space: bool,
    /// Open `<pre>` elements: whitespace is kept inside them.
    pre_depth: usize,
    /// Open ruby annotations (`<rt>`, `<rp>`): shown above the base text in the reader view,
    /// left out of the plain text, where they would break every word in two.
    annotation_depth: usize,
    first_paragraph: Option<String>,
    first_image: Option<String>,
}

pub fn write(doc: &Document, picked: &Picked, base: Option<&Url>, mode: PromoMode) -> Written {
    let promos = &picked.promos;
    let promo_kind: HashMap<NodeId, PromoKind> = promos.iter().map(|p| (p.node, p.kind)).collect();
    let mut w = Writer {
        doc,
        base,
        html: String::new(),
        text: String::new(),
        pending_space: false,
        pre_depth: 0,
        annotation_depth: 0,
        first_paragraph: None,
        first_image: None,
    };
    let Some(root) = doc.node(picked.root) else {
        return Written {
            html: String::new(),
            text: String::new(),
            promos: Vec::new(),
            first_paragraph: None,
            first_image: None,
        };
    };
    // Open elements, by node: the closing tag to write (`None`: unwrapped) and where the
    // element and its content start in the HTML.
    let mut open: HashMap<NodeId, OpenElement> = HashMap::default();
    let mut skip_until: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() || node.id() == picked.root {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.push_text(&t.text),
                    Node::Element(_) => {
                        let id = node.id();
                        let kind = promo_kind.get(&id).copied();
                        if kind.is_some() && mode == PromoMode::Hide {
                            skip_until = Some(id);
                            continue;
                        }
                        let start = w.html.len();
                        match w.open_element(id, kind) {
                            Opened::Skip => skip_until = Some(id),
                            Opened::Tag(close) => {
                                let content_start = w.html.len();
                                open.insert(
                                    id,
                                    OpenElement {
                                        close,
                                        start,
                                        content_start,
                                    },
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                let id = node.id();
                if skip_until == Some(id) {
                    skip_until = None;
                    continue;
                }
                if skip_until.is_some() {
                    continue;
                }
                if let Some(element) = open.remove(&id) {
                    let shows_nothing = element
                        .close
                        .is_some_and(|tag| DROPPED_WHEN_EMPTY.contains(&tag))
                        && w.html
                            .get(element.content_start..)
                            .is_some_and(shows_nothing);
                    if shows_nothing {
                        // Its whitespace may part two words (`a<a href=…> </a>b`): keep one space.
                        let had_space = w.html.len() > element.content_start;
                        w.html.truncate(element.start);
                        if had_space {
                            w.html.push(' ');
                        }
                        w.close_element(id, None);
                    } else {
                        w.close_element(id, element.close);
                    }
                }
            }
        }
    }
    let text = w.text.trim().to_string();
    let promo_list = promos
        .iter()
        .map(|p| Promo {
            kind: p.kind,
            text: p.text.clone(),
        })
        .collect();
    Written {
        html: w.html,
        text,
        promos: promo_list,
        first_paragraph: w.first_paragraph,
        first_image: w.first_image,
    }
}

/// An element written and not closed yet.
struct OpenElement {
    /// The end tag to write, or `None` when unwrapped.
    close: Option<&'static str>,
    /// Where its start tag begins in the HTML.
    start: usize,
    /// Where its content begins in the HTML.
    content_start: usize,
}

/// Elements left out when they end up showing nothing (see [`shows_nothing`]): the blank
/// paragraphs, headings, captions and items of page layouts, links whose text or image went,
/// the lists, figures and boxes left empty by that, and empty inline wrappers (which would keep
/// their parents from counting as empty). Never table parts (a cell holds its place) nor
/// `<pre>`/`<code>`, whose whitespace is content.
const DROPPED_WHEN_EMPTY: &[&str] = &[
    "span",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "small",
    "mark",
    "sub",
    "sup",
    "dd",
    "dt",
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "blockquote",
    "li",
    "a",
];

/// Whether written HTML content shows nothing: only whitespace, no-break spaces and line breaks.
fn shows_nothing(html: &str) -> bool {
    let mut rest = html.trim_start();
    while !rest.is_empty() {
        match rest
            .strip_prefix("&nbsp;")
            .or_else(|| rest.strip_prefix("<br>"))
        {
            Some(after) => rest = after.trim_start(),
            None => return false,
        }
    }
    true
}

enum Opened {
    Skip,
    /// The end tag to write, or `None` when unwrapped.
    Tag(Option<&'static str>),
}

fn static_tag(tag: &str) -> Option<&'static str> {
    KEPT_TAGS
        .iter()
        .chain(MATH_TAGS.iter())
        .find(|t| **t == tag)
        .copied()
}

impl Writer<'_> {
    fn open_element(&mut self, id: NodeId, promo: Option<PromoKind>) -> Opened {
        let tag = self.doc.tag(id);
        if DROPPED_TAGS.contains(&tag) {
            if matches!(tag, "iframe" | "embed" | "object" | "video") {
                self.write_video_link(id);
            }
            return Opened::Skip;
        }
        if tag == "picture" {
            return self.write_picture(id);
        }
        let out_tag = if DIV_TAGS.contains(&tag) {
            Some("div")
        } else {
            static_tag(tag)
        };
        let Some(out_tag) = out_tag else {
            // Unknown element: keep its content only, unless it must carry the promo mark.
            if let Some(kind) = promo {
                self.block_break();
                self.html
                    .push_str(&format!("<div {PROMO_ATTR}=\"{}\">", kind.as_str()));
                return Opened::Tag(Some("div"));
            }
            if is_block_tag(tag) {
                self.block_break();
            }
            return Opened::Tag(None);
        };
        if out_tag == "img" {
            self.write_img(id, promo);
            return Opened::Skip;
        }
        // A paragraph holding blocks (a `<div>` the scoring step renamed) is written as a
        // `<div>`: the HTML parser would close the `<p>` at its first block, and the
        // sanitizer's re-parse would turn the stray `</p>` into an empty paragraph.
        let out_tag = if out_tag == "p" && self.doc.has_descendant_element(id, is_block_tag) {
            "div"
        } else {
            out_tag
        };
        if is_block_tag(out_tag) || out_tag == "br" {
            self.block_break();
        }
        self.html.push('<');
        self.html.push_str(out_tag);
        self.write_attrs(id, out_tag);
        if let Some(kind) = promo {
            self.html
                .push_str(&format!(" {PROMO_ATTR}=\"{}\"", kind.as_str()));
        }
        self.html.push('>');
        match out_tag {
            "br" => {
                self.newline();
                Opened::Tag(None)
            }
            "hr" | "wbr" | "col" => Opened::Tag(None),
            "pre" => {
                self.pre_depth += 1;
                Opened::Tag(Some(out_tag))
            }
            "rt" | "rp" => {
                self.annotation_depth += 1;
                Opened::Tag(Some(out_tag))
            }
            "td" | "th" => {
                self.space();
                Opened::Tag(Some(out_tag))
            }
            _ => Opened::Tag(Some(out_tag)),
        }
    }

    fn close_element(&mut self, id: NodeId, close: Option<&'static str>) {
        let tag = self.doc.tag(id);
        if let Some(close) = close {
            self.html.push_str("</");
            self.html.push_str(close);
            self.html.push('>');
            if close == "pre" {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            if matches!(close, "rt" | "rp") {
                self.annotation_depth = self.annotation_depth.saturating_sub(1);
            }
            if tag == "p" && self.first_paragraph.is_none() {
                let text = collapse_whitespace(&self.doc.text(id));
                if !text.is_empty() {
                    self.first_paragraph = Some(text);
                }
            }
            if is_block_tag(close) {
                self.block_break();
            }
        } else if is_block_tag(tag) {
            self.block_break();
        }
    }

    fn write_attrs(&mut self, id: NodeId, out_tag: &str) {
        let Some(element) = self.doc.element(id) else {
            return;
        };
        let kept = kept_attrs(out_tag);
        let is_math = MATH_TAGS.contains(&out_tag);
        for (name, value) in element.attrs.iter() {
            let n = &*name.local;
            let keep = kept.contains(&n)
                || matches!(n, "lang" | "dir")
                || (is_math && MATH_ATTRS.contains(&n))
                || (n == "class"
                    && matches!(out_tag, "code" | "pre")
                    && value
                        .split_whitespace()
                        .any(|c| c.starts_with("language-") || c.starts_with("lang-")));
            if !keep {
                continue;
            }
            let value: String = if URL_ATTRS.contains(&n) {
                match self.url(value) {
                    Some(u) => u,
                    None => continue,
                }
            } else if n == "class" {
                value
                    .split_whitespace()
                    .filter(|c| c.starts_with("language-") || c.starts_with("lang-"))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                value.to_string()
            };
            push_attr(&mut self.html, n, &value);
        }
    }

    /// Resolves a URL against the page; drops script URLs, and `data:` URLs but inline
    /// raster images (which are absolute already and can be long: they are not re-parsed).
    fn url(&self, raw: &str) -> Option<String> {
        let trimmed: String = raw.trim().chars().filter(|c| !c.is_control()).collect();
        if starts_with_ignore_ascii_case(&trimmed, "data:") {
            return is_inline_image(&trimmed).then_some(trimmed);
        }
        if ["javascript:", "vbscript:"]
            .iter()
            .any(|scheme| starts_with_ignore_ascii_case(&trimmed, scheme))
        {
            return None;
        }
        if trimmed.starts_with('#') {
            return Some(trimmed);
        }
        match self.base {
            Some(b) => b.join(&trimmed).ok().map(|u| u.to_string()),
            None => Some(trimmed),
        }
    }

    /// A `srcset` with every URL resolved; candidates that are placeholders or unsafe go.
    fn srcset(&self, raw: &str) -> String {
        srcset_candidates(raw)
            .into_iter()
            .filter(|(url, _)| !is_data_placeholder(url))
            .filter_map(|(url, descriptors)| {
                let url = self.url(url)?;
                Some(if descriptors.is_empty() {
                    url
                } else {
                    format!("{url} {descriptors}")
                })
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Picks the image source a reader would see once the page's scripts ran.
    fn image_source(&self, id: NodeId) -> (Option<String>, Option<String>) {
        let attr = |n: &str| {
            self.doc
                .attr(id, n)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let lazy_src = LAZY_SRC_ATTRS
            .iter()
            .find_map(|a| attr(a))
            .filter(|v| !v.starts_with("data:"));
        let src = attr("src").filter(|v| !is_placeholder(v));
        let src = lazy_src.or(src).or_else(|| {
            // Any other attribute holding one image URL.
            self.doc.element(id).and_then(|e| {
                e.attrs.iter().find_map(|(n, v)| {
                    (n.local.starts_with("data-")
                        && looks_like_image_url(v)
                        && !v.trim().contains(char::is_whitespace))
                    .then(|| v.trim())
                })
            })
        });
        let srcset = LAZY_SRCSET_ATTRS
            .iter()
            .find_map(|a| attr(a))
            .or_else(|| attr("srcset"));
        (
            src.and_then(|s| self.url(s)),
            srcset.map(|s| self.srcset(s)).filter(|s| !s.is_empty()),
        )
    }

    fn write_img(&mut self, id: NodeId, promo: Option<PromoKind>) {
        let (src, srcset) = self.image_source(id);
        let src = src.or_else(|| {
            srcset
                .as_ref()
                .and_then(|s| s.split_whitespace().next().map(str::to_string))
        });
        let Some(src) = src else { return };
        if self.first_image.is_none() {
            self.first_image = Some(src.clone());
        }
        self.html.push_str("<img");
        push_attr(&mut self.html, "src", &src);
        if let Some(srcset) = srcset {
            push_attr(&mut self.html, "srcset", &srcset);
        }
        for name in ["alt", "title", "width", "height", "lang", "dir"] {
            if let Some(v) = self.doc.attr(id, name) {
                push_attr(&mut self.html, name, v);
            }
        }
        if let Some(kind) = promo {
            push_attr(&mut self.html, PROMO_ATTR, kind.as_str());
        }
        self.html.push('>');
    }

    /// `<picture>`: the `<img>` inside, given a source from `<source>` when it has none.
    fn write_picture(&mut self, id: NodeId) -> Opened {
        let imgs = self.doc.descendants_with_tags(id, &["img"]);
        let Some(&img) = imgs.first() else {
            return Opened::Skip;
        };
        let (src, srcset) = self.image_source(img);
        if src.is_some() || srcset.is_some() {
            self.write_img(img, None);
            return Opened::Skip;
        }
        for source in self.doc.descendants_with_tags(id, &["source"]) {
            let set = ["data-srcset", "srcset", "data-src", "src"]
                .iter()
                .find_map(|a| self.doc.attr(source, a));
            if let Some(first) = set.and_then(|s| srcset_candidates(s).first().map(|c| c.0)) {
                if let Some(url) = self.url(first) {
                    self.html.push_str("<img");
                    push_attr(&mut self.html, "src", &url);
                    if let Some(alt) = self.doc.attr(img, "alt") {
                        push_attr(&mut self.html, "alt", alt);
                    }
                    self.html.push('>');
                    if self.first_image.is_none() {
                        self.first_image = Some(url);
                    }
                    break;
                }
            }
        }
        Opened::Skip
    }

    /// An embedded video becomes a paragraph with a link to it.
    fn write_video_link(&mut self, id: NodeId) {
        let src = ["src", "data-src", "data"]
            .iter()
            .find_map(|a| self.doc.attr(id, a));
        let Some(src) = src.filter(|s| crate::steps::prune::is_video_url(s)) else {
            return;
        };
        let Some(url) = self.url(src) else { return };
        let label = Url::parse(&url)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_start_matches("www.").to_string())
            })
            .unwrap_or_else(|| url.clone());
        // Its own paragraph, unless it sits in one already (a `<p>` in a `<p>` would not parse).
        let in_paragraph = self.doc.has_ancestor_tag(id, "p", 0);
        self.block_break();
        if !in_paragraph {
            self.html.push_str("<p>");
        }
        self.html.push_str("<a");
        push_attr(&mut self.html, "href", &url);
        self.html.push_str(">▶ ");
        escape_text(&mut self.html, &label);
        self.html.push_str("</a>");
        if !in_paragraph {
            self.html.push_str("</p>");
        }
        self.push_reader_text(&format!("▶ {label}"));
        self.block_break();
    }

    /// Text for both the HTML and the readable text.
    fn push_text(&mut self, raw: &str) {
        escape_text(&mut self.html, raw);
        self.push_reader_text(raw);
    }

    /// Text for the readable text only.
    fn push_reader_text(&mut self, raw: &str) {
        if self.annotation_depth > 0 {
            return;
        }
        if self.pre_depth > 0 {
            self.text.push_str(raw);
            return;
        }
        for c in raw.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space
                    && !self.text.is_empty()
                    && !self.text.ends_with(char::is_whitespace)
                {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn newline(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text.push('\n');
        self.pending_space = false;
    }

    /// Paragraph separator in the text: one blank line.
    fn block_break(&mut self) {
        self.pending_space = false;
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if self.text.ends_with('\n') {
            self.text.push('\n');
        } else {
            self.text.push_str("\n\n");
        }
    }
}

/// Transparent, tiny or blank images that lazy loaders put in `src`.
fn is_placeholder(src: &str) -> bool {
    if starts_with_ignore_ascii_case(src, "data:") {
        // Base64 text may spell anything, so only the URL's kind and length say.
        return is_data_placeholder(src) || !is_inline_image(src);
    }
    let s = src.to_ascii_lowercase();
    s.contains("placeholder")
        || s.contains("blank.gif")
        || s.contains("spacer.gif")
        || s.contains("lazy")
}

/// A `data:` URL too short or too small to hold a picture: the transparent pixel lazy loaders
/// show first.
fn is_data_placeholder(url: &str) -> bool {
    starts_with_ignore_ascii_case(url, "data:")
        && (url.len() < PLACEHOLDER_DATA_URL_CHARS || is_tiny_inline_image(url))
}

/// The candidates of a `srcset` as `(url, descriptors)`, split the way the HTML spec does: a
/// URL runs to the next whitespace (so it may hold commas, as `data:` URLs do) and loses its
/// trailing commas, which also end its candidate; otherwise the descriptors run to the next
/// comma outside parentheses.
fn srcset_candidates(raw: &str) -> Vec<(&str, &str)> {
    let mut candidates = Vec::new();
    let mut rest = raw;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return candidates;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at(url_end);
        if url.ends_with(',') {
            candidates.push((url.trim_end_matches(','), ""));
            rest = after;
            continue;
        }
        let mut depth = 0usize;
        let descriptors_end = after
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                c == ',' && depth == 0
            })
            .map_or(after.len(), |(i, _)| i);
        candidates.push((url, after[..descriptors_end].trim()));
        rest = &after[descriptors_end..];
    }
}

fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::{extract, Article, Options, PromoMode};

    const PAGE_URL: &str = "https://example.com/a/b.html";

    /// A paragraph long enough for the scoring to take the article around it.
    fn long_paragraph() -> String {
        let sentence =
            "A paragraph long enough to be read as the article, with commas, clauses and words. ";
        format!("<p>{}</p>", sentence.repeat(6))
    }

    /// The article of a page whose `<article>` holds `body`, promos hidden.
    fn article_of(body: &str, url: Option<&str>) -> Article {
        let page = format!("<html><body><article>{body}</article></body></html>");
        let options = Options {
            promos: PromoMode::Hide,
        };
        extract(page.as_bytes(), url, &options).expect("an article")
    }

    #[test]
    fn ruby_readings_stay_in_the_html_and_out_of_the_text() {
        let sentence = "<ruby>子<rt>こ</rt></ruby>どもを<ruby>教育<rp>(</rp><rt>きょういく</rt><rp>)</rp></ruby>するために、";
        let body: String = (0..6)
            .map(|_| format!("<p>{sentence}{sentence}{sentence}{sentence}</p>"))
            .collect();
        let article = article_of(&body, None);
        assert!(article.text_content.contains("子どもを教育するために、"));
        assert!(!article.text_content.contains("きょういく"));
        assert!(article.content.contains("<rt>きょういく</rt>"));
    }

    #[test]
    fn srcset_candidates_keep_commas_inside_urls() {
        use super::srcset_candidates;
        assert_eq!(
            srcset_candidates("a.jpg 1x, b.jpg 2x,c.jpg"),
            vec![("a.jpg", "1x"), ("b.jpg", "2x"), ("c.jpg", "")]
        );
        assert_eq!(
            srcset_candidates("data:image/gif;base64,R0lG== 1x, /w,h_200/p.jpg 200w"),
            vec![
                ("data:image/gif;base64,R0lG==", "1x"),
                ("/w,h_200/p.jpg", "200w")
            ]
        );
        assert_eq!(
            srcset_candidates("a.jpg, b.jpg"),
            vec![("a.jpg", ""), ("b.jpg", "")]
        );
        assert!(srcset_candidates(" , ").is_empty());
    }

    #[test]
    fn inline_images_are_kept_and_placeholders_give_way() {
        let paragraph = long_paragraph();
        let photo = format!("data:image/jpeg;base64,/9j/4AAQSkZJRg{}", "A".repeat(300));
        let pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
        let body = format!(
            r#"{paragraph}<figure><img src="{photo}" alt="photo"></figure><img srcset="{pixel} 1x" src="/real.jpg">{paragraph}{paragraph}"#
        );
        let article = article_of(&body, Some(PAGE_URL));
        assert!(article
            .content
            .contains(&format!(r#"<img src="{photo}" alt="photo">"#)));
        assert!(article
            .content
            .contains(r#"<img src="https://example.com/real.jpg">"#));
        assert!(!article.content.contains("R0lGOD"), "{}", article.content);
    }

    #[test]
    fn elements_that_show_nothing_are_left_out() {
        let paragraph = long_paragraph();
        let body = format!(
            r#"{paragraph}<p>&nbsp;</p><p> <br> </p><h2><a href="/x"></a></h2><ul><li>one</li><li> </li></ul><p><a href="/y"><img src="/i.jpg"></a></p>{paragraph}"#
        );
        let article = article_of(&body, Some(PAGE_URL));
        let content = &article.content;
        assert!(
            !content.contains("<p>&nbsp;</p>") && !content.contains("<br>"),
            "{content}"
        );
        assert!(!content.contains("<h2>") && !content.contains("href=\"https://example.com/x\""));
        assert!(
            content.contains("<li>one</li>") && content.matches("<li>").count() == 1,
            "{content}"
        );
        assert!(!content.contains("<ul></ul>") && !content.contains("<div></div>"));
        let words = article_of(
            &format!(r#"{paragraph}<p>one<a href="/z"> </a>two</p>{paragraph}"#),
            None,
        );
        assert!(words.content.contains("one two"), "{}", words.content);
        assert!(
            content.contains(r#"<img src="https://example.com/i.jpg">"#),
            "{content}"
        );
        assert_eq!(content.matches("<p>").count(), 3, "{content}");
    }

    #[test]
    fn an_embedded_video_becomes_one_link_in_one_paragraph() {
        let paragraph = long_paragraph();
        let body = format!(
            r#"{paragraph}<p><iframe src="https://www.youtube.com/embed/abc"></iframe></p><iframe src="https://player.vimeo.com/video/1"></iframe>{paragraph}"#
        );
        let article = article_of(&body, Some(PAGE_URL));
        let content = &article.content;
        assert_eq!(content.matches("▶ youtube.com").count(), 1, "{content}");
        assert_eq!(
            content.matches("▶ player.vimeo.com").count(),
            1,
            "{content}"
        );
        assert!(
            !content.contains("<p></p>") && !content.contains("<p><p>"),
            "{content}"
        );
        assert_eq!(article.text_content.matches("▶ youtube.com").count(), 1);
    }
}
