//! Every engine output over every corpus page and fixture, one line each, so that two builds
//! can be compared byte for byte (structure changes must leave this file identical):
//!
//! ```sh
//! cargo run --profile compare --example outputs -- target/outputs-before.tsv
//! # ... change the code ...
//! cargo run --profile compare --example outputs -- target/outputs-after.tsv
//! cmp target/outputs-before.tsv target/outputs-after.tsv
//! ```
//!
//! A line is `corpus/page/what<TAB>output`: the article's JSON in both promo modes (or the
//! error), the readerable answer, and for fixtures the Markdown. Corpora are read in place
//! from `../shared/corpus/` (wcxb-dev's pages decompressed in memory); a missing corpus is
//! skipped with a note on stderr. `--only CORPUS` limits the run to one corpus.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clearpage::{extract, is_probably_readerable, Options, PromoMode};

/// One page to run: its name in the output, its bytes' location and its URL.
struct Case {
    name: String,
    path: PathBuf,
    url: Option<String>,
    gzip: bool,
    markdown: bool,
}

fn shared(corpus: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(corpus)
}

fn readability_cases() -> Vec<Case> {
    let dir = shared("readability");
    let mut out: Vec<Case> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").exists())
        .map(|p| Case {
            name: format!(
                "readability/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            ),
            path: p.join("source.html"),
            url: Some("http://fakehost/test/page.html".to_string()),
            gzip: false,
            markdown: false,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn trafilatura_cases() -> Vec<Case> {
    let dir = shared("trafilatura-eval");
    let Ok(text) = std::fs::read_to_string(dir.join("evaldata.json")) else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Object(eval)) = serde_json::from_str(&text) else {
        return Vec::new();
    };
    let mut out: Vec<Case> = eval
        .iter()
        .filter_map(|(url, entry)| {
            let file = entry.get("file")?.as_str()?;
            Some(Case {
                name: format!("trafilatura-eval/{file}"),
                path: dir.join("pages").join(file),
                url: Some(url.clone()),
                gzip: false,
                markdown: false,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn wcxb_cases() -> Vec<Case> {
    let dir = shared("wcxb-dev");
    let mut out: Vec<Case> = std::fs::read_dir(dir.join("ground-truth"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let id = e.path().file_stem()?.to_string_lossy().to_string();
            let truth: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).ok()?).ok()?;
            Some(Case {
                name: format!("wcxb-dev/{id}"),
                path: dir.join("html").join(format!("{id}.html.gz")),
                url: truth.get("url").and_then(|u| u.as_str()).map(String::from),
                gzip: true,
                markdown: false,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn fixture_cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut expected: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    expected.push(root.join("../shared/fixtures/seed-theweek.expected.json"));
    let mut out: Vec<Case> = expected
        .iter()
        .filter_map(|p| {
            let spec: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
            let source = spec.get("source").and_then(|s| s.as_str()).map_or_else(
                || p.to_string_lossy().replace(".expected.json", ".html"),
                |s| p.with_file_name(s).to_string_lossy().to_string(),
            );
            Some(Case {
                name: format!(
                    "fixtures/{}",
                    Path::new(&source).file_name()?.to_string_lossy()
                ),
                path: PathBuf::from(source),
                url: spec.get("url").and_then(|u| u.as_str()).map(String::from),
                gzip: false,
                markdown: true,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn read(case: &Case) -> Option<Vec<u8>> {
    let bytes = std::fs::read(&case.path).ok()?;
    if !case.gzip {
        return Some(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The output lines of one case.
fn run(case: &Case) -> Vec<String> {
    let Some(bytes) = read(case) else {
        return vec![format!("{}\tunreadable", case.name)];
    };
    let mut lines = Vec::new();
    for (mode, promos) in [("hide", PromoMode::Hide), ("show", PromoMode::Show)] {
        let options = Options { promos };
        let out = match extract(&bytes, case.url.as_deref(), &options) {
            Ok(article) => {
                #[cfg(feature = "markdown")]
                if case.markdown && promos == PromoMode::Hide {
                    lines.push(format!(
                        "{}/markdown\t{}",
                        case.name,
                        serde_json::to_string(&clearpage::markdown::to_markdown(&article))
                            .unwrap_or_default()
                    ));
                }
                serde_json::to_string(&article).unwrap_or_default()
            }
            Err(e) => format!("error: {e}"),
        };
        lines.push(format!("{}/{mode}\t{out}", case.name));
    }
    lines.push(format!(
        "{}/readerable\t{}",
        case.name,
        is_probably_readerable(&bytes)
    ));
    lines
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out_path) = args.first() else {
        eprintln!("usage: outputs OUT.tsv [--only readability|trafilatura-eval|wcxb-dev|fixtures]");
        std::process::exit(2);
    };
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    let mut cases = Vec::new();
    for (name, list) in [
        ("fixtures", fixture_cases as fn() -> Vec<Case>),
        ("readability", readability_cases),
        ("trafilatura-eval", trafilatura_cases),
        ("wcxb-dev", wcxb_cases),
    ] {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let found = list();
        if found.is_empty() {
            eprintln!("outputs: no pages found for {name}, skipped");
        }
        cases.extend(found);
    }
    // Two workers over one queue; lines are written in the cases' order.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Vec<String>>> =
        cases.iter().map(|_| Default::default()).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                if let Ok(mut slot) = results[i].lock() {
                    *slot = run(case);
                }
            });
        }
    });
    let mut file = match std::fs::File::create(out_path) {
        Ok(f) => std::io::BufWriter::new(f),
        Err(e) => {
            eprintln!("outputs: cannot write {out_path}: {e}");
            std::process::exit(2);
        }
    };
    let mut count = 0;
    for slot in results {
        for line in slot.into_inner().unwrap_or_default() {
            let _ = writeln!(file, "{line}");
            count += 1;
        }
    }
    eprintln!("outputs: {count} lines from {} pages", cases.len());
}
