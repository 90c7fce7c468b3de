#!/usr/bin/env bash
# Runs both clearpage fuzz targets (extract, readerable) for SECONDS each with libFuzzer.
# Usage: fuzz/run.sh SECONDS            (from anywhere; default 60)
#        FUZZ_TARGETS=extract FUZZ_MAX_LEN=32768 fuzz/run.sh 900   (one target, bigger inputs)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Only a stable toolchain exists here, so
# nightly flags are unlocked with RUSTC_BOOTSTRAP=1. Sanitizer: FUZZ_SANITIZER (default
# none: the engine is safe Rust and this is ~2x faster; "address" also works). Input size
# cap: FUZZ_MAX_LEN (default 8192 bytes; larger inputs run far fewer executions/second). New corpus entries go to fuzz/corpus/<target>; the shared
# fixtures and readability corpus under ../shared are read in place as extra seed dirs.
# Crashes / slow inputs land in fuzz/artifacts/<target>/ and are listed at the end.
# FUZZ_FAIL_ON_FINDINGS=1 (what CI sets): exit 1 when a target stops with a finding or
# this run wrote any artifact; otherwise a finding is reported and the next target runs.
set -euo pipefail

SECONDS_PER_TARGET="${1:-60}"
SANITIZER="${FUZZ_SANITIZER:-none}"
MAX_INPUT_BYTES="${FUZZ_MAX_LEN:-8192}"
SLOW_INPUT_SECONDS="${FUZZ_TIMEOUT:-10}"
RSS_LIMIT_MB=2048
read -r -a TARGETS <<< "${FUZZ_TARGETS:-extract readerable}"

FUZZ_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(dirname "$FUZZ_DIR")"
SHARED_DIR="$(cd "$REPO_DIR/.." && pwd)/shared"
cd "$FUZZ_DIR"

FAIL_ON_FINDINGS="${FUZZ_FAIL_ON_FINDINGS:-0}"
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer "$SANITIZER"

# Artifacts written by this run (older ones from earlier runs do not count).
RUN_STAMP="$(mktemp)"
trap 'rm -f "$RUN_STAMP"' EXIT
findings=0

seed_dirs=()
for dir in "$SHARED_DIR/fixtures" "$SHARED_DIR/corpus/readability"; do
  [[ -d "$dir" ]] && seed_dirs+=("$dir")
done

for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (sanitizer: $SANITIZER)"
  cargo fuzz run --sanitizer "$SANITIZER" "$target" "corpus/$target" "${seed_dirs[@]}" -- \
    -max_total_time="$SECONDS_PER_TARGET" \
    -max_len="$MAX_INPUT_BYTES" \
    -timeout="$SLOW_INPUT_SECONDS" \
    -report_slow_units="$SLOW_INPUT_SECONDS" \
    -rss_limit_mb="$RSS_LIMIT_MB" \
    -dict="$FUZZ_DIR/html.dict" \
    -print_final_stats=1 || { echo "!! $target stopped with a finding (exit $?)"; findings=$((findings + 1)); }
done

echo "== artifacts (crashes, timeouts, slow units)"
find artifacts -type f -printf '%p\t%s bytes\n' 2>/dev/null || true

new_artifacts="$(find artifacts -type f -newer "$RUN_STAMP" 2>/dev/null | wc -l)"
if [[ "$FAIL_ON_FINDINGS" == 1 ]] && (( findings > 0 || new_artifacts > 0 )); then
  echo "!! fuzzing found problems: $findings target(s) stopped, $new_artifacts new artifact(s)"
  exit 1
fi
