//! The WebAssembly boundary: the engine's API as JavaScript sees it.
//!
//! `extract(html, url, promos)` returns the same object as the CLI's JSON (camelCase keys,
//! `null` where unknown) or throws `{ kind, message }` with `kind` one of `no-article`,
//! `invalid-input`. Panics are logged by `console_error_panic_hook` and surface to the caller
//! as a thrown `RuntimeError`, which the extension turns into an error state.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, Options, PromoMode};

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[derive(Serialize)]
struct ThrownError {
    kind: &'static str,
    message: String,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The page is taken by value, so the engine can free it once parsed (see
/// [`crate::extract_string`]).
fn run(
    html: String,
    url: Option<String>,
    promos: Option<String>,
) -> Result<crate::Article, JsValue> {
    let options = Options {
        promos: match promos.as_deref() {
            Some("show") => PromoMode::Show,
            _ => PromoMode::Hide,
        },
    };
    crate::extract_string(html, url.as_deref(), &options).map_err(|error| {
        let kind = match error {
            Error::NoArticle => "no-article",
            Error::InvalidInput(_) => "invalid-input",
        };
        thrown(kind, error.to_string())
    })
}

/// The error object the JS side receives (`{kind, message}`).
fn thrown(kind: &'static str, message: String) -> JsValue {
    to_js(&ThrownError { kind, message }).unwrap_or_else(|e| e)
}

/// Extracts the article. `promos` is `"hide"` (default) or `"show"`.
#[wasm_bindgen]
pub fn extract(
    html: String,
    url: Option<String>,
    promos: Option<String>,
) -> Result<JsValue, JsValue> {
    to_js(&run(html, url, promos)?)
}

/// [`extract`] for a page already encoded as UTF-8 (`TextEncoder().encode(html)`). The
/// extension's background uses it: a string argument is copied into wasm memory through a
/// buffer of up to three bytes per character once the text holds any non-ASCII character;
/// bytes are copied once, at their size.
#[wasm_bindgen(js_name = extractUtf8)]
pub fn extract_utf8(
    html: Vec<u8>,
    url: Option<String>,
    promos: Option<String>,
) -> Result<JsValue, JsValue> {
    let text = String::from_utf8(html)
        .map_err(|error| thrown("invalid-input", format!("the page is not UTF-8: {error}")))?;
    to_js(&run(text, url, promos)?)
}

/// The article as Markdown (the CLI's `--format markdown`); only in builds with the `markdown`
/// feature.
#[cfg(feature = "markdown")]
#[wasm_bindgen(js_name = extractMarkdown)]
pub fn extract_markdown(
    html: String,
    url: Option<String>,
    promos: Option<String>,
) -> Result<String, JsValue> {
    Ok(crate::output::markdown::to_markdown(&run(
        html, url, promos,
    )?))
}

/// Cheap yes/no: does this page look like an article?
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(html: &str) -> bool {
    crate::readerable::is_probably_readerable_str(html)
}

/// Debug builds only: panics on purpose so the shell's panic handling can be tested.
#[cfg(debug_assertions)]
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("clearpage debug panic requested");
}
