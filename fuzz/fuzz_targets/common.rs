//! Shared by the fuzz targets: write the input where a reader expects a file, read and
//! detect it in this process with no panic guard and no worker (a crash must be seen), and
//! check what comes out.

use std::io::Write;

use socscope::detect::{DetectedQuestion, Overrides};
use socscope::read::Limits;

/// Reads `data` as a file with `extension`; panics only on a broken invariant.
pub fn read_bytes(data: &[u8], extension: &str) {
    let Ok(mut file) = tempfile::Builder::new().suffix(&format!(".{extension}")).tempfile() else {
        return;
    };
    if file.write_all(data).is_err() {
        return;
    }
    let limits = Limits {
        // Keep one iteration small: the limits themselves are tested elsewhere.
        max_cells_per_sheet: 200_000,
        ..Limits::default()
    };
    let mut last_row_per_sheet: Vec<(String, u32)> = Vec::new();
    let result = socscope::process::read_and_detect_unguarded(
        file.path(),
        extension,
        &limits,
        &Overrides::default(),
        &mut |sheet: &str, q: DetectedQuestion| {
            assert!(!q.text.is_empty(), "empty question text");
            assert_eq!(q.text, q.text.trim(), "question text not trimmed");
            assert!(q.row >= 1, "row numbers start at 1");
            assert!(!q.text.contains('\0'), "NUL reached a question");
            match last_row_per_sheet.iter_mut().find(|(s, _)| s == sheet) {
                Some(entry) => entry.1 = q.row,
                None => last_row_per_sheet.push((sheet.to_string(), q.row)),
            }
        },
    );
    if let Err(error) = result {
        assert!(!error.message.is_empty(), "an error without a message");
    }
}
