//! The smallest program that does what the engine's libraries are there for: parse a page into
//! a tree (html5ever through scraper, as `dom.rs` does), resolve its image URLs (url), sanitize
//! some HTML (ammonia, as `sanitize.rs` configures it by default) and hand an object to
//! JavaScript (serde-wasm-bindgen). No scoring, no promo detection, no metadata. Its size after
//! the extension's wasm-opt pass is the floor under the engine's size (`cargo xtask bench`).

use wasm_bindgen::prelude::*;

#[derive(serde::Serialize)]
struct Floor {
    content: String,
    elements: usize,
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Parses `html`, gathers its text and resolved image URLs, sanitizes that, returns an object.
#[wasm_bindgen]
pub fn extract(html: String, url: String) -> Result<JsValue, JsValue> {
    let page = scraper::Html::parse_document(&html);
    let base = url::Url::parse(&url).map_err(|error| JsValue::from_str(&error.to_string()))?;
    let mut elements = 0;
    let mut gathered = String::new();
    for node in page.tree.nodes() {
        if let Some(element) = node.value().as_element() {
            elements += 1;
            if let Some(image) = element.attr("src").and_then(|src| base.join(src).ok()) {
                gathered.push_str(&format!("<img src=\"{image}\">"));
            }
        } else if let Some(text) = node.value().as_text() {
            gathered.push_str(text);
        }
    }
    let content = ammonia::Builder::default()
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base))
        .clean(&gathered)
        .to_string();
    serde_wasm_bindgen::to_value(&Floor { content, elements })
        .map_err(|error| JsValue::from_str(&error.to_string()))
}
