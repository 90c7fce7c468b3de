//! Pathological inputs for the engine: huge pages, extreme nesting, element floods, broken
//! and lying encodings, NUL bytes, empty input and binary garbage. Every case must return
//! `Ok` or a clear `Err` within a time budget, without panicking or overflowing the stack.
//! Each case runs `extract` and `is_probably_readerable` on a thread with a deliberately
//! small stack (1 MiB) so any recursion on document depth shows up as a crash here.
//!
//! Timings are printed with eprintln: `cargo test --release --test pathological -- --nocapture`
//! (add `--test-threads=1` for undisturbed figures). The largest cases are ignored in debug
//! builds; run them with `--release`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clearpage::{extract, is_probably_readerable, Error, Options};

/// Stack for the worker thread: far below the 8 MiB main thread, so depth recursion fails.
const SMALL_STACK_BYTES: usize = 1 << 20;
/// Wall-clock budget for extract + readerable of one case in a release build. Cases that
/// run longer are abandoned and fail, which also keeps the suite's total time bounded.
const RELEASE_CASE_BUDGET: Duration = Duration::from_secs(60);
/// Budget for the cases the pre-parse guard (`src/guard.rs`) flattens: without it the
/// parser alone took over a minute on each; with it they must finish like any other page.
const GUARDED_CASE_BUDGET: Duration = Duration::from_secs(5);
/// Debug builds are roughly an order of magnitude slower.
const DEBUG_BUDGET_FACTOR: u32 = 10;
const PAGE_URL: &str = "https://news.example.test/2026/11/long-read";

const MEBIBYTE: usize = 1 << 20;
const TWENTY_MEGABYTES: usize = 20 * MEBIBYTE;
const TEN_MEGABYTES: usize = 10 * MEBIBYTE;
const DEEP_NESTING: usize = 100_000;
/// Deep enough that recursion over depth overflows the small stack, shallow enough that
/// the parser's per-tag scope checks (linear in depth) stay cheap.
const MODERATE_NESTING: usize = 10_000;
const NESTED_TABLE_DEPTH: usize = 20_000;
const MODERATE_TABLE_DEPTH: usize = 2_000;
const ELEMENT_FLOOD: usize = 1_000_000;
const SPANS_PER_PARAGRAPH: usize = 100;
const LINK_FLOOD: usize = 100_000;
const ATTRIBUTE_FLOOD: usize = 50_000;
const FORMATTING_FLOOD: usize = 20_000;
const ANCHOR_FLOOD: usize = 100_000;
const ENTITY_FLOOD: usize = 1_000_000;
const GARBAGE_BYTES: usize = 2 * MEBIBYTE;
const GARBAGE_SEED: u64 = 0x9E37_79B9_7F4A_7C15;
const TEXT_SEED: u64 = 0x2545_F491_4F6C_DD1D;

/// Mixed container/inline tags used for the mixed deep-nesting case.
const MIXED_NESTING_TAGS: [&str; 10] = [
    "div",
    "section",
    "span",
    "blockquote",
    "em",
    "article",
    "strong",
    "aside",
    "i",
    "figure",
];

const WORDS: [&str; 40] = [
    "river",
    "council",
    "harvest",
    "lantern",
    "engineer",
    "quietly",
    "measured",
    "bridge",
    "winter",
    "archive",
    "volunteers",
    "signal",
    "ferry",
    "library",
    "orchard",
    "station",
    "weather",
    "printing",
    "market",
    "gradual",
    "observed",
    "kitchen",
    "timber",
    "ledger",
    "coastal",
    "morning",
    "repairs",
    "valley",
    "student",
    "careful",
    "distance",
    "mapped",
    "season",
    "village",
    "narrow",
    "copper",
    "planted",
    "evening",
    "survey",
    "records",
];

/// Deterministic xorshift64 generator: the same inputs on every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

fn sentence(rng: &mut Xorshift) -> String {
    let length = 8 + rng.below(10);
    let words: Vec<&str> = (0..length).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let mut text = words.join(" ");
    text[..1].make_ascii_uppercase();
    text.push_str(". ");
    text
}

fn paragraph(rng: &mut Xorshift) -> String {
    let mut text = String::from("<p>");
    for _ in 0..(3 + rng.below(4)) {
        text.push_str(&sentence(rng));
    }
    text.push_str("</p>\n");
    text
}

/// A handful of ordinary paragraphs so pages also carry a real article.
fn intro_paragraphs(count: usize) -> String {
    let mut rng = Xorshift(TEXT_SEED);
    (0..count).map(|_| paragraph(&mut rng)).collect()
}

fn page(head_extra: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{head_extra}<title>A Long Read About Rivers</title></head>\
         <body><article><h1>A Long Read About Rivers</h1><p class=\"byline\">By Test Writer</p>\
         {body}</article></body></html>"
    )
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Article,
    NoArticleOrInvalid,
    Either,
}

#[derive(Debug)]
enum Outcome {
    Article { length: usize, content_bytes: usize },
    Failed(Error),
}

fn budget_for(release: Duration) -> Duration {
    if cfg!(debug_assertions) {
        release * DEBUG_BUDGET_FACTOR
    } else {
        release
    }
}

/// Runs one case on a small-stack thread, prints its figures and checks the expectation.
fn run_case(name: &str, input: Vec<u8>, expect: Expect) {
    run_case_within(name, input, expect, RELEASE_CASE_BUDGET);
}

/// [`run_case`] with its own release-build budget.
fn run_case_within(name: &str, input: Vec<u8>, expect: Expect, release_budget: Duration) {
    let budget = || budget_for(release_budget);
    let input_bytes = input.len();
    let (report, figures) = mpsc::channel();
    thread::Builder::new()
        .name(format!("pathological-{name}"))
        .stack_size(SMALL_STACK_BYTES)
        .spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let started = Instant::now();
                let result = extract(&input, Some(PAGE_URL), &Options::default());
                let outcome = match &result {
                    Ok(article) => Outcome::Article {
                        length: article.length,
                        content_bytes: article.content.len(),
                    },
                    Err(error) => Outcome::Failed(error.clone()),
                };
                drop(result);
                let extract_time = started.elapsed();
                let started = Instant::now();
                let readerable = is_probably_readerable(&input);
                (outcome, extract_time, readerable, started.elapsed())
            }));
            // The receiver may have given up after the budget; nothing to do then.
            let _ = report.send(outcome.map_err(|panic| {
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            }));
        })
        .expect("spawn worker thread");
    // A runaway case is abandoned (its thread ends with the test process) so one
    // quadratic input cannot stall the whole suite.
    let (outcome, extract_time, readerable, readerable_time) = match figures.recv_timeout(budget())
    {
        Ok(Ok(figures)) => figures,
        Ok(Err(message)) => panic!("{name}: engine panicked on {input_bytes} bytes: {message}"),
        Err(_) => {
            eprintln!(
                "pathological {name:<34} {input_bytes:>10} bytes  DID NOT FINISH within {:?}",
                budget()
            );
            panic!(
                "{name}: no result within the {:?} budget on {input_bytes} bytes",
                budget()
            );
        }
    };
    eprintln!(
        "pathological {name:<34} {:>10} bytes  extract {:>9.1} ms -> {outcome:?}  readerable {:>8.1} ms -> {readerable}",
        input_bytes,
        extract_time.as_secs_f64() * 1e3,
        readerable_time.as_secs_f64() * 1e3,
    );
    let total = extract_time + readerable_time;
    assert!(
        total <= budget(),
        "{name}: took {total:?}, budget {:?}",
        budget()
    );
    if let Outcome::Article { content_bytes, .. } = &outcome {
        assert!(*content_bytes > 0, "{name}: article with empty content");
    }
    match (expect, &outcome) {
        (Expect::Article, Outcome::Article { length, .. }) => {
            assert!(*length > 0, "{name}: article with empty text")
        }
        (Expect::Article, Outcome::Failed(error)) => {
            panic!("{name}: expected an article, got Err({error:?})")
        }
        (Expect::NoArticleOrInvalid, Outcome::Article { .. }) => {
            panic!("{name}: expected Err, got {outcome:?}")
        }
        _ => {}
    }
}

// ---- size ---------------------------------------------------------------------------

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn twenty_megabyte_article() {
    let mut rng = Xorshift(TEXT_SEED);
    let mut body = String::with_capacity(TWENTY_MEGABYTES + MEBIBYTE);
    while body.len() < TWENTY_MEGABYTES {
        body.push_str(&paragraph(&mut rng));
    }
    run_case(
        "twenty_megabyte_article",
        page("", &body).into_bytes(),
        Expect::Article,
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn ten_megabyte_text_node() {
    let mut rng = Xorshift(TEXT_SEED);
    let mut text = String::with_capacity(TEN_MEGABYTES + 1024);
    while text.len() < TEN_MEGABYTES {
        text.push_str(&sentence(&mut rng));
    }
    let body = format!("{}<p>{text}</p>", intro_paragraphs(3));
    run_case(
        "ten_megabyte_text_node",
        page("", &body).into_bytes(),
        Expect::Article,
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn ten_megabyte_unbroken_word() {
    let body = format!(
        "{}<p>{}</p>",
        intro_paragraphs(3),
        "w".repeat(TEN_MEGABYTES)
    );
    run_case(
        "ten_megabyte_unbroken_word",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn ten_megabyte_attribute_value() {
    let body = format!(
        "{}<p><img alt=\"{}\" src=\"/a.png\"></p>{}",
        intro_paragraphs(3),
        "a ".repeat(TEN_MEGABYTES / 2),
        intro_paragraphs(2)
    );
    run_case(
        "ten_megabyte_attribute_value",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

// ---- depth --------------------------------------------------------------------------

fn nested(tags: &[&str], depth: usize, inner: &str, close: bool) -> String {
    let mut html = String::new();
    for level in 0..depth {
        html.push('<');
        html.push_str(tags[level % tags.len()]);
        html.push('>');
    }
    html.push_str(inner);
    if close {
        for level in (0..depth).rev() {
            html.push_str("</");
            html.push_str(tags[level % tags.len()]);
            html.push('>');
        }
    }
    html
}

#[test]
/// The guard keeps 512 levels and drops the deeper start tags; the text inside survives.
fn nesting_depth_100k_div() {
    let body = nested(&["div"], DEEP_NESTING, &intro_paragraphs(5), true);
    run_case_within(
        "nesting_depth_100k_div",
        page("", &body).into_bytes(),
        Expect::Article,
        GUARDED_CASE_BUDGET,
    );
}

#[test]
/// Like the 10k mixed case, the article may not be found in such a page, but the answer
/// comes as fast.
fn nesting_depth_100k_mixed() {
    let body = nested(
        &MIXED_NESTING_TAGS,
        DEEP_NESTING,
        &intro_paragraphs(5),
        true,
    );
    run_case_within(
        "nesting_depth_100k_mixed",
        page("", &body).into_bytes(),
        Expect::Either,
        GUARDED_CASE_BUDGET,
    );
}

#[test]
fn nesting_depth_100k_unclosed_div() {
    let body = format!(
        "{}{}",
        intro_paragraphs(3),
        nested(&["div"], DEEP_NESTING, "tail text", false)
    );
    run_case_within(
        "nesting_depth_100k_unclosed_div",
        body.into_bytes(),
        Expect::Article,
        GUARDED_CASE_BUDGET,
    );
}

#[test]
fn nesting_depth_10k_div() {
    let body = nested(&["div"], MODERATE_NESTING, &intro_paragraphs(5), true);
    run_case(
        "nesting_depth_10k_div",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn nesting_depth_10k_mixed() {
    let body = nested(
        &MIXED_NESTING_TAGS,
        MODERATE_NESTING,
        &intro_paragraphs(5),
        true,
    );
    run_case(
        "nesting_depth_10k_mixed",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn nested_tables_2k() {
    let body = nested(
        &["table", "tr", "td"],
        MODERATE_TABLE_DEPTH * 3,
        &intro_paragraphs(3),
        true,
    );
    run_case(
        "nested_tables_2k",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn nested_tables_20k() {
    let body = nested(
        &["table", "tr", "td"],
        NESTED_TABLE_DEPTH * 3,
        &intro_paragraphs(3),
        true,
    );
    run_case(
        "nested_tables_20k",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

// ---- element floods -------------------------------------------------------------------

#[test]
#[cfg_attr(debug_assertions, ignore = "heavy: run with --release")]
fn one_million_elements() {
    let mut rng = Xorshift(TEXT_SEED);
    let mut body = String::new();
    for _ in 0..ELEMENT_FLOOD / SPANS_PER_PARAGRAPH {
        body.push_str("<p>");
        for _ in 0..SPANS_PER_PARAGRAPH {
            body.push_str("<span>");
            body.push_str(WORDS[rng.below(WORDS.len())]);
            body.push_str("</span> ");
        }
        body.push_str("</p>\n");
    }
    run_case(
        "one_million_elements",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn hundred_thousand_links() {
    let mut body = intro_paragraphs(5);
    body.push_str("<ul class=\"related\">");
    for index in 0..LINK_FLOOD {
        body.push_str(&format!(
            "<li><a href=\"/story/{index}\">Story number {index}</a></li>"
        ));
    }
    body.push_str("</ul>");
    run_case(
        "hundred_thousand_links",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn fifty_thousand_attributes_on_one_element() {
    let attributes: String = (0..ATTRIBUTE_FLOOD)
        .map(|i| format!(" data-a{i}=\"{i}\""))
        .collect();
    let body = format!(
        "{}<div{attributes}>{}</div>",
        intro_paragraphs(3),
        intro_paragraphs(3)
    );
    run_case(
        "fifty_thousand_attributes_on_one_element",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
/// The guard keeps 32 active formatting elements and drops the others' start tags.
fn twenty_thousand_distinct_formatting_elements() {
    // Distinct attributes defeat the parser's "three identical entries" limit on the list
    // of active formatting elements, so that list grows with every tag.
    let opens: String = (0..FORMATTING_FLOOD)
        .map(|i| format!("<b data-n=\"{i}\">"))
        .collect();
    let body = format!("{}<p>{opens}bold tail</p>", intro_paragraphs(5));
    run_case_within(
        "twenty_thousand_distinct_formatting_elements",
        page("", &body).into_bytes(),
        Expect::Article,
        GUARDED_CASE_BUDGET,
    );
}

#[test]
fn hundred_thousand_unclosed_anchors() {
    let anchors: String = (0..ANCHOR_FLOOD)
        .map(|i| format!("<a href=\"/l/{i}\">link {i} "))
        .collect();
    let body = format!("{}<p>{anchors}</p>", intro_paragraphs(5));
    run_case(
        "hundred_thousand_unclosed_anchors",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn one_million_entities() {
    let body = format!(
        "{}<p>{}</p>",
        intro_paragraphs(5),
        "&amp;&#x41;&lt; ".repeat(ENTITY_FLOOD / 3)
    );
    run_case(
        "one_million_entities",
        page("", &body).into_bytes(),
        Expect::Either,
    );
}

#[test]
fn unclosed_comment_swallows_page() {
    let body = format!("<!-- {}", intro_paragraphs(2_000));
    run_case(
        "unclosed_comment_swallows_page",
        body.into_bytes(),
        Expect::NoArticleOrInvalid,
    );
}

// ---- encodings -----------------------------------------------------------------------

/// An article whose text has non-ASCII UTF-8 characters, with `meta` inserted in the head.
fn utf8_article(meta: &str) -> Vec<u8> {
    let body = format!(
        "{}<p>Caf\u{e9} owners in Z\u{fc}rich said the \u{201c}winter market\u{201d} \u{2014} now in its fifth year \u{2014} drew record crowds, \u{e0} la fa\u{e7}on of na\u{ef}ve optimism.</p>{}",
        intro_paragraphs(4),
        intro_paragraphs(3)
    );
    page(meta, &body).into_bytes()
}

#[test]
fn invalid_utf8_sequences() {
    let mut bytes = utf8_article("<meta charset=\"utf-8\">");
    let invalid: [&[u8]; 5] = [
        b"\xff",
        b"\xc3\x28",
        b"\xe2\x82",
        b"\xf0\x28\x8c\xbc",
        b"\xed\xa0\x80",
    ];
    let mut rng = Xorshift(GARBAGE_SEED);
    let text_start = bytes.windows(3).position(|w| w == b"<p>").unwrap_or(0);
    for round in 0..200 {
        let at = text_start + rng.below(bytes.len() - text_start);
        // Only between ASCII letters, so markup stays intact.
        if bytes[at].is_ascii_alphabetic() && bytes[at - 1].is_ascii_alphabetic() {
            let sequence = invalid[round % invalid.len()];
            bytes.splice(at..at, sequence.iter().copied());
        }
    }
    run_case("invalid_utf8_sequences", bytes, Expect::Article);
}

#[test]
fn meta_says_shift_jis_bytes_are_utf8() {
    run_case(
        "meta_says_shift_jis_bytes_are_utf8",
        utf8_article("<meta charset=\"shift_jis\">"),
        Expect::Article,
    );
}

#[test]
fn meta_says_utf8_bytes_are_windows_1252() {
    let text = String::from_utf8(utf8_article("<meta charset=\"utf-8\">")).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    run_case(
        "meta_says_utf8_bytes_are_windows_1252",
        bytes.into_owned(),
        Expect::Article,
    );
}

#[test]
fn http_equiv_says_euc_kr_bytes_are_utf8() {
    run_case(
        "http_equiv_says_euc_kr_bytes_are_utf8",
        utf8_article("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">"),
        Expect::Article,
    );
}

#[test]
fn meta_names_replacement_encoding() {
    // iso-2022-kr maps to the "replacement" encoding: the whole input decodes to U+FFFD.
    run_case(
        "meta_names_replacement_encoding",
        utf8_article("<meta charset=\"iso-2022-kr\">"),
        Expect::Either,
    );
}

#[test]
fn meta_says_utf16_bytes_are_ascii() {
    // The HTML spec turns a utf-16 meta declaration into utf-8.
    run_case(
        "meta_says_utf16_bytes_are_ascii",
        utf8_article("<meta charset=\"utf-16le\">"),
        Expect::Article,
    );
}

#[test]
fn unknown_charset_label() {
    run_case(
        "unknown_charset_label",
        utf8_article("<meta charset=\"x-clearpage-nonsense\">"),
        Expect::Article,
    );
}

#[test]
fn conflicting_charset_declarations() {
    run_case(
        "conflicting_charset_declarations",
        utf8_article("<meta charset=\"utf-8\"><meta charset=\"koi8-r\"><meta charset=\"big5\">"),
        Expect::Article,
    );
}

#[test]
fn utf16le_bom_with_utf8_bytes() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf8_article("<meta charset=\"utf-8\">"));
    run_case("utf16le_bom_with_utf8_bytes", bytes, Expect::Either);
}

#[test]
fn truthful_utf16le_with_bom() {
    let text = String::from_utf8(utf8_article("")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|unit| unit.to_le_bytes()));
    run_case("truthful_utf16le_with_bom", bytes, Expect::Article);
}

#[test]
fn truthful_utf16be_with_bom() {
    let text = String::from_utf8(utf8_article("")).unwrap();
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(|unit| unit.to_be_bytes()));
    run_case("truthful_utf16be_with_bom", bytes, Expect::Article);
}

#[test]
fn utf8_bom_contradicting_meta() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(utf8_article("<meta charset=\"windows-1251\">"));
    run_case("utf8_bom_contradicting_meta", bytes, Expect::Article);
}

// ---- NUL bytes, empty and garbage -----------------------------------------------------

#[test]
fn nul_bytes_in_text_tags_and_attributes() {
    let mut html = page(
        "<meta charset=\"utf-8\">",
        &format!(
            "{}<p class=\"a\0b\" data-\0x=\"\0\">nul\0inside\0words</p><di\0v>bogus tag</di\0v>{}",
            intro_paragraphs(4),
            intro_paragraphs(3)
        ),
    )
    .into_bytes();
    html.splice(0..0, [0u8, 0, 0]);
    run_case(
        "nul_bytes_in_text_tags_and_attributes",
        html,
        Expect::Article,
    );
}

#[test]
fn only_nul_bytes() {
    run_case(
        "only_nul_bytes",
        vec![0u8; MEBIBYTE],
        Expect::NoArticleOrInvalid,
    );
}

#[test]
fn empty_input() {
    run_case("empty_input", Vec::new(), Expect::NoArticleOrInvalid);
}

#[test]
fn whitespace_only_input() {
    run_case(
        "whitespace_only_input",
        b" \n\t\r\x0c ".repeat(1000),
        Expect::NoArticleOrInvalid,
    );
}

#[test]
fn empty_document_skeleton() {
    run_case(
        "empty_document_skeleton",
        b"<!DOCTYPE html><html><head><title></title></head><body></body></html>".to_vec(),
        Expect::NoArticleOrInvalid,
    );
}

#[test]
fn binary_garbage() {
    let mut rng = Xorshift(GARBAGE_SEED);
    let bytes: Vec<u8> = (0..GARBAGE_BYTES).map(|_| rng.next() as u8).collect();
    run_case("binary_garbage", bytes, Expect::Either);
}

#[test]
fn binary_garbage_with_markup_bytes() {
    // Garbage biased towards the bytes that drive the tokenizer.
    const ALPHABET: &[u8] = b"<>/=\"'!-?&#;:abcdefghijklmnopqrstuvwxyz \n\x00\xff\xc3";
    let mut rng = Xorshift(GARBAGE_SEED ^ TEXT_SEED);
    let bytes: Vec<u8> = (0..GARBAGE_BYTES)
        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
        .collect();
    run_case("binary_garbage_with_markup_bytes", bytes, Expect::Either);
}

#[test]
fn png_file_instead_of_html() {
    let mut rng = Xorshift(GARBAGE_SEED);
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..MEBIBYTE).map(|_| rng.next() as u8));
    run_case("png_file_instead_of_html", bytes, Expect::Either);
}

#[test]
fn gzip_file_instead_of_html() {
    let mut rng = Xorshift(TEXT_SEED);
    let mut bytes = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03".to_vec();
    bytes.extend((0..MEBIBYTE).map(|_| rng.next() as u8));
    run_case("gzip_file_instead_of_html", bytes, Expect::Either);
}
