//! Stage 1: folder -> sorted list of candidate files, each with its customer.
//!
//! Walks INPUT_DIR recursively (following symbolic links, but never around a loop), skips
//! dot-files, dot-folders and Office lock files (`~$name.xlsx`) silently, and reports files of
//! other types as `unsupported`. It does not open any file: whether a `.xlsx` really is a
//! workbook is the reader's business.
//!
//! Customers: a file directly in INPUT_DIR is the customer named by its stem; every file below a
//! first-level folder belongs to the customer named by that folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{ErrorKind, ErrorRow, FileError};

/// File extensions socscope reads, lower-case.
pub const SUPPORTED_EXTENSIONS: &[&str] =
    &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Where to open it.
    pub path: PathBuf,
    /// Path relative to INPUT_DIR with `/` separators, as written to the outputs.
    pub rel_path: String,
    /// The customer it belongs to.
    pub customer: String,
    /// Lower-case extension, one of [`SUPPORTED_EXTENSIONS`].
    pub extension: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted by customer, then path: the order of every output.
    pub sources: Vec<Source>,
    /// Every customer with at least one candidate file, sorted.
    pub customers: BTreeSet<String>,
    /// Files and folders that were skipped with a reason (unsupported type, unreadable).
    pub skipped: Vec<ErrorRow>,
}

/// Walks `input_dir`. `exclude` is a folder not to descend into (the output folder, when it
/// lies inside the input folder, so that a second run does not read the first run's CSVs).
pub fn discover(input_dir: &Path, exclude: Option<&Path>) -> Discovery {
    let mut found = Discovery::default();
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let walker = walkdir::WalkDir::new(input_dir)
        .follow_links(true)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if is_ignored_name(&name) {
                return false;
            }
            match (&exclude, entry.file_type().is_dir()) {
                (Some(excluded), true) => {
                    entry.path().canonicalize().ok().as_ref() != Some(excluded)
                }
                _ => true,
            }
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                classify(input_dir, entry.path(), &mut found)
            }
            // A folder is walked whatever its name ("answers.xlsx/"): its files are read, and
            // the folder itself is nothing to report.
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => found.skipped.push(ErrorRow {
                file: relative_path(input_dir, entry.path()),
                error: FileError::new(
                    ErrorKind::Unreadable,
                    "not a regular file (a pipe, socket or device): skipped",
                ),
            }),
            Err(err) => found.skipped.push(walk_error_row(input_dir, &err)),
        }
    }
    found
        .sources
        .sort_by(|a, b| (&a.customer, &a.rel_path).cmp(&(&b.customer, &b.rel_path)));
    found.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    found
}

/// Dot-files, dot-folders and Office's `~$` lock files are never questionnaires.
fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

fn classify(input_dir: &Path, path: &Path, found: &mut Discovery) {
    let rel_path = relative_path(input_dir, path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !SUPPORTED_EXTENSIONS.contains(&extension.as_str()) {
        let what = if extension.is_empty() {
            "a file without an extension".to_string()
        } else {
            format!("file type '.{extension}'")
        };
        found.skipped.push(ErrorRow {
            file: rel_path,
            error: FileError::new(
                ErrorKind::Unsupported,
                format!(
                    "skipped {what}: socscope reads .{}",
                    SUPPORTED_EXTENSIONS.join(" .")
                ),
            ),
        });
        return;
    }
    let customer = customer_of(&rel_path);
    found.customers.insert(customer.clone());
    found.sources.push(Source {
        path: path.to_path_buf(),
        rel_path,
        customer,
        extension,
    });
}

/// `acme.csv` -> `acme`; `wayne-bank/2026/sec.xlsx` -> `wayne-bank`.
pub fn customer_of(rel_path: &str) -> String {
    match rel_path.split_once('/') {
        Some((folder, _)) => folder.to_string(),
        None => match rel_path.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_string(),
            _ => rel_path.to_string(),
        },
    }
}

fn relative_path(input_dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(input_dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk_error_row(input_dir: &Path, err: &walkdir::Error) -> ErrorRow {
    let file = err
        .path()
        .map(|p| relative_path(input_dir, p))
        .unwrap_or_default();
    let message = if let Some(ancestor) = err.loop_ancestor() {
        format!(
            "skipped a symbolic link that loops back to '{}'",
            relative_path(input_dir, ancestor)
        )
    } else if let Some(io) = err.io_error() {
        format!("cannot read this path: {io}")
    } else {
        format!("cannot read this path: {err}")
    };
    ErrorRow {
        file,
        error: FileError::new(ErrorKind::Unreadable, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn customer_is_stem_at_top_level_and_folder_below() {
        assert_eq!(customer_of("acme-analytics.csv"), "acme-analytics");
        assert_eq!(customer_of("report.final.xlsx"), "report.final");
        assert_eq!(customer_of("wayne-bank/finance.csv"), "wayne-bank");
        assert_eq!(customer_of("wayne-bank/2026/sec.xlsx"), "wayne-bank");
    }

    #[test]
    fn walk_sorts_skips_hidden_and_lock_files_and_reports_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("wayne-bank/2026")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "zeta.CSV",
            "acme.xlsx",
            "~$acme.xlsx",
            ".DS_Store",
            ".git/config.csv",
            "wayne-bank/finance.csv",
            "wayne-bank/2026/sec.xlsx",
            "wayne-bank/contract.pdf",
            "notes",
        ] {
            fs::write(root.join(name), b"x").unwrap();
        }
        let found = discover(root, None);
        let rels: Vec<_> = found.sources.iter().map(|s| s.rel_path.as_str()).collect();
        assert_eq!(
            rels,
            [
                "acme.xlsx",
                "wayne-bank/2026/sec.xlsx",
                "wayne-bank/finance.csv",
                "zeta.CSV"
            ]
        );
        assert_eq!(found.sources[3].extension, "csv");
        assert_eq!(found.sources[3].customer, "zeta");
        let customers: Vec<_> = found.customers.iter().map(String::as_str).collect();
        assert_eq!(customers, ["acme", "wayne-bank", "zeta"]);
        let skipped: Vec<_> = found
            .skipped
            .iter()
            .map(|r| (r.file.as_str(), r.error.kind))
            .collect();
        assert_eq!(
            skipped,
            [
                ("notes", ErrorKind::Unsupported),
                ("wayne-bank/contract.pdf", ErrorKind::Unsupported)
            ]
        );
    }

    #[test]
    fn output_folder_inside_input_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("out")).unwrap();
        fs::write(dir.path().join("out/questions.csv"), b"x").unwrap();
        fs::write(dir.path().join("acme.csv"), b"x").unwrap();
        let found = discover(dir.path(), Some(&dir.path().join("out")));
        assert_eq!(found.sources.len(), 1);
        assert_eq!(found.sources[0].rel_path, "acme.csv");
    }

    #[test]
    fn a_folder_named_like_a_file_is_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("acme/q.xlsx")).unwrap();
        fs::create_dir_all(dir.path().join("empty.xlsx")).unwrap();
        fs::write(dir.path().join("acme/q.xlsx/inner.csv"), b"x").unwrap();
        let found = discover(dir.path(), None);
        assert_eq!(found.sources.len(), 1);
        assert_eq!(found.sources[0].rel_path, "acme/q.xlsx/inner.csv");
        assert!(found.skipped.is_empty(), "{:?}", found.skipped);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_reported_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("q.csv");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo not available");
            return;
        }
        let found = discover(dir.path(), None);
        assert!(found.sources.is_empty());
        assert_eq!(found.skipped[0].file, "q.csv");
        assert_eq!(found.skipped[0].error.kind, ErrorKind::Unreadable);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_once_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("acme")).unwrap();
        fs::write(dir.path().join("acme/q.csv"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("acme/loop")).unwrap();
        let found = discover(dir.path(), None);
        assert_eq!(found.sources.len(), 1);
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(found.skipped[0].file, "acme/loop");
        assert_eq!(found.skipped[0].error.kind, ErrorKind::Unreadable);
    }
}
