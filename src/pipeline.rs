//! The pipeline: every step in order, from the page's text to the finished [`Article`].

use crate::article::{Article, Error, Options};
use crate::dom;
use crate::output::{assemble, sanitize};
use crate::steps::{clean, metadata, score, standfirst};
use crate::text;

/// Words read per minute for `readingMinutes`.
const WORDS_PER_MINUTE: usize = 230;

pub(crate) fn extract_source(
    source: &dom::Source,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let mut doc = dom::Document::parse_source(source);
    let meta = metadata::collect(&doc, base.as_ref());
    clean::prepare(&mut doc, meta.title.as_deref());
    let lead =
        standfirst::find(&doc, meta.excerpt.as_deref()).or_else(|| standfirst::find_named(&doc));
    let prepared = || {
        let mut doc = dom::Document::parse_source(source);
        clean::prepare(&mut doc, meta.title.as_deref());
        doc
    };
    let picked =
        score::pick_article(&mut doc, &meta, source.len(), prepared).ok_or(Error::NoArticle)?;
    if let Some(lead) = &lead {
        standfirst::restore(&mut doc, picked.root, lead);
    }
    let written = assemble::write(&doc, &picked, base.as_ref(), options.promos);
    // The page's tree is done with: free it before the sanitizer builds its own (peak memory).
    drop(doc);
    let content = sanitize::clean(&written.html);
    let text_content = written.text;
    let words = text::word_count(&text_content);
    if words == 0 {
        return Err(Error::NoArticle);
    }
    let length = text_content.chars().count();
    let excerpt = meta
        .excerpt
        .clone()
        .or_else(|| written.first_paragraph.clone());
    Ok(Article {
        title: meta.title,
        byline: meta.byline.or(picked.byline),
        site_name: meta.site_name,
        published_time: meta.published_time,
        lang: meta.lang,
        dir: meta.dir,
        excerpt,
        lead_image: meta.lead_image.or(written.first_image),
        content,
        text_content,
        length,
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        promos: written.promos,
    })
}
