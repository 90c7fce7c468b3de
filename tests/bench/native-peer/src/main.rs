//! Native speed against a peer (`cargo xtask bench`): the engine and dom_smoothie, a Rust port
//! of Readability.js on the same html5ever parser, timed page by page over Readability's test
//! pages in one process, their runs interleaved. Timings on a shared machine drift by a third
//! from one minute to the next; interleaving puts both sides in the same minute, so the ratio
//! holds where the absolute figures do not. Prints one line, writes `target/bench/native-peer.json`;
//! never fails on time.

use std::path::Path;
use std::time::Instant;

use clearpage::{extract, Options, PromoMode};

/// Runs per page and side; the fastest counts.
const RUNS_PER_PAGE: usize = 5;
/// The URL the corpus's expected outputs were made with.
const PAGE_URL: &str = "http://fakehost/test/page.html";
/// Where the figures go, relative to the repository.
const FIGURES_FILE: &str = "target/bench/native-peer.json";

fn main() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let corpus = repository.join("../shared/corpus/readability");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("native-peer: corpus not found at {}", corpus.display());
        std::process::exit(2);
    };
    let mut pages: Vec<Vec<u8>> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| std::fs::read(entry.path().join("source.html")).ok())
        .collect();
    pages.sort();
    let options = Options {
        promos: PromoMode::Show,
    };
    let mut ours = Vec::with_capacity(pages.len());
    let mut peer = Vec::with_capacity(pages.len());
    for bytes in &pages {
        // The peer takes text; the decoding it is spared is 1% of our time.
        let text = String::from_utf8_lossy(bytes);
        let (mut our_best, mut peer_best) = (f64::MAX, f64::MAX);
        for _ in 0..RUNS_PER_PAGE {
            let started = Instant::now();
            let _ = std::hint::black_box(extract(bytes, Some(PAGE_URL), &options));
            our_best = our_best.min(started.elapsed().as_secs_f64());
            let started = Instant::now();
            if let Ok(mut readability) =
                dom_smoothie::Readability::new(text.as_ref(), Some(PAGE_URL), None)
            {
                let _ = std::hint::black_box(readability.parse());
            }
            peer_best = peer_best.min(started.elapsed().as_secs_f64());
        }
        ours.push(our_best * 1000.0);
        peer.push(peer_best * 1000.0);
    }
    let ratios: Vec<f64> = ours.iter().zip(&peer).map(|(a, b)| a / b).collect();
    let (our_median, our_p95) = (percentile(&ours, 0.5), percentile(&ours, 0.95));
    let (peer_median, peer_p95) = (percentile(&peer, 0.5), percentile(&peer, 0.95));
    let ratio_of_medians = our_median / peer_median;
    let per_page_ratio = percentile(&ratios, 0.5);
    println!(
        "native peer: clearpage median {our_median:.2} ms p95 {our_p95:.2} ms; dom_smoothie (Rust port of Readability.js) median {peer_median:.2} ms p95 {peer_p95:.2} ms; ratio of medians {ratio_of_medians:.2}, per-page ratio median {per_page_ratio:.2} ({} pages, interleaved)",
        pages.len()
    );
    let figures = format!(
        "{{\n  \"pages\": {},\n  \"oursMedianMs\": {our_median:.3},\n  \"oursP95Ms\": {our_p95:.3},\n  \"peer\": \"dom_smoothie 0.19.0\",\n  \"peerMedianMs\": {peer_median:.3},\n  \"peerP95Ms\": {peer_p95:.3},\n  \"ratioOfMedians\": {ratio_of_medians:.3},\n  \"perPageRatioMedian\": {per_page_ratio:.3}\n}}\n",
        pages.len()
    );
    let file = repository.join(FIGURES_FILE);
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&file, figures));
    if let Err(error) = written {
        eprintln!("native-peer: cannot write {}: {error}", file.display());
    }
}

/// The value at fraction `p` of the sorted figures (0 when there are none).
fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n => sorted[((n - 1) as f64 * p).round() as usize],
    }
}
