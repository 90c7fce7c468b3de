//! Helpers shared by the text-matching tests (`fixtures.rs`, `promo_lines.rs`): the visible
//! text of parsed HTML and CJK detection.

use scraper::{ElementRef, Node};

/// Elements whose content is never visible text.
pub const NON_TEXT_ELEMENTS: &[&str] = &["script", "style", "template", "noscript", "head"];
/// Elements that do not break words apart: text on either side joins without a space.
pub const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "label",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Characters written without spaces between words; each is a word by itself.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xFF66..=0xFF9F    // halfwidth Katakana
        | 0x20000..=0x2FA1F) // CJK extensions B and later
}

/// Appends the visible text under `element`; block elements separate words.
pub fn collect_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) => {
                let tag = el.name();
                if NON_TEXT_ELEMENTS.contains(&tag) {
                    continue;
                }
                let breaks_words = !INLINE_ELEMENTS.contains(&tag);
                if breaks_words {
                    out.push(' ');
                }
                if let Some(child_element) = ElementRef::wrap(child) {
                    collect_text(child_element, out);
                }
                if breaks_words {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}
