//! Text helpers shared by the steps: whitespace collapsing, word counting, and the word
//! sequences that text comparisons (tests, promo repetition) use.

/// Collapses runs of whitespace to one space and trims both ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
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
        return s.bytes().filter(|&b| b == b',').count();
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
    fn counts_commas_of_many_scripts() {
        assert_eq!(comma_count("a, b，c、d"), 3);
    }
}
