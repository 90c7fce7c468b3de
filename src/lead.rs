//! The article's lead (standfirst): the paragraph many pages set between the title and the
//! body, outside the container that scoring picks (`<p class="intro">`, an `<h2>` subtitle).
//! The page's own description (meta or JSON-LD) tells which text it is: the first block left
//! outside the article whose text opens with the description moves to the article's start.
//!
//! Steps: (1) take the description's opening, normalized; (2) stop when the article already
//! holds it; (3) find the first text block elsewhere in the body that opens with it and reads
//! as prose (not a link, no blocks inside); (4) move it to the top of the article as a
//! paragraph.

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

/// Moves the page's lead into the article (at its start) when the article lacks it.
pub fn recover(doc: &mut Document, article: NodeId, description: Option<&str>) {
    let Some(opening) = description.and_then(description_opening) else {
        return;
    };
    if normalized(&doc.text(article)).contains(&opening) {
        return;
    }
    let Some(lead) = find_lead(doc, article, &opening) else {
        return;
    };
    doc.detach(lead);
    if doc.tag(lead) != "p" {
        doc.rename(lead, "p");
    }
    match doc.children(article).first() {
        Some(&first) => doc.insert_before(first, lead),
        None => doc.append(article, lead),
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

fn normalized(text: &str) -> String {
    collapse_whitespace(&text.to_lowercase())
}

/// Step 3: the first block of the body, outside the article, that opens with `opening`.
fn find_lead(doc: &Document, article: NodeId, opening: &str) -> Option<NodeId> {
    let body = doc.body()?;
    doc.descendant_elements(body).into_iter().find(|&id| {
        LEAD_TAGS.contains(&doc.tag(id))
            && !doc.is_ancestor(article, id)
            && !doc.is_ancestor(id, article)
            && !doc.has_ancestor_tag(id, "a", 0)
            && !doc
                .descendant_elements(id)
                .iter()
                .any(|&d| is_block_tag(doc.tag(d)))
            && doc.text_len_up_to(id, MAX_LEAD_CHARS) <= MAX_LEAD_CHARS
            && doc.link_density(id) <= MAX_LEAD_LINK_DENSITY
            && normalized(&doc.text(id)).trim_start().starts_with(opening)
    })
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
        recover(&mut doc, article, Some(DESCRIPTION));
        let text = doc.text(article);
        assert!(text.starts_with("The harbour reopened"), "{text}");
        assert!(text.contains("Boats came back"));
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
        recover(&mut doc, article, Some(DESCRIPTION));
        assert_eq!(doc.text(article), before);

        let mut doc = Document::parse(
            "<body><a href=/x><p>The harbour reopened on Monday after three weeks of repairs \
             to the old sea wall.</p></a><div id=body><p>Boats.</p></div></body>",
        );
        let article = article_of(&doc, "body");
        recover(&mut doc, article, Some(DESCRIPTION));
        assert_eq!(doc.text(article), "Boats.");
        recover(&mut doc, article, Some("Too short"));
        assert_eq!(doc.text(article), "Boats.");
    }
}
