//! Fuzz target: `gazette::fuzzing::import_html` (see that module for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::import_html(data);
});
