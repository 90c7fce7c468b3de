//! The safety layer: the assembled article HTML goes through ammonia with an allow-list of
//! the elements and attributes a reader view shows. Whatever the earlier steps let through
//! by mistake, nothing executable survives this: no scripts, no event handlers, no
//! `javascript:` URLs, no forms, no frames, no styles.

use std::collections::HashSet;

use crate::assemble::{KEPT_TAGS, MATH_TAGS, PROMO_ATTR};

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

/// Sanitizes an HTML fragment for display.
pub fn clean(html: &str) -> String {
    let tags: HashSet<&str> = KEPT_TAGS.iter().chain(MATH_TAGS).copied().collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .generic_attributes(GENERIC_ATTRS.iter().copied().collect())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .url_relative(ammonia::UrlRelative::PassThrough);
    for (tag, attrs) in TAG_ATTRS {
        builder.add_tag_attributes(tag, attrs.iter().copied());
    }
    builder.clean(html).to_string()
}

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
}
