//! Markdown output of an article (the CLI's `--format markdown`): a title heading, the
//! byline line, then `content` converted by the `htmd` crate.

use crate::Article;

pub fn to_markdown(article: &Article) -> String {
    let mut out = String::new();
    if let Some(title) = &article.title {
        out.push_str("# ");
        out.push_str(title);
        out.push_str("\n\n");
    }
    let mut meta = Vec::new();
    if let Some(b) = &article.byline {
        meta.push(b.clone());
    }
    if let Some(s) = &article.site_name {
        meta.push(s.clone());
    }
    if let Some(d) = &article.published_time {
        meta.push(d.chars().take(10).collect());
    }
    if !meta.is_empty() {
        out.push('*');
        out.push_str(&meta.join(" · "));
        out.push_str("*\n\n");
    }
    let body = htmd::convert(&article.content).unwrap_or_else(|_| article.text_content.clone());
    out.push_str(body.trim());
    out
}
