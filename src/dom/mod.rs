//! The parsed page: one html5ever tree (via `scraper`'s ego-tree DOM) and the small set of
//! node helpers every later step uses: tag names, attributes, text, link density, and the
//! structural edits (detach, rename, wrap, move) the cleaning and scoring steps make.
//!
//! Nothing here recurses on tree depth: walks use ego-tree's iterative traversals.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ns, LocalName, QualName};
use scraper::node::{Element, Text};
use scraper::{Html, HtmlTreeSink, Node};
use std::borrow::Cow;

pub use ego_tree::NodeId as Id;

/// The page's tree. Owns the `scraper::Html` and offers id-based helpers.
pub struct Document {
    pub html: Html,
}

/// Deepest nesting kept (Chromium's HTML parser uses the same limit).
pub const MAX_TREE_DEPTH: usize = 512;

/// A page's text in the parser's own buffer type (reference-counted, shared by the text nodes).
pub type Source = StrTendril;

/// Room kept in the node store beyond [`expected_nodes`]' count, as a share of it. The count
/// is within 1% of the parsed tree on 99% of the pages of both corpora; the store is sized once
/// from it instead of doubling its way up (each doubling copies the store and, on wasm, leaves
/// the old block as a hole in linear memory: the doublings set the peak on large pages).
const NODE_STORE_SLACK: f64 = 0.02;
/// Nodes the parser adds on its own (`<html>`, `<head>`, `<body>`, the document).
const IMPLIED_NODES: usize = 16;

/// Elements whose content is phrasing (inline) content, as the HTML spec lists them.
const PHRASING_TAGS: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr", "a", "del", "ins", "s", "u", "font", "big",
    "tt", "strike", "picture", "svg", "canvas", "video",
];

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "summary",
    "center",
    "menu",
];

pub fn is_phrasing_tag(tag: &str) -> bool {
    PHRASING_TAGS.contains(&tag)
}

pub fn is_block_tag(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// The node count to reserve for parsing `text`: an element per `<` that opens a tag or a
/// comment, a text node per `>` that text follows, plus [`NODE_STORE_SLACK`].
fn expected_nodes(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut nodes = 0usize;
    for at in memchr::memchr2_iter(b'<', b'>', bytes) {
        let next = bytes.get(at + 1).copied().unwrap_or(b'<');
        let starts_node = match bytes.get(at) {
            Some(b'<') => next.is_ascii_alphabetic() || next == b'!',
            _ => next != b'<',
        };
        nodes += usize::from(starts_node);
    }
    (nodes as f64 * (1.0 + NODE_STORE_SLACK)) as usize + IMPLIED_NODES
}

impl Document {
    /// Parses a whole page once, as a browser with scripting on does (so `<noscript>`
    /// holds text, exactly as in the live page), then caps the tree depth. The text first
    /// goes through [`crate::input::guard::strip_for_reading`], so the parser never holds more than
    /// [`crate::input::guard::MAX_OPEN_ELEMENTS`] open elements (its cost grows with that) and skips
    /// script and style bodies.
    pub fn parse(text: &str) -> Document {
        let stripped = crate::input::guard::strip_for_reading(text);
        Document::parse_stripped(&stripped, Source::from_slice(&stripped))
    }

    /// [`Document::parse`] of a page already in the parser's buffer type. Text nodes share
    /// that buffer (a parse makes no copy of it when the guard strips nothing), so parsing the
    /// same source again, or keeping it next to the tree, costs no second copy of the page.
    pub fn parse_source(source: &Source) -> Document {
        let stripped = crate::input::guard::strip_for_reading(source);
        let buffer = match &stripped {
            Cow::Borrowed(_) => source.clone(),
            Cow::Owned(text) => Source::from_slice(text),
        };
        Document::parse_stripped(&stripped, buffer)
    }

    /// The parse itself: `buffer` holds `stripped`, the page as the guard left it.
    fn parse_stripped(stripped: &str, buffer: Source) -> Document {
        let mut html = Html::new_document();
        html.tree = ego_tree::Tree::with_capacity(Node::Document, expected_nodes(stripped));
        let sink = HtmlTreeSink::new(html);
        let html = html5ever::parse_document(sink, Default::default()).one(buffer);
        let mut doc = Document { html };
        doc.cap_depth();
        doc
    }

    /// Parses an HTML fragment (e.g. the text of a `<noscript>`) into a separate document,
    /// in `<body>` context, bounded by [`crate::input::guard::bound`] like [`Document::parse`].
    /// Same as `scraper::Html::parse_fragment`, but instantiated here, next to
    /// [`Document::parse`], so the wasm build carries one copy of html5ever's tokenizer and
    /// tree builder for both instead of two (generic code is instantiated per calling crate).
    pub fn parse_fragment(text: &str) -> Document {
        let (text, _) = crate::input::guard::bound(text);
        let sink = HtmlTreeSink::new(Html::new_fragment());
        let context = QualName::new(None, ns!(html), html5ever::local_name!("body"));
        let html = html5ever::parse_fragment(sink, Default::default(), context, Vec::new(), false)
            .one(&*text);
        Document { html }
    }

    /// Browsers stop nesting at a fixed depth and attach deeper elements to the element at
    /// that depth, in order; so do we. It bounds every walk up the tree.
    fn cap_depth(&mut self) {
        let mut capped: Vec<NodeId> = Vec::new();
        let mut depth = 0usize;
        for edge in self.html.tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    depth += 1;
                    if depth == MAX_TREE_DEPTH && n.has_children() {
                        capped.push(n.id());
                    }
                }
                Edge::Close(_) => depth -= 1,
            }
        }
        for cap in capped {
            let descendants: Vec<NodeId> = match self.node(cap) {
                Some(n) => n.descendants().skip(1).map(|d| d.id()).collect(),
                None => continue,
            };
            for d in descendants {
                if let Some(mut node) = self.html.tree.get_mut(d) {
                    node.detach();
                }
                if let Some(mut parent) = self.html.tree.get_mut(cap) {
                    parent.append_id(d);
                }
            }
        }
    }

    pub fn root(&self) -> NodeId {
        self.html.tree.root().id()
    }

    pub fn node(&self, id: NodeId) -> Option<ego_tree::NodeRef<'_, Node>> {
        self.html.tree.get(id)
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.node(id).and_then(|n| n.value().as_element())
    }

    /// Lowercase local name of an element, "" for other nodes.
    pub fn tag(&self, id: NodeId) -> &str {
        self.element(id).map(|e| &*e.name.local).unwrap_or("")
    }

    pub fn is_tag(&self, id: NodeId, tag: &str) -> bool {
        self.tag(id) == tag
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        let element = self.element(id)?;
        element
            .attrs
            .iter()
            .find(|(qual, _)| &*qual.local == name)
            .map(|(_, v)| &**v)
    }

    /// `class` and `id` joined by a space, lowercased: what class/id weights match against.
    pub fn class_and_id(&self, id: NodeId) -> String {
        let mut s = String::new();
        if let Some(c) = self.attr(id, "class") {
            s.push_str(c);
        }
        if let Some(i) = self.attr(id, "id") {
            s.push(' ');
            s.push_str(i);
        }
        s.make_ascii_lowercase();
        s
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id)?.parent().map(|p| p.id())
    }

    pub fn parent_element(&self, id: NodeId) -> Option<NodeId> {
        let p = self.node(id)?.parent()?;
        p.value().is_element().then(|| p.id())
    }

    pub fn children(&self, id: NodeId) -> Vec<NodeId> {
        match self.node(id) {
            Some(n) => n.children().map(|c| c.id()).collect(),
            None => Vec::new(),
        }
    }

    pub fn element_children(&self, id: NodeId) -> Vec<NodeId> {
        match self.node(id) {
            Some(n) => n
                .children()
                .filter(|c| c.value().is_element())
                .map(|c| c.id())
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn next_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let mut cur = self.node(id)?.next_sibling();
        while let Some(n) = cur {
            if n.value().is_element() {
                return Some(n.id());
            }
            cur = n.next_sibling();
        }
        None
    }

    pub fn prev_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        let mut cur = self.node(id)?.prev_sibling();
        while let Some(n) = cur {
            if n.value().is_element() {
                return Some(n.id());
            }
            cur = n.prev_sibling();
        }
        None
    }

    /// All element descendants of `id` (not `id` itself), in document order.
    pub fn descendant_elements(&self, id: NodeId) -> Vec<NodeId> {
        match self.node(id) {
            Some(n) => n
                .descendants()
                .skip(1)
                .filter(|d| d.value().is_element())
                .map(|d| d.id())
                .collect(),
            None => Vec::new(),
        }
    }

    /// Element descendants with one of `tags`.
    pub fn descendants_with_tags(&self, id: NodeId, tags: &[&str]) -> Vec<NodeId> {
        match self.node(id) {
            Some(n) => n
                .descendants()
                .skip(1)
                .filter(|d| {
                    d.value()
                        .as_element()
                        .is_some_and(|e| tags.contains(&&*e.name.local))
                })
                .map(|d| d.id())
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn count_tags(&self, id: NodeId, tags: &[&str]) -> usize {
        match self.node(id) {
            Some(n) => n
                .descendants()
                .skip(1)
                .filter(|d| {
                    d.value()
                        .as_element()
                        .is_some_and(|e| tags.contains(&&*e.name.local))
                })
                .count(),
            None => 0,
        }
    }

    /// Whether an ancestor of `id` (within `max_depth` levels, 0 = unlimited) has tag `tag`.
    pub fn has_ancestor_tag(&self, id: NodeId, tag: &str, max_depth: usize) -> bool {
        let mut depth = 0;
        let mut cur = self.parent(id);
        while let Some(p) = cur {
            if max_depth > 0 && depth >= max_depth {
                return false;
            }
            if self.is_tag(p, tag) {
                return true;
            }
            depth += 1;
            cur = self.parent(p);
        }
        false
    }

    /// Ancestors of `id`, nearest first, stopping before `stop` (or at the root).
    pub fn ancestors_within(&self, id: NodeId, stop: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut cur = self.parent(id);
        while let Some(p) = cur {
            if p == stop {
                break;
            }
            out.push(p);
            cur = self.parent(p);
        }
        out
    }

    pub fn is_ancestor(&self, ancestor: NodeId, of: NodeId) -> bool {
        let mut cur = self.parent(of);
        while let Some(p) = cur {
            if p == ancestor {
                return true;
            }
            cur = self.parent(p);
        }
        false
    }

    /// Raw text of all text descendants, concatenated.
    pub fn text(&self, id: NodeId) -> String {
        let mut s = String::new();
        if let Some(n) = self.node(id) {
            for d in n.descendants() {
                if let Node::Text(t) = d.value() {
                    s.push_str(&t.text);
                }
            }
        }
        s
    }

    /// Raw text of the element's descendants, leaving out the subtrees of `skipped_tags`
    /// (text a reader does not see there); with `space_between_blocks`, a space before each
    /// block element so block texts do not run together.
    pub fn text_outside(
        &self,
        id: NodeId,
        skipped_tags: &[&str],
        space_between_blocks: bool,
    ) -> String {
        let Some(node) = self.node(id) else {
            return String::new();
        };
        let mut out = String::new();
        let mut skipping: Option<NodeId> = None;
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) if skipping.is_none() => match n.value() {
                    Node::Element(e) if skipped_tags.contains(&&*e.name.local) => {
                        skipping = Some(n.id());
                    }
                    Node::Element(e) if space_between_blocks && is_block_tag(&e.name.local) => {
                        out.push(' ');
                    }
                    Node::Text(t) => out.push_str(&t.text),
                    _ => {}
                },
                Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
                _ => {}
            }
        }
        out
    }

    /// Text with runs of whitespace collapsed to one space and trimmed (Readability's
    /// `getInnerText`).
    pub fn inner_text(&self, id: NodeId) -> String {
        crate::text::collapse_whitespace(&self.text(id))
    }

    /// Character count of the collapsed text, without allocating the string twice.
    pub fn text_len(&self, id: NodeId) -> usize {
        self.text_len_up_to(id, usize::MAX)
    }

    /// Like [`Document::text_len`], but stops counting past `limit` (returns a value above
    /// it): for checks that only ask "is it short?" on elements that may hold a whole page.
    pub fn text_len_up_to(&self, id: NodeId, limit: usize) -> usize {
        let Some(n) = self.node(id) else { return 0 };
        let mut count = 0usize;
        let mut pending_space = false;
        for d in n.descendants() {
            if let Node::Text(t) = d.value() {
                crate::text::for_each_whitespace_flag(&t.text, |space| {
                    if space {
                        pending_space = count > 0;
                    } else {
                        count += 1 + usize::from(pending_space);
                        pending_space = false;
                    }
                });
                if count > limit {
                    break;
                }
            }
        }
        count
    }

    /// Share of the text that sits inside links (in-page `#` links weigh less).
    pub fn link_density(&self, id: NodeId) -> f64 {
        let total = self.text_len(id);
        if total == 0 {
            return 0.0;
        }
        let mut link_len = 0.0;
        for a in self.descendants_with_tags(id, &["a"]) {
            let coefficient = match self.attr(a, "href") {
                Some(h) if h.trim_start().starts_with('#') => 0.3,
                _ => 1.0,
            };
            link_len += self.text_len(a) as f64 * coefficient;
        }
        link_len / total as f64
    }

    /// Whether the element holds nothing but whitespace and `<br>`/`<hr>`.
    pub fn is_without_content(&self, id: NodeId) -> bool {
        let Some(n) = self.node(id) else { return true };
        let has_text = n
            .descendants()
            .any(|d| matches!(d.value(), Node::Text(t) if !t.text.trim().is_empty()));
        if has_text {
            return false;
        }
        n.children().all(|c| match c.value() {
            Node::Element(e) => matches!(&*e.name.local, "br" | "hr"),
            Node::Text(t) => t.text.trim().is_empty(),
            _ => true,
        })
    }

    /// Whether any descendant is a block-level element (Readability's `hasChildBlockElement`).
    pub fn has_block_descendant(&self, id: NodeId) -> bool {
        self.has_descendant_element(id, |tag| DIV_TO_P_BLOCKERS.contains(&tag))
    }

    /// Whether any descendant (not `id` itself) is an element whose tag name passes `wanted`.
    pub fn has_descendant_element(&self, id: NodeId, wanted: impl Fn(&str) -> bool) -> bool {
        self.node(id).is_some_and(|n| {
            n.descendants().skip(1).any(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|e| wanted(&e.name.local))
            })
        })
    }

    /// Whether a node is phrasing content (text, or an inline element whose children are too).
    pub fn is_phrasing(&self, id: NodeId) -> bool {
        let Some(n) = self.node(id) else { return false };
        match n.value() {
            Node::Text(_) => true,
            Node::Element(e) => {
                let tag = &*e.name.local;
                if is_phrasing_tag(tag) {
                    return true;
                }
                matches!(tag, "a" | "del" | "ins") && n.children().all(|c| self.is_phrasing(c.id()))
            }
            _ => false,
        }
    }

    pub fn is_whitespace_text(&self, id: NodeId) -> bool {
        matches!(self.node(id).map(|n| n.value()), Some(Node::Text(t)) if t.text.trim().is_empty())
    }

    // ---- edits ------------------------------------------------------------------------

    pub fn detach(&mut self, id: NodeId) {
        if let Some(mut n) = self.html.tree.get_mut(id) {
            n.detach();
        }
    }

    pub fn rename(&mut self, id: NodeId, tag: &str) {
        if let Some(mut n) = self.html.tree.get_mut(id) {
            if let Node::Element(e) = n.value() {
                e.name = html_name(tag);
            }
        }
    }

    pub fn set_attr(&mut self, id: NodeId, name: &str, value: &str) {
        if let Some(mut n) = self.html.tree.get_mut(id) {
            if let Node::Element(e) = n.value() {
                if let Some(slot) = e.attrs.iter_mut().find(|(q, _)| &*q.local == name) {
                    slot.1 = value.into();
                } else {
                    e.attrs.push((
                        QualName::new(None, ns!(), LocalName::from(name)),
                        value.into(),
                    ));
                }
            }
        }
    }

    /// Creates a detached element.
    pub fn create_element(&mut self, tag: &str) -> NodeId {
        let element = Element::new(html_name(tag), Vec::new());
        self.html.tree.orphan(Node::Element(element)).id()
    }

    pub fn create_text(&mut self, text: &str) -> NodeId {
        self.html
            .tree
            .orphan(Node::Text(Text { text: text.into() }))
            .id()
    }

    /// Moves `child` (detaching it from where it was) to the end of `parent`.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        if parent == child || self.is_ancestor(child, parent) {
            return;
        }
        if let Some(mut p) = self.html.tree.get_mut(parent) {
            p.append_id(child);
        }
    }

    /// Moves `node` right before `reference`.
    pub fn insert_before(&mut self, reference: NodeId, node: NodeId) {
        if reference == node || self.is_ancestor(node, reference) {
            return;
        }
        if let Some(mut r) = self.html.tree.get_mut(reference) {
            r.insert_id_before(node);
        }
    }

    /// Puts `new` where `old` is and detaches `old`.
    /// Gives `to` the class and id of `from` where it has none: an element that takes a
    /// wrapper's place keeps the wrapper's names (they are evidence: "share", "newsletter"…).
    pub fn inherit_names(&mut self, from: NodeId, to: NodeId) {
        for name in ["class", "id"] {
            if self.attr(to, name).is_none() {
                if let Some(value) = self.attr(from, name).map(str::to_string) {
                    self.set_attr(to, name, &value);
                }
            }
        }
    }

    pub fn replace(&mut self, old: NodeId, new: NodeId) {
        self.insert_before(old, new);
        self.detach(old);
    }

    /// Copies the children of `from`, a node of another document, to the end of `parent`
    /// here: elements with their attributes, and text (comments are left out). Walks
    /// without recursion, like every walk over a page's tree.
    pub fn import_children(&mut self, other: &Document, from: NodeId, parent: NodeId) {
        let Some(source) = other.node(from) else {
            return;
        };
        let mut parents = vec![parent];
        for edge in source.traverse() {
            match edge {
                Edge::Open(n) if n.id() != from => {
                    let copy = match n.value() {
                        Node::Element(_) | Node::Text(_) => n.value().clone(),
                        _ => continue,
                    };
                    let is_element = copy.is_element();
                    let Some(&current) = parents.last() else {
                        return;
                    };
                    let Some(mut at) = self.html.tree.get_mut(current) else {
                        return;
                    };
                    let id = at.append(copy).id();
                    if is_element {
                        parents.push(id);
                    }
                }
                Edge::Close(n) if n.id() != from && n.value().is_element() => {
                    parents.pop();
                }
                _ => {}
            }
        }
    }

    /// Moves all children of `from` to the end of `to`.
    pub fn move_children(&mut self, from: NodeId, to: NodeId) {
        for c in self.children(from) {
            self.append(to, c);
        }
    }

    /// Elements of the whole document in order, start tags only.
    pub fn all_elements(&self) -> Vec<NodeId> {
        self.html
            .tree
            .root()
            .traverse()
            .filter_map(|edge| match edge {
                Edge::Open(n) if n.value().is_element() => Some(n.id()),
                _ => None,
            })
            .collect()
    }

    /// The `<body>` element, or the root element when the page has none.
    pub fn body(&self) -> Option<NodeId> {
        let html = self.html.root_element();
        html.children()
            .find(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| &*e.name.local == "body")
            })
            .map(|c| c.id())
            .or(Some(html.id()))
    }

    pub fn html_element(&self) -> NodeId {
        self.html.root_element().id()
    }
}

/// Elements that keep a `<div>` from being read as a paragraph.
const DIV_TO_P_BLOCKERS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "iframe",
    "video",
    "picture",
    "hr",
];

pub fn html_name(tag: &str) -> QualName {
    QualName::new(None, ns!(html), LocalName::from(tag))
}

/// Text figures of every element in a subtree, computed in one post-order walk so that
/// steps asking "how long / how link-heavy is this block" for many nested blocks stay
/// linear. Removing a node subtracts its figures from its ancestors, so they stay exact.
#[derive(Default)]
pub struct TextStats {
    map: rustc_hash::FxHashMap<NodeId, StoredStats>,
}

/// [`BlockStats`] as the map keeps it: counts in 32 bits, so an entry takes about half the
/// bytes (the map holds every element of the page; it is a large share of peak memory).
/// Counts saturate at `u32::MAX`, far above any page the guard lets through.
#[derive(Clone, Copy)]
struct StoredStats {
    link_chars: f64,
    chars: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    list_items: u32,
    inputs: u32,
    embeds: u32,
    heading_chars: u32,
    list_chars: u32,
    textish_chars: u32,
    pre_chars: u32,
}

impl From<&BlockStats> for StoredStats {
    fn from(s: &BlockStats) -> StoredStats {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        StoredStats {
            link_chars: s.link_chars,
            chars: narrow(s.chars),
            commas: narrow(s.commas),
            paragraphs: narrow(s.paragraphs),
            images: narrow(s.images),
            list_items: narrow(s.list_items),
            inputs: narrow(s.inputs),
            embeds: narrow(s.embeds),
            heading_chars: narrow(s.heading_chars),
            list_chars: narrow(s.list_chars),
            textish_chars: narrow(s.textish_chars),
            pre_chars: narrow(s.pre_chars),
        }
    }
}

impl From<&StoredStats> for BlockStats {
    fn from(s: &StoredStats) -> BlockStats {
        let widen = |n: u32| n as usize;
        BlockStats {
            chars: widen(s.chars),
            link_chars: s.link_chars,
            commas: widen(s.commas),
            paragraphs: widen(s.paragraphs),
            images: widen(s.images),
            list_items: widen(s.list_items),
            inputs: widen(s.inputs),
            embeds: widen(s.embeds),
            heading_chars: widen(s.heading_chars),
            list_chars: widen(s.list_chars),
            textish_chars: widen(s.textish_chars),
            pre_chars: widen(s.pre_chars),
        }
    }
}

/// Figures of one element's subtree (the element itself not counted in the tag counts).
#[derive(Clone, Copy, Default, Debug)]
pub struct BlockStats {
    /// Characters of text, whitespace runs counted once.
    pub chars: usize,
    /// Characters inside links (in-page `#` links weigh 0.3).
    pub link_chars: f64,
    /// Commas of any script.
    pub commas: usize,
    pub paragraphs: usize,
    pub images: usize,
    pub list_items: usize,
    pub inputs: usize,
    pub embeds: usize,
    /// Characters inside headings, lists, and "textish" elements (outermost only).
    pub heading_chars: usize,
    pub list_chars: usize,
    pub textish_chars: usize,
    pub pre_chars: usize,
}

impl BlockStats {
    fn add_child(&mut self, tag: &str, child: &BlockStats) {
        self.chars += child.chars;
        self.link_chars += child.link_chars;
        self.commas += child.commas;
        self.paragraphs += child.paragraphs + usize::from(tag == "p");
        self.images += child.images + usize::from(tag == "img");
        self.list_items += child.list_items + usize::from(tag == "li");
        self.inputs += child.inputs + usize::from(tag == "input");
        self.embeds += child.embeds + usize::from(matches!(tag, "object" | "embed" | "iframe"));
        let heading = matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        self.heading_chars += if heading {
            child.chars
        } else {
            child.heading_chars
        };
        self.list_chars += if matches!(tag, "ul" | "ol") {
            child.chars
        } else {
            child.list_chars
        };
        self.textish_chars += if TEXTISH_TAGS.contains(&tag) {
            child.chars
        } else {
            child.textish_chars
        };
        self.pre_chars += if tag == "pre" {
            child.chars
        } else {
            child.pre_chars
        };
    }

    fn subtract(&mut self, tag: &str, child: &BlockStats) {
        let mut with_child = BlockStats::default();
        with_child.add_child(tag, child);
        self.chars = self.chars.saturating_sub(with_child.chars);
        self.link_chars = (self.link_chars - with_child.link_chars).max(0.0);
        self.commas = self.commas.saturating_sub(with_child.commas);
        self.paragraphs = self.paragraphs.saturating_sub(with_child.paragraphs);
        self.images = self.images.saturating_sub(with_child.images);
        self.list_items = self.list_items.saturating_sub(with_child.list_items);
        self.inputs = self.inputs.saturating_sub(with_child.inputs);
        self.embeds = self.embeds.saturating_sub(with_child.embeds);
        self.heading_chars = self.heading_chars.saturating_sub(with_child.heading_chars);
        self.list_chars = self.list_chars.saturating_sub(with_child.list_chars);
        self.textish_chars = self.textish_chars.saturating_sub(with_child.textish_chars);
        self.pre_chars = self.pre_chars.saturating_sub(with_child.pre_chars);
    }
}

/// Elements whose text counts as "text-like" content for conditional cleaning.
const TEXTISH_TAGS: &[&str] = &[
    "span",
    "li",
    "td",
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];

/// Weight of in-page (`#…`) links in link density.
const HASH_LINK_WEIGHT: f64 = 0.3;

impl TextStats {
    pub fn compute(doc: &Document, root: NodeId) -> TextStats {
        let mut map = rustc_hash::FxHashMap::default();
        let Some(node) = doc.node(root) else {
            return TextStats { map };
        };
        // Open elements: (id, tag, figures so far, link weight when the element is a link).
        let mut stack: Vec<(NodeId, &str, BlockStats, Option<f64>)> = Vec::new();
        for edge in node.traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(e) => {
                        let link = (&*e.name.local == "a").then(|| {
                            match e.attrs.iter().find(|(q, _)| &*q.local == "href") {
                                Some((_, h)) if h.trim_start().starts_with('#') => HASH_LINK_WEIGHT,
                                _ => 1.0,
                            }
                        });
                        stack.push((n.id(), &e.name.local, BlockStats::default(), link));
                    }
                    Node::Text(t) => {
                        if let Some(top) = stack.last_mut() {
                            top.2.chars += collapsed_len(&t.text);
                            top.2.commas += crate::text::comma_count(&t.text);
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if !n.value().is_element() {
                        continue;
                    }
                    let Some((id, tag, mut stats, link)) = stack.pop() else {
                        continue;
                    };
                    if let Some(weight) = link {
                        stats.link_chars = stats.chars as f64 * weight;
                    }
                    map.insert(id, StoredStats::from(&stats));
                    if let Some(parent) = stack.last_mut() {
                        parent.2.add_child(tag, &stats);
                    }
                }
            }
        }
        TextStats { map }
    }

    pub fn get(&self, id: NodeId) -> BlockStats {
        self.map.get(&id).map(BlockStats::from).unwrap_or_default()
    }

    pub fn chars(&self, id: NodeId) -> usize {
        self.get(id).chars
    }

    pub fn link_density(&self, id: NodeId) -> f64 {
        let s = self.get(id);
        if s.chars == 0 {
            0.0
        } else {
            (s.link_chars / s.chars as f64).min(1.0)
        }
    }

    /// Takes a node about to be removed out of its ancestors' figures.
    pub fn forget(&mut self, doc: &Document, id: NodeId) {
        let removed = self.get(id);
        let tag = doc.tag(id).to_string();
        let mut cur = doc.parent(id);
        while let Some(p) = cur {
            if let Some(stored) = self.map.get_mut(&p) {
                let mut stats = BlockStats::from(&*stored);
                stats.subtract(&tag, &removed);
                *stored = StoredStats::from(&stats);
            }
            cur = doc.parent(p);
        }
    }
}

/// Length of a text node with whitespace runs counted as one character.
/// A whitespace-only node counts 0 (one pass: no separate trim).
fn collapsed_len(s: &str) -> usize {
    let mut count = 0;
    let mut in_space = false;
    let mut has_text = false;
    crate::text::for_each_whitespace_flag(s, |space| {
        count += usize::from(!space || !in_space);
        in_space = space;
        has_text |= !space;
    });
    if has_text {
        count
    } else {
        0
    }
}
