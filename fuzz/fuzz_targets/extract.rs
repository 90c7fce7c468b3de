//! Fuzz target: `clearpage::extract` on arbitrary bytes, in both promo modes, with and
//! without a page URL (chosen by the first input byte). Besides panics, it checks that
//! a returned article never carries a live `<script` tag in its sanitized content.
#![no_main]

use clearpage::{extract, Options, PromoMode};
use libfuzzer_sys::fuzz_target;

const PAGE_URL: &str = "https://fuzz.example.test/section/story.html";
const SHOW_PROMOS_BIT: u8 = 0b01;
const WITH_URL_BIT: u8 = 0b10;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, html)) = data.split_first() else {
        return;
    };
    let promos = if selector & SHOW_PROMOS_BIT != 0 { PromoMode::Show } else { PromoMode::Hide };
    let url = (selector & WITH_URL_BIT != 0).then_some(PAGE_URL);
    if let Ok(article) = extract(html, url, &Options { promos }) {
        let lowered = article.content.to_ascii_lowercase();
        assert!(!lowered.contains("<script"), "script tag in sanitized content: {}", article.content);
        assert!(!lowered.contains("<iframe"), "iframe tag in sanitized content: {}", article.content);
    }
});
