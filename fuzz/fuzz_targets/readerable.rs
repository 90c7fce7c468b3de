//! Fuzz target: `clearpage::is_probably_readerable` on arbitrary bytes (must never panic).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = clearpage::is_probably_readerable(data);
});
