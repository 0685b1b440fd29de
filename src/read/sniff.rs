//! Which reader a file needs, decided by its content.
//!
//! Extensions lie: a CSV saved as `.xlsx`, a real `.xls` renamed `.xlsx`, an encrypted
//! workbook (an OLE container around an `EncryptedPackage` stream, whatever its name). calamine
//! picks its reader by extension and then fails with messages like "Could not find EOCD"; we
//! look at the magic bytes and, for zip and OLE containers, at their directory, so that the
//! right reader runs and the error a user sees names the real problem.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{ErrorKind, FileError};

/// What a file's content turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, TSV or other delimited text.
    DelimitedText,
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97-2003 workbook in an OLE container (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl Format {
    /// A short name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::DelimitedText => "delimited text",
            Format::Xlsx => "an Excel .xlsx workbook",
            Format::Xlsb => "an Excel .xlsb workbook",
            Format::Xls => "an Excel 97-2003 .xls workbook",
            Format::Ods => "an OpenDocument .ods spreadsheet",
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format of the file at `path` from its first bytes (and, for containers, their
/// table of contents). `extension` only breaks ties and shapes messages.
pub fn sniff_format(path: &Path, extension: &str) -> Result<Format, FileError> {
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    let mut head = [0u8; 8];
    let got = read_up_to(&mut file, &mut head).map_err(|e| unreadable(&e))?;
    let head = &head[..got];
    if head.is_empty() {
        return Err(FileError::new(
            ErrorKind::Empty,
            "the file is empty (0 bytes)",
        ));
    }
    if head.starts_with(OLE_MAGIC) {
        return sniff_ole(file);
    }
    if head.starts_with(ZIP_MAGIC) && head.len() >= 4 && matches!(head[2..4], [3, 4] | [5, 6]) {
        return sniff_zip(file, extension);
    }
    if let Some(kind) = known_other_format(head) {
        return Err(FileError::new(
            ErrorKind::Unsupported,
            format!("the file is {kind}, although its name ends in .{extension}"),
        ));
    }
    let sample = read_sample(path).map_err(|e| unreadable(&e))?;
    // NUL padding at the end of a short file (left by exporters that pre-allocate) is not
    // content. Only when the sample is the whole file: inside a longer one a NUL run is.
    let content = if sample.len() < SAMPLE_BYTES {
        let end = sample.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        &sample[..end]
    } else {
        &sample[..]
    };
    if is_binary_sample(content) {
        return Err(FileError::new(
            ErrorKind::Corrupt,
            format!(
                "the content is neither a spreadsheet nor delimited text: the .{extension} file is damaged"
            ),
        ));
    }
    if let Some(kind) = structured_text(&sample, path) {
        return Err(FileError::new(
            ErrorKind::Unsupported,
            format!("the file is {kind}, although its name ends in .{extension}"),
        ));
    }
    Ok(Format::DelimitedText)
}

/// Text that is a document of another kind: web pages and XML saved under a spreadsheet's
/// name (what "Export to Excel" buttons often produce), and JSON. Read as delimited text they
/// would yield markup for questions.
fn structured_text(sample: &[u8], path: &Path) -> Option<&'static str> {
    let text = String::from_utf8_lossy(sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample));
    let text = text.trim_start();
    if text.starts_with('<') {
        let lower = text.to_ascii_lowercase();
        return Some(
            if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
                "an Excel 2003 XML spreadsheet (open it in Excel and save it as .xlsx)"
            } else if lower.contains("<html")
                || lower.contains("<!doctype html")
                || lower.contains("<table")
            {
                "a web page (open it in Excel and save it as .xlsx)"
            } else {
                "an XML document"
            },
        );
    }
    if text.starts_with(['{', '[']) {
        // Only a document that parses whole is JSON; "[Section 1]" opens many a CSV.
        let mut file = BufReader::new(File::open(path).ok()?);
        if sample.starts_with(b"\xEF\xBB\xBF") {
            file.seek_relative(3).ok()?;
        }
        let parsed: Result<serde::de::IgnoredAny, _> = serde_json::from_reader(file);
        return parsed.is_ok().then_some("a JSON document");
    }
    None
}

/// A password on a legacy workbook is a FILEPASS record right after the first BOF
/// (MS-XLS 2.4.117). calamine 0.38 only takes RC4 for a password and reads an XOR-obfuscated
/// workbook as scrambled records ("Codepage 4020 not found"): the user must hear "password",
/// not "damaged".
fn starts_with_filepass<F: Read + Seek>(container: &mut cfb::CompoundFile<F>, name: &str) -> bool {
    const FILEPASS: u16 = 0x002F;
    let Ok(mut stream) = container.open_stream(name) else {
        return false;
    };
    let mut header = [0u8; 4];
    if stream.read_exact(&mut header).is_err() {
        return false;
    }
    let bof_len = i64::from(u16::from_le_bytes([header[2], header[3]]));
    let mut next = [0u8; 2];
    stream.seek(SeekFrom::Current(bof_len)).is_ok()
        && stream.read_exact(&mut next).is_ok()
        && u16::from_le_bytes(next) == FILEPASS
}

fn sniff_ole(file: File) -> Result<Format, FileError> {
    let mut container = cfb::CompoundFile::open(BufReader::new(file)).map_err(|e| {
        FileError::new(
            ErrorKind::Corrupt,
            format!("damaged Office 97-2003 container ({e}): open it in Excel and save it again"),
        )
    })?;
    if container.exists("/EncryptedPackage") || container.exists("/EncryptionInfo") {
        return Err(encrypted());
    }
    for stream in ["/Workbook", "/Book"] {
        if container.exists(stream) {
            if starts_with_filepass(&mut container, stream) {
                return Err(encrypted());
            }
            return Ok(Format::Xls);
        }
    }
    Err(FileError::new(
        ErrorKind::Unsupported,
        "an Office 97-2003 document that is not a workbook (no Workbook stream): is it a Word or PowerPoint file?",
    ))
}

fn sniff_zip(file: File, extension: &str) -> Result<Format, FileError> {
    let archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        FileError::new(
            ErrorKind::Corrupt,
            format!("damaged zip container ({e}): the .{extension} file is truncated or corrupt"),
        )
    })?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Ok(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(Format::Xlsb)
    } else if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
        Ok(Format::Ods)
    } else if has("word/document.xml") || has("ppt/presentation.xml") {
        Err(FileError::new(
            ErrorKind::Unsupported,
            "an Office document that is not a workbook (Word or PowerPoint)",
        ))
    } else {
        Err(FileError::new(
            ErrorKind::Unsupported,
            "a zip archive that holds no spreadsheet",
        ))
    }
}

/// Common formats people mistake for questionnaires, by their magic bytes.
fn known_other_format(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"{\\rtf", "an RTF document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// How much of a file's start decides whether it is text.
const SAMPLE_BYTES: usize = 8192;

/// Text questionnaires may be UTF-16 (NUL every other byte) but never hold NUL runs or many
/// control bytes; anything else is a binary format we do not read.
fn read_sample(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut sample = vec![0u8; SAMPLE_BYTES];
    let mut file = File::open(path)?;
    let got = read_up_to(&mut file, &mut sample)?;
    sample.truncate(got);
    Ok(sample)
}

pub(crate) fn is_binary_sample(sample: &[u8]) -> bool {
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    if super::text::utf16_without_bom(sample).is_some() {
        return false;
    }
    let suspicious = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
        .count();
    // A few stray control bytes happen in real exports (well under 1% of them, measured on
    // every text fixture and blind set); random or binary content has about 10%.
    suspicious >= 8 && suspicious * 50 > sample.len()
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

pub(crate) fn unreadable(err: &std::io::Error) -> FileError {
    FileError::new(
        ErrorKind::Unreadable,
        format!("cannot read the file: {err}"),
    )
}

pub(crate) fn encrypted() -> FileError {
    FileError::new(
        ErrorKind::Encrypted,
        "password-protected workbook: remove the password and run again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn sniff_bytes(bytes: &[u8], ext: &str) -> Result<Format, FileError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("f.{ext}"));
        fs::write(&path, bytes).unwrap();
        sniff_format(&path, ext)
    }

    #[test]
    fn csv_named_xlsx_is_text() {
        assert_eq!(
            sniff_bytes(b"Question,Answer\n", "xlsx"),
            Ok(Format::DelimitedText)
        );
    }

    #[test]
    fn empty_file_is_empty() {
        assert_eq!(sniff_bytes(b"", "csv").unwrap_err().kind, ErrorKind::Empty);
    }

    #[test]
    fn binary_junk_is_corrupt_and_a_known_other_format_unsupported() {
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 32) as u8).collect();
        assert_eq!(
            sniff_bytes(&junk, "xlsx").unwrap_err().kind,
            ErrorKind::Corrupt
        );
        let pdf = sniff_bytes(b"%PDF-1.7 rest", "xlsx").unwrap_err();
        assert_eq!(pdf.kind, ErrorKind::Unsupported);
        assert!(pdf.message.contains("a PDF document"), "{}", pdf.message);
    }

    #[test]
    fn random_bytes_are_corrupt_but_text_with_stray_controls_is_text() {
        // A fixed xorshift stream: uniformly random bytes, as a damaged or encrypted file holds.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..65536)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        for extension in ["xls", "xlsx", "csv"] {
            assert_eq!(
                sniff_bytes(&random, extension).unwrap_err().kind,
                ErrorKind::Corrupt,
                "{extension}"
            );
        }
        let mut text = b"Ref,Question\n".repeat(200);
        text.extend_from_slice(b"Q1,Do you\0 patch?\x01\x02\n");
        assert!(sniff_bytes(&text, "csv").is_ok());
        // NUL padding after the text of a short file is padding.
        let mut padded = b"Question\nDo you patch?\nIs MFA enforced?\n".to_vec();
        padded.extend(std::iter::repeat_n(0u8, 4096));
        assert!(sniff_bytes(&padded, "csv").is_ok());
        // A long NUL run in the first 8 KiB of a longer file is not.
        let mut holed = b"Question\nDo you patch?\n".to_vec();
        holed.extend(std::iter::repeat_n(0u8, 16384));
        assert_eq!(
            sniff_bytes(&holed, "csv").unwrap_err().kind,
            ErrorKind::Corrupt
        );
    }

    #[test]
    fn web_pages_xml_and_json_under_a_spreadsheet_name_are_unsupported() {
        let cases: [(&[u8], &str); 4] = [
            (b"<html><body><table><tr><td>Do you patch?</td></tr></table></body></html>", "web page"),
            (
                b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
                "Excel 2003 XML",
            ),
            (b"\xEF\xBB\xBF  {\"controls\": [{\"id\": \"AC-1\"}]}", "JSON"),
            (b"[{\"question\": \"Do you patch?\"}]\n", "JSON"),
        ];
        for (content, kind) in cases {
            let err = sniff_bytes(content, "xls").unwrap_err();
            assert_eq!(err.kind, ErrorKind::Unsupported, "{kind}");
            assert!(err.message.contains(kind), "{}", err.message);
        }
        // A CSV that opens with a bracket is still a CSV.
        assert!(
            sniff_bytes(
                b"[Section 1] Access\nQuestion,Answer\nDo you patch?,\n",
                "csv"
            )
            .is_ok()
        );
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        assert_eq!(
            sniff_bytes(b"PK\x03\x04garbage", "xlsx").unwrap_err().kind,
            ErrorKind::Corrupt
        );
    }

    #[test]
    fn utf16_text_is_not_binary() {
        let utf16: Vec<u8> = "Question\tAnswer\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!is_binary_sample(&utf16));
    }
}
