//! Stage 2: one file -> its visible sheets, each a stream of rows of text cells.
//!
//! The reader is chosen by the file's first bytes, not its name: a CSV saved as `.xlsx` is read
//! as CSV, an encrypted workbook is reported as `encrypted` whatever it is called. Delimited text
//! is decoded to UTF-8 (BOM, then UTF-8 validity, then a statistical guess) and its delimiter is
//! sniffed; workbooks are read through calamine, xlsx/xlsb with its streaming cell reader so a
//! sheet is never materialized as a dense grid.
//!
//! Every cell becomes the text a person sees: numbers without a spurious `.0`, dates as ISO
//! dates, formulas by their cached value. Empty cells are dropped, so a [`Row`] holds only the
//! cells that have something in them. Hidden and very-hidden sheets and chart sheets are not
//! read. The reader does not decide what is a question: that is [`crate::detect`].

mod guard;
mod sniff;
mod text;
mod workbook;

use std::path::Path;

pub use sniff::{Format, sniff_format};

use crate::error::FileError;

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 0-based column index (A = 0).
    pub col: u32,
    /// The cell's text as displayed, untrimmed.
    pub text: String,
}

/// One row that has at least one non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number as a spreadsheet shows it (for CSV: the record number, blank lines
    /// included, so that it matches what Excel shows when it opens the file).
    pub number: u32,
    /// Non-empty cells in column order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The text of column `col`, if that cell is not empty.
    pub fn get(&self, col: u32) -> Option<&str> {
        self.cells
            .binary_search_by_key(&col, |c| c.col)
            .ok()
            .map(|i| self.cells[i].text.as_str())
    }
}

/// A rectangle of merged cells; the value lives in its top-left cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedRegion {
    /// 1-based first row.
    pub first_row: u32,
    /// 1-based last row (inclusive).
    pub last_row: u32,
    /// 0-based first column.
    pub first_col: u32,
    /// 0-based last column (inclusive).
    pub last_col: u32,
}

/// What is known about a sheet before its rows are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetMeta {
    /// Sheet name; empty for delimited text.
    pub name: String,
    /// Merged regions (xlsx and xls only; other formats do not expose them).
    pub merges: Vec<MergedRegion>,
}

/// Bounds that keep one file from taking the machine down. Defaults are generous enough for
/// any real questionnaire (a 50 MB workbook with 100,000 rows) and strict enough that no file
/// gets near a gigabyte of memory; `docs/DESIGN.md` says why each is what it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Longest cell kept, in bytes; longer cells are cut at a character boundary (Excel itself
    /// stops at 32,767 characters, so real questionnaires never come near).
    pub max_cell_bytes: usize,
    /// Most non-empty cells read from one sheet before the file is refused as `too_large`.
    pub max_cells_per_sheet: u64,
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Largest declared inflated size of one part of a zipped workbook, in bytes.
    pub max_inflated_bytes: u64,
    /// Highest inflated/compressed ratio of a part larger than 1 MiB.
    pub max_compression_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_cell_bytes: 64 * 1024,
            max_cells_per_sheet: 5_000_000,
            max_file_bytes: 1024 * 1024 * 1024,
            max_inflated_bytes: 1024 * 1024 * 1024,
            max_compression_ratio: 100,
        }
    }
}

/// A stream of rows from one sheet.
pub type Rows<'a> = dyn Iterator<Item = Result<Row, FileError>> + 'a;

/// What the reader learned about the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// The format the content turned out to be.
    pub format: Format,
    /// Sheets handed to the callback (visible worksheets; 1 for delimited text).
    pub sheets_read: usize,
}

/// Reads the file at `path` (whose extension, lower-case, is `extension`) and calls `on_sheet`
/// once per visible sheet, in workbook order, with the sheet's rows in row order.
///
/// An error returned by `on_sheet` stops the file and is returned as is.
pub fn read_file(
    path: &Path,
    extension: &str,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<ReadSummary, FileError> {
    guard::check_file_size(path, limits)?;
    let format = sniff_format(path, extension)?;
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        guard::check_zip(path, limits)?;
    }
    let sheets_read = match format {
        Format::DelimitedText => text::read(path, extension, limits, on_sheet)?,
        Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods => {
            workbook::read(path, format, limits, on_sheet)?
        }
    };
    Ok(ReadSummary {
        format,
        sheets_read,
    })
}

/// Removes control characters a cell should not carry (NUL and other C0 controls except tab
/// and line breaks, DEL), in place; they are invisible in a spreadsheet and only confuse
/// whatever reads our output.
fn strip_controls(text: &mut String) {
    if text
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F)
    {
        text.retain(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    }
}

/// Cuts `text` to at most `max` bytes at a character boundary.
fn truncate_at_char_boundary(text: &mut String, max: usize) {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_get_finds_cells_by_column() {
        let row = Row {
            number: 3,
            cells: vec![
                Cell {
                    col: 0,
                    text: "A".into(),
                },
                Cell {
                    col: 4,
                    text: "E".into(),
                },
            ],
        };
        assert_eq!(row.get(0), Some("A"));
        assert_eq!(row.get(4), Some("E"));
        assert_eq!(row.get(1), None);
    }

    #[test]
    fn control_characters_are_removed() {
        let mut s = "Do\0 you\u{7}\tlog?\r\n".to_string();
        strip_controls(&mut s);
        assert_eq!(s, "Do you\tlog?\r\n");
    }

    #[test]
    fn truncation_respects_utf8() {
        let mut s = "héllo".to_string();
        truncate_at_char_boundary(&mut s, 2);
        assert_eq!(s, "h");
    }
}
