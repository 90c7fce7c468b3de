use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
struct Counting;
static CUR: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let c = CUR.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(c, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        CUR.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        if n > l.size() {
            let c = CUR.fetch_add(n - l.size(), Ordering::Relaxed) + n - l.size();
            PEAK.fetch_max(c, Ordering::Relaxed);
        } else {
            CUR.fetch_sub(l.size() - n, Ordering::Relaxed);
        }
        System.realloc(p, l, n)
    }
}
#[global_allocator]
static A: Counting = Counting;
fn mark(label: &str, len: usize) {
    let peak = PEAK.swap(CUR.load(Ordering::Relaxed), Ordering::Relaxed);
    println!(
        "  {label:>12}: peak-in-stage {:.2} MB ({:.1}x), now {:.2} MB",
        peak as f64 / 1e6,
        peak as f64 / len as f64,
        CUR.load(Ordering::Relaxed) as f64 / 1e6
    );
}
fn main() {
    for path in std::env::args().skip(1) {
        let html = std::fs::read_to_string(&path).unwrap();
        let len = html.len();
        println!("{path}: {len}");
        CUR.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        let mut doc = clearpage::dom::Document::parse(&html);
        mark("parse", len);
        let meta = clearpage::metadata::collect(&doc, None);
        clearpage::clean::prepare(&mut doc, meta.title.as_deref());
        mark("meta+clean", len);
        let rebuild = || {
            let mut doc = clearpage::dom::Document::parse(&html);
            clearpage::clean::prepare(&mut doc, meta.title.as_deref());
            doc
        };
        let picked = clearpage::score::pick_article(&mut doc, &meta, len, rebuild);
        mark("score", len);
        if let Some(p) = picked {
            let w = clearpage::assemble::write(&doc, &p, None, clearpage::PromoMode::Hide);
            mark("assemble", len);
            drop(doc);
            println!(
                "  written html {:.2} MB text {:.2} MB",
                w.html.len() as f64 / 1e6,
                w.text.len() as f64 / 1e6
            );
            let c = clearpage::sanitize::clean(&w.html);
            mark("sanitize", len);
            drop(c);
        }
    }
}
