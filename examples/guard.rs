//! The pre-parse guard on real pages and at its limits (`cargo run --release --example guard`):
//! the largest open-element and active-formatting bounds over both corpora, the guard's cost
//! per page, and the parser's time on hostile pages that sit just under the limits.
use std::path::Path;
use std::time::{Duration, Instant};

use clearpage::input::guard::{bound, MAX_ACTIVE_FORMATTING, MAX_OPEN_ELEMENTS};

const RUNS: usize = 5;
const KIB: f64 = 1024.0;

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn pages() -> Vec<(String, Vec<u8>)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = Vec::new();
    for e in std::fs::read_dir(shared.join("readability"))
        .unwrap()
        .flatten()
    {
        if let Ok(b) = std::fs::read(e.path().join("source.html")) {
            out.push((
                format!("readability/{}", e.file_name().to_string_lossy()),
                b,
            ));
        }
    }
    for e in std::fs::read_dir(shared.join("trafilatura-eval/pages"))
        .unwrap()
        .flatten()
    {
        if let Ok(b) = std::fs::read(e.path()) {
            out.push((
                format!("trafilatura/{}", e.file_name().to_string_lossy()),
                b,
            ));
        }
    }
    out
}

fn main() {
    let mut max_open = (0, String::new());
    let mut max_formatting = (0, String::new());
    let mut per_100k: Vec<f64> = Vec::new();
    let mut per_page: Vec<f64> = Vec::new();
    let mut near_100k: Vec<(f64, f64)> = Vec::new();
    let mut dropped = 0;
    let all = pages();
    for (name, bytes) in &all {
        let Ok(text) = clearpage::input::decode::decode_html(bytes) else {
            continue;
        };
        let (_, b) = bound(&text);
        dropped += b.dropped_tags;
        if b.open_elements > max_open.0 {
            max_open = (b.open_elements, name.clone());
        }
        if b.active_formatting > max_formatting.0 {
            max_formatting = (b.active_formatting, name.clone());
        }
        let t = best_of(RUNS, || {
            std::hint::black_box(bound(std::hint::black_box(&text)));
        });
        let ms = t.as_secs_f64() * 1e3;
        per_page.push(ms);
        per_100k.push(ms * 100.0 * KIB / text.len().max(1) as f64);
        if (70_000..=130_000).contains(&text.len()) {
            let parse = best_of(RUNS, || {
                std::hint::black_box(clearpage::dom::Document::parse(&text));
            });
            near_100k.push((ms, parse.as_secs_f64() * 1e3));
        }
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[v.len() * 95 / 100], v[v.len() - 1])
    };
    println!("pages: {}  dropped tags: {dropped}", all.len());
    println!(
        "max open elements: {} ({})  limit {MAX_OPEN_ELEMENTS}",
        max_open.0, max_open.1
    );
    println!(
        "max active formatting: {} ({})  limit {MAX_ACTIVE_FORMATTING}",
        max_formatting.0, max_formatting.1
    );
    let (m, p95, mx) = med(&mut per_page);
    println!("guard per page: median {m:.4} ms  p95 {p95:.4} ms  max {mx:.4} ms");
    let (m, p95, mx) = med(&mut per_100k);
    println!("guard per 100 KiB: median {m:.4} ms  p95 {p95:.4} ms  max {mx:.4} ms");
    let mut g: Vec<f64> = near_100k.iter().map(|x| x.0).collect();
    let mut p: Vec<f64> = near_100k.iter().map(|x| x.1).collect();
    let n = g.len();
    let (gm, _, _) = med(&mut g);
    let (pm, _, _) = med(&mut p);
    println!("pages of 70-130 KB ({n}): guard median {gm:.4} ms, guard+parse median {pm:.3} ms");

    // Hostile pages just under the limits: the parser's worst cost that the guard allows.
    let deep = "<div>".repeat(MAX_OPEN_ELEMENTS - 8);
    let formatting: String = (0..MAX_ACTIVE_FORMATTING)
        .map(|i| format!("<b data-n=\"{i}\">"))
        .collect();
    for megabytes in [1usize, 10] {
        let size = megabytes << 20;
        let cases = [
            ("depth limit + stray </x> end tags", deep.clone(), "</x>"),
            ("depth limit + <i></i> pairs", deep.clone(), "<i></i>"),
            ("depth limit + empty <span>s", deep.clone(), "<span></span>"),
            (
                "formatting limit + paragraphs",
                formatting.clone(),
                "<p>x</p>",
            ),
            (
                "both limits + paragraphs",
                format!("{deep}{formatting}"),
                "<p>x</p>",
            ),
        ];
        for (label, head, unit) in cases {
            let mut page = head;
            page.push_str(&unit.repeat((size - page.len()) / unit.len()));
            let (_, b) = bound(&page);
            let t = Instant::now();
            let doc = clearpage::dom::Document::parse(&page);
            let parse = t.elapsed();
            let nodes = doc.html.tree.nodes().count();
            println!(
                "{megabytes:>2} MB {label:<36} parse {:>8.1} ms  nodes {nodes:>9}  {b:?}",
                parse.as_secs_f64() * 1e3
            );
        }
    }
}
