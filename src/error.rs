//! Per-file failures as data.
//!
//! A file that cannot be turned into questions never stops the batch: it becomes a [`FileError`],
//! one row of `errors.csv`. Each has a stable [`ErrorKind`] that scripts can filter on and a
//! message a person can act on. Errors that end the whole run (input folder missing, output not
//! writable) are not here: they are [`crate::FatalError`]s.

use std::fmt;

/// The stable categories of `errors.csv`'s `kind` column.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ErrorKind {
    /// Not a questionnaire format socscope reads (by extension or by content).
    Unsupported,
    /// The file has no content at all.
    Empty,
    /// Password-protected or encrypted.
    Encrypted,
    /// The content claims a format but does not follow it.
    Corrupt,
    /// A resource limit was hit (file size, inflated size, cells, cell length).
    TooLarge,
    /// The file was read, but no sheet held anything that looks like a question.
    NoQuestions,
    /// The operating system would not let us read it (permissions, a directory, I/O error).
    Unreadable,
}

impl ErrorKind {
    /// The identifier written to `errors.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Empty => "empty",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::NoQuestions => "no_questions",
            ErrorKind::Unreadable => "unreadable",
        }
    }

    /// Whether a file with this error was nevertheless read (it counts in `summary.csv`'s
    /// `files` column and does not trip `--fail-on-error`).
    pub fn file_was_read(self) -> bool {
        matches!(self, ErrorKind::NoQuestions)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why one file produced no questions: a kind plus a human sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{kind}: {message}")]
pub struct FileError {
    /// Stable category.
    pub kind: ErrorKind,
    /// What happened and, where there is one, what the user can do about it.
    pub message: String,
}

impl FileError {
    /// Builds an error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        FileError {
            kind,
            message: message.into(),
        }
    }
}

/// A file path as written to the outputs, relative to INPUT_DIR with `/` separators, paired
/// with what went wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    /// Path relative to INPUT_DIR.
    pub file: String,
    /// The failure.
    pub error: FileError,
}
