//! Native speed of the engine over Readability's test pages (`cargo xtask bench`).
//! Prints median, p95 and max time per page and throughput, and writes the same figures to
//! `target/bench/native.json` for the browser bench's summary line; never fails on time.

use std::time::Instant;

use clearpage::{extract, Options, PromoMode};

/// Each page is extracted this many times; the fastest run counts (less noise). The
/// environment variable `CLEARPAGE_BENCH_RUNS` overrides it (1 for a profile under callgrind).
const RUNS_PER_PAGE: usize = 5;
/// Where the figures are written, relative to the repository (read by `tests/bench/browser.mjs`).
const FIGURES_FILE: &str = "target/bench/native.json";

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("bench: corpus not found at {}", dir.display());
        std::process::exit(2);
    };
    let mut pages: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            std::fs::read(e.path().join("source.html"))
                .ok()
                .map(|b| (e.file_name().to_string_lossy().to_string(), b))
        })
        .collect();
    pages.sort();
    let options = Options {
        promos: PromoMode::Show,
    };
    let runs_per_page = std::env::var("CLEARPAGE_BENCH_RUNS")
        .ok()
        .and_then(|runs| runs.parse::<usize>().ok())
        .filter(|&runs| runs > 0)
        .unwrap_or(RUNS_PER_PAGE);
    let mut times: Vec<(f64, String, usize)> = Vec::new();
    let mut total_bytes = 0usize;
    let mut total_secs = 0.0;
    for (name, bytes) in &pages {
        let mut best = f64::MAX;
        for _ in 0..runs_per_page {
            let start = Instant::now();
            let _ = std::hint::black_box(extract(
                bytes,
                Some("http://fakehost/test/page.html"),
                &options,
            ));
            best = best.min(start.elapsed().as_secs_f64());
        }
        total_bytes += bytes.len();
        total_secs += best;
        times.push((best * 1000.0, name.clone(), bytes.len()));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize].0;
    let slowest = times.last().cloned().unwrap_or((0.0, String::new(), 0));
    let (median, p95) = (pct(0.5), pct(0.95));
    let throughput = total_bytes as f64 / 1e6 / total_secs;
    println!(
        "native: median {median:.2} ms p95 {p95:.2} ms max {:.2} ms ({} {} KB); {throughput:.1} MB/s over {} pages",
        slowest.0,
        slowest.1,
        slowest.2 / 1024,
        times.len()
    );
    let figures = serde_json::json!({
        "pages": times.len(),
        "runsPerPage": runs_per_page,
        "medianMs": median,
        "p95Ms": p95,
        "maxMs": slowest.0,
        "maxPage": slowest.1,
        "megabytesPerSecond": throughput,
    });
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIGURES_FILE);
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&file, format!("{figures:#}\n")));
    if let Err(error) = written {
        eprintln!("bench: cannot write {}: {error}", file.display());
    }
}
