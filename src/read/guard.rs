//! Cheap checks before a parser sees a file, for the failures calamine cannot survive or
//! reports badly (`research/reliability.md`):
//!
//! - the file is larger than `--max-file-size`;
//! - a zip container (xlsx, xlsb, ods) has too many entries, duplicate names, an entry whose
//!   declared inflated size is over `--max-inflated-size`, or a compression ratio over
//!   `--max-compression-ratio` (a zip bomb: a 1 MB xlsx that inflates to 1 GiB of spaces);
//! - `xl/sharedStrings.xml` declares more strings than it could hold (calamine reserves
//!   `uniqueCount` entries up front: `uniqueCount="10000000000"` aborts the process).
//!
//! Declared sizes can lie; what slips through is still bounded by the worker process's memory
//! cap and time limit ([`crate::worker`]). These checks make the common cases fast and give
//! them a clear message. OLE containers (xls) are checked by the `cfb` crate when the format is
//! sniffed: it rejects cyclic and out-of-range sector chains.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::Limits;
use super::sniff::unreadable;
use crate::error::{ErrorKind, FileError};

/// Entries a spreadsheet container may hold (a workbook with 1,000 sheets has about 2,000).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Entries smaller than this are not checked for their compression ratio: tiny XML parts of
/// real workbooks compress extremely well.
pub const RATIO_GRACE_BYTES: u64 = 1024 * 1024;

/// Refuses files larger than the limit.
pub fn check_file_size(path: &Path, limits: &Limits) -> Result<u64, FileError> {
    let size = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    if size > limits.max_file_bytes {
        return Err(FileError::new(
            ErrorKind::TooLarge,
            format!(
                "the file is {} MiB, over the {} MiB limit (raise it with --max-file-size)",
                size / (1024 * 1024),
                limits.max_file_bytes / (1024 * 1024)
            ),
        ));
    }
    Ok(size)
}

/// Checks a zip container's directory (and the head of its shared-strings part) before a
/// reader opens it.
pub fn check_zip(path: &Path, limits: &Limits) -> Result<(), FileError> {
    let file = File::open(path).map_err(|e| unreadable(&e))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| FileError::new(ErrorKind::Corrupt, format!("damaged zip container ({e})")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(FileError::new(
            ErrorKind::TooLarge,
            format!(
                "the container holds {} parts, over the limit of {MAX_ZIP_ENTRIES}",
                archive.len()
            ),
        ));
    }
    if archive.has_duplicate_names() {
        return Err(FileError::new(
            ErrorKind::Corrupt,
            "the container holds two parts with the same name: damaged or crafted",
        ));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|e| FileError::new(ErrorKind::Corrupt, format!("damaged zip entry ({e})")))?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{index}"));
        let inflated = entry.size();
        let compressed = entry.compressed_size().max(1);
        total = total.saturating_add(inflated);
        if inflated > limits.max_inflated_bytes {
            return Err(inflated_too_large(&name, inflated, limits));
        }
        if inflated > RATIO_GRACE_BYTES && inflated / compressed > limits.max_compression_ratio {
            return Err(FileError::new(
                ErrorKind::TooLarge,
                format!(
                    "the part '{name}' inflates {}x ({} KiB to {} MiB), over the {}x limit for compressed parts: \
                     a zip bomb? (raise the limit with --max-compression-ratio)",
                    inflated / compressed,
                    compressed / 1024,
                    inflated / (1024 * 1024),
                    limits.max_compression_ratio
                ),
            ));
        }
    }
    if total > limits.max_inflated_bytes.saturating_mul(2) {
        return Err(inflated_too_large("all parts together", total, limits));
    }
    check_shared_strings(&mut archive)
}

fn inflated_too_large(name: &str, bytes: u64, limits: &Limits) -> FileError {
    FileError::new(
        ErrorKind::TooLarge,
        format!(
            "{name} inflates to {} MiB, over the {} MiB limit (raise it with --max-inflated-size)",
            bytes / (1024 * 1024),
            limits.max_inflated_bytes / (1024 * 1024)
        ),
    )
}

/// A shared string takes at least `<si><t/></si>`: a part of N bytes cannot hold more than
/// about N/10 of them.
fn check_shared_strings<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<(), FileError> {
    let Some(index) = archive.index_for_name("xl/sharedStrings.xml") else {
        return Ok(());
    };
    let entry = archive.by_index(index).map_err(|e| {
        FileError::new(
            ErrorKind::Corrupt,
            format!("damaged shared strings part ({e})"),
        )
    })?;
    let declared_size = entry.size();
    let mut head = Vec::with_capacity(4096);
    entry.take(4096).read_to_end(&mut head).map_err(|e| {
        FileError::new(
            ErrorKind::Corrupt,
            format!("damaged shared strings part ({e})"),
        )
    })?;
    let head = String::from_utf8_lossy(&head);
    let Some(tag_start) = head.find("<sst") else {
        return Ok(());
    };
    let tag = &head[tag_start
        ..head[tag_start..]
            .find('>')
            .map_or(head.len(), |end| tag_start + end)];
    for attribute in ["uniqueCount", "count"] {
        let Some(value) = attribute_value(tag, attribute) else {
            continue;
        };
        let plausible = declared_size / 10 + 16;
        match value.parse::<u64>() {
            Ok(n) if n <= plausible => {}
            _ => {
                return Err(FileError::new(
                    ErrorKind::Corrupt,
                    format!(
                        "the shared strings part declares {attribute}=\"{value}\" but is only {declared_size} bytes long: \
                         the workbook is damaged or crafted"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn attribute_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let starts_word = rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        let after = &rest[at + name.len()..];
        let value = after.trim_start().strip_prefix('=').map(str::trim_start);
        if let (true, Some(value)) = (starts_word, value) {
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &value[1..];
                return body.find(quote).map(|end| &body[..end]);
            }
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_from_the_sst_tag() {
        let tag = r#"<sst xmlns="x" count="12" uniqueCount='10'"#;
        assert_eq!(attribute_value(tag, "count"), Some("12"));
        assert_eq!(attribute_value(tag, "uniqueCount"), Some("10"));
        assert_eq!(attribute_value(tag, "missing"), None);
    }

    #[test]
    fn oversize_files_are_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        let limits = Limits {
            max_file_bytes: 1024,
            ..Limits::default()
        };
        assert_eq!(
            check_file_size(&path, &limits).unwrap_err().kind,
            ErrorKind::TooLarge
        );
        assert!(check_file_size(&path, &Limits::default()).is_ok());
    }
}
