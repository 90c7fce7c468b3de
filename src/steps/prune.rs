//! Pruning the picked article: what sits inside the article container but is not article.
//!
//! Steps, in order (see [`prune`]):
//! 1. Mark data tables (kept whatever their link density) apart from layout tables.
//! 2. Remove forms, fieldsets, objects and embeds that are not videos, footers, asides,
//!    share bars, form controls, negatively named headings.
//! 3. Conditionally remove tables, lists and divs whose shape says "not prose": too many
//!    links, images without text, more list items than paragraphs, inputs, ad labels.
//! 4. Remove empty paragraphs and stray `<br>`s before paragraphs.
//! 5. ([`trailing_heading`], after promo marking) A heading with nothing after it ends no
//!    article: it titled a list that pruning removed, or it titles promo blocks.
//!
//! Unlike Readability, heading levels are kept, short `<pre>` blocks and small data tables
//! are kept, and videos survive as links (see [`crate::output::assemble`]).

use rustc_hash::FxHashSet as HashSet;

use ego_tree::NodeId;
use scraper::Node;

use crate::dom::{Document, TextStats};
use crate::steps::score::{class_weight, Flags};

/// Hosts of embedded videos that are kept (written out as links to the video).
pub const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "player.twitch.tv",
    "v.qq.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.bilibili.com",
    "live.bilibili.com",
    "tiktok.com",
    "ted.com",
];
/// Share-bar names; such blocks go when short.
const SHARE_NAMES: &[&str] = &["share", "sharedaddy"];
const SHARE_MAX_CHARS: usize = 500;
/// Texts that are only an ad label or a loading message.
const AD_LABELS: &[&str] = &[
    "ad",
    "ads",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werbung",
    "anzeige",
    "广告",
    "реклама",
    "anuncio",
    "publicidad",
    "pubblicità",
    "advertentie",
    "reklama",
    "sponsored",
];
const LOADING_LABELS: &[&str] = &["loading", "正在加载", "загрузка", "chargement", "cargando"];
/// Lists keep when this share of a block's text sits in list items.
const LIST_TEXT_SHARE: f64 = 0.9;
const LINK_DENSITY_LIMIT: f64 = 0.2;
const LINK_DENSITY_LIMIT_POSITIVE: f64 = 0.5;

pub fn is_video_url(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    VIDEO_HOSTS.iter().any(|h| v.contains(h))
}

/// Prunes the article; `protected` promo blocks (and what is inside them) are left alone,
/// since the reader may choose to see them.
pub fn prune(doc: &mut Document, article: NodeId, flags: Flags, protected: &HashSet<NodeId>) {
    let guard = Guard { protected, article };
    let data_tables = mark_data_tables(doc, article);
    clean_conditionally(
        doc,
        article,
        &["form", "fieldset"],
        flags,
        &data_tables,
        &guard,
    );
    for tag in ["object", "embed", "footer", "link", "aside"] {
        remove_tag(doc, article, tag, &guard);
    }
    remove_share_bars(doc, article);
    remove_image_credits(doc, article, &guard);
    remove_meta_lines(doc, article, &guard);
    for tag in ["iframe", "input", "textarea", "select", "button"] {
        remove_tag(doc, article, tag, &guard);
    }
    for h in doc.descendants_with_tags(article, &["h1", "h2"]) {
        if !guard.holds(doc, h) && class_weight(doc, h, flags) < 0.0 {
            doc.detach(h);
        }
    }
    clean_conditionally(
        doc,
        article,
        &["table", "ul", "div"],
        flags,
        &data_tables,
        &guard,
    );
    for p in doc.descendants_with_tags(article, &["p"]) {
        let has_media =
            doc.count_tags(p, &["img", "embed", "object", "iframe", "picture", "video"]) > 0;
        if !has_media && doc.text(p).trim().is_empty() {
            doc.detach(p);
        }
    }
    for br in doc.descendants_with_tags(article, &["br"]) {
        let mut next = doc.node(br).and_then(|n| n.next_sibling());
        while let Some(n) = next {
            if doc.is_whitespace_text(n.id()) {
                next = n.next_sibling();
            } else {
                break;
            }
        }
        if next.is_some_and(|n| doc.is_tag(n.id(), "p")) {
            doc.detach(br);
        }
    }
}

/// Promo blocks pruning must not touch.
struct Guard<'a> {
    protected: &'a HashSet<NodeId>,
    article: NodeId,
}

impl Guard<'_> {
    /// Whether `id` is a protected block or inside one.
    fn holds(&self, doc: &Document, id: NodeId) -> bool {
        if self.protected.is_empty() {
            return false;
        }
        let mut cur = Some(id);
        while let Some(n) = cur {
            if self.protected.contains(&n) {
                return true;
            }
            if n == self.article {
                return false;
            }
            cur = doc.parent(n);
        }
        false
    }
}

/// Removes every `tag` element except embedded videos. Form controls inside promo blocks
/// go too (they are never shown); other protected elements stay.
fn remove_tag(doc: &mut Document, article: NodeId, tag: &str, guard: &Guard) {
    let is_embed = matches!(tag, "object" | "embed" | "iframe");
    let is_control = matches!(tag, "input" | "textarea" | "select" | "button");
    for id in doc.descendants_with_tags(article, &[tag]) {
        if !is_control && guard.holds(doc, id) {
            continue;
        }
        if is_embed && is_video_embed(doc, id) {
            continue;
        }
        doc.detach(id);
    }
}

pub fn is_video_embed(doc: &Document, id: NodeId) -> bool {
    doc.element(id)
        .is_some_and(|e| e.attrs.iter().any(|(_, v)| is_video_url(v)))
}

fn remove_share_bars(doc: &mut Document, article: NodeId) {
    for id in doc.descendant_elements(article) {
        let names = doc.class_and_id(id);
        let is_share = names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|token| SHARE_NAMES.contains(&token));
        if is_share && doc.text_len_up_to(id, SHARE_MAX_CHARS) < SHARE_MAX_CHARS {
            doc.detach(id);
        }
    }
}

/// Name tokens of image credit lines.
const CREDIT_NAMES: &[&str] = &[
    "credit",
    "credits",
    "copyright",
    "photographer",
    "fotograf",
    "bildquelle",
    "photocredit",
    "image-credit",
];
/// How a credit line starts, lowercased.
const CREDIT_OPENERS: &[&str] = &[
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "bilder:",
    "image:",
    "credit:",
    "crédit",
    "©",
    "(c)",
    "photo credit",
    "image credit",
    "(foto:",
    "(photo:",
    "(bild:",
    "quelle:",
    "(quelle:",
    "foto ",
    "kuva:",
    "imagen:",
    "(crédito",
    "bild via",
    "titelbild:",
    "zdjęcie:",
    "photograph by",
    "photo by",
    "photos by",
    "beitragsbild:",
    "aufmacherbild:",
    "titelfoto:",
    "featured image:",
    "header image:",
    "cover image:",
    "cover photo:",
    "top image:",
    "(credit",
    "(foto",
    "(photo",
    "(bild",
    "(quelle",
    "fuente:",
    "(fuente",
];
/// Openers that also mark a credit at the end of a caption, where an ordinary phrase of the
/// caption cannot start the same way: with a colon or parenthesis ("Foto:", "(REUTERS"), "©",
/// or "… by"/"… via"/"crédit".
fn marks_credit_tail(opener: &str) -> bool {
    opener.contains([':', '(', '©'])
        || opener.ends_with(" by")
        || opener.ends_with(" via")
        || opener.starts_with("crédit")
}
/// A credit at the end of a caption is at most this long ("Foto: dpa/Max Muster")...
const CREDIT_TAIL_MAX_CHARS: usize = 60;
/// ...in a caption of at most this many characters.
const CAPTION_MAX_CHARS: usize = 400;
/// What may separate a caption from its credit; trimmed with the credit.
const CREDIT_TAIL_SEPARATORS: &[char] = &['|', '-', '–', '—', '/', ',', ';'];
/// Agencies whose name in a short line beside an image marks a credit.
const PHOTO_AGENCIES: &[&str] = &[
    "getty images",
    "shutterstock",
    "istock",
    "imago",
    "picture alliance",
    "reuters",
    "afp",
    "dpa",
    "unsplash",
    "clipdealer",
    "adobe stock",
    "alamy",
    "wenn.com",
    "keystone",
];
/// Credit lines are short.
const CREDIT_MAX_CHARS: usize = 100;

/// Photo credits ("Foto: dpa", "Getty Images") are page furniture: they go in both modes.
fn remove_image_credits(doc: &mut Document, article: NodeId, guard: &Guard) {
    for id in doc.descendant_elements(article) {
        if doc.parent(id).is_none()
            || guard.holds(doc, id)
            || !matches!(
                doc.tag(id),
                "span" | "small" | "p" | "div" | "cite" | "em" | "figcaption" | "i"
            )
        {
            continue;
        }
        let len = doc.text_len_up_to(id, CAPTION_MAX_CHARS);
        if len == 0 || len > CAPTION_MAX_CHARS || doc.count_tags(id, &["img", "picture"]) > 0 {
            continue;
        }
        if len > CREDIT_MAX_CHARS {
            if is_caption(doc, id) {
                cut_credit_tail(doc, id);
            }
            continue;
        }
        let names = doc.class_and_id(id);
        let named = names
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .any(|t| CREDIT_NAMES.contains(&t));
        let text = doc.inner_text(id).to_lowercase();
        let opens = CREDIT_OPENERS.iter().any(|o| text.starts_with(o));
        let near_image = is_near_image(doc, id);
        let is_leaf = doc.element_children(id).is_empty();
        let agency =
            is_leaf && near_image && PHOTO_AGENCIES.iter().any(|a| text.contains(a)) && len <= 60;
        if named || opens || agency {
            doc.detach(id);
        } else if is_caption(doc, id) {
            cut_credit_tail(doc, id);
        }
    }
}

/// Whether an element sits in a figure or right after an image.
fn is_near_image(doc: &Document, id: NodeId) -> bool {
    doc.has_ancestor_tag(id, "figure", 0)
        || doc.has_ancestor_tag(id, "figcaption", 0)
        || doc
            .prev_element_sibling(id)
            .is_some_and(|p| doc.is_tag(p, "img") || doc.count_tags(p, &["img"]) > 0)
}

/// Whether an element is an image's caption: a `<figcaption>`, or a block without block
/// children [near an image](is_near_image).
fn is_caption(doc: &Document, id: NodeId) -> bool {
    doc.is_tag(id, "figcaption") || (!doc.has_block_descendant(id) && is_near_image(doc, id))
}

/// Cuts the credit that ends a caption ("The harbour at dawn. Foto: dpa", "… (REUTERS/Jane
/// Doe)"), keeping the caption: the text from the last opener that [`marks_credit_tail`] (or a
/// parenthesis naming a [`PHOTO_AGENCIES`] agency) to the end goes when it is short and
/// follows caption text.
fn cut_credit_tail(doc: &mut Document, caption: NodeId) {
    let Some(node) = doc.node(caption) else {
        return;
    };
    // The caption's text nodes with where each starts in their joined text.
    let mut texts: Vec<(NodeId, usize)> = Vec::new();
    let mut joined = String::new();
    for d in node.descendants() {
        if let Node::Text(text) = d.value() {
            texts.push((d.id(), joined.len()));
            joined.push_str(text);
        }
    }
    let Some(cut) = credit_tail_start(&joined) else {
        return;
    };
    for (i, &(t, start)) in texts.iter().enumerate() {
        let end = texts.get(i + 1).map_or(joined.len(), |&(_, next)| next);
        if end <= cut {
            continue;
        }
        if start >= cut {
            doc.detach(t);
            continue;
        }
        let kept = joined[start..cut]
            .trim_end_matches(|c: char| c.is_whitespace() || CREDIT_TAIL_SEPARATORS.contains(&c));
        let replacement = doc.create_text(kept);
        doc.replace(t, replacement);
    }
}

/// Where the credit at the end of a caption's text starts (a byte offset), if it has one.
fn credit_tail_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let marker_at = CREDIT_OPENERS
        .iter()
        .filter(|opener| marks_credit_tail(opener))
        .filter_map(|m| lower.rfind(m))
        .chain(lower.rfind('(').filter(|&open| {
            let inside = &lower[open..];
            inside.trim_end().ends_with(')') && PHOTO_AGENCIES.iter().any(|a| inside.contains(a))
        }))
        .max()?;
    // "(foto: …)" is found as "foto:" too: the parenthesis belongs to the credit.
    let marker_at = if text[..marker_at].ends_with('(') {
        marker_at - 1
    } else {
        marker_at
    };
    let before = &text[..marker_at];
    let opens_phrase = before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
    let caption_chars = before
        .trim_end_matches(|c: char| c.is_whitespace() || CREDIT_TAIL_SEPARATORS.contains(&c))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count();
    let tail_chars = text[marker_at..].trim().chars().count();
    (opens_phrase
        && caption_chars >= MIN_CAPTION_BEFORE_CREDIT
        && tail_chars <= CREDIT_TAIL_MAX_CHARS)
        .then_some(marker_at)
}

/// A caption keeps its credit unless this many letters or digits come before it (a whole-line
/// credit is removed as such).
const MIN_CAPTION_BEFORE_CREDIT: usize = 10;

/// What to do with a heading at the very end of the article.
pub enum TrailingHeading {
    /// Nothing follows it: remove it.
    Orphan(NodeId),
    /// Only the given promo block follows it: it is that promo's title.
    Titles(NodeId, NodeId),
}

/// Longest heading read as a section title (longer ones are pull quotes).
const TITLE_MAX_CHARS: usize = 80;
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const MEDIA_TAGS: &[&str] = &["img", "picture", "video", "iframe", "svg", "math", "table"];

/// The heading that ends the article, if it does: walking back from the end, the first
/// text or media outside promo blocks sits in a heading. Called until it returns `None`
/// (after each answer is acted upon), so runs of trailing headings all go.
pub fn trailing_heading(
    doc: &Document,
    article: NodeId,
    promos: &HashSet<NodeId>,
) -> Option<TrailingHeading> {
    let node = doc.node(article)?;
    let mut last_promo: Option<NodeId> = None;
    let descendants: Vec<_> = node.descendants().skip(1).collect();
    for d in descendants.into_iter().rev() {
        let is_content = match d.value() {
            scraper::Node::Text(t) => !t.text.trim().is_empty(),
            scraper::Node::Element(e) => MEDIA_TAGS.contains(&e.name()),
            _ => false,
        };
        if !is_content {
            continue;
        }
        let id = d.id();
        // Content of a promo block: the heading looked for may title it.
        if let Some(promo) = std::iter::once(id)
            .chain(doc.ancestors_within(id, article))
            .find(|a| promos.contains(a))
        {
            last_promo = Some(promo);
            continue;
        }
        let heading = std::iter::once(id)
            .chain(doc.ancestors_within(id, article))
            .find(|&a| HEADING_TAGS.contains(&doc.tag(a)))?;
        // A sentence set as a heading is a pull quote, which may end an article.
        let text = doc.inner_text(heading);
        if text.chars().count() > TITLE_MAX_CHARS || text.ends_with(['.', '!', '»', '"', '”']) {
            return None;
        }
        return Some(match last_promo {
            Some(promo) => TrailingHeading::Titles(heading, promo),
            None => TrailingHeading::Orphan(heading),
        });
    }
    None
}

/// Meta lines are short.
const META_LINE_MAX_CHARS: usize = 60;
/// Words of date lines, "updated" stamps, reading times and view or comment counters, in
/// the engine's languages (lowercase): month and weekday names, stamps, units, counters.
const META_WORDS: &[&str] = &[
    // English
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "am",
    "pm",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "read",
    "reading",
    "time",
    "views",
    "comments",
    "comment",
    // German
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "aktualisiert",
    "veröffentlicht",
    "veröffentlichung",
    "um",
    "uhr",
    "vor",
    "stunden",
    "minuten",
    "lesezeit",
    "aufrufe",
    "kommentare",
    "kommentar",
    // French
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mis",
    "à",
    "jour",
    "publié",
    "le",
    "il",
    "y",
    "a",
    "heures",
    "temps",
    "de",
    "lecture",
    "vues",
    "commentaires",
    // Spanish, Italian, Portuguese
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "actualizado",
    "publicado",
    "hace",
    "horas",
    "lectura",
    "comentarios",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "aggiornato",
    "pubblicato",
    "ore",
    "lettura",
    "commenti",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "atualizado",
    "há",
    "às",
    "leitura",
    "comentários",
    "del",
    "el",
    "em",
    // Dutch, Polish, Russian
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    "bijgewerkt",
    "gepubliceerd",
    "reacties",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "opublikowano",
    "zaktualizowano",
    "publikacja",
    "komentarze",
    "komentarzy",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "обновлено",
    "опубликовано",
    "просмотров",
    "просмотры",
    "комментарии",
    "комментариев",
];
/// Of those, the words that make a line a stamp on their own ("Aktualisiert:").
const META_LABELS: &[&str] = &[
    "updated",
    "published",
    "aktualisiert",
    "veröffentlicht",
    "veröffentlichung",
    "publié",
    "actualizado",
    "publicado",
    "aggiornato",
    "pubblicato",
    "atualizado",
    "bijgewerkt",
    "gepubliceerd",
    "opublikowano",
    "zaktualizowano",
    "publikacja",
    "обновлено",
    "опубликовано",
];

/// Whether a short text is a date line, an "updated" stamp, a reading time or a view or
/// comment counter: every word a number or a meta word, and a number in it (or a lone
/// stamp label).
fn is_meta_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let has_number = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let has_meta_word = words.iter().any(|w| META_WORDS.contains(w));
    let all_meta = words
        .iter()
        .all(|w| w.chars().any(|c| c.is_ascii_digit()) || META_WORDS.contains(w));
    (all_meta && has_number && has_meta_word)
        || (words.len() == 1 && META_LABELS.contains(&words[0]))
        || is_numeric_date(text.trim())
}

/// "23.10.2018", "2018-10-23", "10/23/18": three runs of digits joined by one separator.
fn is_numeric_date(text: &str) -> bool {
    let Some(separator) = text.chars().find(|c| matches!(c, '.' | '/' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = text.trim_end_matches('.').split(separator).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// Date lines, "updated" stamps, reading times, view and comment counters: article
/// furniture whose facts the metadata already holds. They go in both modes.
fn remove_meta_lines(doc: &mut Document, article: NodeId, guard: &Guard) {
    for id in doc.descendant_elements(article) {
        if doc.parent(id).is_none()
            || guard.holds(doc, id)
            || !matches!(
                doc.tag(id),
                "p" | "div" | "span" | "time" | "small" | "a" | "em" | "strong"
            )
            // Schedules and tables of dates are content.
            || doc.has_ancestor_tag(id, "li", 0)
            || doc.has_ancestor_tag(id, "td", 0)
        {
            continue;
        }
        let len = doc.text_len_up_to(id, META_LINE_MAX_CHARS);
        if len == 0 || len > META_LINE_MAX_CHARS || doc.count_tags(id, &["img", "picture"]) > 0 {
            continue;
        }
        if is_meta_line(&doc.inner_text(id)) {
            doc.detach(id);
        }
    }
}

/// Tables that hold data rather than layout.
fn mark_data_tables(doc: &Document, article: NodeId) -> HashSet<NodeId> {
    let mut data = HashSet::default();
    for table in doc.descendants_with_tags(article, &["table"]) {
        if doc.attr(table, "role") == Some("presentation") {
            continue;
        }
        if doc.attr(table, "datatable") == Some("0") {
            continue;
        }
        if doc.attr(table, "summary").is_some()
            || doc
                .descendants_with_tags(table, &["caption"])
                .iter()
                .any(|c| doc.text_len(*c) > 0)
            || doc.count_tags(table, &["col", "colgroup", "tfoot", "thead", "th"]) > 0
        {
            data.insert(table);
            continue;
        }
        if doc.count_tags(table, &["table"]) > 0 {
            continue;
        }
        let rows = doc.descendants_with_tags(table, &["tr"]);
        let columns = rows
            .iter()
            .map(|r| doc.element_children(*r).len())
            .max()
            .unwrap_or(0);
        if rows.len() == 1 || columns == 1 {
            continue;
        }
        // Small grids of short cells are data too (Readability drops them).
        if rows.len() >= 10 || columns > 4 || rows.len() * columns > 10 || is_small_grid(doc, &rows)
        {
            data.insert(table);
        }
    }
    data
}

/// A small table of short cells with little markup inside: a data grid, not a layout.
fn is_small_grid(doc: &Document, rows: &[NodeId]) -> bool {
    rows.len() >= 2
        && rows.iter().all(|r| {
            doc.element_children(*r)
                .iter()
                .all(|cell| doc.text_len(*cell) < 200 && !doc.has_block_descendant(*cell))
        })
}

fn has_data_table_ancestor(doc: &Document, id: NodeId, data: &HashSet<NodeId>) -> bool {
    let mut cur = doc.parent(id);
    while let Some(p) = cur {
        if data.contains(&p) {
            return true;
        }
        cur = doc.parent(p);
    }
    false
}

fn is_label(text: &str, labels: &[&str]) -> bool {
    let t = text
        .trim()
        .trim_end_matches('…')
        .trim_end_matches("...")
        .to_lowercase();
    labels.contains(&t.as_str())
}

/// Readability's conditional cleaning: removes `tag` elements whose shape is not prose.
fn clean_conditionally(
    doc: &mut Document,
    article: NodeId,
    tags: &[&str],
    flags: Flags,
    data_tables: &HashSet<NodeId>,
    guard: &Guard,
) {
    if !flags.clean_conditionally {
        return;
    }
    let mut holds_data_table = HashSet::default();
    for table in data_tables {
        let mut cur = doc.parent(*table);
        while let Some(p) = cur {
            if !holds_data_table.insert(p) || p == article {
                break;
            }
            cur = doc.parent(p);
        }
    }
    let mut cx = Context {
        stats: TextStats::compute(doc, article),
        data_tables,
        holds_data_table,
    };
    for tag in tags {
        let nodes = doc.descendants_with_tags(article, &[tag]);
        for &node in nodes.iter().rev() {
            if doc.parent(node).is_none()
                || !doc.is_ancestor(article, node)
                || guard.holds(doc, node)
            {
                continue;
            }
            if should_remove(doc, node, tag, flags, &cx) {
                cx.stats.forget(doc, node);
                doc.detach(node);
            }
        }
    }
}

/// What conditional cleaning knows about the article: text figures kept exact as nodes go,
/// the data tables, and the elements that contain one.
struct Context<'a> {
    stats: TextStats,
    data_tables: &'a HashSet<NodeId>,
    holds_data_table: HashSet<NodeId>,
}

fn should_remove(doc: &Document, node: NodeId, tag: &str, flags: Flags, cx: &Context) -> bool {
    let s = cx.stats.get(node);
    let content_length = s.chars;
    let is_list = matches!(tag, "ul" | "ol")
        || (content_length > 0 && s.list_chars as f64 / content_length as f64 > LIST_TEXT_SHARE);
    if tag == "table" && cx.data_tables.contains(&node) {
        return false;
    }
    if cx.holds_data_table.contains(&node)
        || has_data_table_ancestor(doc, node, cx.data_tables)
        || doc.has_ancestor_tag(node, "code", 0)
        || doc.has_ancestor_tag(node, "pre", 0)
    {
        return false;
    }
    // Code blocks are content whatever their shape.
    if s.pre_chars * 2 > content_length {
        return false;
    }
    let weight = class_weight(doc, node, flags);
    if weight < 0.0 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    if s.embeds > 0
        && doc
            .descendants_with_tags(node, &["object", "embed", "iframe"])
            .into_iter()
            .any(|e| is_video_embed(doc, e))
    {
        return false;
    }
    if content_length < AD_LABEL_MAX_CHARS {
        let text = doc.inner_text(node);
        if is_label(&text, AD_LABELS) || is_label(&text, LOADING_LABELS) {
            return true;
        }
    }
    let p = s.paragraphs as f64;
    let img = s.images as f64;
    let li = s.list_items as f64 - 100.0;
    let input = s.inputs as f64;
    let ratio = |part: usize| {
        if content_length == 0 {
            0.0
        } else {
            part as f64 / content_length as f64
        }
    };
    let heading_density = ratio(s.heading_chars);
    let textish = ratio(s.textish_chars);
    let link_density = cx.stats.link_density(node);
    let embeds = s.embeds;
    let in_figure = doc.has_ancestor_tag(node, "figure", 0);
    let remove = (!in_figure && img > 1.0 && p / img < 0.5)
        || (!is_list && li > p)
        || (input > (p / 3.0).floor())
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && content_length < 25
            && (img == 0.0 || img > 2.0)
            && link_density > 0.0)
        || (!is_list && weight < CLASS_WEIGHT_POSITIVE && link_density > LINK_DENSITY_LIMIT)
        || (weight >= CLASS_WEIGHT_POSITIVE && link_density > LINK_DENSITY_LIMIT_POSITIVE)
        || ((embeds == 1 && content_length < 75) || embeds > 1)
        || (img == 0.0 && textish == 0.0);
    if is_list && remove {
        // A list of images (a gallery) stays.
        let children = doc.element_children(node);
        if children.iter().any(|c| doc.element_children(*c).len() > 1) {
            return true;
        }
        if s.images == s.list_items {
            return false;
        }
    }
    remove
}

/// Texts shorter than this are checked for being only an ad or loading label.
const AD_LABEL_MAX_CHARS: usize = 40;

const CLASS_WEIGHT_POSITIVE: f64 = crate::steps::score::CLASS_WEIGHT;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_lines_are_dates_stamps_and_counters() {
        for line in [
            "3 октября 2024, 10:15",
            "Просмотров: 2 431",
            "Komentarze (12)",
            "Atualizado há 2 horas",
            "Temps de lecture 4 min.",
            "Freitag | 14. Juni 2019 | 15:49",
            "Aktualisiert:",
            "23.10.2018",
            "22/08/2024 08h32 · Atualizado há 2 horas",
        ] {
            assert!(is_meta_line(line), "{line}");
        }
        for line in [
            "The council meets on 3 March.",
            "2024",
            "Mai",
            "Chapter 4",
            "Read the full report at 5 pm on Monday in the hall",
        ] {
            assert!(!is_meta_line(line), "{line}");
        }
    }

    #[test]
    fn credit_tails_are_found_at_the_end_of_captions() {
        for (caption, kept) in [
            (
                "The harbour at dawn. Foto: Lena Berg/dpa",
                "The harbour at dawn. ",
            ),
            ("Boats in the bay (Foto: privat)", "Boats in the bay "),
            ("The old mill | © Stadtarchiv", "The old mill | "),
            ("A minister speaks (REUTERS/Jane Doe)", "A minister speaks "),
            (
                "Goats on the ridge. Photograph by Sam Lee",
                "Goats on the ridge. ",
            ),
        ] {
            let cut = credit_tail_start(caption);
            assert_eq!(cut.map(|at| &caption[..at]), Some(kept), "{caption}");
        }
        for caption in [
            // Not at the end, or part of the caption's own words.
            "Photo: the harbour at dawn, seen from the lighthouse on the northern cliffs",
            "The photo shows the harbour at dawn",
            "Foto: dpa",
            "A minister speaks (left, with the mayor)",
            "Das Bild zeigt den Hafen. Quelle: eine lange Beschreibung der Herkunft dieses Bildes aus dem Archiv",
        ] {
            assert_eq!(credit_tail_start(caption), None, "{caption}");
        }
    }

    #[test]
    fn caption_loses_its_credit_across_elements() {
        let mut doc = Document::parse(
            "<body><div id=a><figure><img src=x.jpg><figcaption>Oil pumps at sunset. Bild: \
             <a href=/p>Jan Muster/Agentur</a></figcaption></figure><p>Text.</p></div></body>",
        );
        let article = doc.descendants_with_tags(doc.root(), &["div"])[0];
        let protected = HashSet::default();
        let guard = Guard {
            protected: &protected,
            article,
        };
        remove_image_credits(&mut doc, article, &guard);
        let caption = doc.descendants_with_tags(article, &["figcaption"])[0];
        assert_eq!(doc.inner_text(caption), "Oil pumps at sunset.");
    }
}
