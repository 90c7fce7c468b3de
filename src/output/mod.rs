//! The article written out: its HTML and text, made safe, and optionally as Markdown.

pub mod assemble;
#[cfg(feature = "markdown")]
pub mod markdown;
pub mod sanitize;
