//! The safety layer: the assembled article HTML goes through ammonia with an allow-list of
//! the elements and attributes a reader view shows. Whatever the earlier steps let through
//! by mistake, nothing executable survives this: no scripts, no event handlers, no
//! `javascript:` URLs, no forms, no frames, no styles. `data:` URLs survive in one place
//! only: an `<img src>` holding a base64 raster image (the same rule as the reader view's).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::output::assemble::{KEPT_TAGS, MATH_TAGS, PROMO_ATTR};
use crate::text::starts_with_ignore_ascii_case;

const GENERIC_ATTRS: &[&str] = &["lang", "dir", "title", PROMO_ATTR];
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "srcset", "alt", "width", "height", "sizes"]),
    ("td", &["colspan", "rowspan", "headers", "scope"]),
    ("th", &["colspan", "rowspan", "headers", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("data", &["value"]),
    ("details", &["open"]),
    ("code", &["class"]),
    ("pre", &["class"]),
    ("math", &["display"]),
    ("mi", &["mathvariant"]),
    ("mo", &["fence", "separator", "stretchy"]),
    ("mstyle", &["displaystyle", "scriptlevel"]),
    ("mfrac", &["linethickness"]),
];
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp"];
/// The scheme of inline images, let through ammonia's scheme check and then held to
/// [`is_inline_image`] on `<img src>` by [`keep_data_url`].
const DATA_SCHEME: &str = "data";
/// The attributes ammonia checks URL schemes on; a `data:` URL in any of them but
/// `<img src>` is dropped.
const SCHEME_CHECKED_ATTRS: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "action",
    "data",
    "formaction",
    "ping",
    "poster",
];
/// Image formats an inline `data:` image may have: rasters only (no SVG, which is a document).
const INLINE_IMAGE_FORMATS: &[&str] = &["png", "gif", "jpeg", "webp", "avif"];

/// Sanitizes an HTML fragment for display.
pub fn clean(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// The configured sanitizer, built once.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let tags: HashSet<&str> = KEPT_TAGS.iter().chain(MATH_TAGS).copied().collect();
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .generic_attributes(GENERIC_ATTRS.iter().copied().collect())
            .url_schemes(URL_SCHEMES.iter().chain([&DATA_SCHEME]).copied().collect())
            .attribute_filter(keep_data_url)
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true)
            .url_relative(ammonia::UrlRelative::PassThrough);
        for (tag, attrs) in TAG_ATTRS {
            builder.add_tag_attributes(tag, attrs.iter().copied());
        }
        builder
    })
}

/// ammonia's attribute filter: a `data:` URL stays only as the `src` of an `<img>`, and only
/// when it is an inline raster image.
fn keep_data_url<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let value_is_data_url = SCHEME_CHECKED_ATTRS.contains(&attribute)
        && starts_with_ignore_ascii_case(value.trim_start(), "data:");
    let allowed =
        !value_is_data_url || (element == "img" && attribute == "src" && is_inline_image(value));
    allowed.then_some(Cow::Borrowed(value))
}

/// Whether `url` is a `data:` URL holding a base64 raster image (`data:image/png;base64,…`),
/// the one kind of inline image the reader shows.
pub fn is_inline_image(url: &str) -> bool {
    let url = url.trim();
    let Some((header, payload)) = url.split_once(',') else {
        return false;
    };
    let header = header.to_ascii_lowercase();
    let Some(format) = header
        .strip_prefix("data:image/")
        .and_then(|h| h.strip_suffix(";base64"))
    else {
        return false;
    };
    INLINE_IMAGE_FORMATS.contains(&format)
        && payload.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') || b.is_ascii_whitespace()
        })
}

/// Whether `url` is an inline image (see [`is_inline_image`]) of at most
/// [`TINY_IMAGE_PIXELS`] a side, as its PNG or GIF header says: the transparent pixel lazy
/// loaders show before the real picture, however much metadata it carries.
pub fn is_tiny_inline_image(url: &str) -> bool {
    use base64::Engine;
    let Some((_, payload)) = url.trim().split_once(',') else {
        return false;
    };
    let head: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .take(IMAGE_HEADER_BASE64_CHARS)
        .collect();
    let Ok(header) =
        base64::engine::general_purpose::STANDARD_NO_PAD.decode(head.trim_end_matches('='))
    else {
        return false;
    };
    let size = if header.starts_with(b"GIF87a") || header.starts_with(b"GIF89a") {
        header.get(6..10).map(|d| {
            (
                u32::from(u16::from_le_bytes([d[0], d[1]])),
                u32::from(u16::from_le_bytes([d[2], d[3]])),
            )
        })
    } else if header.starts_with(PNG_SIGNATURE) && header.get(12..16) == Some(b"IHDR") {
        header.get(16..24).map(|d| {
            (
                u32::from_be_bytes([d[0], d[1], d[2], d[3]]),
                u32::from_be_bytes([d[4], d[5], d[6], d[7]]),
            )
        })
    } else {
        None
    };
    size.is_some_and(|(width, height)| width <= TINY_IMAGE_PIXELS && height <= TINY_IMAGE_PIXELS)
}

/// Images this small a side (in pixels) are spacers, not pictures.
const TINY_IMAGE_PIXELS: u32 = 2;
/// Base64 characters that hold a PNG's width and height (24 bytes) or a GIF's (10).
const IMAGE_HEADER_BASE64_CHARS: usize = 32;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_executable_markup() {
        let out = clean(
            r#"<p onclick="x()">a<script>x()</script><a href="javascript:x()">b</a><img src=x onerror=y></p>"#,
        );
        assert!(
            !out.contains("onclick")
                && !out.contains("script")
                && !out.contains("javascript")
                && !out.contains("onerror")
        );
        assert!(out.contains("<p>a"));
    }

    #[test]
    fn keeps_promo_marks_and_reader_markup() {
        let out = clean(
            r#"<div data-clearpage-promo="newsletter"><h2>x</h2><pre class="language-rust"><code>fn</code></pre></div>"#,
        );
        assert!(out.contains(r#"data-clearpage-promo="newsletter""#));
        assert!(out.contains("<h2>") && out.contains("language-rust"));
    }

    #[test]
    fn keeps_inline_raster_images_on_img_only() {
        let image = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
        let out = clean(&format!(
            r#"<img src="{image}" alt="a"><a href="{image}">b</a><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="data:text/html;base64,PHA+"><img src="DATA:image/GIF;BASE64,R0lGOD lh"><img src="data:image/png;base64,iVBOR<x>"><img src="data:image/png,raw">"#
        ));
        assert!(out.contains(&format!(r#"<img src="{image}" alt="a">"#)));
        assert!(out.contains(r#"<img src="DATA:image/GIF;BASE64,R0lGOD lh">"#));
        assert!(!out.contains("href"), "a data: link is dropped: {out}");
        assert!(!out.contains("svg") && !out.contains("text/html") && !out.contains("png,raw"));
        assert!(
            !out.contains("iVBOR&lt;"),
            "an image with markup in it is dropped: {out}"
        );
    }

    #[test]
    fn recognises_spacer_images_by_their_header() {
        let pixel_gif =
            "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
        let pixel_png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        let wide_png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAlgAAAGQCAYAAAA";
        assert!(is_tiny_inline_image(pixel_gif));
        assert!(is_tiny_inline_image(pixel_png));
        assert!(!is_tiny_inline_image(wide_png), "600x400 is a picture");
        assert!(!is_tiny_inline_image(
            "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEBLAEsAAD"
        ));
        assert!(!is_tiny_inline_image("data:image/png;base64,@@@"));
    }

    #[test]
    fn recognises_inline_images() {
        assert!(is_inline_image("data:image/jpeg;base64,/9j/4AAQ+a=="));
        assert!(is_inline_image(" Data:Image/WebP;Base64,UklGR "));
        assert!(!is_inline_image("data:image/svg+xml;base64,PHN2Zz4="));
        assert!(!is_inline_image("data:image/png;base64"));
        assert!(!is_inline_image("data:image/png;base64,abc\"<"));
        assert!(!is_inline_image("https://example.com/a.png"));
    }
}
