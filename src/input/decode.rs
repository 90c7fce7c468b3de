//! Bytes -> text. The charset comes from, in order: a byte-order mark, a `<meta charset>` or
//! `http-equiv="Content-Type"` declaration in the first bytes, else UTF-8 when the bytes are
//! valid UTF-8, else windows-1252 (what browsers assume). A declaration that the bytes
//! contradict (valid multi-byte UTF-8 labelled as a legacy charset) loses to UTF-8, so a
//! page is never mangled into mojibake. Decoding is done by encoding_rs.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::Error;

/// How far into the page a charset declaration is looked for (browsers use 1024; pages
/// with long heads put it later).
const PRESCAN_BYTES: usize = 4096;
/// Share of control bytes in the first block above which the input is taken as binary.
const BINARY_CONTROL_SHARE: f64 = 0.10;
const BINARY_SAMPLE_BYTES: usize = 2048;

/// Decodes a page to text, or says why it is not a web page.
pub fn decode_html(bytes: &[u8]) -> Result<String, Error> {
    if looks_binary(bytes) {
        return Err(Error::InvalidInput(
            "the input is binary data, not HTML".into(),
        ));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        // UTF-16 cannot be declared from inside an ASCII-compatible document.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) if e != UTF_8 && is_utf8 && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if is_utf8 => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// Binary data (images, archives, executables) has many NUL and control bytes; HTML has
/// almost none.
fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE_BYTES)];
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls as f64 / sample.len() as f64 > BINARY_CONTROL_SHARE
}

/// Finds `charset=` inside a `<meta …>` tag of the prescan window.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let mut rest = &tag[cs + b"charset".len()..];
            rest = trim_start(rest);
            if let Some(after_eq) = rest.strip_prefix(b"=") {
                let value = trim_start(after_eq);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let label_end = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                if let Some(e) = Encoding::for_label(&value[..label_end]) {
                    return Some(e);
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_meta_charset() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=\"shift_jis\"><p>日本語</p>");
        assert!(decode_html(&bytes).unwrap().contains("日本語"));
    }

    #[test]
    fn honours_http_equiv() {
        let mut bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>"
                .to_vec();
        bytes.extend_from_slice(&[0x63, 0x61, 0x66, 0xe9]);
        assert!(decode_html(&bytes).unwrap().contains("café"));
    }

    #[test]
    fn valid_utf8_beats_a_lying_declaration() {
        let page = "<meta charset=\"windows-1252\"><p>Grüße aus Köln</p>";
        assert!(decode_html(page.as_bytes())
            .unwrap()
            .contains("Grüße aus Köln"));
    }

    #[test]
    fn honours_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<p>ünïcödé</p>".as_bytes());
        assert!(decode_html(&bytes).unwrap().starts_with("<p>ünïcödé"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        assert!(decode_html(b"<p>caf\xe9</p>").unwrap().contains("café"));
    }

    #[test]
    fn binary_is_rejected() {
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(matches!(decode_html(&garbage), Err(Error::InvalidInput(_))));
    }
}
