//! Builds hostile and broken inputs in a folder: corrupt, encrypted, crafted, huge, lying and
//! not-what-they-claim files, each the smallest that shows its class. Nothing here is stored
//! in the repository: every file is generated when a test runs.

#![allow(dead_code)]

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Security" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const EMPTY_SST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

/// Three questions under a header, as inline strings at the given cell references, plus any
/// extra cells; `dimension` is what the sheet claims its used range is.
pub fn sheet_xml(extra_cells: &[(&str, &str)], dimension: &str) -> String {
    let mut cells = vec![
        ("A1", "Ref"),
        ("B1", "Question"),
        ("A2", "S-1"),
        (
            "B2",
            "Is multi-factor authentication required for administrators?",
        ),
        ("A3", "S-2"),
        ("B3", "Describe how backups are tested."),
        ("A4", "S-3"),
        ("B4", "Do you encrypt customer data at rest?"),
    ];
    cells.extend_from_slice(extra_cells);
    let mut rows: Vec<(u64, String)> = Vec::new();
    for (reference, text) in cells {
        let row: u64 = reference
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap_or(1);
        let cell = format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#);
        match rows.iter_mut().find(|(r, _)| *r == row) {
            Some((_, xml)) => xml.push_str(&cell),
            None => rows.push((row, cell)),
        }
    }
    rows.sort_by_key(|(r, _)| *r);
    let body: String = rows
        .iter()
        .map(|(r, xml)| format!(r#"<row r="{r}">{xml}</row>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>"#
    )
}

/// A minimal xlsx with the given sheet and shared-strings XML.
pub fn xlsx(path: &Path, sheet: &str, shared_strings: &str) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared_strings),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// A valid little xlsx with three questions.
pub fn good_xlsx(path: &Path) {
    xlsx(path, &sheet_xml(&[], "A1:B4"), EMPTY_SST);
}

/// Cells at A1 and XFD1048576 and a `<dimension>` claiming the whole grid: a dense reader
/// would allocate half a terabyte.
pub fn corner_xlsx(path: &Path) {
    xlsx(
        path,
        &sheet_xml(&[("XFD1048576", "far away")], "A1:XFD1048576"),
        EMPTY_SST,
    );
}

/// Cells outside Excel's grid (column XFE, row 16,777,217).
pub fn outside_grid_xlsx(path: &Path) {
    xlsx(
        path,
        &sheet_xml(&[("XFE1", "x"), ("A16777217", "y")], "A1:B4"),
        EMPTY_SST,
    );
}

/// `uniqueCount="10000000000"`: calamine reserves that many strings up front and aborts.
pub fn shared_strings_bomb_xlsx(path: &Path) {
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="10000000000" uniqueCount="10000000000"><si><t>a</t></si></sst>"#;
    xlsx(path, &sheet_xml(&[], "A1:B4"), sst);
}

/// A sheet whose XML inflates to `mib` MiB of spaces (a zip bomb).
pub fn zip_bomb_xlsx(path: &Path, mib: usize) {
    let sheet = sheet_xml(&[], "A1:B4").replace(
        "<sheetData>",
        &format!("<sheetData>{}", " ".repeat(mib << 20)),
    );
    xlsx(path, &sheet, EMPTY_SST);
}

/// The billion-laughs entity expansion in the shared strings.
pub fn billion_laughs_xlsx(path: &Path) {
    let mut dtd = String::from(r#"<!DOCTYPE lolz [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            r#"<!ENTITY lol{i} "{}">"#,
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let sst = format!(
        r#"<?xml version="1.0"?>{dtd}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"#
    );
    let sheet = sheet_xml(&[], "A1:B4").replace(
        r#"<c r="B4" t="inlineStr"><is><t>Do you encrypt customer data at rest?</t></is></c>"#,
        r#"<c r="B4" t="s"><v>0</v></c>"#,
    );
    xlsx(path, &sheet, &sst);
}

/// An encrypted OOXML workbook: an OLE container holding `EncryptionInfo` and
/// `EncryptedPackage`, as Excel writes a password-protected .xlsx.
pub fn encrypted_ooxml(path: &Path) {
    let mut container = cfb::create(path).unwrap();
    let mut info = container.create_stream("/EncryptionInfo").unwrap();
    info.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
    info.write_all(&[0u8; 248]).unwrap();
    drop(info);
    let mut package = container.create_stream("/EncryptedPackage").unwrap();
    package.write_all(&(4096u64).to_le_bytes()).unwrap();
    package.write_all(&[0x5Au8; 4096]).unwrap();
    drop(package);
    container.flush().unwrap();
}

/// A real .xls whose first cell record is moved to row 65535, column 65535: calamine builds
/// a dense grid from the extreme cells when it opens an .xls, so it asks for 137 GB and the
/// process aborts. Fuzzing found this class (docs/DESIGN.md); only a worker process contains it.
pub fn far_cell_xls(source_xls: &Path, path: &Path) {
    let mut original = cfb::open(source_xls).unwrap();
    let mut workbook = Vec::new();
    original
        .open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut workbook)
        .unwrap();
    let mut at = 0;
    while at + 4 <= workbook.len() {
        let kind = u16::from_le_bytes([workbook[at], workbook[at + 1]]);
        let len = u16::from_le_bytes([workbook[at + 2], workbook[at + 3]]) as usize;
        // LABELSST, LABEL, NUMBER, RK: row (u16) and column (u16) open the record.
        if matches!(kind, 0x00FD | 0x0204 | 0x0203 | 0x027E) && len >= 4 {
            workbook[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
            break;
        }
        at += 4 + len;
    }
    rewrite_workbook_stream(&mut original, &workbook, path);
}

/// The `.xls` panic class fuzzing found (calamine slices past a record's end): a copy of
/// `source_xls` whose first MERGEDCELLS record claims 255 merged ranges while holding only
/// the ones it had. The reader panics ("range end index out of range"); socscope must report
/// the file as `corrupt` and carry on. The source must have merged cells.
pub fn overrun_merged_cells_xls(source_xls: &Path, path: &Path) {
    let mut original = cfb::open(source_xls).unwrap();
    let mut workbook = Vec::new();
    original
        .open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut workbook)
        .unwrap();
    let mut at = 0;
    let mut patched = false;
    while at + 4 <= workbook.len() {
        let kind = u16::from_le_bytes([workbook[at], workbook[at + 1]]);
        let len = u16::from_le_bytes([workbook[at + 2], workbook[at + 3]]) as usize;
        // MERGEDCELLS: a u16 count, then 8 bytes per range.
        if kind == 0x00E5 && len >= 2 {
            workbook[at + 4..at + 6].copy_from_slice(&[0xFF, 0x00]);
            patched = true;
            break;
        }
        at += 4 + len;
    }
    assert!(patched, "{} has no merged cells", source_xls.display());
    rewrite_workbook_stream(&mut original, &workbook, path);
}

/// Writes a copy of an OLE workbook with a new `Workbook` stream and every other stream as it
/// was (readers expect the small ones, which live in the container's mini stream).
fn rewrite_workbook_stream(
    original: &mut cfb::CompoundFile<fs::File>,
    workbook: &[u8],
    path: &Path,
) {
    let streams: Vec<std::path::PathBuf> = original
        .walk()
        .filter(|e| e.is_stream() && e.path() != Path::new("/Workbook"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut container = cfb::create(path).unwrap();
    container
        .create_stream("/Workbook")
        .unwrap()
        .write_all(workbook)
        .unwrap();
    for stream in streams {
        let mut bytes = Vec::new();
        original
            .open_stream(&stream)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        container
            .create_stream(&stream)
            .unwrap()
            .write_all(&bytes)
            .unwrap();
    }
    container.flush().unwrap();
}

/// How a legacy workbook's password protection scrambles it (FILEPASS `wEncryptionType`).
#[derive(Clone, Copy)]
pub enum BiffProtection {
    /// RC4 encryption (type 1).
    Rc4,
    /// XOR obfuscation (type 0), which calamine 0.38 does not take for a password.
    Xor,
}

/// A password-protected .xls: a real BIFF8 workbook with a FILEPASS record after its BOF.
pub fn encrypted_xls(source_xls: &Path, path: &Path, protection: BiffProtection) {
    let mut original = cfb::open(source_xls).unwrap();
    let mut workbook = Vec::new();
    original
        .open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut workbook)
        .unwrap();
    let bof_len = u16::from_le_bytes([workbook[2], workbook[3]]) as usize;
    let insert_at = 4 + bof_len;
    // FILEPASS (0x002F), 6 bytes: the encryption type, then the start of its header (RC4) or
    // the key and verifier (XOR).
    let kind = match protection {
        BiffProtection::Rc4 => 0x01,
        BiffProtection::Xor => 0x00,
    };
    let filepass = [0x2F, 0x00, 0x06, 0x00, kind, 0x00, 0x01, 0x00, 0x01, 0x00];
    let mut protected = workbook[..insert_at].to_vec();
    protected.extend_from_slice(&filepass);
    protected.extend_from_slice(&workbook[insert_at..]);
    rewrite_workbook_stream(&mut original, &protected, path);
}

/// A password-protected .ods: its manifest declares encryption data for content.xml.
pub fn encrypted_ods(path: &Path) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="1000"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(&[0x33u8; 1000]).unwrap();
    zip.finish().unwrap();
}

/// 1,536 bytes: an OLE header whose directory chain points at itself, which made calamine
/// 0.36 grow without bound.
pub fn cyclic_cfb(path: &Path) {
    let mut header = [0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 =
        |h: &mut [u8; 512], at: usize, v: u16| h[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |h: &mut [u8; 512], at: usize, v: u32| h[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut header, 0x18, 0x3E);
    put16(&mut header, 0x1A, 3);
    put16(&mut header, 0x1C, 0xFFFE);
    put16(&mut header, 0x1E, 9);
    put16(&mut header, 0x20, 6);
    put32(&mut header, 0x2C, 1);
    put32(&mut header, 0x30, 1);
    put32(&mut header, 0x38, 4096);
    put32(&mut header, 0x3C, 0xFFFF_FFFE);
    put32(&mut header, 0x44, 0xFFFF_FFFE);
    for i in 0..109 {
        put32(&mut header, 0x4C + 4 * i, 0xFFFF_FFFF);
    }
    put32(&mut header, 0x4C, 0);
    let mut fat = [0xFFu8; 512];
    fat[..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    fat[4..8].copy_from_slice(&1u32.to_le_bytes());
    let mut bytes = header.to_vec();
    bytes.extend_from_slice(&fat);
    bytes.extend_from_slice(&[0u8; 512]);
    fs::write(path, bytes).unwrap();
}

/// Deterministic pseudo-random bytes (no PNG/PDF/zip/OLE magic at the start).
pub fn junk(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

/// A CSV of `rows` questions under a header.
pub fn long_csv(path: &Path, rows: usize) {
    let mut out = std::io::BufWriter::new(fs::File::create(path).unwrap());
    writeln!(out, "Ref,Question,Answer").unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "Q{i},Is control number {i} reviewed and operating effectively?,"
        )
        .unwrap();
    }
    out.flush().unwrap();
}
