//! Delimited text: encodings, delimiter sniffing, quoting, row numbering, detection.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_bytes(data, "csv");
});
