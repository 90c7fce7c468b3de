//! The article's lead (standfirst): the paragraph many pages set between the title and the
//! body, outside the container that scoring picks (`<p class="intro">`, an `<h2>` subtitle),
//! or in a box that scoring's cleaning takes for chrome (`class="excerpt"`). The page's own
//! description (meta or JSON-LD) tells which text it is.
//!
//! Steps: [`find`] runs on the cleaned page before scoring: (1) take the description's
//! opening, normalized; (2) find the first text block of the body that opens with it and reads
//! as prose (not a link, no blocks inside). When none does, [`find_named`] takes the first
//! prose block after the `<h1>`, in the title's section, whose class or id names a standfirst
//! ("dek", "intro", "standfirst", "chapo"…). After scoring, [`restore`]: (3) when the article
//! does not hold that text, (4) the block (still in the tree's arena even when scoring or
//! pruning detached it) moves to the top of the article as a paragraph.

use ego_tree::NodeId;

use crate::dom::{is_block_tag, Document};
use crate::text::collapse_whitespace;

/// Shortest description worth looking for: shorter ones match navigation and labels.
const MIN_DESCRIPTION_CHARS: usize = 40;
/// How much of the description's start must open the block (descriptions are often cut
/// short, or run on where the page's lead stops).
const MATCHED_OPENING_CHARS: usize = 60;
/// Longest block taken as a lead: longer ones are sections of the page, not a standfirst.
const MAX_LEAD_CHARS: usize = 1200;
/// Elements a lead is written in.
const LEAD_TAGS: &[&str] = &["p", "div", "h2", "h3", "h4", "span", "strong", "section"];
/// A lead is prose: at most this share of its text in links.
const MAX_LEAD_LINK_DENSITY: f64 = 0.3;

/// The page's lead, found before scoring. Scoring may move its words into a new paragraph
/// (a `<div>` of text becomes a `<p>`), so the lead is followed by its first text node, which
/// is never changed, only moved.
pub struct Lead {
    first_text: NodeId,
    /// The description's normalized opening ([`description_opening`]).
    opening: String,
}

/// Steps 1–2: the first block of the cleaned page that opens with the page's description.
pub fn find(doc: &Document, description: Option<&str>) -> Option<Lead> {
    let opening = description_opening(description?)?;
    let body = doc.body()?;
    let block = doc
        .node(body)?
        .descendants()
        .filter(|d| d.value().is_element())
        .map(|d| d.id())
        .find(|&id| holds_lead(doc, id, &opening) && !doc.has_ancestor_tag(id, "a", 0))?;
    Some(Lead {
        first_text: first_text(doc, block)?,
        opening,
    })
}

/// The first text node of `block` that holds more than whitespace.
fn first_text(doc: &Document, block: NodeId) -> Option<NodeId> {
    let found = doc
        .node(block)?
        .descendants()
        .find(|d| d.value().as_text().is_some_and(|t| !t.trim().is_empty()))?;
    Some(found.id())
}

/// A prose block (no blocks inside, few links, not long) whose text opens with `opening`.
/// The checks run cheapest first: every element of the page is asked.
fn holds_lead(doc: &Document, id: NodeId, opening: &str) -> bool {
    LEAD_TAGS.contains(&doc.tag(id))
        && text_opens_with(doc, id, opening)
        && doc.text_len_up_to(id, MAX_LEAD_CHARS) <= MAX_LEAD_CHARS
        && !doc.node(id).is_some_and(|n| {
            n.descendants().skip(1).any(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|e| is_block_tag(&e.name.local))
            })
        })
        && doc.link_density(id) <= MAX_LEAD_LINK_DENSITY
}

/// Class and id words of a standfirst block, in several languages.
const LEAD_NAMES: &[&str] = &[
    "lead",
    "lede",
    "leadtext",
    "leader",
    "intro",
    "introduction",
    "standfirst",
    "subheadline",
    "subtitle",
    "dek",
    "deck",
    "abstract",
    "chapo",
    "chapeau",
    "vorspann",
];
/// A named standfirst is at least this long (shorter ones are kickers and labels)...
const MIN_NAMED_LEAD_CHARS: usize = 40;
/// ...and at most this long (longer ones are the article or a section of it).
const MAX_NAMED_LEAD_CHARS: usize = 600;

/// Steps 1–2 for a page whose description does not match its lead: the first block after the
/// page's `<h1>`, within the title's own section, whose class or id names a standfirst.
pub fn find_named(doc: &Document) -> Option<Lead> {
    let body = doc.body()?;
    let title = doc
        .node(body)?
        .descendants()
        .find(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| &*e.name.local == "h1")
        })?
        .id();
    let section = doc
        .parent(title)
        .and_then(|p| doc.parent(p))
        .or(doc.parent(title))?;
    let mut after_title = false;
    for node in doc.node(section)?.descendants() {
        let id = node.id();
        if id == title {
            after_title = true;
            continue;
        }
        if !after_title || !node.value().is_element() || doc.is_ancestor(title, id) {
            continue;
        }
        let names = doc.class_and_id(id).to_ascii_lowercase();
        let named = names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| LEAD_NAMES.contains(&word));
        if !named || doc.has_ancestor_tag(id, "a", 0) {
            continue;
        }
        let len = doc.text_len_up_to(id, MAX_NAMED_LEAD_CHARS);
        if !(MIN_NAMED_LEAD_CHARS..=MAX_NAMED_LEAD_CHARS).contains(&len)
            || doc.link_density(id) > MAX_LEAD_LINK_DENSITY
        {
            continue;
        }
        let opening: String = normalized(&doc.text(id))
            .trim()
            .chars()
            .take(MATCHED_OPENING_CHARS)
            .collect();
        return Some(Lead {
            first_text: first_text(doc, id)?,
            opening,
        });
    }
    None
}

/// Steps 3–4: puts the lead at the start of `article` unless the article holds its text.
pub fn restore(doc: &mut Document, article: NodeId, lead: &Lead) {
    // Most often scoring kept the lead's words in the article: no need to read its text.
    if doc.is_ancestor(article, lead.first_text)
        || normalized(&doc.text(article)).contains(&lead.opening)
    {
        return;
    }
    // The block that holds the lead's words now, wherever scoring left it.
    let mut holder = doc.parent(lead.first_text);
    while let Some(id) = holder {
        if id == article || doc.is_ancestor(id, article) {
            return;
        }
        if holds_lead(doc, id, &lead.opening) {
            break;
        }
        holder = doc.parent(id);
    }
    let Some(block) = holder else {
        return;
    };
    doc.detach(block);
    if doc.tag(block) != "p" {
        doc.rename(block, "p");
    }
    match doc.children(article).first() {
        Some(&first) => doc.insert_before(first, block),
        None => doc.append(article, block),
    }
}

/// Step 1: the description's first [`MATCHED_OPENING_CHARS`] characters, lowercased with
/// whitespace collapsed and a closing ellipsis dropped; `None` when it is too short.
fn description_opening(description: &str) -> Option<String> {
    let text = normalized(description);
    let text = text
        .trim_end_matches(['…', '.', ' '])
        .trim_end_matches("[…]")
        .trim_end();
    if text.chars().count() < MIN_DESCRIPTION_CHARS {
        return None;
    }
    Some(text.chars().take(MATCHED_OPENING_CHARS).collect())
}

/// Whether the element's text, normalized as [`normalized`] does, starts with `opening`;
/// reads no further than the first difference.
fn text_opens_with(doc: &Document, id: NodeId, opening: &str) -> bool {
    let Some(node) = doc.node(id) else {
        return false;
    };
    let mut expected = opening.chars().peekable();
    let mut pending_space = false;
    let mut started = false;
    let texts = node.descendants().filter_map(|d| d.value().as_text());
    for c in texts.flat_map(|t| t.chars()) {
        if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if std::mem::take(&mut pending_space) && expected.next() != Some(' ') {
            return false;
        }
        started = true;
        for lower in c.to_lowercase() {
            match expected.next() {
                None => return true,
                Some(e) if e == lower => {}
                Some(_) => return false,
            }
        }
        if expected.peek().is_none() {
            return true;
        }
    }
    expected.peek().is_none()
}

fn normalized(text: &str) -> String {
    collapse_whitespace(&text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_of(doc: &Document, id: &str) -> NodeId {
        let found = doc
            .descendant_elements(doc.html_element())
            .into_iter()
            .find(|&e| doc.attr(e, "id") == Some(id));
        found.unwrap_or_else(|| panic!("no #{id} in the test page"))
    }

    const DESCRIPTION: &str =
        "The harbour reopened on Monday after three weeks of repairs to the old sea wall…";

    #[test]
    fn a_lead_outside_the_article_moves_to_its_start() {
        let mut doc = Document::parse(
            "<body><h1>Harbour</h1><p class=intro>The harbour reopened on Monday after three \
             weeks of repairs to the old sea wall, the council said.</p>\
             <div id=body><p>Boats came back in the morning.</p></div></body>",
        );
        let article = article_of(&doc, "body");
        let lead = find(&doc, Some(DESCRIPTION)).expect("the intro is the lead");
        restore(&mut doc, article, &lead);
        let text = doc.text(article);
        assert!(text.starts_with("The harbour reopened"), "{text}");
        assert!(text.contains("Boats came back"));
    }

    #[test]
    fn the_opening_is_matched_across_elements_and_whitespace() {
        let doc =
            Document::parse("<body><p id=lead>  The <b>Harbour</b>\n reopened  today</p></body>");
        let lead = article_of(&doc, "lead");
        assert!(text_opens_with(&doc, lead, "the harbour reopened"));
        assert!(text_opens_with(&doc, lead, "the harbour reopened today"));
        assert!(!text_opens_with(
            &doc,
            lead,
            "the harbour reopened today, said"
        ));
        assert!(!text_opens_with(&doc, lead, "the harbor"));
    }

    #[test]
    fn a_lead_detached_by_scoring_still_comes_back() {
        let mut doc = Document::parse(
            "<body><div class=excerpt><p>The harbour reopened on Monday after three weeks of \
             repairs to the old sea wall.</p></div><div id=body><p>Boats.</p></div></body>",
        );
        let lead = find(&doc, Some(DESCRIPTION)).expect("the excerpt box holds the lead");
        let paragraph = doc
            .parent(lead.first_text)
            .expect("the lead's words sit in a paragraph");
        let excerpt_box = doc
            .parent(paragraph)
            .expect("the paragraph sits in the box");
        doc.detach(excerpt_box);
        let article = article_of(&doc, "body");
        restore(&mut doc, article, &lead);
        assert!(doc.text(article).starts_with("The harbour reopened"));
    }

    #[test]
    fn a_standfirst_named_as_such_below_the_title_is_the_lead_without_a_description() {
        let mut doc = Document::parse(
            "<body><header><h1>Harbour</h1><div class=article-dek>Repairs to the old sea wall \
             took three weeks longer than the council planned.</div></header>\
             <div id=body><p>Boats came back in the morning.</p></div></body>",
        );
        let lead = find_named(&doc).expect("the dek below the title is the lead");
        let article = article_of(&doc, "body");
        restore(&mut doc, article, &lead);
        assert!(doc.text(article).starts_with("Repairs to the old sea wall"));

        let doc = Document::parse(
            "<body><div class=intro>A word before the title, long enough to be a paragraph.</div>\
             <h1>Harbour</h1><div id=body><p>Boats.</p></div></body>",
        );
        assert!(
            find_named(&doc).is_none(),
            "only blocks after the title count"
        );
    }

    #[test]
    fn nothing_moves_when_the_article_holds_the_lead_or_no_block_matches() {
        let mut doc = Document::parse(
            "<body><p>The harbour reopened on Monday after three weeks of repairs to the old \
             sea wall.</p><div id=body><p>The harbour reopened on Monday after three weeks of \
             repairs to the old sea wall.</p></div><a href=/x><p>The harbour reopened on Monday \
             after three weeks of repairs</p></a></body>",
        );
        let article = article_of(&doc, "body");
        let before = doc.text(article);
        let lead = find(&doc, Some(DESCRIPTION)).expect("the first paragraph matches");
        restore(&mut doc, article, &lead);
        assert_eq!(doc.text(article), before);

        let doc = Document::parse(
            "<body><a href=/x><p>The harbour reopened on Monday after three weeks of repairs \
             to the old sea wall.</p></a><div id=body><p>Boats.</p></div></body>",
        );
        assert!(find(&doc, Some(DESCRIPTION)).is_none(), "a link is no lead");
        assert!(
            find(&doc, Some("Boats.")).is_none(),
            "too short to look for"
        );
    }
}
