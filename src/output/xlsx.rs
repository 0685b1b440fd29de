//! `summary.xlsx`: the summary, portfolio, questions and errors as sheets of one workbook,
//! with frozen header rows, filters and sensible column widths, because procurement lives in
//! Excel.
//!
//! Every sheet is in rust_xlsxwriter's constant-memory mode (rows go to a temporary file as
//! they are written), so the Questions sheet streams like `questions.csv` does and memory
//! stays flat however many questions there are. Text is always written as a string cell,
//! which Excel never evaluates: no apostrophe is needed here, unlike in the CSVs.

use std::io;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{OutputError, PendingFile, QUESTION_COLUMNS, QuestionRow, Table, Value, write_file};

/// The file name in OUT_DIR.
pub const FILE_NAME: &str = "summary.xlsx";

/// Sheet names, in workbook order.
pub const SHEETS: [&str; 4] = ["Summary", "Portfolio", "Questions", "Errors"];
const SUMMARY: usize = 0;
const PORTFOLIO: usize = 1;
const QUESTIONS: usize = 2;
const ERRORS: usize = 3;

/// Excel's last row, 0-based.
const LAST_ROW: u32 = 1_048_575;

/// Excel's longest cell text, in UTF-16 units.
const MAX_CELL_UTF16: usize = 32_767;

/// The workbook being built: questions are added as they are collected, the other sheets at
/// the end.
pub struct SummaryWorkbook {
    workbook: Workbook,
    header: Format,
    /// Next row of the Questions sheet.
    next_question_row: u32,
    /// Questions that did not fit in Excel's rows.
    questions_left_out: u64,
}

impl SummaryWorkbook {
    /// Starts the workbook, with the Questions sheet's header written.
    pub fn new() -> Result<Self, OutputError> {
        let mut workbook = Workbook::new();
        for name in SHEETS {
            workbook
                .add_worksheet_with_constant_memory()
                .and_then(|sheet| sheet.set_name(name))
                .map_err(xlsx_error)?;
        }
        let mut book = SummaryWorkbook {
            workbook,
            header: Format::new().set_bold(),
            next_question_row: 1,
            questions_left_out: 0,
        };
        let header = book.header.clone();
        let sheet = book.sheet(QUESTIONS)?;
        write_header(sheet, QUESTION_COLUMNS.iter().copied(), &header)?;
        set_widths(
            sheet,
            &[
                18.0, 28.0, 16.0, 6.0, 12.0, 80.0, 12.0, 24.0, 20.0, 30.0, 14.0,
            ],
        )?;
        Ok(book)
    }

    fn sheet(&mut self, index: usize) -> Result<&mut Worksheet, OutputError> {
        self.workbook
            .worksheet_from_index(index)
            .map_err(xlsx_error)
    }

    /// Adds one question to the Questions sheet.
    pub fn question(&mut self, q: &QuestionRow<'_>) -> Result<(), OutputError> {
        // The last row is kept for the note saying how many did not fit.
        if self.next_question_row >= LAST_ROW {
            self.questions_left_out += 1;
            return Ok(());
        }
        let row = self.next_question_row;
        let sheet = self.sheet(QUESTIONS)?;
        let texts = [q.customer, q.file, q.sheet];
        for (col, text) in (0u16..).zip(texts) {
            write_text(sheet, row, col, text)?;
        }
        sheet
            .write_number(row, 3, f64::from(q.row))
            .map_err(xlsx_error)?;
        let texts = [
            q.id,
            q.text,
            q.frameworks,
            q.categories,
            q.criteria,
            q.keywords,
            q.signals,
        ];
        for (col, text) in (4u16..).zip(texts) {
            write_text(sheet, row, col, text)?;
        }
        self.next_question_row += 1;
        Ok(())
    }

    /// Fills the other sheets and writes the workbook to a temporary file in `dir`.
    pub fn finish(
        mut self,
        dir: &Path,
        summary: &Table,
        portfolio: &Table,
        errors: &Table,
    ) -> Result<PendingFile, OutputError> {
        let header = self.header.clone();
        let last_question_row = self.next_question_row - 1;
        if self.questions_left_out > 0 {
            let note = format!(
                "{} more questions do not fit in a worksheet: see questions.csv",
                self.questions_left_out
            );
            let row = self.next_question_row;
            write_text(self.sheet(QUESTIONS)?, row, 0, &note)?;
        }
        finish_table_sheet(
            self.sheet(QUESTIONS)?,
            QUESTION_COLUMNS.len(),
            last_question_row,
        )?;
        let widths: [(usize, &Table, &[f64]); 3] = [
            (
                SUMMARY,
                summary,
                &[
                    18.0, 7.0, 10.0, 9.0, 15.0, 11.0, 30.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 24.0,
                    90.0,
                ],
            ),
            (
                PORTFOLIO,
                portfolio,
                &[
                    6.0, 50.0, 12.0, 11.0, 40.0, 10.0, 10.0, 10.0, 80.0, 12.0, 12.0,
                ],
            ),
            (ERRORS, errors, &[40.0, 14.0, 90.0]),
        ];
        for (index, table, widths) in widths {
            let sheet = self.sheet(index)?;
            write_table(sheet, table, &header)?;
            set_widths(sheet, widths)?;
        }
        let mut workbook = self.workbook;
        write_file(dir, FILE_NAME, |writer| {
            workbook.save_to_writer(writer).map_err(io::Error::other)
        })
    }
}

fn write_header<'a>(
    sheet: &mut Worksheet,
    names: impl Iterator<Item = &'a str>,
    format: &Format,
) -> Result<(), OutputError> {
    for (col, name) in (0u16..).zip(names) {
        sheet
            .write_string_with_format(0, col, name, format)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

fn write_table(sheet: &mut Worksheet, table: &Table, header: &Format) -> Result<(), OutputError> {
    write_header(sheet, table.header.iter().map(String::as_str), header)?;
    let mut last_row = 0;
    for (row, values) in (1u32..LAST_ROW).zip(&table.rows) {
        for (col, value) in (0u16..).zip(values) {
            match value {
                Value::Text(text) => write_text(sheet, row, col, text)?,
                Value::Number(n) => {
                    sheet
                        .write_number(row, col, *n as f64)
                        .map_err(xlsx_error)?;
                }
            }
        }
        last_row = row;
    }
    finish_table_sheet(sheet, table.header.len(), last_row)
}

/// Frozen header row and a filter over the filled range.
fn finish_table_sheet(
    sheet: &mut Worksheet,
    columns: usize,
    last_row: u32,
) -> Result<(), OutputError> {
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let last_col = u16::try_from(columns.saturating_sub(1)).unwrap_or(u16::MAX);
    sheet
        .autofilter(0, 0, last_row, last_col)
        .map_err(xlsx_error)?;
    Ok(())
}

fn set_widths(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), OutputError> {
    for (col, &width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    Ok(())
}

/// Writes text as a string cell, cut to what a cell can hold.
fn write_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), OutputError> {
    if text.is_empty() {
        return Ok(());
    }
    sheet
        .write_string(row, col, fit_in_cell(text))
        .map_err(xlsx_error)?;
    Ok(())
}

/// `text`, cut at a character boundary to Excel's 32,767 UTF-16 units.
fn fit_in_cell(text: &str) -> &str {
    // Each UTF-8 byte is at most one UTF-16 unit, so short texts need no counting.
    if text.len() <= MAX_CELL_UTF16 {
        return text;
    }
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_UTF16 {
            return &text[..at];
        }
    }
    text
}

fn xlsx_error(error: XlsxError) -> OutputError {
    OutputError::Write {
        path: FILE_NAME.into(),
        source: io::Error::other(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let short = "Is data encrypted at rest?";
        assert_eq!(fit_in_cell(short), short);
        let long = "é".repeat(40_000);
        let cut = fit_in_cell(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UTF16);
        let emoji = "😀".repeat(20_000);
        let cut = fit_in_cell(&emoji);
        assert!(cut.encode_utf16().count() <= MAX_CELL_UTF16);
        assert!(cut.encode_utf16().count() >= MAX_CELL_UTF16 - 1);
    }
}
