//! One file, start to finish, on a worker thread: read it and detect its questions (in a
//! worker process, or in this process with `--no-workers`), tag them, and hold them until the
//! collector takes them. Failures of any kind come back as data, never as a panic or an abort.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::LayoutOverrides;
use crate::detect::{self, DetectedQuestion, Overrides, SheetVerdict};
use crate::discover::Source;
use crate::error::{ErrorKind, FileError};
use crate::matcher::{Matcher, Tags};
use crate::read::{self, Limits};
use crate::worker::WorkerPool;

/// Questions held in memory per file before the rest go to a temporary file: a million-row
/// CSV is streamed, not held.
pub const SPILL_AFTER: usize = 20_000;

/// What the workers share, read-only.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// Resource limits.
    pub limits: &'a Limits,
    /// Layout fixes named on the command line.
    pub overrides: &'a LayoutOverrides,
    /// The compiled catalog.
    pub matcher: &'a Matcher,
    /// Worker processes, unless files are read in this process.
    pub workers: Option<&'a WorkerPool>,
}

/// A question as found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// How reading a file went, when it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadResult {
    /// Visible sheets read.
    pub sheets_read: usize,
    /// Of those, sheets skipped by their name (cover, instructions...).
    pub sheets_skipped: usize,
}

/// A file's questions: in memory, then (past [`SPILL_AFTER`]) in an anonymous temporary file
/// that the operating system removes even if socscope is killed.
#[derive(Debug, Default)]
pub struct QuestionBuffer {
    memory: Vec<FoundQuestion>,
    spill: Option<BufWriter<File>>,
    spilled: usize,
}

impl QuestionBuffer {
    fn push(&mut self, question: FoundQuestion) -> io::Result<()> {
        if self.spill.is_none() && self.memory.len() < SPILL_AFTER {
            self.memory.push(question);
            return Ok(());
        }
        if self.spill.is_none() {
            self.spill = Some(BufWriter::new(tempfile::tempfile()?));
        }
        if let Some(spill) = self.spill.as_mut() {
            serde_json::to_writer(&mut *spill, &question).map_err(io::Error::other)?;
            spill.write_all(b"\n")?;
            self.spilled += 1;
        }
        Ok(())
    }

    /// Number of questions.
    pub fn len(&self) -> usize {
        self.memory.len() + self.spilled
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn clear(&mut self) {
        self.memory.clear();
        self.spill = None;
        self.spilled = 0;
    }

    /// All questions, in the order they were found.
    pub fn drain(self) -> io::Result<impl Iterator<Item = io::Result<FoundQuestion>>> {
        let spilled = match self.spill {
            Some(writer) => {
                let mut file = writer.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                Some(BufReader::new(file).lines().map(|line| {
                    line.and_then(|l| {
                        serde_json::from_str::<FoundQuestion>(&l).map_err(io::Error::other)
                    })
                }))
            }
            None => None,
        };
        Ok(self
            .memory
            .into_iter()
            .map(Ok)
            .chain(spilled.into_iter().flatten()))
    }
}

/// The result of one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// Questions in sheet and row order.
    pub questions: QuestionBuffer,
    /// Why the file gave no questions, if it did not.
    pub error: Option<FileError>,
}

impl FileOutcome {
    /// Whether the file was read (even if nothing in it was a question).
    pub fn was_read(&self) -> bool {
        self.error.as_ref().is_none_or(|e| e.kind.file_was_read())
    }
}

/// Reads one file and detects its questions in this process, passing each to `on_question`
/// with its sheet name. A panic in a parser becomes a `corrupt` error.
pub fn read_and_detect(
    path: &Path,
    extension: &str,
    limits: &Limits,
    overrides: &Overrides,
    on_question: &mut dyn FnMut(&str, DetectedQuestion),
) -> Result<ReadResult, FileError> {
    let attempt = panic::catch_unwind(AssertUnwindSafe(|| {
        read_and_detect_unguarded(path, extension, limits, overrides, on_question)
    }));
    attempt.unwrap_or_else(|payload| {
        Err(FileError::new(
            ErrorKind::Corrupt,
            format!(
                "the reader failed on this file's content ({}): open it in a spreadsheet program and save it again",
                panic_message(payload.as_ref())
            ),
        ))
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".to_string())
}

/// [`read_and_detect`] without the panic guard: for the fuzz targets, which must see a panic
/// in a dependency as the bug it is.
pub fn read_and_detect_unguarded(
    path: &Path,
    extension: &str,
    limits: &Limits,
    overrides: &Overrides,
    on_question: &mut dyn FnMut(&str, DetectedQuestion),
) -> Result<ReadResult, FileError> {
    let mut skipped = 0usize;
    let summary = read::read_file(path, extension, limits, &mut |meta, rows| {
        let verdict =
            detect::detect_sheet(meta, rows, overrides, &mut |q| on_question(&meta.name, q))?;
        if verdict == SheetVerdict::SkippedByName {
            skipped += 1;
        }
        Ok(())
    })?;
    Ok(ReadResult {
        sheets_read: summary.sheets_read,
        sheets_skipped: skipped,
    })
}

/// Reads, detects and tags one file. Never panics: a failure anywhere (a reader bug is
/// caught closer to the reader, this catches the rest) is the file's error, so that the
/// batch goes on.
pub fn process_file(source: &Source, context: Context<'_>) -> FileOutcome {
    panic::catch_unwind(AssertUnwindSafe(|| process_file_unguarded(source, context)))
        .unwrap_or_else(|payload| FileOutcome {
            questions: QuestionBuffer::default(),
            error: Some(FileError::new(
                ErrorKind::Corrupt,
                format!(
                    "socscope failed on this file ({}): please report it",
                    panic_message(payload.as_ref())
                ),
            )),
        })
}

fn process_file_unguarded(source: &Source, context: Context<'_>) -> FileOutcome {
    let mut questions = QuestionBuffer::default();
    let mut buffer_error: Option<io::Error> = None;
    // The subjects a sheet's name and a section's title give their questions, worked out
    // once per section: (sheet, section, subjects).
    let mut place: (String, String, Vec<String>) = (String::new(), String::new(), Vec::new());
    let mut on_question = |sheet: &str, q: DetectedQuestion| {
        if buffer_error.is_some() {
            return;
        }
        if place.0 != sheet || place.1 != q.section {
            place.2 = context.matcher.context_of(sheet, &q.section);
            place.0 = sheet.to_string();
            place.1.clone_from(&q.section);
        }
        let tags = context.matcher.tag_in_context(&q.text, &place.2);
        let found = FoundQuestion {
            sheet: sheet.to_string(),
            row: q.row,
            id: q.id,
            text: q.text,
            tags,
        };
        if let Err(e) = questions.push(found) {
            buffer_error = Some(e);
        }
    };
    let read = match context.workers {
        Some(pool) => pool.read_file(
            &source.path,
            &source.extension,
            &source.rel_path,
            &mut on_question,
        ),
        None => {
            let overrides = context.overrides.for_file(&source.rel_path);
            read_and_detect(
                &source.path,
                &source.extension,
                context.limits,
                &overrides,
                &mut on_question,
            )
        }
    };
    let error = match (read, buffer_error) {
        (_, Some(e)) => Some(FileError::new(
            ErrorKind::Unreadable,
            format!("cannot hold this file's questions in a temporary file: {e}"),
        )),
        (Err(error), None) => Some(error),
        (Ok(_), None) if !questions.is_empty() => None,
        (Ok(result), None) => Some(no_questions(result)),
    };
    if error.as_ref().is_some_and(|e| !e.kind.file_was_read()) {
        questions.clear();
    }
    FileOutcome { questions, error }
}

fn no_questions(result: ReadResult) -> FileError {
    let what = match (result.sheets_read, result.sheets_skipped) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn question(n: u32) -> FoundQuestion {
        FoundQuestion {
            sheet: "S".into(),
            row: n,
            id: format!("Q{n}"),
            text: format!("Is control {n} in place?"),
            tags: Tags::default(),
        }
    }

    #[test]
    fn a_large_buffer_spills_and_drains_in_order() {
        let mut buffer = QuestionBuffer::default();
        let total = SPILL_AFTER as u32 + 50;
        for n in 0..total {
            buffer.push(question(n)).unwrap();
        }
        assert_eq!(buffer.len(), total as usize);
        assert!(buffer.spill.is_some());
        let rows: Vec<u32> = buffer.drain().unwrap().map(|q| q.unwrap().row).collect();
        assert_eq!(rows, (0..total).collect::<Vec<_>>());
    }
}
