//! Delimited text (CSV, TSV, `.txt` exports): encoding, delimiter, records.
//!
//! Encoding, in order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM (NUL in
//! every other byte); UTF-8 when the sample is valid UTF-8; otherwise `chardetng`'s guess
//! (Windows-1252 for Western European text). The whole file is then transcoded to UTF-8 as it
//! streams through `encoding_rs_io`, replacing undecodable bytes with U+FFFD, so a stray byte
//! never loses a file.
//!
//! Delimiter: of `,` `;` tab `|`, the one that splits the sample's records into the most rows
//! with the same number of fields (title rows and ragged rows do not count against it); the
//! extension only breaks ties.
//!
//! Rows are numbered as a spreadsheet shows the file: one per record, blank lines included, a
//! quoted multi-line cell staying on the row where it starts.
//!
//! A quote opened and never closed swallows the rest of the file into one cell. When the last
//! record ends that way (its last cell runs over a line break to the end of the file, and the
//! file does not end with a quote), the rows from that record on are read again line by line
//! with quotes taken literally, so that the questions after a stray quote are not lost.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;
use std::path::PathBuf;
use std::rc::Rc;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{
    Cell, Limits, Row, Rows, SheetMeta, sniff::unreadable, strip_controls,
    truncate_at_char_boundary,
};
use crate::error::{ErrorKind, FileError};

/// How much of the file is looked at to choose the encoding and the delimiter.
const SAMPLE_BYTES: usize = 64 * 1024;
/// Records of the sample used to choose the delimiter.
const SAMPLE_RECORDS: usize = 200;
/// A single CSV field longer than this is not a questionnaire cell but an unterminated quote
/// swallowing the rest of the file.
const MAX_FIELD_BYTES: usize = 1 << 20;
/// Used as the delimiter of one-column text: the ASCII unit separator never occurs in it.
const NO_DELIMITER: u8 = 0x1F;
/// Candidate delimiters, in tie-break order.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

pub(super) fn read(
    path: &Path,
    extension: &str,
    limits: &Limits,
    on_sheet: &mut dyn FnMut(&SheetMeta, &mut Rows<'_>) -> Result<(), FileError>,
) -> Result<usize, FileError> {
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut sample)
        .map_err(|e| unreadable(&e))?;
    let whole_file_sampled = sample.len() < SAMPLE_BYTES;
    let encoding = detect_encoding(&sample, whole_file_sampled);
    let sample_text = decode_sample(&sample, encoding);
    if sample_text.trim().is_empty() {
        return Err(FileError::new(ErrorKind::Empty, "the file holds no text"));
    }
    let delimiter = sniff_delimiter(&sample_text, extension, whole_file_sampled);

    file.seek(SeekFrom::Start(0)).map_err(|e| unreadable(&e))?;
    let log = StreamLog::default();
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(64 * 1024)
        .from_reader(NewlineTracker {
            inner: decode(file, encoding),
            offset: 0,
            last_was_cr: false,
            log: log.clone(),
        });
    let source = Source {
        path: path.to_path_buf(),
        encoding,
        delimiter,
    };
    let mut rows = CsvRows::new(reader, log, source, limits.clone());
    on_sheet(&SheetMeta::default(), &mut rows)?;
    Ok(1)
}

/// The file transcoded to UTF-8 as it is read.
fn decode(
    file: File,
    encoding: &'static Encoding,
) -> encoding_rs_io::DecodeReaderBytes<BufReader<File>, Vec<u8>> {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(BufReader::with_capacity(64 * 1024, file))
}

/// What is needed to read the file again from a given point.
struct Source {
    path: PathBuf,
    encoding: &'static Encoding,
    delimiter: u8,
}

/// Chooses the encoding of a text file from its first bytes.
pub(crate) fn detect_encoding(sample: &[u8], whole_file: bool) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        return encoding;
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return encoding;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        // The sample may end in the middle of a character.
        Err(e) if e.error_len().is_none() && !whole_file => UTF_8,
        Err(_) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(sample, whole_file);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        }
    }
}

/// UTF-16 text saved without a byte-order mark shows a NUL in every other byte (for the ASCII
/// part of the text, which in a questionnaire is nearly all of it).
pub(crate) fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len().min(4096) / 2;
    if pairs < 8 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample[..pairs * 2].chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_nul) && rarely(even_nul) {
        Some(UTF_16LE)
    } else if mostly(even_nul) && rarely(odd_nul) {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn decode_sample(sample: &[u8], encoding: &'static Encoding) -> String {
    let without_bom = match Encoding::for_bom(sample) {
        Some((_, bom_len)) => &sample[bom_len..],
        None => sample,
    };
    encoding
        .decode_without_bom_handling(without_bom)
        .0
        .into_owned()
}

/// Picks the delimiter that gives the most records with the same field count (at least 2).
/// When none of them splits at least half of the records that way, the file is one column of
/// text (a pasted list of questions, some with commas in them) and [`NO_DELIMITER`] is used.
pub(crate) fn sniff_delimiter(sample: &str, extension: &str, whole_file: bool) -> u8 {
    // A quote opened and never closed makes the whole sample one record; quotes taken
    // literally still show how its lines split.
    sniff_with(sample, extension, whole_file, true)
        .or_else(|| sniff_with(sample, extension, whole_file, false))
        .unwrap_or(NO_DELIMITER)
}

fn sniff_with(sample: &str, extension: &str, whole_file: bool, quoting: bool) -> Option<u8> {
    let preferred = if extension == "tsv" { b'\t' } else { b',' };
    let mut best = (Consistency::default(), preferred);
    for delimiter in
        std::iter::once(preferred).chain(DELIMITERS.into_iter().filter(|&d| d != preferred))
    {
        let found = consistency(sample, delimiter, whole_file, quoting);
        if (found.modal_rows, found.modal_fields) > (best.0.modal_rows, best.0.modal_fields) {
            best = (found, delimiter);
        }
    }
    let (found, delimiter) = best;
    (found.modal_rows > 0 && found.split_rows * 2 >= found.records).then_some(delimiter)
}

/// How a delimiter splits the sample.
#[derive(Debug, Default, Clone, Copy)]
struct Consistency {
    /// Records with the most common field count (of at least 2).
    modal_rows: usize,
    /// That field count.
    modal_fields: usize,
    /// Records split into at least 2 fields.
    split_rows: usize,
    /// Non-empty records.
    records: usize,
}

/// Reads the sample with `delimiter`. Field counts are taken two ways and the more consistent
/// wins: up to the last non-empty field (hand-made files are ragged, and trailing delimiters
/// pad some rows), and as written (a questionnaire whose answer column is still empty has
/// "question," on every row, which only the raw count shows as two columns).
fn consistency(sample: &str, delimiter: u8, whole_file: bool, quoting: bool) -> Consistency {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .delimiter(delimiter)
        .from_reader(Cursor::new(sample.as_bytes()));
    let mut counts: Vec<(usize, usize)> = reader
        .records()
        .take(SAMPLE_RECORDS)
        .filter_map(Result::ok)
        .map(|r| (non_trailing_fields(&r), r.len()))
        .filter(|&(n, _)| n > 0)
        .collect();
    if !whole_file && counts.len() > 1 {
        counts.pop(); // probably cut in the middle
    }
    let trimmed: Vec<usize> = counts.iter().map(|c| c.0).collect();
    let raw: Vec<usize> = counts.iter().map(|c| c.1).collect();
    let (a, b) = (tally_fields(&trimmed), tally_fields(&raw));
    if (b.modal_rows, b.modal_fields) > (a.modal_rows, a.modal_fields) {
        b
    } else {
        a
    }
}

/// How consistently `counts` (fields per record) split into at least two fields.
fn tally_fields(counts: &[usize]) -> Consistency {
    let mut tally = std::collections::HashMap::new();
    for &n in counts.iter().filter(|&&n| n >= 2) {
        *tally.entry(n).or_insert(0usize) += 1;
    }
    let (modal_rows, modal_fields) = tally
        .into_iter()
        .map(|(fields, rows)| (rows, fields))
        .max()
        .unwrap_or((0, 0));
    Consistency {
        modal_rows,
        modal_fields,
        split_rows: counts.iter().filter(|&&n| n >= 2).count(),
        records: counts.len(),
    }
}

/// Fields up to the last non-empty one: Excel pads rows with trailing delimiters.
fn non_trailing_fields(record: &csv::StringRecord) -> usize {
    (0..record.len())
        .rev()
        .find(|&i| !record[i].trim().is_empty())
        .map_or(0, |i| i + 1)
}

/// What [`NewlineTracker`] saw of the decoded stream, shared with [`CsvRows`].
type StreamLog = Rc<RefCell<StreamState>>;

#[derive(Debug, Default)]
struct StreamState {
    /// Offsets of the `\n` bytes the CSV parser has been given but not yet accounted for,
    /// each with whether a `\r` came just before it.
    newlines: VecDeque<(u64, bool)>,
    /// Bytes passed on so far.
    total: u64,
    /// The end of the stream has been reached.
    at_end: bool,
    /// The last byte passed on that is not whitespace.
    last_visible: u8,
}

/// Passes bytes through to the CSV parser, logging where each line feed is.
///
/// The csv crate skips blank lines and reports only how many `\n` it has consumed, which mixes
/// blank lines with line feeds inside quoted cells and with the `\n` of a CRLF that it leaves for
/// the next record. Knowing where every line feed sits lets [`CsvRows`] tell them apart and
/// number rows exactly as a spreadsheet would.
struct NewlineTracker<R> {
    inner: R,
    offset: u64,
    last_was_cr: bool,
    log: StreamLog,
}

impl<R: Read> Read for NewlineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut log = self.log.borrow_mut();
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                log.newlines
                    .push_back((self.offset + i as u64, self.last_was_cr));
            }
            self.last_was_cr = b == b'\r';
        }
        if let Some(&b) = buf[..n].iter().rfind(|b| !b.is_ascii_whitespace()) {
            log.last_visible = b;
        }
        self.offset += n as u64;
        log.total = self.offset;
        if n == 0 && !buf.is_empty() {
            log.at_end = true;
        }
        Ok(n)
    }
}

/// Streams the records of a CSV reader as [`Row`]s.
struct CsvRows<R: Read> {
    reader: csv::Reader<NewlineTracker<R>>,
    log: StreamLog,
    source: Source,
    record: csv::StringRecord,
    limits: Limits,
    next_number: u64,
    cells_read: u64,
    /// Set once an unterminated quote was found: the rest of the file, line by line.
    tail: Option<LiteralLines>,
    done: bool,
}

impl<R: Read> CsvRows<R> {
    fn new(
        reader: csv::Reader<NewlineTracker<R>>,
        log: StreamLog,
        source: Source,
        limits: Limits,
    ) -> Self {
        CsvRows {
            reader,
            log,
            source,
            record: csv::StringRecord::new(),
            limits,
            next_number: 1,
            cells_read: 0,
            tail: None,
            done: false,
        }
    }

    /// Blank lines the parser skipped before the record it just read, which spans bytes
    /// `start..end` of the decoded stream.
    fn blank_lines_before(&self, start: u64, end: u64) -> u64 {
        let mut log = self.log.borrow_mut();
        let log = &mut log.newlines;
        while log.front().is_some_and(|&(at, _)| at < start) {
            log.pop_front();
        }
        let mut consumed = 0u64;
        let mut pending_crlf = 0u64;
        let mut terminator = 0u64;
        while let Some(&(at, after_cr)) = log.front() {
            if at >= end {
                break;
            }
            consumed += 1;
            if at == start && after_cr {
                pending_crlf = 1; // the LF of the previous record's CRLF
            }
            if at + 1 == end {
                terminator = 1; // this record's own LF
            }
            log.pop_front();
        }
        let embedded: u64 = self
            .record
            .iter()
            .map(|f| f.bytes().filter(|&b| b == b'\n').count() as u64)
            .sum();
        consumed.saturating_sub(embedded + pending_crlf + terminator)
    }

    /// The record just read, ending at `end`, is the last of the file and its last cell runs
    /// over a line break to the end without a closing quote: a quote opened and never closed.
    fn ends_in_an_open_quote(&self, end: u64) -> bool {
        let log = self.log.borrow();
        log.at_end
            && end >= log.total
            && log.last_visible != b'"'
            && self
                .record
                .iter()
                .next_back()
                .is_some_and(|f| f.contains('\n'))
    }

    fn next_row(&mut self) -> Result<Option<Row>, FileError> {
        loop {
            if let Some(tail) = &mut self.tail {
                let Some((number, line)) = tail.next_line()? else {
                    return Ok(None);
                };
                let fields = split_literal(&line, self.source.delimiter);
                if let Some(row) = row_of(number, fields, &self.limits, &mut self.cells_read)? {
                    return Ok(Some(row));
                }
                continue;
            }
            let more = self.reader.read_record(&mut self.record).map_err(|e| {
                FileError::new(ErrorKind::Unreadable, format!("cannot read the file: {e}"))
            })?;
            if !more {
                return Ok(None);
            }
            let start = self.record.position().map_or(0, |p| p.byte());
            let end = self.reader.position().byte();
            // The csv crate skips empty lines; a spreadsheet shows them as rows.
            let number = self.next_number + self.blank_lines_before(start, end);
            self.next_number = number + 1;
            if self.ends_in_an_open_quote(end) {
                self.tail = Some(LiteralLines::open(&self.source, start, number)?);
                continue;
            }
            // A cell of megabytes spread over lines is a quote that closed far too late.
            if self
                .record
                .iter()
                .any(|f| f.len() > MAX_FIELD_BYTES && f.contains('\n'))
            {
                return Err(FileError::new(
                    ErrorKind::Corrupt,
                    format!(
                        "a quoted cell starting on row {number} runs on for more than {} MiB: \
                         the file probably has an unbalanced quote",
                        MAX_FIELD_BYTES >> 20
                    ),
                ));
            }
            if let Some(row) = row_of(
                number,
                self.record.iter(),
                &self.limits,
                &mut self.cells_read,
            )? {
                return Ok(Some(row));
            }
        }
    }
}

/// The row numbered `number` holding `fields`, or `None` when every field is blank; counts
/// the non-empty cells against `--max-cells`. A field longer than `--max-cell-bytes` is cut
/// (a one-line cell of megabytes is no question, but it does not spoil the rows around it).
fn row_of<'f>(
    number: u64,
    fields: impl Iterator<Item = &'f str>,
    limits: &Limits,
    cells_read: &mut u64,
) -> Result<Option<Row>, FileError> {
    let number = u32::try_from(number).map_err(|_| {
        FileError::new(
            ErrorKind::TooLarge,
            "more than 4 billion rows: split the file",
        )
    })?;
    let mut cells = Vec::new();
    for (col, field) in fields.enumerate() {
        if field.trim().is_empty() {
            continue;
        }
        let mut text = field.to_string();
        strip_controls(&mut text);
        truncate_at_char_boundary(&mut text, limits.max_cell_bytes);
        cells.push(Cell {
            col: u32::try_from(col).unwrap_or(u32::MAX),
            text,
        });
    }
    *cells_read += cells.len() as u64;
    if *cells_read > limits.max_cells_per_sheet {
        return Err(FileError::new(
            ErrorKind::TooLarge,
            format!(
                "more than {} non-empty cells (raise the limit with --max-cells)",
                limits.max_cells_per_sheet
            ),
        ));
    }
    Ok((!cells.is_empty()).then_some(Row { number, cells }))
}

/// The lines of a file from a byte offset of its decoded text on, for a file whose quoting
/// broke: each line is one row, quotes are ordinary characters.
struct LiteralLines {
    lines: BufReader<encoding_rs_io::DecodeReaderBytes<BufReader<File>, Vec<u8>>>,
    next_number: u64,
    buffer: Vec<u8>,
}

impl LiteralLines {
    fn open(source: &Source, start: u64, first_number: u64) -> Result<Self, FileError> {
        let file = File::open(&source.path).map_err(|e| unreadable(&e))?;
        let mut lines = BufReader::with_capacity(64 * 1024, decode(file, source.encoding));
        std::io::copy(&mut (&mut lines).take(start), &mut std::io::sink())
            .map_err(|e| unreadable(&e))?;
        Ok(LiteralLines {
            lines,
            next_number: first_number,
            buffer: Vec::new(),
        })
    }

    /// The next line (without its line break) and its row number.
    fn next_line(&mut self) -> Result<Option<(u64, String)>, FileError> {
        self.buffer.clear();
        let read = (&mut self.lines)
            .take(MAX_FIELD_BYTES as u64)
            .read_until(b'\n', &mut self.buffer)
            .map_err(|e| unreadable(&e))?;
        if read == 0 {
            return Ok(None);
        }
        if self.buffer.last() != Some(&b'\n') && read == MAX_FIELD_BYTES {
            return Err(FileError::new(
                ErrorKind::Corrupt,
                format!(
                    "row {} runs on for more than {} MiB without a line break",
                    self.next_number,
                    MAX_FIELD_BYTES >> 20
                ),
            ));
        }
        let number = self.next_number;
        self.next_number += 1;
        let line = String::from_utf8_lossy(&self.buffer);
        Ok(Some((
            number,
            line.trim_end_matches(['\n', '\r']).to_string(),
        )))
    }
}

/// Splits a line on `delimiter`, quotes taken as plain characters (those around a field are
/// dropped).
fn split_literal(line: &str, delimiter: u8) -> impl Iterator<Item = &str> {
    line.split(char::from(delimiter))
        .map(|f| f.trim_matches('"'))
}

impl<R: Read> Iterator for CsvRows<R> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(text: &[u8], extension: &str) -> Vec<(u32, Vec<String>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("f.{extension}"));
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        read(&path, extension, &Limits::default(), &mut |_, rows| {
            for row in rows {
                let row = row?;
                out.push((row.number, row.cells.into_iter().map(|c| c.text).collect()));
            }
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn blank_lines_count_and_multiline_cells_keep_their_first_row() {
        let text = b"Ref,Question\r\n\r\n1,\"Do you encrypt\r\ndata at rest?\"\r\n2,Do you log access?\r\n";
        let rows = rows_of(text, "csv");
        assert_eq!(rows[0].0, 1);
        assert_eq!(
            rows[1],
            (
                3,
                vec!["1".into(), "Do you encrypt\r\ndata at rest?".into()]
            )
        );
        assert_eq!(rows[2].0, 4);
    }

    #[test]
    fn row_numbers_survive_lf_crlf_and_mixed_endings() {
        for text in [
            &b"a\nb\n\n\nc\n\"x\n\ny\"\nd"[..],
            b"a\r\nb\r\n\r\n\r\nc\r\n\"x\r\n\r\ny\"\r\nd\r\n",
            b"a\r\nb\n\r\n\nc\r\n\"x\n\ny\"\nd\n\n",
        ] {
            let numbers: Vec<u32> = rows_of(text, "csv").iter().map(|r| r.0).collect();
            assert_eq!(
                numbers,
                [1, 2, 5, 6, 7],
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn semicolon_windows_1252_is_decoded() {
        let mut text = b"Nr;Frage;Antwort\r\n1;Verschl\xfcsseln Sie Daten, auch Backups?;\r\n2;Gibt es ein Notfallkonzept?;Ja\r\n".to_vec();
        text.extend_from_slice(b"3;Caf\xe9 policy, r\xe9sum\xe9 checks?;\r\n");
        let rows = rows_of(&text, "csv");
        assert_eq!(rows[1].1[1], "Verschlüsseln Sie Daten, auch Backups?");
        assert_eq!(rows[3].1[1], "Café policy, résumé checks?");
    }

    #[test]
    fn utf16_le_with_bom_tab_separated() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "ID\tQuestion\r\nA1\tDo you have an ISMS?\r\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let rows = rows_of(&bytes, "txt");
        assert_eq!(
            rows[1],
            (2, vec!["A1".into(), "Do you have an ISMS?".into()])
        );
    }

    #[test]
    fn utf16_be_without_bom_is_detected() {
        let bytes: Vec<u8> = "ID\tQuestion\r\nA1\tDo you back up daily?\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let rows = rows_of(&bytes, "csv");
        assert_eq!(rows[1].1[1], "Do you back up daily?");
    }

    #[test]
    fn utf8_bom_is_stripped_from_the_first_cell() {
        let rows = rows_of(
            b"\xEF\xBB\xBFQuestion\tAnswer\nIs MFA enforced?\tYes\n",
            "tsv",
        );
        assert_eq!(rows[0].1[0], "Question");
    }

    #[test]
    fn invalid_utf8_after_the_sample_is_replaced_not_fatal() {
        let mut text = b"Question\n".to_vec();
        while text.len() < SAMPLE_BYTES + 10 {
            text.extend_from_slice(b"Do you rotate keys every year?\n");
        }
        text.extend_from_slice(b"Bad \xff byte?\n");
        let rows = rows_of(&text, "csv");
        assert_eq!(rows.last().unwrap().1[0], "Bad \u{FFFD} byte?");
    }

    #[test]
    fn delimiter_is_sniffed_not_taken_from_the_extension() {
        assert_eq!(
            sniff_delimiter("Title\na;b;c\nd;e, f;g\nh;i;j\n", "csv", true),
            b';'
        );
        assert_eq!(sniff_delimiter("a|b|c\nd|e|f\n", "csv", true), b'|');
        assert_eq!(sniff_delimiter("a,b\tc\nd,e\tf\n", "tsv", true), b'\t');
        assert_eq!(sniff_delimiter("a,b\tc\nd,e\tf\n", "csv", true), b',');
        assert_eq!(
            sniff_delimiter("just one column\nof questions?\n", "txt", true),
            NO_DELIMITER
        );
    }

    #[test]
    fn a_one_column_list_with_commas_is_not_split() {
        let text = b"Security questions\nDo you have a SOC 2 report? If not, do you have a SOC 3?\nIs MFA enforced?\n\
            Describe your backups, restores and tests.\nDo you log access?\nHow are keys rotated?\n";
        let rows = rows_of(text, "txt");
        assert_eq!(
            rows[1].1,
            ["Do you have a SOC 2 report? If not, do you have a SOC 3?"]
        );
        assert_eq!(rows[3].1, ["Describe your backups, restores and tests."]);
    }

    #[test]
    fn a_quote_never_closed_does_not_swallow_the_rows_after_it() {
        let rows = rows_of(
            b"\"Vendor questionnaire, draft\nRef,Question\nQ1,Do you patch?\n\nQ2,Is MFA on?\n",
            "csv",
        );
        assert_eq!(
            rows,
            [
                (
                    1,
                    vec!["Vendor questionnaire".to_string(), " draft".to_string()]
                ),
                (2, vec!["Ref".to_string(), "Question".to_string()]),
                (3, vec!["Q1".to_string(), "Do you patch?".to_string()]),
                (5, vec!["Q2".to_string(), "Is MFA on?".to_string()]),
            ]
        );
        // Rows before the stray quote keep their numbers; a long file is recovered too.
        let mut text = b"Question\nIs data encrypted?\n\"Do you patch?\n".to_vec();
        while text.len() < MAX_FIELD_BYTES + 100 {
            text.extend_from_slice(b"Is MFA enforced for administrators?\n");
        }
        let rows = rows_of(&text, "csv");
        assert_eq!(rows[1], (2, vec!["Is data encrypted?".to_string()]));
        assert_eq!(rows[2], (3, vec!["Do you patch?".to_string()]));
        assert_eq!(
            rows[3],
            (4, vec!["Is MFA enforced for administrators?".to_string()])
        );
    }

    #[test]
    fn a_closed_multi_line_cell_at_the_end_stays_one_row() {
        let rows = rows_of(b"Question\n\"Do you patch\nmonthly?\"\n", "csv");
        assert_eq!(
            rows,
            [
                (1, vec!["Question".to_string()]),
                (2, vec!["Do you patch\nmonthly?".to_string()]),
            ]
        );
    }

    #[test]
    fn a_one_line_cell_of_megabytes_is_cut_not_fatal() {
        let mut text = b"Question\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_FIELD_BYTES + 10));
        text.extend_from_slice(b"\nIs MFA enforced?\n");
        let rows = rows_of(&text, "csv");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].1[0].len(), Limits::default().max_cell_bytes);
        assert_eq!(rows[2], (3, vec!["Is MFA enforced?".to_string()]));
    }

    #[test]
    fn nul_bytes_do_not_reach_the_cells() {
        let rows = rows_of(b"Question\nDo you\0 log access?\n", "csv");
        assert_eq!(rows[1].1[0], "Do you log access?");
    }

    #[test]
    fn an_empty_answer_column_still_splits_the_rows() {
        let rows = rows_of(
            b"Question,Response\nIs MFA required?,\n\"Are backups tested, and how often?\",\nDo you log access?,\n",
            "csv",
        );
        assert_eq!(rows[1], (2, vec!["Is MFA required?".into()]));
        assert_eq!(
            rows[2],
            (3, vec!["Are backups tested, and how often?".into()])
        );
    }

    #[test]
    fn ragged_rows_and_trailing_padding_are_fine() {
        let rows = rows_of(
            b"Vendor questionnaire;;;\nRef;Question;Answer;\n1;Do you patch monthly?\n",
            "csv",
        );
        assert_eq!(rows[0], (1, vec!["Vendor questionnaire".into()]));
        assert_eq!(
            rows[2],
            (3, vec!["1".into(), "Do you patch monthly?".into()])
        );
    }
}
