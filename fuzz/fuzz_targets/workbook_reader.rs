//! Workbooks: format sniffing, zip and OLE pre-flight checks, calamine's readers, detection.
//! The first byte picks the extension, so the sniffer also meets content that contradicts it.
#![no_main]

mod common;

const EXTENSIONS: [&str; 5] = ["xlsx", "xls", "ods", "xlsb", "xlsm"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    common::read_bytes(rest, EXTENSIONS[usize::from(selector) % EXTENSIONS.len()]);
});
