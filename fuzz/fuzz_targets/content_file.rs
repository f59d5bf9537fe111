//! Fuzz target: `gazette::fuzzing::content_file` (see that module for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::content_file(data);
});
