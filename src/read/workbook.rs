//! Spreadsheets through calamine: `.xlsx`/`.xlsm` and `.xlsb` streamed cell by cell, `.xls`
//! and `.ods` (which calamine only offers as whole ranges) range by range.
//!
//! Streaming matters: calamine's dense `Range` allocates width x height cells from the extreme
//! cell positions, so one cell at XFD1048576 asks for half a terabyte (see
//! `research/reliability.md`). The cell reader keeps only what is there.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Ods, OdsError, Range, Reader, SheetType,
    SheetVisible, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError, open_workbook,
};

use super::sniff::encrypted;
use super::{
    Cell, Format, Limits, MergedRegion, Row, Rows, SheetMeta, strip_controls,
    truncate_at_char_boundary,
};
use crate::error::{ErrorKind, FileError};

/// Excel's grid: cells outside it cannot be displayed, so they are not read.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;

pub(super) fn read(
    path: &Path,
    format: Format,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    match format {
        Format::Xlsx => read_xlsx(path, limits, on_sheet),
        Format::Xlsb => read_xlsb(path, limits, on_sheet),
        Format::Xls => read_xls(path, limits, on_sheet),
        Format::Ods => read_ods(path, limits, on_sheet),
        Format::DelimitedText => Err(FileError::new(
            ErrorKind::Unsupported,
            "delimited text is not a workbook",
        )),
    }
}

/// Visible worksheets, in workbook order.
fn visible_worksheets<R: std::io::Read + std::io::Seek>(reader: &impl Reader<R>) -> Vec<String> {
    reader
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn read_xlsx(
    path: &Path,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    let mut workbook: Xlsx<BufReader<File>> = open_workbook(path).map_err(xlsx_error)?;
    let sheets = visible_worksheets(&workbook);
    for name in &sheets {
        let merges = workbook
            .merge_cells_by_sheet_name(name)
            .map_err(xlsx_error)?
            .iter()
            .map(merged_region)
            .collect();
        let meta = SheetMeta {
            name: name.clone(),
            merges,
        };
        let mut cells = workbook.worksheet_cells_reader(name).map_err(xlsx_error)?;
        let mut rows = CellRows::new(
            move || {
                let cell = cells.next_cell().map_err(xlsx_error)?;
                Ok(cell.map(|c| (c.get_position(), render_ref(c.get_value()))))
            },
            limits,
        );
        on_sheet(&meta, &mut rows)?;
    }
    Ok(sheets.len())
}

fn read_xlsb(
    path: &Path,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    let mut workbook: Xlsb<BufReader<File>> = open_workbook(path).map_err(xlsb_error)?;
    let sheets = visible_worksheets(&workbook);
    for name in &sheets {
        let meta = SheetMeta {
            name: name.clone(),
            merges: Vec::new(),
        };
        let mut cells = workbook.worksheet_cells_reader(name).map_err(xlsb_error)?;
        let mut rows = CellRows::new(
            move || {
                let cell = cells.next_cell().map_err(xlsb_error)?;
                Ok(cell.map(|c| (c.get_position(), render_ref(c.get_value()))))
            },
            limits,
        );
        on_sheet(&meta, &mut rows)?;
    }
    Ok(sheets.len())
}

fn read_xls(
    path: &Path,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    let mut workbook: Xls<BufReader<File>> = open_workbook(path).map_err(xls_error)?;
    let sheets = visible_worksheets(&workbook);
    for name in &sheets {
        let merges = workbook
            .merge_cells_by_sheet_name(name)
            .map_err(xls_error)?
            .iter()
            .map(merged_region)
            .collect();
        let range = workbook.worksheet_range(name).map_err(xls_error)?;
        let meta = SheetMeta {
            name: name.clone(),
            merges,
        };
        on_sheet(&meta, &mut range_rows(&range, limits))?;
    }
    Ok(sheets.len())
}

fn read_ods(
    path: &Path,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    let mut workbook: Ods<BufReader<File>> = open_workbook(path).map_err(ods_error)?;
    let sheets = visible_worksheets(&workbook);
    for name in &sheets {
        let range = workbook.worksheet_range(name).map_err(ods_error)?;
        let meta = SheetMeta {
            name: name.clone(),
            merges: Vec::new(),
        };
        on_sheet(&meta, &mut range_rows(&range, limits))?;
    }
    Ok(sheets.len())
}

fn merged_region(d: &Dimensions) -> MergedRegion {
    MergedRegion {
        first_row: d.start.0.saturating_add(1),
        last_row: d.end.0.saturating_add(1),
        first_col: d.start.1,
        last_col: d.end.1,
    }
}

/// A cell as it comes out of a streaming reader: 0-based (row, column) and its text.
type RawCell = ((u32, u32), Option<String>);
/// A non-empty cell inside the grid.
type TextCell = ((u32, u32), String);

/// Groups a stream of cells into rows.
struct CellRows<'l, F> {
    next_cell: F,
    pending: Option<RawCell>,
    /// calamine's readers fail when asked for a cell after the last one.
    source_done: bool,
    limits: &'l Limits,
    cells_read: u64,
    done: bool,
}

impl<'l, F> CellRows<'l, F>
where
    F: FnMut() -> Result<Option<RawCell>, FileError>,
{
    fn new(next_cell: F, limits: &'l Limits) -> Self {
        CellRows {
            next_cell,
            pending: None,
            source_done: false,
            limits,
            cells_read: 0,
            done: false,
        }
    }

    /// The next non-empty cell inside Excel's grid.
    fn pull(&mut self) -> Result<Option<TextCell>, FileError> {
        loop {
            let cell = match self.pending.take() {
                Some(cell) => cell,
                None if self.source_done => return Ok(None),
                None => match (self.next_cell)()? {
                    Some(cell) => cell,
                    None => {
                        self.source_done = true;
                        return Ok(None);
                    }
                },
            };
            let ((row, col), text) = cell;
            let Some(mut text) = text else { continue };
            if row >= MAX_ROWS || col >= MAX_COLS {
                continue;
            }
            self.cells_read += 1;
            if self.cells_read > self.limits.max_cells_per_sheet {
                return Err(too_many_cells(self.limits));
            }
            strip_controls(&mut text);
            truncate_at_char_boundary(&mut text, self.limits.max_cell_bytes);
            return Ok(Some(((row, col), text)));
        }
    }

    fn next_row(&mut self) -> Result<Option<Row>, FileError> {
        let Some(((row, col), text)) = self.pull()? else {
            return Ok(None);
        };
        let mut cells = vec![Cell { col, text }];
        loop {
            match self.pull()? {
                Some(((r, c), t)) if r == row => cells.push(Cell { col: c, text: t }),
                Some(other) => {
                    self.pending = Some((other.0, Some(other.1)));
                    self.cells_read -= 1; // counted again when pulled
                    break;
                }
                None => break,
            }
        }
        cells.sort_by_key(|c| c.col);
        cells.dedup_by_key(|c| c.col);
        Ok(Some(Row {
            number: row + 1,
            cells,
        }))
    }
}

impl<F> Iterator for CellRows<'_, F>
where
    F: FnMut() -> Result<Option<RawCell>, FileError>,
{
    type Item = Result<Row, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.next_row().transpose();
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}

/// Rows of an in-memory range, numbered as the sheet shows them (a range starts at its first
/// used cell, not at A1).
fn range_rows<'a>(
    range: &'a Range<Data>,
    limits: &'a Limits,
) -> impl Iterator<Item = Result<Row, FileError>> + 'a {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut cells_read = 0u64;
    range.rows().enumerate().filter_map(move |(i, values)| {
        let cells: Vec<Cell> = values
            .iter()
            .enumerate()
            .filter_map(|(j, value)| {
                let mut text = render(value)?;
                strip_controls(&mut text);
                truncate_at_char_boundary(&mut text, limits.max_cell_bytes);
                Some(Cell {
                    col: first_col + j as u32,
                    text,
                })
            })
            .collect();
        if cells.is_empty() {
            return None;
        }
        cells_read += cells.len() as u64;
        if cells_read > limits.max_cells_per_sheet {
            return Some(Err(too_many_cells(limits)));
        }
        Some(Ok(Row {
            number: first_row + i as u32 + 1,
            cells,
        }))
    })
}

fn too_many_cells(limits: &Limits) -> FileError {
    FileError::new(
        ErrorKind::TooLarge,
        format!(
            "a sheet has more than {} non-empty cells (raise the limit with --max-cells)",
            limits.max_cells_per_sheet
        ),
    )
}

/// The text a person sees in a cell, or `None` for an empty one.
pub(crate) fn render(value: &Data) -> Option<String> {
    let text = match value {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => render_float(*f),
        Data::Bool(b) => render_bool(*b).to_string(),
        Data::DateTime(dt) => render_datetime(dt),
        Data::Error(e) => e.to_string(),
    };
    non_blank(text)
}

fn render_ref(value: &DataRef<'_>) -> Option<String> {
    let text = match value {
        DataRef::Empty => return None,
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => render_float(*f),
        DataRef::Bool(b) => render_bool(*b).to_string(),
        DataRef::DateTime(dt) => render_datetime(dt),
        DataRef::Error(e) => e.to_string(),
    };
    non_blank(text)
}

fn non_blank(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

fn render_bool(b: bool) -> &'static str {
    if b { "TRUE" } else { "FALSE" }
}

/// Numbers as Excel's General format shows them: integers without a decimal point, at most 15
/// significant digits.
pub(crate) fn render_float(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let magnitude = value.abs();
    if !(1e-9..1e15).contains(&magnitude) {
        return format!("{value:e}");
    }
    let integer_digits = magnitude.log10().floor() as i32 + 1;
    let decimals = (15 - integer_digits).clamp(0, 20) as usize;
    let fixed = format!("{value:.decimals$}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    trimmed.to_string()
}

/// Dates as ISO dates (with the time when there is one), durations and times as hh:mm[:ss].
pub(crate) fn render_datetime(value: &ExcelDateTime) -> String {
    let serial = value.as_f64();
    if value.is_duration() || (0.0..1.0).contains(&serial) {
        let total_seconds = (serial * 86_400.0).round() as i64;
        let (h, m, s) = (
            total_seconds / 3600,
            total_seconds / 60 % 60,
            total_seconds % 60,
        );
        return if s == 0 {
            format!("{h:02}:{m:02}")
        } else {
            format!("{h:02}:{m:02}:{s:02}")
        };
    }
    let (year, month, day, hour, minute, second, _) = value.to_ymd_hms_milli();
    match (hour, minute, second) {
        (0, 0, 0) => format!("{year:04}-{month:02}-{day:02}"),
        (_, _, 0) => format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"),
        _ => format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"),
    }
}

fn corrupt(kind: &str, detail: impl std::fmt::Display) -> FileError {
    FileError::new(
        ErrorKind::Corrupt,
        format!(
            "cannot read this {kind} ({detail}): open it in a spreadsheet program and save it again"
        ),
    )
}

fn xlsx_error(e: XlsxError) -> FileError {
    match e {
        XlsxError::Password => encrypted(),
        other => corrupt(".xlsx workbook", other),
    }
}

fn xlsb_error(e: XlsbError) -> FileError {
    match e {
        XlsbError::Password => encrypted(),
        other => corrupt(".xlsb workbook", other),
    }
}

fn xls_error(e: XlsError) -> FileError {
    match e {
        XlsError::Password => encrypted(),
        other => corrupt(".xls workbook", other),
    }
}

fn ods_error(e: OdsError) -> FileError {
    match e {
        OdsError::Password => encrypted(),
        other => corrupt(".ods spreadsheet", other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers_render_like_excel_general() {
        assert_eq!(render_float(3.0), "3");
        assert_eq!(render_float(1.1), "1.1");
        assert_eq!(render_float(0.1 + 0.2), "0.3");
        assert_eq!(render_float(-42.5), "-42.5");
        assert_eq!(render_float(45569.0), "45569");
        assert_eq!(render_float(0.9259259259259259), "0.925925925925926");
    }

    #[test]
    fn dates_render_as_iso() {
        let date = ExcelDateTime::new(45569.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(render_datetime(&date), "2024-10-04");
        let with_time = ExcelDateTime::new(45569.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(render_datetime(&with_time), "2024-10-04 12:00");
        let time = ExcelDateTime::new(0.25, ExcelDateTimeType::DateTime, false);
        assert_eq!(render_datetime(&time), "06:00");
    }

    #[test]
    fn empty_and_blank_cells_are_dropped() {
        assert_eq!(render(&Data::Empty), None);
        assert_eq!(render(&Data::String("  ".into())), None);
        assert_eq!(render(&Data::Bool(true)), Some("TRUE".into()));
    }

    #[test]
    fn cell_stream_groups_rows_and_skips_cells_outside_the_grid() {
        let cells = vec![
            ((0, 1), Some("b1".to_string())),
            ((0, 0), Some("a1".to_string())),
            ((2, 0), None),
            ((2, 3), Some("d3".to_string())),
            ((MAX_ROWS, 0), Some("outside".to_string())),
        ];
        let mut it = cells.into_iter();
        let mut exhausted = false;
        let limits = Limits::default();
        let next = move || {
            assert!(!exhausted, "asked for a cell after the end");
            let cell = it.next();
            exhausted = cell.is_none();
            Ok(cell)
        };
        let rows: Vec<Row> = CellRows::new(next, &limits)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].cells[0].text, "a1");
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[1].cells[0].col, 3);
    }

    #[test]
    fn cell_limit_is_too_large() {
        let mut it = (0..10u32).map(|r| ((r, 0), Some("x".to_string())));
        let limits = Limits {
            max_cells_per_sheet: 5,
            ..Limits::default()
        };
        let result: Result<Vec<Row>, FileError> =
            CellRows::new(move || Ok(it.next()), &limits).collect();
        assert_eq!(result.unwrap_err().kind, ErrorKind::TooLarge);
    }
}
