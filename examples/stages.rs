//! Per-stage timing of the engine over Readability's test pages (`cargo xtask bench`):
//! median and p95 per stage, so the hot stage is visible.
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability");
    let mut rows: Vec<[f64; 6]> = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let Ok(bytes) = std::fs::read(e.path().join("source.html")) else {
            continue;
        };
        let mut best = [f64::MAX; 6];
        for _ in 0..3 {
            let t0 = Instant::now();
            let text = clearpage::input::decode::decode_html(&bytes).unwrap();
            let t1 = Instant::now();
            let mut doc = clearpage::dom::Document::parse(&text);
            let t2 = Instant::now();
            let meta = clearpage::steps::metadata::collect(&doc, None);
            clearpage::steps::clean::prepare(&mut doc, meta.title.as_deref());
            let t3 = Instant::now();
            let rebuild = || {
                let mut doc = clearpage::dom::Document::parse(&text);
                clearpage::steps::clean::prepare(&mut doc, meta.title.as_deref());
                doc
            };
            let picked =
                clearpage::steps::score::pick_article(&mut doc, &meta, text.len(), rebuild);
            let t4 = Instant::now();
            if let Some(p) = picked {
                let w =
                    clearpage::output::assemble::write(&doc, &p, None, clearpage::PromoMode::Show);
                let t5 = Instant::now();
                let _ = clearpage::output::sanitize::clean(&w.html);
                let t6 = Instant::now();
                let v = [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5];
                for i in 0..6 {
                    best[i] = best[i].min(v[i].as_secs_f64() * 1000.0);
                }
            }
        }
        if best[0] < f64::MAX {
            rows.push(best);
        }
    }
    let names = [
        "decode",
        "parse",
        "meta+clean",
        "score+promo+prune",
        "assemble",
        "sanitize",
    ];
    for (i, n) in names.iter().enumerate() {
        let mut v: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{n:>20}: median {:.3} ms  p95 {:.3} ms",
            v[v.len() / 2],
            v[v.len() * 95 / 100]
        );
    }
}
