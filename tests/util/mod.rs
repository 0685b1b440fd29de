//! Test harness: runs the real `socscope` binary in temporary folders and reads its CSVs.

#![allow(dead_code)]

pub mod hostile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixtures folder of the repository.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The labelled set that goes with the fixtures.
pub fn expected_dir() -> PathBuf {
    fixtures().join(".source/expected")
}

/// Runs `socscope` with `args`.
pub fn socscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socscope"))
        .args(args)
        .output()
        .expect("run socscope")
}

/// Runs `socscope analyze INPUT --out OUT extra...` and asserts it succeeded.
pub fn analyze(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "analyze",
        input.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let output = socscope(&args);
    assert!(
        output.status.success(),
        "socscope {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A CSV read into rows of `column -> value`, in file order.
#[derive(Debug, Clone)]
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<BTreeMap<String, String>>,
    pub had_bom: bool,
}

impl Csv {
    pub fn read(path: &Path) -> Csv {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let text = if had_bom { &bytes[3..] } else { &bytes[..] };
        let mut reader = csv::ReaderBuilder::new().from_reader(text);
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                let r = r.expect("record");
                header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect()
            })
            .collect();
        Csv {
            header,
            rows,
            had_bom,
        }
    }

    /// The values of one column.
    pub fn column(&self, name: &str) -> Vec<&str> {
        self.rows.iter().map(|r| r[name].as_str()).collect()
    }
}

/// Every regular file under `dir`, as raw bytes by relative path (to compare two runs).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    files
}

/// Runs `socscope args` and samples, every 10 ms, the resident memory of it and all its
/// descendants (the reader processes) summed; returns the output and the peak in KiB.
/// Linux only: elsewhere the peak is reported as 0.
pub fn run_measuring_memory(args: &[&str]) -> (Output, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_socscope"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn socscope");
    let root = child.id();
    let mut peak = 0u64;
    loop {
        peak = peak.max(tree_rss_kib(root));
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (child.wait_with_output().expect("output"), peak)
}

/// Resident memory of `root` and its descendants, in KiB (0 where /proc is missing).
fn tree_rss_kib(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut parent_of: BTreeMap<u32, u32> = BTreeMap::new();
    let mut rss: BTreeMap<u32, u64> = BTreeMap::new();
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else {
            continue;
        };
        for line in status.lines() {
            if let Some(v) = line.strip_prefix("PPid:") {
                parent_of.insert(pid, v.trim().parse().unwrap_or(0));
            }
            if let Some(v) = line.strip_prefix("VmRSS:") {
                rss.insert(
                    pid,
                    v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0),
                );
            }
        }
    }
    let in_tree = |mut pid: u32| {
        for _ in 0..64 {
            if pid == root {
                return true;
            }
            match parent_of.get(&pid) {
                Some(&parent) if parent != 0 => pid = parent,
                _ => return false,
            }
        }
        false
    };
    rss.iter()
        .filter(|(pid, _)| in_tree(**pid))
        .map(|(_, kib)| kib)
        .sum()
}
