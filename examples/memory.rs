//! Peak heap per pipeline stage, natively, for the pages given on the command line (default:
//! the largest page of the Readability corpus): where the engine's peak memory comes from.
//! The browser figure (wasm linear memory) is printed by `tests/bench/browser.mjs`.
//!
//! `cargo run --release --example memory [FILE...]`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live bytes and their peak since the last stage mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1_000_000.0;

/// Prints the peak of the stage that just ended and starts the next one.
fn stage(label: &str, page_bytes: usize) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    println!(
        "  {label:>10}: peak {:6.2} MB ({:4.1}x the page), {:6.2} MB held after",
        peak as f64 / MB,
        peak as f64 / page_bytes.max(1) as f64,
        live as f64 / MB
    );
}

fn largest_corpus_page() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability");
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path().join("source.html"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .max()
        .map(|(_, p)| p)
}

fn main() {
    let mut pages: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if pages.is_empty() {
        pages.extend(largest_corpus_page());
    }
    for path in pages {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("memory: cannot read {}", path.display());
            continue;
        };
        let Ok(text) = clearpage::input::decode::decode_html(&bytes) else {
            eprintln!("memory: cannot decode {}", path.display());
            continue;
        };
        let page_bytes = text.len();
        println!(
            "{} ({page_bytes} bytes; heap counted from the parser's copy of the page on)",
            path.display()
        );
        LIVE.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        let source = clearpage::dom::Source::from_slice(&text);
        let mut doc = clearpage::dom::Document::parse_source(&source);
        stage("parse", page_bytes);
        let meta = clearpage::steps::metadata::collect(&doc, None);
        clearpage::steps::clean::prepare(&mut doc, meta.title.as_deref());
        stage("clean", page_bytes);
        let rebuild = || {
            let mut doc = clearpage::dom::Document::parse_source(&source);
            clearpage::steps::clean::prepare(&mut doc, meta.title.as_deref());
            doc
        };
        let Some(picked) =
            clearpage::steps::score::pick_article(&mut doc, &meta, page_bytes, rebuild)
        else {
            stage("score", page_bytes);
            println!("  no article");
            continue;
        };
        stage("score", page_bytes);
        let written =
            clearpage::output::assemble::write(&doc, &picked, None, clearpage::PromoMode::Hide);
        stage("assemble", page_bytes);
        drop(doc);
        let content = clearpage::output::sanitize::clean(&written.html);
        stage("sanitize", page_bytes);
        println!("  article: {} bytes of HTML", content.len());
    }
}
