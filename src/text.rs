//! Text helpers shared by the steps: whitespace collapsing, word counting, and the word
//! sequences that text comparisons (tests, promo repetition) use, and [`PhraseSet`]: a fixed
//! list of phrases searched for all at once.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Collapses runs of whitespace to one space and trims both ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    if s.is_ascii() {
        for b in s.bytes() {
            if is_ascii_space(b) {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(char::from(b));
            }
        }
        return out;
    }
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`,
/// includes the vertical tab).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// Calls `each` with whether each character of `s` is whitespace (as `char::is_whitespace`
/// says), in order. Text is mostly ASCII: then it reads bytes and decodes nothing.
#[inline]
pub fn for_each_whitespace_flag(s: &str, mut each: impl FnMut(bool)) {
    if s.is_ascii() {
        for b in s.bytes() {
            each(is_ascii_space(b));
        }
    } else {
        for c in s.chars() {
            each(c.is_whitespace());
        }
    }
}

/// Whether a character is written without spaces between words (CJK, kana, Thai…), so that
/// each character counts as a word.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF |
        0xAC00..=0xD7AF | 0x0E00..=0x0E7F | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF)
}

/// Lowercased words of a text: runs of letters/digits; each CJK character is its own word.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_unspaced_script(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Number of words, counting CJK characters as words (for reading time).
pub fn word_count(s: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_unspaced_script(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    count
}

/// Number of commas (any script's comma) in a text: Readability's cheap "is this prose" signal.
pub fn comma_count(s: &str) -> usize {
    if s.is_ascii() {
        return memchr::memchr_iter(b',', s.as_bytes()).count();
    }
    s.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '，' | '、' | '،' | '﹐' | '︐' | '︑' | '⹀' | '⸲' | '٬'
            )
        })
        .count()
}

/// A fixed list of lowercase phrases (class-name fragments, promo phrases) found in one pass
/// over a text with an Aho-Corasick automaton, built on first use. Checking each phrase with
/// `contains` costs one pass per phrase; the lists have dozens to hundreds.
pub struct PhraseSet {
    phrases: fn() -> Vec<&'static str>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

/// One phrase found in a text: its index in the list and its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    /// `phrases` lists the phrases; a phrase's index in it identifies its matches.
    pub const fn new(phrases: fn() -> Vec<&'static str>) -> Self {
        PhraseSet {
            phrases,
            automaton: OnceLock::new(),
        }
    }

    /// The automaton, or `None` when it could not be built (then a plain scan is used).
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build((self.phrases)())
                    .ok()
            })
            .as_ref()
    }

    /// Whether any phrase occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match self.automaton() {
            Some(automaton) => automaton.is_match(text),
            None => (self.phrases)().iter().any(|p| text.contains(p)),
        }
    }

    /// Every occurrence of every phrase, overlapping ones included.
    pub fn find_all(&self, text: &str) -> Vec<PhraseMatch> {
        match self.automaton() {
            Some(automaton) => automaton
                .find_overlapping_iter(text)
                .map(|m| PhraseMatch {
                    index: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                })
                .collect(),
            None => (self.phrases)()
                .iter()
                .enumerate()
                .flat_map(|(index, p)| {
                    text.match_indices(p).map(move |(start, _)| PhraseMatch {
                        index,
                        start,
                        end: start + p.len(),
                    })
                })
                .collect(),
        }
    }
}

/// `text.starts_with(prefix)`, ignoring ASCII case.
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
        assert_eq!(collapse_whitespace(""), "");
    }

    #[test]
    fn counts_words_in_spaced_and_unspaced_scripts() {
        assert_eq!(word_count("Hello, world! 42"), 3);
        assert_eq!(word_count("日本語"), 3);
        assert_eq!(words("Don't STOP"), vec!["don", "t", "stop"]);
    }

    #[test]
    fn phrase_set_finds_overlapping_phrases() {
        static SET: PhraseSet = PhraseSet::new(|| vec!["read more", "more from", "订阅"]);
        let found = SET.find_all("read more from us 订阅");
        let indexes: Vec<usize> = found.iter().map(|m| m.index).collect();
        assert_eq!(indexes, vec![0, 1, 2]);
        assert_eq!((found[1].start, found[1].end), (5, 14));
        assert!(SET.is_match("xx订阅"));
        assert!(!SET.is_match("reading"));
    }

    #[test]
    fn counts_commas_of_many_scripts() {
        assert_eq!(comma_count("a, b，c、d"), 3);
    }
}
