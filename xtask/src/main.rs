//! Clearpage's task runner: `cargo xtask <task>`.
//!
//! - `build`: native CLI + wasm engine -> `extension/pkg`, `www/pkg`, `dist/*.zip`; installs
//!   what a fresh machine lacks (wasm32 target, wasm-bindgen-cli, npm packages); then shows
//!   the engine on a bundled sample and says how to load the extension.
//! - `test`: build, then fmt check, clippy `-D warnings`, unit/corpus/fixture/security
//!   tests, the Node library test, `web-ext lint`, `e2e`, and a one-minute fuzz run of both
//!   fuzz targets that fails on any crash or slow input (`--no-e2e`, `--no-fuzz` skip those).
//! - `fuzz`: the test's one-minute fuzz run alone.
//! - `quality`: prints the corpus figures (Readability and trafilatura-eval).
//! - `e2e`: end-to-end tests in Debian Chromium and Firefox ESR, and the www page.
//! - `bench`: native speed over the Readability corpus, then the built extension in Chromium
//!   against Readability.js (`tests/bench/browser.mjs`); prints figures, never fails on time.

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// The wasm-bindgen version pinned in the engine's Cargo.toml; the CLI must match it.
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Cargo feature arguments of the wasm engine build: the default features minus `markdown`,
/// whose htmd dependency brings a second html5ever/markup5ever copy (about 180 KB of the gzip
/// size). `www/lib` and the www page check `hasMarkdown()` and say when it is absent.
const WASM_FEATURE_ARGS: &[&str] = &["--no-default-features"];
/// The www page's engine: default features, Markdown included.
const WWW_WASM_FEATURE_ARGS: &[&str] = &[];
/// wasm-opt: optimize for speed (the engine's html5ever path is 3-4x slower at `-Oz`), and drop
/// the debug and producers sections the engine does not need at run time.
const WASM_OPT_ARGS: &[&str] = &["-O3", "--strip-debug", "--strip-producers"];
/// Wasm features the browsers we support all have (wasm-opt must be told which it may use).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// The sample article shown after a build (our own fixture, always in the repository).
const SAMPLE_PAGE: &str = "tests/fixtures/en-wordpress-dahlias.html";
/// Files and folders of the extension packages.
const PACKAGE_ROOTS: &[&str] = &["manifest.json", "_locales", "extension"];
const PACKAGE_EXCLUDES: &[&str] = &["extension/tools", "extension/README.md", ".d.ts"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "build" => build(),
        "test" => test(rest),
        "quality" => quality(),
        "e2e" => e2e(rest),
        "bench" => bench(),
        "fuzz" => fuzz_briefly(),
        _ => {
            eprintln!("usage: cargo xtask build | test [--no-e2e] [--no-fuzz] | quality | e2e [--browser chromium|firefox|all] | bench | fuzz");
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("xtask {task}: {message}");
        exit(1);
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn run(program: &str, args: &[&str]) -> Result {
    run_in(&root(), program, args)
}

fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

// ---- tools a fresh machine lacks ----------------------------------------------------------

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        run("rustup", &["target", "add", WASM_TARGET])?;
    }
    Ok(())
}

fn ensure_wasm_bindgen() -> Result {
    let version = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !version.contains(WASM_BINDGEN_VERSION) {
        eprintln!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (takes a few minutes once)");
        run(
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                WASM_BINDGEN_VERSION,
            ],
        )?;
    }
    Ok(())
}

fn ensure_npm_packages() -> Result {
    let wasm_opt = root().join("node_modules/.bin/wasm-opt");
    let playwright = root().join("node_modules/playwright-core");
    if !wasm_opt.exists() || !playwright.exists() {
        if root().join("package-lock.json").exists() {
            run("npm", &["ci", "--no-audit", "--no-fund"])?;
        } else {
            run("npm", &["install", "--no-audit", "--no-fund"])?;
        }
    }
    Ok(())
}

// ---- build --------------------------------------------------------------------------------

fn build() -> Result {
    build_quiet()?;
    show_sample()
}

/// Builds the wasm engine with the given cargo feature arguments and writes the wasm-bindgen
/// package (`--target web`, optimized by wasm-opt) to `out`; returns the wasm file's path.
fn build_wasm_package(feature_args: &[&str], out: &Path) -> Result<PathBuf> {
    let mut wasm_build = vec![
        "build",
        "--release",
        "--package",
        "clearpage",
        "--lib",
        "--target",
        WASM_TARGET,
    ];
    wasm_build.extend(feature_args);
    run("cargo", &wasm_build)?;
    let wasm = root()
        .join("target")
        .join(WASM_TARGET)
        .join("release/clearpage.wasm");
    bindgen_and_optimize(&wasm, out)
}

/// Runs wasm-bindgen (`--target web`) on `wasm` into `out`, then wasm-opt over its output, as
/// for the extension; returns the optimized wasm file's path.
fn bindgen_and_optimize(wasm: &Path, out: &Path) -> Result<PathBuf> {
    let root = root();
    let _ = std::fs::remove_dir_all(out);
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--experimental-reset-state-function",
            "--out-dir",
            path_str(out)?,
            path_str(wasm)?,
        ],
    )?;
    let stem = wasm
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or_else(|| format!("no file name in {}", wasm.display()))?;
    let bg = out.join(format!("{stem}_bg.wasm"));
    let optimized = out.join(format!("{stem}_bg.opt.wasm"));
    let mut wasm_opt: Vec<&str> = WASM_OPT_ARGS.to_vec();
    wasm_opt.extend(WASM_OPT_FEATURES);
    wasm_opt.extend([path_str(&bg)?, "-o", path_str(&optimized)?]);
    run(
        path_str(&root.join("node_modules/.bin/wasm-opt"))?,
        &wasm_opt,
    )?;
    std::fs::rename(&optimized, &bg).map_err(|e| format!("cannot replace wasm: {e}"))?;
    Ok(bg)
}

fn build_quiet() -> Result {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()?;
    run("cargo", &["build", "--release", "--package", "clearpage"])?;
    let root = root();
    let pkg = root.join("extension/pkg");
    let bg = build_wasm_package(WASM_FEATURE_ARGS, &pkg)?;

    // www: the same engine, the same reader view, and a few samples.
    // The page is not size-bound, so its engine keeps Markdown (the extension's leaves it out).
    let www = root.join("www");
    build_wasm_package(WWW_WASM_FEATURE_ARGS, &www.join("pkg"))?;
    copy_files(
        &root.join("extension/reader"),
        &www.join("reader"),
        &["reader.js", "reader.css"],
    )?;
    let mut samples: Vec<String> = vec![];
    let seed = root.join("../shared/fixtures/seed-theweek.html");
    if seed.exists() {
        samples.push(path_str(&seed)?.to_string());
    }
    for entry in std::fs::read_dir(root.join("tests/fixtures")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "html") {
            samples.push(path_str(&path)?.to_string());
        }
    }
    samples.sort();
    let mut args = vec!["www/tools/gather-samples.mjs", "--out", "www/samples"];
    args.extend(samples.iter().map(String::as_str));
    run("node", &args)?;

    package_extension()?;
    let raw = std::fs::metadata(&bg).map_err(|e| e.to_string())?.len();
    let gz = gzip_size(&bg)?;
    println!(
        "wasm: {} KB raw, {} KB gzip ({})",
        raw / 1024,
        gz / 1024,
        bg.display()
    );
    Ok(())
}

fn path_str(p: &Path) -> Result<&str> {
    p.to_str()
        .ok_or_else(|| format!("path is not UTF-8: {}", p.display()))
}

fn copy_files(from: &Path, to: &Path, names: &[&str]) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for name in names {
        let src = from.join(name);
        if src.exists() {
            std::fs::copy(&src, to.join(name))
                .map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

fn gzip_size(file: &Path) -> Result<u64> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import gzip,sys; print(len(gzip.compress(open(sys.argv[1],'rb').read(), 9)))",
            path_str(file)?,
        ])
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("gzip size: {e}"))
}

/// `dist/clearpage-chrome.zip` and `dist/clearpage-firefox.zip`: one manifest serves both.
fn package_extension() -> Result {
    let dist = root().join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let script = r#"
import os, sys, zipfile
root, out, roots, excludes = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4].split(',')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for r in roots:
        p = os.path.join(root, r)
        files = [p] if os.path.isfile(p) else [os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs]
        for f in sorted(files):
            rel = os.path.relpath(f, root)
            if any(rel.startswith(e) or rel.endswith(e) for e in excludes):
                continue
            z.write(f, rel)
"#;
    for browser in ["chrome", "firefox"] {
        let out = dist.join(format!("clearpage-{browser}.zip"));
        run(
            "python3",
            &[
                "-c",
                script,
                path_str(&root())?,
                path_str(&out)?,
                &PACKAGE_ROOTS.join(","),
                &PACKAGE_EXCLUDES.join(","),
            ],
        )?;
    }
    println!("packages: dist/clearpage-chrome.zip, dist/clearpage-firefox.zip");
    Ok(())
}

fn show_sample() -> Result {
    let cli = root().join("target/release/clearpage");
    println!("\n=== Clearpage on {SAMPLE_PAGE} (promos hidden) ===\n");
    let out = Command::new(&cli)
        .args([
            "extract",
            SAMPLE_PAGE,
            "--format",
            "markdown",
            "--url",
            "https://example.org/blog/dahlias",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| e.to_string())?;
    println!("{}", String::from_utf8_lossy(&out.stdout));
    let json = Command::new(&cli)
        .args(["extract", SAMPLE_PAGE, "--promos", "show"])
        .current_dir(root())
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&json.stdout);
    let promos = text.matches("\"kind\":").count();
    println!("=== {promos} promo block(s) found and hidden (see them with --promos show) ===\n");
    let here = root();
    println!("Load the extension:");
    println!(
        "  Chrome/Chromium: chrome://extensions -> Developer mode -> Load unpacked -> {}",
        here.display()
    );
    println!("  Firefox:         about:debugging#/runtime/this-firefox -> Load Temporary Add-on -> {}/manifest.json", here.display());
    println!(
        "  Store packages:  {}/dist/clearpage-chrome.zip, {}/dist/clearpage-firefox.zip",
        here.display(),
        here.display()
    );
    println!(
        "  Demo page:       cd www && python3 -m http.server  (then open http://127.0.0.1:8000)"
    );
    Ok(())
}

// ---- test, quality, e2e, bench ------------------------------------------------------------

/// Seconds each fuzz target runs in `cargo xtask test` (both targets: about a minute).
const TEST_FUZZ_SECONDS: &str = "30";

/// A short fuzz run of both targets (`fuzz/run.sh`); any crash or slow input fails it.
/// cargo-fuzz is installed when missing; nightly flags are unlocked by the script.
fn fuzz_briefly() -> Result {
    if output("cargo", &["fuzz", "--version"]).is_none() {
        run("cargo", &["install", "cargo-fuzz"])?;
    }
    let status = Command::new("bash")
        .arg(root().join("fuzz/run.sh"))
        .arg(TEST_FUZZ_SECONDS)
        .env("FUZZ_FAIL_ON_FINDINGS", "1")
        .status()
        .map_err(|e| format!("cannot run fuzz/run.sh: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("fuzzing found a crash or a slow input (see fuzz/artifacts)".to_string())
    }
}

fn test(args: &[String]) -> Result {
    let with_e2e = !args.iter().any(|a| a == "--no-e2e");
    build_quiet()?;
    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--release",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run(
        "cargo",
        &[
            "clippy",
            "--release",
            "--package",
            "clearpage",
            "--lib",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--release", "--workspace"])?;
    run("node", &["--test", "tests/node/"])?;
    lint_extension()?;
    if with_e2e {
        e2e(&[])?;
    }
    if !args.iter().any(|a| a == "--no-fuzz") {
        fuzz_briefly()?;
    }
    println!("xtask test: all steps passed");
    Ok(())
}

fn lint_extension() -> Result {
    let staging = root().join("target/web-ext-lint");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    let zip = root().join("dist/clearpage-firefox.zip");
    run(
        "python3",
        &[
            "-c",
            "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
            path_str(&zip)?,
            path_str(&staging)?,
        ],
    )?;
    run(
        path_str(&root().join("node_modules/.bin/web-ext"))?,
        &[
            "lint",
            "--source-dir",
            path_str(&staging)?,
            "--warnings-as-errors=false",
            "--self-hosted",
        ],
    )
}

fn quality() -> Result {
    run(
        "cargo",
        &[
            "test",
            "--release",
            "--test",
            "corpus",
            "quality_report",
            "--",
            "--ignored",
            "--nocapture",
        ],
    )
}

fn e2e(args: &[String]) -> Result {
    // A debug build of the engine exports a panic trigger for the panic-handling case.
    let mut debug_build = vec![
        "build",
        "--package",
        "clearpage",
        "--lib",
        "--target",
        WASM_TARGET,
    ];
    debug_build.extend(WASM_FEATURE_ARGS);
    run("cargo", &debug_build)?;
    let debug_wasm = root()
        .join("target")
        .join(WASM_TARGET)
        .join("debug/clearpage.wasm");
    let mut e2e_args = vec![
        "tests/e2e/run.mjs".to_string(),
        "--debug-wasm".to_string(),
        path_str(&debug_wasm)?.to_string(),
    ];
    e2e_args.extend(args.iter().cloned());
    let refs: Vec<&str> = e2e_args.iter().map(String::as_str).collect();
    let extension = run("node", &refs);
    let www = run("node", &["tests/e2e/www.mjs"]);
    extension.and(www)
}

/// Files `cargo xtask build` leaves that the browser bench needs.
const BENCH_NEEDS: &[&str] = &[
    "extension/pkg/clearpage_bg.wasm",
    "node_modules/playwright-core",
    "node_modules/@mozilla/readability",
];

/// The crate that times the engine against a Rust port of Readability.js in one process
/// (outside the workspace: its dependency is built only here).
const NATIVE_PEER_MANIFEST: &str = "tests/bench/native-peer/Cargo.toml";

/// Native bench (writes `target/bench/native.json`), per-stage times, peak memory, the native
/// peer comparison, the wasm size floor, then the browser bench, whose last line is the one
/// `bench: ...` summary.
fn bench() -> Result {
    let missing: Vec<&str> = BENCH_NEEDS
        .iter()
        .copied()
        .filter(|f| !root().join(f).exists())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing {}: run `cargo xtask build` first",
            missing.join(", ")
        ));
    }
    run("cargo", &["run", "--release", "--example", "bench"])?;
    run("cargo", &["run", "--release", "--example", "stages"])?;
    run("cargo", &["run", "--release", "--example", "memory"])?;
    run(
        "cargo",
        &[
            "run",
            "--release",
            "--manifest-path",
            NATIVE_PEER_MANIFEST,
            "--target-dir",
            "target/native-peer",
        ],
    )?;
    wasm_floor()?;
    run("node", &["tests/bench/browser.mjs"])
}

/// The crate that weighs the engine's indispensable libraries alone, without the engine.
const WASM_FLOOR_MANIFEST: &str = "tests/bench/wasm-floor/Cargo.toml";

/// Builds the size floor (`tests/bench/wasm-floor`) exactly as the extension's engine is built
/// and prints its size next to the engine's.
fn wasm_floor() -> Result {
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--manifest-path",
            WASM_FLOOR_MANIFEST,
            "--target",
            WASM_TARGET,
            "--target-dir",
            "target/wasm-floor",
        ],
    )?;
    let root = root();
    let wasm = root
        .join("target/wasm-floor")
        .join(WASM_TARGET)
        .join("release/clearpage_wasm_floor.wasm");
    let floor = bindgen_and_optimize(&wasm, &root.join("target/wasm-floor/pkg"))?;
    let engine = root.join("extension/pkg/clearpage_bg.wasm");
    println!(
        "wasm floor: html5ever + ammonia + url + wasm-bindgen, no extraction: {} KB gzip ({} KB raw); the engine: {} KB gzip",
        gzip_size(&floor)? / 1024,
        std::fs::metadata(&floor).map_err(|e| e.to_string())?.len() / 1024,
        gzip_size(&engine)? / 1024,
    );
    Ok(())
}
