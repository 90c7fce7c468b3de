//! Promo-line suite: owns the measurement of promo hiding against Readability's own corpus
//! (`../shared/corpus/readability/<case>/`, read in place) and our labelled list of the promo
//! lines its `expected.html` files still carry (`tests/promo_lines.json`: case -> lines, each a
//! distinctive piece of a newsletter sign-up, "Related:" line, teaser list, follow line, author bio,
//! house ad, comment counter... found in that case's expected text).
//!
//! Every case's `source.html` is extracted with `PromoMode::Hide`, then two figures are computed:
//! - promo recall: share of all labelled lines that are absent from `text_content`
//!   (a case whose extraction fails counts its lines as not hidden, so failing never scores);
//! - text retention: per case, the share of the words (a multiset) of `expected.html`'s text,
//!   minus the words of the labelled promo lines, that are present in `text_content`; averaged over
//!   every case of the corpus (a failed extraction retains 0).
//!
//! Strings are matched word by word: lowercase, runs of letters/digits, each CJK character its own
//! word, punctuation and spacing ignored; a line is present where its words occur contiguously.
//! Both figures are asserted against floors (measured value rounded down to 2 decimals); raise
//! the floors when the engine improves, never lower them.
//!
//! Run: `cargo test --release --test promo_lines -- --nocapture` (prints the figures and a
//! per-case table of the promo lines still shown).

mod common;
use common::{collect_text, is_cjk};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use clearpage::{extract, Options, PromoMode};
use scraper::Html;

/// Readability's test corpus, relative to the crate root (shared, read in place).
const CORPUS_DIR: &str = "../shared/corpus/readability";
/// Our labelled promo lines, relative to the crate root.
const LABELS_FILE: &str = "tests/promo_lines.json";
const SOURCE_FILE: &str = "source.html";
const EXPECTED_FILE: &str = "expected.html";
/// The page URL Readability's own test harness uses for every case.
const CASE_URL: &str = "http://fakehost/test/page.html";
/// Floors: measured values rounded down to 2 decimals. Raise them, never lower them.
const PROMO_RECALL_FLOOR: f64 = 0.96;
const TEXT_RETENTION_FLOOR: f64 = 0.979;
/// The corpus is incomplete below this many cases.
const MIN_CASES: usize = 130;

// ---------------------------------------------------------------------------------------------
// Word matching

/// Lowercased words of `text`: runs of letters/digits; each CJK character is a word by itself.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(c.to_lowercase().collect());
        } else if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Start positions of the non-overlapping occurrences of `needle` in `hay`.
fn occurrences(hay: &[String], needle: &[String]) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()] == *needle {
            found.push(at);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !occurrences(hay, needle).is_empty()
}

fn word_counts(list: &[String]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in list {
        *counts.entry(word.as_str()).or_insert(0) += 1;
    }
    counts
}

// ---------------------------------------------------------------------------------------------
// Expected text

/// Words of Readability's expected article (an HTML fragment).
fn expected_words(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    collect_text(fragment.root_element(), &mut text);
    words(&text)
}

/// `expected` with every occurrence of every promo line cut out.
fn without_promos(expected: &[String], promo_lines: &[Vec<String>]) -> Vec<String> {
    let mut is_promo = vec![false; expected.len()];
    for line in promo_lines {
        for start in occurrences(expected, line) {
            is_promo[start..start + line.len()].fill(true);
        }
    }
    expected
        .iter()
        .zip(&is_promo)
        .filter(|(_, promo)| !**promo)
        .map(|(word, _)| word.clone())
        .collect()
}

/// Share of the words (multiset) of `reference` that occur in `candidate`.
fn word_retention(reference: &[String], candidate: &[String]) -> f64 {
    if reference.is_empty() {
        return 1.0;
    }
    let available = word_counts(candidate);
    let kept: usize = word_counts(reference)
        .iter()
        .map(|(word, &count)| count.min(available.get(word).copied().unwrap_or(0)))
        .sum();
    kept as f64 / reference.len() as f64
}

// ---------------------------------------------------------------------------------------------
// Corpus

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn case_dirs() -> Vec<PathBuf> {
    let dir = crate_root().join(CORPUS_DIR);
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    let mut cases: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.join(SOURCE_FILE).is_file() && path.join(EXPECTED_FILE).is_file())
        .collect();
    cases.sort();
    cases
}

fn case_name(dir: &Path) -> String {
    dir.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn load_labels() -> BTreeMap<String, Vec<String>> {
    let path = crate_root().join(LABELS_FILE);
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// Words of our `text_content` for a case with promos hidden; `None` if extraction failed or panicked.
fn extracted_words(source: &[u8]) -> Option<Vec<String>> {
    let options = Options {
        promos: PromoMode::Hide,
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        extract(source, Some(CASE_URL), &options)
    }));
    match result {
        Ok(Ok(article)) => Some(words(&article.text_content)),
        _ => None,
    }
}

struct CaseResult {
    name: String,
    extracted: bool,
    labelled: usize,
    missed: Vec<String>,
    retention: f64,
}

fn measure_case(dir: &Path, labels: &BTreeMap<String, Vec<String>>) -> CaseResult {
    let name = case_name(dir);
    let source = fs::read(dir.join(SOURCE_FILE)).expect("reading source.html");
    let expected_html = fs::read_to_string(dir.join(EXPECTED_FILE)).expect("reading expected.html");
    let expected = expected_words(&expected_html);
    let lines: &[String] = labels.get(&name).map(Vec::as_slice).unwrap_or(&[]);
    let line_words: Vec<Vec<String>> = lines.iter().map(|line| words(line)).collect();
    for (line, needle) in lines.iter().zip(&line_words) {
        assert!(
            contains_words(&expected, needle),
            "{LABELS_FILE}: line of {name} is not in its expected.html: {line:?}"
        );
    }
    let rest = without_promos(&expected, &line_words);
    match extracted_words(&source) {
        Some(ours) => CaseResult {
            missed: lines
                .iter()
                .zip(&line_words)
                .filter(|(_, needle)| contains_words(&ours, needle))
                .map(|(line, _)| line.clone())
                .collect(),
            retention: word_retention(&rest, &ours),
            extracted: true,
            labelled: lines.len(),
            name,
        },
        None => CaseResult {
            missed: lines.to_vec(),
            retention: 0.0,
            extracted: false,
            labelled: lines.len(),
            name,
        },
    }
}

/// Rounds down to 2 decimals: the floor a measured figure would set.
fn floor_2dp(value: f64) -> f64 {
    (value * 100.0).floor() / 100.0
}

#[test]
fn promo_lines_hidden_and_article_text_kept() {
    let labels = load_labels();
    let dirs = case_dirs();
    assert!(
        dirs.len() >= MIN_CASES,
        "only {} corpus cases found",
        dirs.len()
    );
    let names: Vec<String> = dirs.iter().map(|dir| case_name(dir)).collect();
    for labelled_case in labels.keys() {
        assert!(
            names.contains(labelled_case),
            "{LABELS_FILE}: unknown case {labelled_case}"
        );
    }

    let results: Vec<CaseResult> = dirs.iter().map(|dir| measure_case(dir, &labels)).collect();

    let labelled_lines: usize = results.iter().map(|r| r.labelled).sum();
    let missed_lines: usize = results.iter().map(|r| r.missed.len()).sum();
    let promo_recall = 1.0 - missed_lines as f64 / labelled_lines.max(1) as f64;
    let text_retention = results.iter().map(|r| r.retention).sum::<f64>() / results.len() as f64;

    println!("\nPromo lines still shown (promos hidden):");
    println!("{:<32} {:>8} {:>6}  line", "case", "retained", "shown");
    for r in results
        .iter()
        .filter(|r| !r.missed.is_empty() || !r.extracted)
    {
        let status = if r.extracted {
            ""
        } else {
            " (extraction failed)"
        };
        println!(
            "{:<32} {:>8.3} {:>3}/{:<2}{status}",
            r.name,
            r.retention,
            r.missed.len(),
            r.labelled
        );
        for line in &r.missed {
            println!("{:<49}- {line}", "");
        }
    }
    println!("\nLowest text retention:");
    let mut by_retention: Vec<&CaseResult> = results.iter().collect();
    by_retention.sort_by(|a, b| a.retention.total_cmp(&b.retention));
    for r in by_retention.iter().take(10) {
        println!("  {:<32} {:.3}", r.name, r.retention);
    }
    println!(
        "\nlabelled: {labelled_lines} lines in {} cases; corpus: {} cases",
        labels.len(),
        results.len()
    );
    println!(
        "promo recall (labelled lines hidden): {promo_recall:.4} ({}/{labelled_lines}); floor {PROMO_RECALL_FLOOR}",
        labelled_lines - missed_lines
    );
    println!("text retention (mean over cases, promo lines excluded): {text_retention:.4}; floor {TEXT_RETENTION_FLOOR}");
    println!(
        "floors these figures would set: recall {:.2}, retention {:.2}",
        floor_2dp(promo_recall),
        floor_2dp(text_retention)
    );

    assert!(
        promo_recall >= PROMO_RECALL_FLOOR,
        "promo recall {promo_recall:.4} fell below its floor {PROMO_RECALL_FLOOR}"
    );
    assert!(
        text_retention >= TEXT_RETENTION_FLOOR,
        "text retention {text_retention:.4} fell below its floor {TEXT_RETENTION_FLOOR}"
    );
}
