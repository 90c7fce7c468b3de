//! Page-wide cleaning before scoring: everything that can never be part of an article goes,
//! and markup that hides paragraphs is normalised.
//!
//! Steps, in order (see [`prepare`]):
//! 1. `<noscript>` images replace the lazy placeholders they stand behind, and a `<noscript>`
//!    holding the article's paragraphs (a page rendered by scripts) is read as the page shows
//!    it to readers without scripts, unless the page already shows the same text.
//! 2. Scripts, styles, templates and other non-content elements are removed.
//! 3. Hidden elements are removed: `hidden`, `aria-hidden="true"`, inline `display:none` /
//!    `visibility:hidden`, and elements the extension's snapshot marked hidden
//!    (`data-clearpage-hidden`, computed by the live page's styles).
//! 4. Runs of `<br><br>` become paragraphs; `<font>` becomes `<span>`.
//! 5. With the page's title from its metadata, [`remove_other_stories`] drops the next
//!    stories a page loads below its own (each an `<article>` headed by an `<h1>` that is not
//!    the title).

use ego_tree::NodeId;
use scraper::Node;

use crate::dom::Document;

/// Elements removed with all their content.
const NON_CONTENT_TAGS: &[&str] = &[
    "script", "style", "template", "link", "meta", "title", "head", "base",
];

/// A `<noscript>` whose paragraphs hold at least this many characters, more than all the
/// paragraphs the page shows, is the article as the page serves it to readers without
/// scripts (the script that renders it does not run here). Smaller fallbacks, and fallbacks
/// on pages that show more prose of their own, are notices (consent, "enable JavaScript").
const MIN_NOSCRIPT_PROSE_CHARS: usize = 400;
/// How much of such a fallback's opening text is looked for in the rest of the page: when
/// the page already shows it (a script rendered it), the fallback is a copy and goes.
const NOSCRIPT_PROBE_CHARS: usize = 80;
/// Elements whose text a reader never sees as such.
const UNSHOWN_TEXT_TAGS: &[&str] = &["noscript", "script", "style", "template"];

/// The attribute the extension's snapshot sets on elements the live page does not show.
pub const SNAPSHOT_HIDDEN_ATTR: &str = "data-clearpage-hidden";

/// Runs the steps in order; `title` is the page's title from its metadata (step 5).
pub fn prepare(doc: &mut Document, title: Option<&str>) {
    unwrap_noscript_images(doc);
    remove_non_content(doc);
    remove_hidden(doc);
    replace_br_runs(doc);
    for font in doc.descendants_with_tags(doc.root(), &["font"]) {
        doc.rename(font, "span");
    }
    remove_other_stories(doc, title);
}

/// Whether an element carries an image source (direct or lazy).
fn has_image_source(doc: &Document, img: NodeId) -> bool {
    doc.element(img).is_some_and(|e| {
        e.attrs.iter().any(|(name, value)| {
            let n = &*name.local;
            (matches!(n, "src" | "srcset" | "data-src" | "data-srcset")
                || (n.starts_with("data-") && looks_like_image_url(value)))
                && !value.trim().is_empty()
        })
    })
}

pub fn looks_like_image_url(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| v.contains(ext))
}

/// Pages often show a placeholder image and put the real one in `<noscript>`. When a
/// `<noscript>` holds only an image, it replaces the placeholder before it, or stands in
/// its own place when there is none.
fn unwrap_noscript_images(doc: &mut Document) {
    let mut shown_text: Option<String> = None;
    for noscript in doc.descendants_with_tags(doc.root(), &["noscript"]) {
        // As in a browser with scripting on, the content of <noscript> is text: parse it.
        let inner = doc.text(noscript);
        let lowercase = inner.to_ascii_lowercase();
        let (has_prose, has_image) = (lowercase.contains("<p"), lowercase.contains("<img"));
        if !has_prose && !has_image {
            doc.detach(noscript);
            continue;
        }
        let fragment = Document::parse_fragment(&inner);
        if has_prose && expand_noscript_prose(doc, noscript, &fragment, &mut shown_text) {
            continue;
        }
        if !has_image {
            doc.detach(noscript);
            continue;
        }
        let imgs = fragment.descendants_with_tags(fragment.root(), &["img"]);
        if imgs.len() != 1 || !fragment.inner_text(fragment.root()).is_empty() {
            doc.detach(noscript);
            continue;
        }
        let attrs: Vec<(String, String)> = fragment
            .element(imgs[0])
            .map(|e| {
                e.attrs
                    .iter()
                    .map(|(n, v)| (n.local.to_string(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let real = doc.create_element("img");
        for (name, value) in &attrs {
            doc.set_attr(real, name, value);
        }
        let placeholder = doc.prev_element_sibling(noscript).and_then(|prev| {
            if doc.is_tag(prev, "img") {
                Some(prev)
            } else {
                let inner = doc.descendants_with_tags(prev, &["img"]);
                (inner.len() == 1 && doc.inner_text(prev).is_empty()).then(|| inner[0])
            }
        });
        match placeholder {
            Some(old) => {
                // Keep the placeholder's lazy attributes the real image lacks.
                let extra: Vec<(String, String)> = doc
                    .element(old)
                    .map(|e| {
                        e.attrs
                            .iter()
                            .filter(|(n, _)| n.local.starts_with("data-"))
                            .map(|(n, v)| (n.local.to_string(), v.to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                for (name, value) in extra {
                    if doc.attr(real, &name).is_none() {
                        doc.set_attr(real, &name, &value);
                    }
                }
                doc.replace(old, real);
                doc.detach(noscript);
            }
            None => {
                doc.replace(noscript, real);
            }
        }
    }
    // Images with no source at all are placeholders for scripts that will not run.
    for img in doc.descendants_with_tags(doc.root(), &["img"]) {
        if !has_image_source(doc, img) {
            doc.detach(img);
        }
    }
}

/// Puts the content of a `<noscript>` that holds the article's paragraphs in its place, when
/// the page does not already show their opening (see [`MIN_NOSCRIPT_PROSE_CHARS`]).
/// `shown_text` is the page's visible text, read once on the first call that needs it.
fn expand_noscript_prose(
    doc: &mut Document,
    noscript: NodeId,
    fragment: &Document,
    shown_text: &mut Option<String>,
) -> bool {
    let content = fragment.html_element();
    let prose_chars: usize = fragment
        .descendants_with_tags(content, &["p"])
        .into_iter()
        .map(|p| fragment.text_len(p))
        .sum();
    if prose_chars < MIN_NOSCRIPT_PROSE_CHARS {
        return false;
    }
    let shown_prose_chars: usize = doc
        .descendants_with_tags(doc.root(), &["p"])
        .into_iter()
        .map(|p| doc.text_len_up_to(p, prose_chars))
        .sum();
    if shown_prose_chars >= prose_chars {
        return false;
    }
    let fragment_text = fragment.inner_text(content);
    let probe: String = fragment_text.chars().take(NOSCRIPT_PROBE_CHARS).collect();
    let shown = shown_text.get_or_insert_with(|| visible_text(doc));
    if shown.contains(&probe) {
        return false;
    }
    shown.push(' ');
    shown.push_str(&fragment_text);
    let holder = doc.create_element("div");
    doc.import_children(fragment, content, holder);
    doc.replace(noscript, holder);
    true
}

/// The body's text outside `<noscript>`, scripts, styles and templates, whitespace collapsed.
fn visible_text(doc: &Document) -> String {
    doc.body().map_or_else(String::new, |body| {
        crate::text::collapse_whitespace(&doc.text_outside(body, UNSHOWN_TEXT_TAGS, false))
    })
}

fn remove_non_content(doc: &mut Document) {
    let mut remove = Vec::new();
    for id in doc.all_elements() {
        let tag = doc.tag(id);
        if NON_CONTENT_TAGS.contains(&tag) {
            remove.push(id);
        }
    }
    // Comments carry nothing a reader wants.
    let comments: Vec<NodeId> = doc
        .html
        .tree
        .root()
        .descendants()
        .filter(|n| matches!(n.value(), Node::Comment(_) | Node::ProcessingInstruction(_)))
        .map(|n| n.id())
        .collect();
    for id in remove.into_iter().chain(comments) {
        doc.detach(id);
    }
}

/// Titles shorter than this are too generic to tell one story from another.
const MIN_STORY_TITLE_CHARS: usize = 15;

/// Pages that load the next stories below the first (infinite scroll) hold several
/// `<article>` elements, each headed by its own `<h1>`. When exactly one of those headings
/// is the page's title (from its metadata), the other headed articles are other stories:
/// they go before scoring, so the longest story never wins over the page's own.
fn remove_other_stories(doc: &mut Document, title: Option<&str>) {
    let Some(title) = title.map(story_title_key) else {
        return;
    };
    if title.chars().count() < MIN_STORY_TITLE_CHARS {
        return;
    }
    let headings = doc.descendants_with_tags(doc.root(), &["h1"]);
    if headings.len() < 2 {
        return;
    }
    // Each h1 with the nearest <article> around it.
    let stories: Vec<(NodeId, bool)> = headings
        .iter()
        .filter_map(|&h1| {
            let mut up = doc.parent_element(h1);
            while let Some(id) = up {
                if doc.is_tag(id, "article") {
                    let key = story_title_key(&doc.text(h1));
                    return Some((id, key == title));
                }
                up = doc.parent_element(id);
            }
            None
        })
        .collect();
    let own: Vec<NodeId> = stories.iter().filter(|s| s.1).map(|s| s.0).collect();
    let [own] = own[..] else {
        return;
    };
    for &(story, is_own) in &stories {
        // Nested articles: never the page's own story or what holds it.
        if !is_own && story != own && !doc.is_ancestor(story, own) && !doc.is_ancestor(own, story) {
            doc.detach(story);
        }
    }
}

/// A title compared across the page: lowercase letters and digits only.
fn story_title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the page (or our snapshot) says the element is not shown.
pub fn is_hidden(doc: &Document, id: NodeId) -> bool {
    if doc.attr(id, SNAPSHOT_HIDDEN_ATTR).is_some() || doc.attr(id, "hidden").is_some() {
        return true;
    }
    if doc
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.trim() == "true")
        && !doc
            .attr(id, "class")
            .is_some_and(|c| c.contains("fallback-image"))
    {
        return true;
    }
    if let Some(style) = doc.attr(id, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn remove_hidden(doc: &mut Document) {
    let Some(body) = doc.body() else { return };
    let hidden: Vec<NodeId> = doc
        .descendant_elements(body)
        .into_iter()
        .filter(|&id| is_hidden(doc, id))
        .collect();
    for id in hidden {
        doc.detach(id);
    }
}

/// Turns `text<br><br>more text` into paragraphs, the way many old pages separate them.
fn replace_br_runs(doc: &mut Document) {
    for br in doc.descendants_with_tags(doc.root(), &["br"]) {
        if doc.parent(br).is_none() {
            continue;
        }
        // Remove the brs that follow this one (ignoring whitespace); need at least one.
        let mut replaced = false;
        let mut next = next_non_whitespace(doc, br);
        while let Some(n) = next {
            if !doc.is_tag(n, "br") {
                break;
            }
            replaced = true;
            next = next_non_whitespace(doc, n);
            doc.detach(n);
        }
        if !replaced {
            continue;
        }
        let p = doc.create_element("p");
        doc.replace(br, p);
        // Move following phrasing content into the new paragraph until the next <br><br>.
        let mut sibling = doc.node(p).and_then(|n| n.next_sibling()).map(|n| n.id());
        while let Some(s) = sibling {
            if doc.is_tag(s, "br") {
                if let Some(after) = next_non_whitespace(doc, s) {
                    if doc.is_tag(after, "br") {
                        break;
                    }
                }
            }
            if !doc.is_phrasing(s) {
                break;
            }
            sibling = doc.node(s).and_then(|n| n.next_sibling()).map(|n| n.id());
            doc.append(p, s);
        }
        // Trailing whitespace and brs do not belong to the paragraph.
        while let Some(last) = doc.node(p).and_then(|n| n.last_child()).map(|n| n.id()) {
            if doc.is_whitespace_text(last) || doc.is_tag(last, "br") {
                doc.detach(last);
            } else {
                break;
            }
        }
        if let Some(parent) = doc.parent(p) {
            if doc.is_tag(parent, "p") {
                doc.rename(parent, "div");
            }
        }
    }
}

fn next_non_whitespace(doc: &Document, id: NodeId) -> Option<NodeId> {
    let mut cur = doc.node(id)?.next_sibling();
    while let Some(n) = cur {
        match n.value() {
            Node::Text(t) if t.text.trim().is_empty() => cur = n.next_sibling(),
            Node::Comment(_) => cur = n.next_sibling(),
            _ => return Some(n.id()),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(html: &str) -> Document {
        let mut d = Document::parse(html);
        prepare(&mut d, None);
        d
    }

    #[test]
    fn removes_scripts_and_hidden() {
        let d = prepared(
            r#"<body><script>x()</script><p hidden>gone</p><p style="display: none">gone</p><p>kept</p></body>"#,
        );
        let t = d.inner_text(d.root());
        assert_eq!(t, "kept");
    }

    #[test]
    fn noscript_image_replaces_placeholder() {
        let d = prepared(
            r#"<body><img src="data:image/gif;base64,R0lGOD" data-x="1"><noscript><img src="real.jpg"></noscript></body>"#,
        );
        let imgs = d.descendants_with_tags(d.root(), &["img"]);
        assert_eq!(imgs.len(), 1);
        assert_eq!(d.attr(imgs[0], "src"), Some("real.jpg"));
    }

    fn noscript_page(shown: &str, fallback: &str) -> Document {
        prepared(&format!(
            "<body><div id=post>{shown}<noscript>{fallback}</noscript></div></body>"
        ))
    }

    const FALLBACK_PROSE: &str = "<p>The river rose overnight and the ferry stopped at noon, \
        leaving the market stalls on the far bank without their morning deliveries of bread, \
        fish and the newspapers that usually arrive before seven.</p><p>By evening the water \
        had fallen again, and the ferry's captain said the crossings would resume at dawn, \
        weather permitting, with an extra boat for the stallholders and their goods.</p>\
        <p>Residents said the last flood of this size came eleven years ago.</p>";

    #[test]
    fn noscript_article_is_read_when_scripts_render_the_page() {
        let d = noscript_page("", FALLBACK_PROSE);
        assert_eq!(d.descendants_with_tags(d.root(), &["p"]).len(), 3);
        assert!(d.descendants_with_tags(d.root(), &["noscript"]).is_empty());
    }

    #[test]
    fn noscript_copy_of_shown_text_or_small_notice_is_dropped() {
        // The page already shows the same article (a script rendered it).
        let shown_copy = FALLBACK_PROSE.replace("<p>", "<p class=shown>");
        let d = noscript_page(&shown_copy, FALLBACK_PROSE);
        assert_eq!(d.descendants_with_tags(d.root(), &["p"]).len(), 3);
        // A fallback with less prose than the page shows of its own.
        let other_text = FALLBACK_PROSE.replace("river", "lake");
        let d = noscript_page(&FALLBACK_PROSE.repeat(2), &other_text);
        assert_eq!(d.descendants_with_tags(d.root(), &["p"]).len(), 6);
        // A short notice.
        let d = noscript_page("", "<p>Please turn on JavaScript to read this page.</p>");
        assert!(d.descendants_with_tags(d.root(), &["p"]).is_empty());
    }

    #[test]
    fn other_stories_below_the_page_s_own_go() {
        let page = "<body><article id=own><h1>The ferry stops at noon</h1><p>Own story.</p>\
            </article><article id=next><h1>Council votes on the new bridge</h1><p>Next.</p>\
            </article><article id=teaser><h2>A teaser</h2></article></body>";
        let ids = |title: Option<&str>| {
            let mut d = Document::parse(page);
            remove_other_stories(&mut d, title);
            d.descendants_with_tags(d.root(), &["article"])
                .into_iter()
                .filter_map(|a| d.attr(a, "id").map(str::to_string))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Some("The ferry stops at noon!")), ["own", "teaser"]);
        // No heading is the title, or the title is too short to tell: nothing goes.
        assert_eq!(
            ids(Some("Harbour news of the week")),
            ["own", "next", "teaser"]
        );
        assert_eq!(ids(Some("News")), ["own", "next", "teaser"]);
        assert_eq!(ids(None), ["own", "next", "teaser"]);
        // Two headings in the page's own article: it stays.
        let mut d = Document::parse(
            "<body><article><h1>Site</h1><h1>The ferry stops at noon</h1><p>x</p></article></body>",
        );
        remove_other_stories(&mut d, Some("The ferry stops at noon"));
        assert_eq!(d.descendants_with_tags(d.root(), &["article"]).len(), 1);
    }

    #[test]
    fn br_runs_become_paragraphs() {
        let d = prepared("<body><div>one<br><br>two<br><br>three</div></body>");
        assert_eq!(d.descendants_with_tags(d.root(), &["p"]).len(), 2);
    }
}
