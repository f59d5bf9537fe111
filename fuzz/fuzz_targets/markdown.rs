//! Fuzz target: `gazette::fuzzing::markdown` (see that module for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::fuzzing::markdown(data);
});
