//! One file, start to finish, on a worker thread: read it, find its questions. Failures of any
//! kind, a panic inside a parser included, come back as data.

use std::panic::{self, AssertUnwindSafe};

use crate::config::LayoutOverrides;
use crate::detect::{self, SheetVerdict};
use crate::discover::Source;
use crate::error::{ErrorKind, FileError};
use crate::matcher::{Matcher, Tags};
use crate::read::{self, Limits};

/// What the workers share, read-only.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Resource limits.
    pub limits: &'a Limits,
    /// Layout fixes named on the command line.
    pub overrides: &'a LayoutOverrides,
    /// The compiled catalog.
    pub matcher: &'a Matcher,
}

/// A question as found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuestion {
    /// Sheet name; empty for delimited text.
    pub sheet: String,
    /// 1-based row.
    pub row: u32,
    /// The customer's reference, or empty.
    pub id: String,
    /// Whitespace-normalized text.
    pub text: String,
    /// What the catalog says it is about.
    pub tags: Tags,
}

/// The result of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    /// Questions in sheet and row order.
    pub questions: Vec<FoundQuestion>,
    /// Why the file gave no questions, if it did not.
    pub error: Option<FileError>,
}

impl FileOutcome {
    /// Whether the file was read (even if nothing in it was a question).
    pub fn was_read(&self) -> bool {
        self.error.as_ref().is_none_or(|e| e.kind.file_was_read())
    }
}

/// Reads and detects one file. Never panics: a panic in a dependency becomes a `corrupt` error.
pub fn process_file(source: &Source, context: Context<'_>) -> FileOutcome {
    match panic::catch_unwind(AssertUnwindSafe(|| process_inner(source, context))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".to_string());
            FileOutcome {
                questions: Vec::new(),
                error: Some(FileError::new(
                    ErrorKind::Corrupt,
                    format!(
                        "the reader failed on this file's content ({detail}): open it in a spreadsheet program and save it again"
                    ),
                )),
            }
        }
    }
}

fn process_inner(source: &Source, context: Context<'_>) -> FileOutcome {
    let overrides = context.overrides.for_file(&source.rel_path);
    let mut questions = Vec::new();
    let mut sheets_skipped_by_name = 0usize;
    let read = read::read_file(
        &source.path,
        &source.extension,
        context.limits,
        &mut |meta, rows| {
            let verdict = detect::detect_sheet(meta, rows, &overrides, &mut |q| {
                let tags = context.matcher.tag(&q.text);
                questions.push(FoundQuestion {
                    sheet: meta.name.clone(),
                    row: q.row,
                    id: q.id,
                    text: q.text,
                    tags,
                });
            })?;
            if verdict == SheetVerdict::SkippedByName {
                sheets_skipped_by_name += 1;
            }
            Ok(())
        },
    );
    let error = match read {
        Err(error) => Some(error),
        Ok(_) if !questions.is_empty() => None,
        Ok(summary) => Some(no_questions(summary.sheets_read, sheets_skipped_by_name)),
    };
    if error.as_ref().is_some_and(|e| !e.kind.file_was_read()) {
        questions.clear();
    }
    FileOutcome { questions, error }
}

fn no_questions(sheets: usize, skipped_by_name: usize) -> FileError {
    let what = match (sheets, skipped_by_name) {
        (0, _) => "the file has no visible worksheet".to_string(),
        (n, s) if s == n => format!(
            "{} only holds cover, instruction or reference sheets",
            if n == 1 {
                "the file".to_string()
            } else {
                format!("all {n} sheets")
            }
        ),
        (1, _) => "no questions found".to_string(),
        (n, _) => format!("no questions found in {n} visible sheets"),
    };
    FileError::new(
        ErrorKind::NoQuestions,
        format!(
            "{what}: if it does hold questions, name the header row and question column with --header-row and --question-col"
        ),
    )
}
