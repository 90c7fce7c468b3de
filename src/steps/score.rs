//! Finding the article: candidate scoring in the manner of Readability, with our own fixes.
//!
//! Steps of one attempt ([`grab`]):
//! 1. **Walk** the body once: drop unlikely chrome (class/id/role), the in-page byline (kept
//!    as metadata), a heading that repeats the title, empty containers; turn `<div>`s that
//!    only hold phrasing content into paragraphs; collect paragraph-like elements.
//! 2. **Score**: each paragraph gives its ancestors points for its length and commas,
//!    divided by distance; ancestors start from tag and class/id weights, and structured
//!    evidence (`itemprop=articleBody`, `<article>`, `<main>`).
//! 3. **Pick** the best candidate after link-density discount, then climb to a common
//!    ancestor when several strong candidates share it.
//! 4. **Merge siblings** that score close to the pick, or read like paragraphs.
//! 5. **Prune** what is left ([`crate::steps::prune`]).
//!
//! If the result is too short, the attempt is repeated with fewer removals (unlikely
//! stripping, class weights, conditional cleaning), and the longest result wins.
//! A result that is mostly links or teasers is not an article ([`Error::NoArticle`]).
//!
//! [`Error::NoArticle`]: crate::Error::NoArticle

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ego_tree::NodeId;

use crate::dom::{Document, TextStats};
use crate::steps::metadata::Metadata;
use crate::steps::promo::{self, FoundPromo, PromoKind};
use crate::steps::prune;
use crate::text::{collapse_whitespace, comma_count, PhraseSet};

/// Minimum article text length for an attempt to count as a success.
pub const CHAR_THRESHOLD: usize = 500;
/// Paragraph-like elements shorter than this give no points.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// How many levels of ancestors a paragraph's points reach.
const SCORE_ANCESTOR_LEVELS: usize = 5;
/// How many top candidates are compared when looking for a shared ancestor.
const TOP_CANDIDATES: usize = 5;
/// Candidates scoring at least this share of the best count as alternatives.
const ALTERNATIVE_SCORE_SHARE: f64 = 0.75;
/// How many alternatives must share an ancestor for it to become the pick.
const MIN_SHARING_ALTERNATIVES: usize = 3;
/// Weight of a class or id that says "content" (+) or "chrome" (-).
pub const CLASS_WEIGHT: f64 = 25.0;
/// Bonus for elements the page itself marks as the article body.
const STRUCTURED_BODY_BONUS: f64 = 25.0;
/// Longest text a byline can have.
const MAX_BYLINE_CHARS: usize = 100;
/// Below this much non-link text the page has no article.
const MIN_ARTICLE_PROSE_CHARS: usize = 140;
/// A short pick is the article when the page has at most this many times its text.
const SHORT_PAGE_FACTOR: usize = 2;
/// A teaser (linked heading plus excerpt) is at most this long.
const TEASER_MAX_CHARS: usize = 700;
/// This many teasers holding half the text make a listing.
const MIN_LISTING_TEASERS: usize = 3;
/// A page with teasers is still an article when its paragraphs outside them hold this much
/// prose (an article followed by a "related posts" list)...
const MIN_PROSE_BESIDE_TEASERS: usize = 600;
/// ...or this much, on a page whose metadata says it is an article (a short post).
const MIN_PROSE_BESIDE_TEASERS_DECLARED: usize = 150;
/// A paragraph counts as prose from this length, with few links.
const PROSE_PARAGRAPH_CHARS: usize = 80;
/// Above this link density the result is a link list, not an article.
const MAX_ARTICLE_LINK_DENSITY: f64 = 0.5;

pub const UNLIKELY_CANDIDATES: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];
const MAYBE_CANDIDATES: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];
pub const POSITIVE_NAMES: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
pub const NEGATIVE_NAMES: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
const BYLINE_NAMES: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];
/// Paragraph-like elements that are scored.
const TAGS_TO_SCORE: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];
/// Sibling tags merged as they are; others become `<div>`.
const KEEP_TAG_WHEN_MERGED: &[&str] = &["div", "article", "section", "p", "ol", "ul"];

#[derive(Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weigh_classes: bool,
    pub clean_conditionally: bool,
}

const ATTEMPTS: [Flags; 4] = [
    Flags {
        strip_unlikely: true,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: true,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: true,
    },
    Flags {
        strip_unlikely: false,
        weigh_classes: false,
        clean_conditionally: false,
    },
];

/// The chosen article: a new `<div>` in the document holding the article's nodes, and the
/// promo blocks found inside it.
pub struct Picked {
    pub root: NodeId,
    pub byline: Option<String>,
    pub promos: Vec<FoundPromo>,
}

/// Pages from this many bytes are not copied before the first attempt: a retry (rare on long
/// pages) builds the document again instead, so peak memory holds one tree, not two.
pub const PRISTINE_COPY_MAX_BYTES: usize = 256 * 1024;

/// Runs attempts until one yields enough text; returns `None` when the page has no article.
/// Each attempt changes the document, so a retry starts from the document as handed in: a copy
/// kept for short pages (`page_bytes` below [`PRISTINE_COPY_MAX_BYTES`]), `rebuild()` for
/// long ones.
pub fn pick_article(
    doc: &mut Document,
    meta: &Metadata,
    page_bytes: usize,
    rebuild: impl Fn() -> Document,
) -> Option<Picked> {
    let pristine = (page_bytes < PRISTINE_COPY_MAX_BYTES).then(|| Document {
        html: doc.html.clone(),
    });
    // The page's text length matters only for short picks: it is counted then, on the
    // untouched copy and only as far as asked; up front when there is no copy.
    let counted_up_front = match pristine {
        Some(_) => 0,
        None => doc.body().map_or(0, |b| doc.text_len(b)),
    };
    let page_len_up_to = |limit: usize| match &pristine {
        Some(page) => page.body().map_or(0, |b| page.text_len_up_to(b, limit)),
        None => counted_up_front,
    };
    let mut best: Option<(usize, scraper::Html, Picked)> = None;
    for (i, flags) in ATTEMPTS.iter().enumerate() {
        if i > 0 {
            match &pristine {
                Some(page) => doc.html = page.html.clone(),
                None => *doc = rebuild(),
            }
        }
        let Some(picked) = grab(doc, *flags, meta) else {
            continue;
        };
        let len = doc.text_len(picked.root);
        if len >= CHAR_THRESHOLD {
            return is_article(doc, picked.root, &page_len_up_to, meta).then_some(picked);
        }
        if best.as_ref().is_none_or(|(l, _, _)| len > *l) {
            best = Some((len, doc.html.clone(), picked));
        }
    }
    let (len, html, picked) = best?;
    doc.html = html;
    (len > 0 && is_article(doc, picked.root, &page_len_up_to, meta)).then_some(picked)
}

/// Whether a picked container reads as an article rather than a list of links or teasers.
/// A short text is an article only when it is (nearly) all the page has: on a page full of
/// other text, a short pick means the page is a home page or a listing.
/// `page_len_up_to(limit)` is the page's text length, counted no further than past `limit`.
fn is_article(
    doc: &Document,
    root: NodeId,
    page_len_up_to: &dyn Fn(usize) -> usize,
    meta: &Metadata,
) -> bool {
    let total = doc.text_len(root);
    let density = doc.link_density(root);
    if density > MAX_ARTICLE_LINK_DENSITY {
        return false;
    }
    if looks_like_listing(doc, root, total, meta.declares_article) {
        return false;
    }
    let prose = (total as f64 * (1.0 - density)) as usize;
    let short_page_limit = total.saturating_mul(SHORT_PAGE_FACTOR);
    prose >= MIN_ARTICLE_PROSE_CHARS || page_len_up_to(short_page_limit) <= short_page_limit
}

/// Headings that are links, each heading a short teaser block: a home page, a category
/// archive or search results, not an article.
fn looks_like_listing(doc: &Document, root: NodeId, total: usize, declares_article: bool) -> bool {
    let mut teasers = 0;
    let mut teaser_chars = 0;
    let mut seen_containers: HashSet<NodeId> = HashSet::default();
    for heading in doc.descendants_with_tags(root, &["h2", "h3", "h4"]) {
        let heading_len = doc.text_len(heading);
        let link_len: usize = doc
            .descendants_with_tags(heading, &["a"])
            .iter()
            .map(|a| doc.text_len(*a))
            .sum::<usize>()
            + doc
                .parent_element(heading)
                .filter(|p| doc.is_tag(*p, "a"))
                .map_or(0, |_| heading_len);
        if heading_len == 0 || link_len * 10 < heading_len * 6 {
            continue;
        }
        let container = teaser_container(doc, root, heading);
        let container_len = doc.text_len(container);
        if container_len > TEASER_MAX_CHARS || container == root {
            continue;
        }
        teasers += 1;
        if seen_containers.insert(container) {
            teaser_chars += container_len;
        }
    }
    let min_prose_beside = if declares_article {
        MIN_PROSE_BESIDE_TEASERS_DECLARED
    } else {
        MIN_PROSE_BESIDE_TEASERS
    };
    // Excerpts cut short: a listing, unless an article's prose stands beside them (a post
    // that ends with its blog's "related posts" excerpts).
    let excerpts = excerpt_paragraphs(doc, root);
    let excerpt_total: usize = excerpts.iter().map(|(_, len)| len).sum();
    if excerpt_total * 2 >= total {
        let excerpt_set: HashSet<NodeId> = excerpts.iter().map(|(p, _)| *p).collect();
        if prose_outside(doc, root, &excerpt_set) < min_prose_beside {
            return true;
        }
    }
    teasers >= MIN_LISTING_TEASERS
        && teaser_chars * 2 >= total
        && prose_outside(doc, root, &seen_containers) < min_prose_beside
}

/// Line breaks from which a block may be a list of lines rather than a paragraph.
const MIN_LIST_LINE_BREAKS: usize = 8;
/// Longest average line of such a list (prose wrapped with `<br>` has longer lines).
const MAX_LIST_LINE_CHARS: usize = 50;

/// A block of many short lines separated by `<br>`: a list of names, addresses or credits.
fn is_short_line_list(doc: &Document, id: NodeId, len: usize) -> bool {
    let breaks = doc.count_tags(id, &["br"]);
    breaks >= MIN_LIST_LINE_BREAKS && len / (breaks + 1) < MAX_LIST_LINE_CHARS
}

/// Endings of a post excerpt cut short by the site ("…", "...", "[…]", "[...]").
const EXCERPT_ENDINGS: &[&str] = &["\u{2026}", "...", "[\u{2026}]", "[...]"];

/// The excerpts of a listing, with their lengths: paragraphs (innermost) that end cut short
/// ("…"), when there are at least [`MIN_LISTING_TEASERS`] of them (their headings may have
/// been cleaned away); none otherwise.
fn excerpt_paragraphs(doc: &Document, root: NodeId) -> Vec<(NodeId, usize)> {
    let excerpts: Vec<(NodeId, usize)> = doc
        .descendants_with_tags(root, &["p"])
        .into_iter()
        .filter(|&p| doc.count_tags(p, &["p"]) == 0)
        .filter_map(|p| {
            let text = doc.inner_text(p);
            let len = text.chars().count();
            (len >= PROSE_PARAGRAPH_CHARS && EXCERPT_ENDINGS.iter().any(|e| text.ends_with(e)))
                .then_some((p, len))
        })
        .collect();
    if excerpts.len() >= MIN_LISTING_TEASERS {
        excerpts
    } else {
        Vec::new()
    }
}

/// The block a linked heading heads: its parent, widened to the largest ancestor below `root`
/// that holds no other heading and no more than a teaser's text (heading, excerpt, meta line).
fn teaser_container(doc: &Document, root: NodeId, heading: NodeId) -> NodeId {
    let mut container = doc.parent_element(heading).unwrap_or(heading);
    while let Some(parent) = doc.parent_element(container) {
        if parent == root
            || doc.count_tags(parent, &["h2", "h3", "h4"]) > 1
            || doc.text_len_up_to(parent, TEASER_MAX_CHARS) > TEASER_MAX_CHARS
        {
            break;
        }
        container = parent;
    }
    container
}

/// Characters of prose paragraphs (long, few links) that sit outside the given containers.
fn prose_outside(doc: &Document, root: NodeId, containers: &HashSet<NodeId>) -> usize {
    doc.descendants_with_tags(root, &["p"])
        .into_iter()
        .filter(|&p| !containers.iter().any(|&c| c == p || doc.is_ancestor(c, p)))
        .map(|p| (p, doc.text_len(p)))
        .filter(|&(p, len)| len >= PROSE_PARAGRAPH_CHARS && doc.link_density(p) < 0.3)
        .map(|(_, len)| len)
        .sum()
}

struct Scores {
    score: HashMap<NodeId, f64>,
}

impl Scores {
    fn get(&self, id: NodeId) -> Option<f64> {
        self.score.get(&id).copied()
    }
}

pub fn class_weight(doc: &Document, id: NodeId, flags: Flags) -> f64 {
    if !flags.weigh_classes {
        return 0.0;
    }
    let mut weight = 0.0;
    for attr in ["class", "id"] {
        if let Some(v) = doc.attr(id, attr) {
            let v = v.to_ascii_lowercase();
            if v.is_empty() {
                continue;
            }
            if names_negative(&v) {
                weight -= CLASS_WEIGHT;
            }
            if POSITIVE_NAMES.iter().any(|n| v.contains(n)) {
                weight += CLASS_WEIGHT;
            }
        }
    }
    weight
}

/// Whether lowercase class or id words carry a [`NEGATIVE_NAMES`] fragment (or the word
/// "hid"). A word that hides only the element's label (`field--label-hidden`, a CMS's mark
/// on every field shown without a caption) says nothing about the element itself.
fn names_negative(v: &str) -> bool {
    v.split_whitespace()
        .filter(|word| !word.ends_with(LABEL_HIDDEN_SUFFIX))
        .any(|word| word == "hid" || NEGATIVE_NAMES.iter().any(|n| word.contains(n)))
}

/// See [`names_negative`].
const LABEL_HIDDEN_SUFFIX: &str = "label-hidden";

fn initial_score(doc: &Document, id: NodeId, flags: Flags) -> f64 {
    let base = match doc.tag(id) {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let structured = if doc
        .attr(id, "itemprop")
        .is_some_and(|v| v.contains("articleBody"))
    {
        STRUCTURED_BODY_BONUS
    } else {
        0.0
    };
    base + class_weight(doc, id, flags) + structured
}

/// Class/id fragments of elements that are rarely content, as one phrase set.
pub static UNLIKELY_NAMES: PhraseSet = PhraseSet::new(|| UNLIKELY_CANDIDATES.to_vec());
static MAYBE_NAMES: PhraseSet = PhraseSet::new(|| MAYBE_CANDIDATES.to_vec());
static BYLINE_NAME_SET: PhraseSet = PhraseSet::new(|| BYLINE_NAMES.to_vec());

/// Similarity of two texts as the share of the second's distinct words found in the first.
fn text_similarity(a: &str, b: &str) -> f64 {
    let wa = crate::text::words(a);
    let wb = crate::text::words(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let unique_b: Vec<&String> = wb.iter().filter(|w| !wa.contains(w)).collect();
    let distance = unique_b.iter().map(|w| w.len() + 1).sum::<usize>() as f64
        / wb.iter().map(|w| w.len() + 1).sum::<usize>() as f64;
    1.0 - distance
}

fn next_node(doc: &Document, id: NodeId, skip_children: bool) -> Option<NodeId> {
    if !skip_children {
        if let Some(first) = doc.element_children(id).first() {
            return Some(*first);
        }
    }
    if let Some(next) = doc.next_element_sibling(id) {
        return Some(next);
    }
    let mut cur = doc.parent(id);
    while let Some(p) = cur {
        if let Some(next) = doc.next_element_sibling(p) {
            return Some(next);
        }
        cur = doc.parent(p);
    }
    None
}

fn remove_and_next(doc: &mut Document, id: NodeId) -> Option<NodeId> {
    let next = next_node(doc, id, true);
    doc.detach(id);
    next
}

fn is_valid_byline(doc: &Document, id: NodeId, match_string: &str) -> bool {
    let rel_author = doc.attr(id, "rel") == Some("author");
    let itemprop_author = doc
        .attr(id, "itemprop")
        .is_some_and(|v| v.contains("author"));
    if !(rel_author || itemprop_author || BYLINE_NAME_SET.is_match(match_string)) {
        return false;
    }
    let len = doc.text_len(id);
    len > 0 && len < MAX_BYLINE_CHARS
}

fn single_child_tag(doc: &Document, id: NodeId, tag: &str) -> Option<NodeId> {
    let node = doc.node(id)?;
    let mut only = None;
    for c in node.children() {
        match c.value() {
            scraper::Node::Element(e) => {
                if only.is_some() || &*e.name.local != tag {
                    return None;
                }
                only = Some(c.id());
            }
            scraper::Node::Text(t) if !t.text.trim().is_empty() => return None,
            _ => {}
        }
    }
    only
}

/// Wraps runs of phrasing children of a `<div>` into `<p>`s.
fn wrap_phrasing_runs(doc: &mut Document, div: NodeId) {
    let mut p: Option<NodeId> = None;
    for child in doc.children(div) {
        if doc.is_phrasing(child) {
            if let Some(p) = p {
                doc.append(p, child);
            } else if !(doc.is_whitespace_text(child) || doc.is_tag(child, "br")) {
                let new_p = doc.create_element("p");
                doc.insert_before(child, new_p);
                doc.append(new_p, child);
                p = Some(new_p);
            }
        } else if let Some(open) = p.take() {
            trim_trailing_whitespace(doc, open);
        }
    }
    if let Some(open) = p {
        trim_trailing_whitespace(doc, open);
    }
}

fn trim_trailing_whitespace(doc: &mut Document, p: NodeId) {
    while let Some(last) = doc.node(p).and_then(|n| n.last_child()).map(|n| n.id()) {
        if doc.is_whitespace_text(last) || doc.is_tag(last, "br") {
            doc.detach(last);
        } else {
            break;
        }
    }
}

/// One attempt at finding the article with the given flags.
fn grab(doc: &mut Document, flags: Flags, meta: &Metadata) -> Option<Picked> {
    let body = doc.body()?;
    let mut byline: Option<String> = None;
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut seen_title_header = false;

    // Step 1: walk.
    let mut cursor = doc.element_children(body).first().copied();
    while let Some(node) = cursor {
        let tag = doc.tag(node).to_string();
        let match_string = doc.class_and_id(node);

        if doc.attr(node, "aria-modal") == Some("true") && doc.attr(node, "role") == Some("dialog")
        {
            cursor = remove_and_next(doc, node);
            continue;
        }
        if byline.is_none() && is_valid_byline(doc, node, &match_string) {
            let name_child = doc.descendant_elements(node).into_iter().find(|&d| {
                doc.attr(d, "itemprop")
                    .is_some_and(|v| v.split_whitespace().any(|t| t == "name"))
            });
            byline = Some(doc.inner_text(name_child.unwrap_or(node)));
            cursor = remove_and_next(doc, node);
            continue;
        }
        if !seen_title_header && matches!(tag.as_str(), "h1" | "h2") {
            if let Some(title) = &meta.title {
                if text_similarity(title, &doc.inner_text(node)) > 0.75 {
                    seen_title_header = true;
                    cursor = remove_and_next(doc, node);
                    continue;
                }
            }
        }
        if flags.strip_unlikely {
            if UNLIKELY_NAMES.is_match(&match_string)
                && !MAYBE_NAMES.is_match(&match_string)
                && !doc.has_ancestor_tag(node, "table", 0)
                && !doc.has_ancestor_tag(node, "code", 0)
                && tag != "body"
                && tag != "a"
                && !matches!(tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6")
            {
                cursor = remove_and_next(doc, node);
                continue;
            }
            if doc
                .attr(node, "role")
                .is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim()))
            {
                cursor = remove_and_next(doc, node);
                continue;
            }
        }
        if matches!(
            tag.as_str(),
            "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) && doc.is_without_content(node)
        {
            cursor = remove_and_next(doc, node);
            continue;
        }
        if TAGS_TO_SCORE.contains(&tag.as_str()) {
            to_score.push(node);
        }
        let mut current = node;
        if tag == "div" {
            wrap_phrasing_runs(doc, node);
            if let Some(p) = single_child_tag(doc, node, "p") {
                if doc.link_density(node) < 0.25 {
                    doc.inherit_names(node, p);
                    doc.replace(node, p);
                    current = p;
                    to_score.push(p);
                }
            } else if !doc.has_block_descendant(node) {
                doc.rename(node, "p");
                to_score.push(node);
            }
        }
        cursor = next_node(doc, current, false);
    }

    // Step 2: score.
    let mut scores = Scores {
        score: HashMap::default(),
    };
    let mut candidates: Vec<NodeId> = Vec::new();
    for &el in &to_score {
        // Detached or top-level elements give no points.
        if doc.parent_element(el).is_none() {
            continue;
        }
        let text = doc.inner_text(el);
        let len = text.chars().count();
        if len < MIN_PARAGRAPH_CHARS {
            continue;
        }
        // A list of short lines (names, addresses) is not prose: its commas separate fields.
        let commas = if is_short_line_list(doc, el, len) {
            0
        } else {
            comma_count(&text) + 1
        };
        let points = 1.0 + commas as f64 + ((len / 100).min(3)) as f64;
        let mut level = 0usize;
        let mut ancestor = doc.parent_element(el);
        while let Some(a) = ancestor {
            if level >= SCORE_ANCESTOR_LEVELS || doc.parent_element(a).is_none() {
                break;
            }
            let entry = scores.score.entry(a).or_insert_with(|| {
                candidates.push(a);
                initial_score(doc, a, flags)
            });
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *entry += points / divider;
            level += 1;
            ancestor = doc.parent_element(a);
        }
    }

    // Step 3: pick.
    let stats = TextStats::compute(doc, body);
    let mut top: Vec<(NodeId, f64)> = Vec::new();
    for &c in &candidates {
        let adjusted = scores.get(c).unwrap_or(0.0) * (1.0 - stats.link_density(c));
        scores.score.insert(c, adjusted);
        let pos = top
            .iter()
            .position(|(_, s)| adjusted > *s)
            .unwrap_or(top.len());
        if pos < TOP_CANDIDATES {
            top.insert(pos, (c, adjusted));
            top.truncate(TOP_CANDIDATES);
        }
    }
    // The figures of the whole body are done with: free them before the promo step computes
    // its own (peak memory).
    drop(stats);

    let top_candidate: NodeId;
    match top.first().copied() {
        None => {
            top_candidate = wrap_body(doc, body);
            scores
                .score
                .insert(top_candidate, initial_score(doc, top_candidate, flags));
        }
        Some((first, _)) if first == body => {
            top_candidate = wrap_body(doc, body);
            scores
                .score
                .insert(top_candidate, initial_score(doc, top_candidate, flags));
        }
        Some((first, first_score)) => {
            let mut pick = first;
            let alternatives: Vec<Vec<NodeId>> = top[1..]
                .iter()
                .filter(|(_, s)| first_score > 0.0 && s / first_score >= ALTERNATIVE_SCORE_SHARE)
                .map(|(c, _)| ancestors(doc, *c))
                .collect();
            if alternatives.len() >= MIN_SHARING_ALTERNATIVES {
                let mut parent = doc.parent_element(pick);
                while let Some(p) = parent {
                    if p == body {
                        break;
                    }
                    let sharing = alternatives.iter().filter(|list| list.contains(&p)).count();
                    if sharing >= MIN_SHARING_ALTERNATIVES {
                        pick = p;
                        break;
                    }
                    parent = doc.parent_element(p);
                }
            }
            if scores.get(pick).is_none() {
                scores.score.insert(pick, initial_score(doc, pick, flags));
            }
            // Climb while parents keep a good share of the score.
            let mut last_score = scores.get(pick).unwrap_or(0.0);
            let threshold = last_score / 3.0;
            let mut parent = doc.parent_element(pick);
            while let Some(p) = parent {
                if p == body {
                    break;
                }
                let Some(parent_score) = scores.get(p) else {
                    parent = doc.parent_element(p);
                    continue;
                };
                if parent_score < threshold {
                    break;
                }
                if parent_score > last_score {
                    pick = p;
                    break;
                }
                last_score = parent_score;
                parent = doc.parent_element(p);
            }
            // A lone child says nothing its parent does not.
            while let Some(p) = doc.parent_element(pick) {
                if p == body || doc.element_children(p).len() != 1 {
                    break;
                }
                pick = p;
            }
            if scores.get(pick).is_none() {
                scores.score.insert(pick, initial_score(doc, pick, flags));
            }
            top_candidate = pick;
        }
    }

    // Step 4: merge siblings (and the lead image found before them).
    let lead_media = find_lead_media(doc, top_candidate);
    let article = doc.create_element("div");
    let top_score = scores.get(top_candidate).unwrap_or(0.0);
    let sibling_threshold = (top_score * 0.2).max(10.0);
    let top_class = doc.attr(top_candidate, "class").unwrap_or("").to_string();
    let siblings = match doc.parent_element(top_candidate) {
        Some(parent) => doc.element_children(parent),
        None => vec![top_candidate],
    };
    for sibling in siblings {
        let append = if sibling == top_candidate {
            true
        } else {
            let bonus = if !top_class.is_empty()
                && doc.attr(sibling, "class") == Some(top_class.as_str())
            {
                top_score * 0.2
            } else {
                0.0
            };
            if scores
                .get(sibling)
                .is_some_and(|s| s + bonus >= sibling_threshold)
            {
                true
            } else if doc.is_tag(sibling, "p") {
                reads_like_paragraph(doc, sibling)
            } else {
                false
            }
        };
        if append {
            if !KEEP_TAG_WHEN_MERGED.contains(&doc.tag(sibling)) {
                doc.rename(sibling, "div");
            }
            doc.append(article, sibling);
        }
    }

    if let Some(media) = lead_media {
        include_lead_media(doc, media, article);
    }

    // Step 5: promos, then prune around them. Later copies of a promo widget go.
    let author = meta.byline.as_deref().or(byline.as_deref());
    let detected = promo::detect(doc, article, author);
    for copy in &detected.duplicates {
        doc.detach(*copy);
    }
    // Trailers (promos after the last prose paragraph) are not inserts in the article:
    // related lists and ads there are site chrome and go in both modes; pruning may take
    // the others. Promos inside the article are protected from pruning so that "show"
    // can bring them back.
    // A trailer known only by its shape (a list of headline links the body ends with) is the
    // author's own and stays a promo: shown again with promos shown.
    for trailer in detected.promos.iter().filter(|p| p.after_article) {
        if matches!(trailer.kind, PromoKind::Related | PromoKind::Ad)
            && promo::is_labelled_as_promo(doc, trailer.node, &trailer.text)
        {
            doc.detach(trailer.node);
        }
    }
    let protected: HashSet<NodeId> = detected
        .promos
        .iter()
        .filter(|p| !p.after_article)
        .map(|p| p.node)
        .collect();
    prune::prune(doc, article, flags, &protected);
    let mut promos: Vec<FoundPromo> = detected
        .promos
        .into_iter()
        .filter(|p| doc.is_ancestor(article, p.node))
        .collect();
    label_trailing_headings(doc, article, &mut promos);
    Some(Picked {
        root: article,
        byline: byline
            .filter(|b| !b.is_empty())
            .map(|b| collapse_whitespace(&b)),
        promos,
    })
}

/// Step 6: a heading that ends the article goes, or joins the promo block it titles.
fn label_trailing_headings(doc: &mut Document, article: NodeId, promos: &mut Vec<FoundPromo>) {
    let mut promo_nodes: HashSet<NodeId> = promos.iter().map(|p| p.node).collect();
    while let Some(trailing) = prune::trailing_heading(doc, article, &promo_nodes) {
        match trailing {
            prune::TrailingHeading::Orphan(heading) => doc.detach(heading),
            prune::TrailingHeading::Titles(heading, block) => {
                let Some(at) = promos.iter().position(|p| p.node == block) else {
                    return;
                };
                let kind = promos[at].kind;
                promos.insert(
                    at,
                    FoundPromo {
                        node: heading,
                        kind,
                        text: doc.inner_text(heading),
                        after_article: promos[at].after_article,
                    },
                );
                promo_nodes.insert(heading);
            }
        }
    }
}

/// How many elements before the article are searched for its lead image.
const LEAD_MEDIA_LOOKBACK: usize = 4;
/// Most text a lead-media block may carry (a caption and a credit).
const LEAD_MEDIA_MAX_CHARS: usize = 300;

/// The hero image often sits just before the article body (in its header or a figure
/// beside it): the nearest preceding figure or image with little text.
fn find_lead_media(doc: &Document, top: NodeId) -> Option<NodeId> {
    let mut looked = 0;
    let mut cursor = top;
    while looked < LEAD_MEDIA_LOOKBACK {
        let prev = match doc.prev_element_sibling(cursor) {
            Some(p) => p,
            None => match doc.parent_element(cursor) {
                Some(parent) if !matches!(doc.tag(parent), "body" | "html") => {
                    cursor = parent;
                    continue;
                }
                _ => return None,
            },
        };
        looked += 1;
        cursor = prev;
        let images = doc.count_tags(prev, &["img"]) + usize::from(doc.is_tag(prev, "img"));
        if images == 1 && doc.text_len(prev) <= LEAD_MEDIA_MAX_CHARS && doc.link_density(prev) < 0.5
        {
            return Some(prev);
        }
        if doc.text_len(prev) > LEAD_MEDIA_MAX_CHARS {
            return None;
        }
    }
    None
}

/// When the article has no image of its own, the lead media joins it, first.
fn include_lead_media(doc: &mut Document, media: NodeId, article: NodeId) {
    if doc.is_ancestor(article, media) {
        return;
    }
    let has_content_image = doc
        .descendants_with_tags(article, &["img"])
        .into_iter()
        .any(|img| {
            let svg = doc
                .attr(img, "src")
                .is_some_and(|s| s.to_ascii_lowercase().contains(".svg"));
            let tiny = ["width", "height"].iter().any(|a| {
                doc.attr(img, a)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .is_some_and(|v| v < 100)
            });
            !svg && !tiny
        });
    if has_content_image {
        return;
    }
    match doc
        .node(article)
        .and_then(|n| n.first_child())
        .map(|n| n.id())
    {
        Some(first) => doc.insert_before(first, media),
        None => doc.append(article, media),
    }
}

/// A sibling paragraph joins the article when it is long and not a link, or short and ends
/// a sentence.
fn reads_like_paragraph(doc: &Document, p: NodeId) -> bool {
    let density = doc.link_density(p);
    let text = doc.inner_text(p);
    let len = text.chars().count();
    if len > 80 && density < 0.25 {
        return true;
    }
    len > 0 && len < 80 && density == 0.0 && ends_a_sentence(&text)
}

fn ends_a_sentence(text: &str) -> bool {
    text.contains(". ") || text.ends_with('.') || text.ends_with('。')
}

fn ancestors(doc: &Document, id: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut cur = doc.parent_element(id);
    while let Some(p) = cur {
        out.push(p);
        cur = doc.parent_element(p);
    }
    out
}

/// When no element stands out, the whole body is the article.
fn wrap_body(doc: &mut Document, body: NodeId) -> NodeId {
    let div = doc.create_element("div");
    doc.move_children(body, div);
    doc.append(body, div);
    div
}
