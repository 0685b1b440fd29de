//! Stage 6: rows -> files in OUT_DIR, atomically and safely.
//!
//! Every output is written to a temporary file inside OUT_DIR and renamed into place only after
//! all of them are complete and flushed to disk, so an interrupted run leaves the previous
//! outputs (or none), never a truncated file. This is also the one place that builds CSV
//! writers: UTF-8 with a byte-order mark (Excel needs it to read accents), CRLF line ends,
//! RFC 4180 quoting, and every text cell made inert for spreadsheets (see [`formula_safe`]).

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

pub mod html;
pub mod tables;
pub mod xlsx;

pub use tables::{Table, Value};

/// Column names of `questions.csv`, in order.
pub const QUESTION_COLUMNS: [&str; 11] = [
    "customer",
    "file",
    "sheet",
    "row",
    "question_id",
    "question",
    "frameworks",
    "categories",
    "criteria",
    "keywords",
    "signals",
];

/// Column names of `summary.csv`, in order.
pub const SUMMARY_COLUMNS: [&str; 15] = [
    "customer",
    "files",
    "questions",
    "matched",
    "recommendation",
    "report_type",
    "soc2_categories",
    "soc1_questions",
    "security",
    "availability",
    "confidentiality",
    "processing_integrity",
    "privacy",
    "also_requested",
    "rationale",
];

/// Column names of `errors.csv`, in order.
pub const ERROR_COLUMNS: [&str; 3] = ["file", "kind", "message"];

/// Errors that stop the run: the output folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// OUT_DIR could not be created.
    #[error("cannot create the output folder {path}: {source}")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing or renaming an output failed (full disk, permissions).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// One cell of an output row: text from the customer's files (made formula-safe) or a number
/// socscope computed (written as is).
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    /// Text; neutralised if a spreadsheet would run it as a formula.
    Text(&'a str),
    /// A count or row number.
    Number(u64),
}

/// A number's decimal digits, written without allocating (one per question row).
#[derive(Default)]
struct Digits([u8; 20]);

impl Digits {
    fn format(&mut self, mut n: u64) -> &[u8] {
        let mut at = self.0.len();
        loop {
            at -= 1;
            // `n % 10` is below 10: the cast cannot truncate.
            self.0[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                return &self.0[at..];
            }
        }
    }
}

/// One row of `questions.csv`, as every writer of questions receives it.
#[derive(Debug, Clone, Copy)]
pub struct QuestionRow<'a> {
    /// `customer`.
    pub customer: &'a str,
    /// `file`.
    pub file: &'a str,
    /// `sheet`.
    pub sheet: &'a str,
    /// `row`.
    pub row: u32,
    /// `question_id`.
    pub id: &'a str,
    /// `question`.
    pub text: &'a str,
    /// `frameworks`: empty when nothing matched.
    pub frameworks: &'a str,
    /// `categories`.
    pub categories: &'a str,
    /// `criteria`.
    pub criteria: &'a str,
    /// `keywords`.
    pub keywords: &'a str,
    /// `signals`.
    pub signals: &'a str,
}

/// The writers besides `questions.csv` that want every question as it is collected: the
/// workbook's Questions sheet, and the sample of unmatched questions for the HTML report.
#[derive(Default)]
pub struct QuestionSinks {
    /// `summary.xlsx`, when asked for.
    pub workbook: Option<xlsx::SummaryWorkbook>,
    /// Questions nothing matched, for `report.html`, when asked for.
    pub unmatched: Option<html::UnmatchedSample>,
}

impl QuestionSinks {
    /// Passes one question on.
    pub fn question(&mut self, q: &QuestionRow<'_>) -> Result<(), OutputError> {
        if let Some(unmatched) = &mut self.unmatched {
            unmatched.question(q);
        }
        match &mut self.workbook {
            Some(workbook) => workbook.question(q),
            None => Ok(()),
        }
    }
}

/// A CSV being written to a temporary file that becomes `final_path` on [`CsvOutput::commit`].
pub struct CsvOutput {
    writer: csv::Writer<BufWriter<NamedTempFile>>,
    final_path: PathBuf,
}

impl CsvOutput {
    /// Starts `name` inside `dir` with the given header row.
    pub fn create(
        dir: &Path,
        name: &str,
        header: &[&str],
        bom: bool,
    ) -> Result<CsvOutput, OutputError> {
        let final_path = dir.join(name);
        let write_error = |source| OutputError::Write {
            path: final_path.clone(),
            source,
        };
        let temp = temp_file(dir, name).map_err(write_error)?;
        let mut buffered = BufWriter::with_capacity(256 * 1024, temp);
        if bom {
            buffered.write_all(b"\xEF\xBB\xBF").map_err(write_error)?;
        }
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(buffered);
        let mut output = CsvOutput { writer, final_path };
        let header: Vec<Field<'_>> = header.iter().map(|h| Field::Text(h)).collect();
        output.write_row(&header)?;
        Ok(output)
    }

    /// Appends one row.
    pub fn write_row(&mut self, fields: &[Field<'_>]) -> Result<(), OutputError> {
        // Fields go to the writer as they are (copied only when made formula-safe): copying
        // each into a scratch string first was a third of the cost of writing a question.
        let mut number = Digits::default();
        let mut result = Ok(());
        for field in fields {
            result = match field {
                Field::Text(text) => self.writer.write_field(formula_safe(text).as_bytes()),
                Field::Number(n) => self.writer.write_field(number.format(*n)),
            };
            if result.is_err() {
                break;
            }
        }
        let result = result.and_then(|()| self.writer.write_record(None::<&[u8]>));
        result.map_err(|e| self.error(csv_io_error(e)))
    }

    /// Appends one row of `questions.csv`.
    pub fn write_question(&mut self, q: &QuestionRow<'_>) -> Result<(), OutputError> {
        self.write_row(&[
            Field::Text(q.customer),
            Field::Text(q.file),
            Field::Text(q.sheet),
            Field::Number(u64::from(q.row)),
            Field::Text(q.id),
            Field::Text(q.text),
            Field::Text(q.frameworks),
            Field::Text(q.categories),
            Field::Text(q.criteria),
            Field::Text(q.keywords),
            Field::Text(q.signals),
        ])
    }

    /// Appends every row of `table` (its header was given to [`CsvOutput::create`]).
    pub fn write_table(&mut self, table: &Table) -> Result<(), OutputError> {
        let mut fields = Vec::with_capacity(table.header.len());
        for row in &table.rows {
            fields.clear();
            fields.extend(row.iter().map(|value| match value {
                Value::Text(text) => Field::Text(text),
                Value::Number(n) => Field::Number(*n),
            }));
            self.write_row(&fields)?;
        }
        Ok(())
    }

    /// Flushes everything to disk: the file is complete, but not yet in place.
    pub fn finish(self) -> Result<PendingFile, OutputError> {
        let final_path = self.final_path;
        let error = |source| OutputError::Write {
            path: final_path.clone(),
            source,
        };
        let buffered = self
            .writer
            .into_inner()
            .map_err(|e| error(io::Error::other(e.to_string())))?;
        let temp = buffered.into_inner().map_err(|e| error(e.into_error()))?;
        temp.as_file().sync_all().map_err(error)?;
        Ok(PendingFile { temp, final_path })
    }

    fn error(&self, source: io::Error) -> OutputError {
        OutputError::Write {
            path: self.final_path.clone(),
            source,
        }
    }
}

/// Writes `table` as the CSV file `name` in `dir`.
pub fn csv_table(
    dir: &Path,
    name: &str,
    table: &Table,
    bom: bool,
) -> Result<PendingFile, OutputError> {
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let mut out = CsvOutput::create(dir, name, &header, bom)?;
    out.write_table(table)?;
    out.finish()
}

/// A complete output in a temporary file beside its final place, waiting for
/// [`commit_all`].
pub struct PendingFile {
    temp: NamedTempFile,
    final_path: PathBuf,
}

impl PendingFile {
    /// The complete content, for a writer that derives another output from it.
    pub fn path(&self) -> &Path {
        self.temp.path()
    }
}

/// Writes `name` inside `dir` through `write` into a temporary file, flushed and synced: the
/// whole file or, on error, nothing.
pub fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> Result<PendingFile, OutputError> {
    let final_path = dir.join(name);
    let error = |source| OutputError::Write {
        path: final_path.clone(),
        source,
    };
    let temp = temp_file(dir, name).map_err(error)?;
    let mut buffered = BufWriter::with_capacity(256 * 1024, temp.as_file());
    write(&mut buffered).map_err(error)?;
    buffered.flush().map_err(error)?;
    drop(buffered);
    temp.as_file().sync_all().map_err(error)?;
    Ok(PendingFile { temp, final_path })
}

/// A hidden temporary file in `dir` that [`prepare_dir`] recognises as ours.
fn temp_file(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.");
    builder.prefix(&prefix).suffix(".tmp");
    // Temporary files are private (0600) by default; an output is an ordinary file and
    // gets the permissions the user's umask gives any new file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// Every file name socscope writes in OUT_DIR.
pub const OUTPUT_NAMES: [&str; 7] = [
    "questions.csv",
    "summary.csv",
    "errors.csv",
    "portfolio.csv",
    "criteria.csv",
    "report.html",
    "summary.xlsx",
];

fn csv_io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Makes OUT_DIR if needed, and removes temporary files that an interrupted run (killed, or
/// out of disk) left there more than an hour ago. Younger ones may belong to a run still going.
pub fn prepare_dir(dir: &Path) -> Result<(), OutputError> {
    fs::create_dir_all(dir).map_err(|source| OutputError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = OUTPUT_NAMES
            .iter()
            .any(|output| name.starts_with(&format!(".{output}.")) && name.ends_with(".tmp"));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < hour_ago);
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Puts every finished output in place. Each was flushed and synced when it was finished, so
/// the renames, which come last, only ever expose complete files.
pub fn commit_all(outputs: Vec<PendingFile>) -> Result<(), OutputError> {
    let mut dir = None;
    for PendingFile { temp, final_path } in outputs {
        dir = final_path.parent().map(Path::to_path_buf);
        temp.persist(&final_path).map_err(|e| OutputError::Write {
            path: final_path.clone(),
            source: e.error,
        })?;
    }
    // Make the renames themselves durable.
    if let Some(handle) = dir.and_then(|dir| File::open(dir).ok()) {
        let _ = handle.sync_all();
    }
    Ok(())
}

/// `61204` -> `61,204`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Neutralises text that Excel or LibreOffice would evaluate as a formula, following the OWASP
/// CSV-injection guidance: a cell starting with `=`, `+`, `-`, `@`, tab, carriage return, line
/// feed, NUL, or their full-width forms gets a leading apostrophe, which spreadsheets display
/// as text and hide. Everything else is left as it is.
pub fn formula_safe(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\0' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{text}"))
        }
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            formula_safe("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(formula_safe("+1"), "'+1");
        assert_eq!(formula_safe("-1+2"), "'-1+2");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("\t=1+1"), "'\t=1+1");
        assert_eq!(formula_safe("＝1+1"), "'＝1+1");
        assert_eq!(formula_safe("Do you encrypt data?"), "Do you encrypt data?");
        assert_eq!(formula_safe(""), "");
    }

    proptest! {
        #[test]
        fn no_text_cell_starts_like_a_formula(text in ".*") {
            let safe = formula_safe(&text);
            let first = safe.chars().next();
            prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\0' | '＝' | '＋' | '－' | '＠')));
            if !safe.starts_with('\'') || text.starts_with('\'') {
                prop_assert_eq!(safe.as_ref(), text.as_str());
            }
        }
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(61_204), "61,204");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn outputs_appear_only_on_commit_with_bom_crlf_and_quoting() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = CsvOutput::create(dir.path(), "errors.csv", &ERROR_COLUMNS, true).unwrap();
        out.write_row(&[
            Field::Text("a,b.csv"),
            Field::Text("corrupt"),
            Field::Text("=cmd"),
        ])
        .unwrap();
        assert!(!dir.path().join("errors.csv").exists());
        commit_all(vec![out.finish().unwrap()]).unwrap();
        let bytes = fs::read(dir.path().join("errors.csv")).unwrap();
        assert_eq!(
            bytes,
            b"\xEF\xBB\xBFfile,kind,message\r\n\"a,b.csv\",corrupt,'=cmd\r\n".to_vec()
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    /// Regression: outputs came out 0600 (the temporary file's mode), unreadable to the
    /// colleagues a shared OUT_DIR is for.
    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_an_ordinary_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::write(&plain, b"").unwrap();
        let out = CsvOutput::create(dir.path(), "summary.csv", &ERROR_COLUMNS, false).unwrap();
        commit_all(vec![out.finish().unwrap()]).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("summary.csv")), mode(&plain));
    }

    #[test]
    fn dropping_an_unfinished_output_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = CsvOutput::create(dir.path(), "questions.csv", &QUESTION_COLUMNS, false).unwrap();
        drop(out);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
