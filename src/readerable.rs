//! `is_probably_readerable`: a cheap yes/no for "does this page look like an article", used
//! for the toolbar icon. It adds up the square roots of the text beyond a minimum of every
//! visible paragraph-like block outside chrome; enough of it means an article.

use crate::dom::Document;
use crate::steps::clean::is_hidden;
use crate::steps::score::UNLIKELY_NAMES;

/// A block must have at least this much text to count.
const MIN_BLOCK_CHARS: usize = 140;
/// Total score above which the page reads as an article.
const MIN_SCORE: f64 = 20.0;
const MAYBE_CANDIDATES: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// Bytes in any declared charset.
pub fn is_probably_readerable(html: &[u8]) -> bool {
    match crate::input::decode::decode_html(html) {
        Ok(text) => is_probably_readerable_str(&text),
        Err(_) => false,
    }
}

pub fn is_probably_readerable_str(html: &str) -> bool {
    let doc = Document::parse(html);
    let mut score = 0.0;
    let mut blocks = doc.descendants_with_tags(doc.root(), &["p", "pre", "article"]);
    // A <div> holding <br>s is a paragraph container on old pages.
    for br_parent in doc
        .descendants_with_tags(doc.root(), &["br"])
        .into_iter()
        .filter_map(|br| doc.parent_element(br))
    {
        if doc.is_tag(br_parent, "div") && !blocks.contains(&br_parent) {
            blocks.push(br_parent);
        }
    }
    for node in blocks {
        if has_hidden_ancestor_or_self(&doc, node) {
            continue;
        }
        let names = doc.class_and_id(node);
        if UNLIKELY_NAMES.is_match(&names) && !MAYBE_CANDIDATES.iter().any(|n| names.contains(n)) {
            continue;
        }
        if doc.is_tag(node, "p") && doc.has_ancestor_tag(node, "li", 0) {
            continue;
        }
        let len = doc.text_len(node);
        if len < MIN_BLOCK_CHARS {
            continue;
        }
        score += ((len - MIN_BLOCK_CHARS) as f64).sqrt();
        if score > MIN_SCORE {
            return true;
        }
    }
    false
}

fn has_hidden_ancestor_or_self(doc: &Document, id: ego_tree::NodeId) -> bool {
    let mut cur = Some(id);
    while let Some(n) = cur {
        if is_hidden(doc, n) {
            return true;
        }
        cur = doc.parent_element(n);
    }
    false
}
