//! The end-to-end benchmark: one table, every figure measured in the same run on the same
//! corpus, so that ratios survive a noisy shared machine.
//!
//! ```text
//! benches/run.sh [FILES ...]        # builds, sets up the competitor, runs this
//! ```
//!
//! For each corpus size it measures, interleaving the candidates round by round and keeping
//! the median of `--runs` rounds:
//! - the read-only floor (`bench-floor`: socscope's readers, no detection, matching or output);
//! - `socscope analyze` with `--jobs 1` and with all cores (worker processes), and with all
//!   cores in-process (`--no-workers`);
//! - the pandas competitor (`benches/competitor/competitor.py`), when its virtual environment
//!   exists and the corpus is small enough for it to finish in reasonable time.
//!
//! Wall time, questions per second, and peak resident memory of the whole process tree
//! (parent and workers summed, sampled every 10 ms from /proc) for each, then the ratios the
//! targets are about. The markdown goes to stdout and `target/bench/report.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Measure {
    seconds: f64,
    peak_kib: u64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes: Vec<usize> = Vec::new();
    let mut runs = 3usize;
    let mut competitor_limit = 1_000usize;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--runs" => runs = iter.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--competitor-max-files" => {
                competitor_limit = iter
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(competitor_limit)
            }
            n => sizes.extend(n.parse::<usize>().ok()),
        }
    }
    if sizes.is_empty() {
        sizes = vec![200, 1_000];
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let release = bin_dir.parent().map(Path::to_path_buf).unwrap_or_default();
    let socscope = release.join("socscope");
    let floor = bin_dir.join("bench-floor");
    let corpus_tool = bin_dir.join("bench-corpus");
    let bench_dir = root.join("target/bench");
    let python = root.join("benches/competitor/.venv/bin/python");
    let competitor = root.join("benches/competitor/competitor.py");
    let rules_json = bench_dir.join("rules.json");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let _ = std::fs::create_dir_all(&bench_dir);
    if let Ok(output) = Command::new(&socscope)
        .args(["rules", "--format", "json"])
        .output()
    {
        let _ = std::fs::write(&rules_json, output.stdout);
    }

    let mut report = String::new();
    report.push_str(&machine_description(cores));
    // What every run pays before its first file (loading and compiling the catalog, starting
    // threads, writing three empty outputs): it weighs on small corpora only.
    let empty = bench_dir.join("empty");
    let _ = std::fs::create_dir_all(&empty);
    let mut startup: Vec<f64> = (0..runs.max(5))
        .map(|_| {
            measure(&analyze_args(
                &socscope,
                &empty,
                &bench_dir.join("out-empty"),
                &cores.to_string(),
                false,
            ))
            .seconds
        })
        .collect();
    startup.sort_by(f64::total_cmp);
    report.push_str(&format!(
        "Start-up cost (socscope on an empty folder, median): {:.3} s\n",
        startup[startup.len() / 2]
    ));
    for &files in &sizes {
        let corpus = bench_dir.join(format!("corpus-{files}"));
        if !corpus.join(".corpus").exists() {
            let status = Command::new(&corpus_tool)
                .arg(&corpus)
                .arg(files.to_string())
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("cannot generate the corpus with {}", corpus_tool.display());
                std::process::exit(1);
            }
        }
        let bytes = folder_bytes(&corpus);
        let out = |name: &str| bench_dir.join(format!("out-{files}-{name}"));
        let jobs_all = cores.to_string();
        let mut candidates: Vec<(&str, Vec<String>)> = vec![
            (
                "floor (read only)",
                vec![
                    floor.display().to_string(),
                    corpus.display().to_string(),
                    jobs_all.clone(),
                ],
            ),
            (
                "floor (read only), 1 job",
                vec![
                    floor.display().to_string(),
                    corpus.display().to_string(),
                    "1".into(),
                ],
            ),
            (
                "socscope --jobs 1",
                analyze_args(&socscope, &corpus, &out("j1"), "1", false),
            ),
            (
                "socscope --jobs all",
                analyze_args(&socscope, &corpus, &out("jall"), &jobs_all, false),
            ),
            (
                "socscope --jobs all --no-workers",
                analyze_args(&socscope, &corpus, &out("inproc"), &jobs_all, true),
            ),
        ];
        if python.exists() && files <= competitor_limit {
            candidates.push((
                "pandas competitor, all cores",
                vec![
                    python.display().to_string(),
                    competitor.display().to_string(),
                    corpus.display().to_string(),
                    out("pandas").display().to_string(),
                    "--rules".into(),
                    rules_json.display().to_string(),
                    "--workers".into(),
                    jobs_all.clone(),
                ],
            ));
        }
        let mut results: BTreeMap<&str, Vec<Measure>> = BTreeMap::new();
        for round in 0..runs {
            for (name, command) in &candidates {
                eprintln!("[{files} files, round {}] {name}", round + 1);
                results.entry(name).or_default().push(measure(command));
            }
        }
        let questions = count_questions(&out("jall").join("summary.csv"));
        let median = |name: &str| -> Measure {
            let mut runs: Vec<&Measure> = results
                .get(name)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
            match runs.get(runs.len() / 2) {
                Some(m) => Measure {
                    seconds: m.seconds,
                    peak_kib: runs.iter().map(|m| m.peak_kib).max().unwrap_or(0),
                },
                None => Measure {
                    seconds: f64::NAN,
                    peak_kib: 0,
                },
            }
        };
        report.push_str(&format!(
            "\n### {files} questionnaires ({:.1} MB, {questions} questions found), median of {runs} rounds\n\n",
            bytes as f64 / 1e6
        ));
        report.push_str(
            "| run | wall (s) | questions/s | peak RSS, whole tree (MB) |\n|---|---:|---:|---:|\n",
        );
        for (name, _) in &candidates {
            let m = median(name);
            report.push_str(&format!(
                "| {name} | {:.3} | {:.0} | {:.0} |\n",
                m.seconds,
                questions as f64 / m.seconds,
                m.peak_kib as f64 / 1024.0
            ));
        }
        let floor_s = median("floor (read only)").seconds;
        let floor_one = median("floor (read only), 1 job").seconds;
        let all = median("socscope --jobs all").seconds;
        let one = median("socscope --jobs 1").seconds;
        let inproc = median("socscope --jobs all --no-workers").seconds;
        report.push_str(&format!(
            "\n| ratio | value | target |\n|---|---:|---|\n\
             | socscope (all cores) / floor (all cores) | {:.2} | <= 1.3 |\n\
             | socscope in-process (all cores) / floor (all cores) | {:.2} | |\n\
             | socscope --jobs 1 / floor, 1 job | {:.2} | |\n\
             | jobs 1 / jobs all | {:.2} | >= 1.8 |\n",
            all / floor_s,
            inproc / floor_s,
            one / floor_one,
            one / all
        ));
        if results.contains_key("pandas competitor, all cores") {
            report.push_str(&format!(
                "| pandas competitor / socscope (all cores) | {:.1} | >= 50 |\n",
                median("pandas competitor, all cores").seconds / all
            ));
        }
    }
    println!("{report}");
    let _ = std::fs::write(bench_dir.join("report.md"), &report);
}

fn analyze_args(
    socscope: &Path,
    corpus: &Path,
    out: &Path,
    jobs: &str,
    in_process: bool,
) -> Vec<String> {
    let mut args = vec![
        socscope.display().to_string(),
        "analyze".into(),
        corpus.display().to_string(),
        "--out".into(),
        out.display().to_string(),
        "--quiet".into(),
        "--jobs".into(),
        jobs.into(),
    ];
    if in_process {
        args.push("--no-workers".into());
    }
    args
}

/// Runs a command, sampling the resident memory of its process tree every 10 ms.
fn measure(command: &[String]) -> Measure {
    let started = Instant::now();
    let mut child = match Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot run {}: {e}", command[0]);
            return Measure {
                seconds: f64::NAN,
                peak_kib: 0,
            };
        }
    };
    let root = child.id();
    let mut peak = 0;
    loop {
        peak = peak.max(tree_rss_kib(root));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Measure {
        seconds: started.elapsed().as_secs_f64(),
        peak_kib: peak,
    }
}

fn tree_rss_kib(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut parent_of = BTreeMap::new();
    let mut rss = BTreeMap::new();
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else {
            continue;
        };
        for line in status.lines() {
            if let Some(v) = line.strip_prefix("PPid:") {
                parent_of.insert(pid, v.trim().parse::<u32>().unwrap_or(0));
            } else if let Some(v) = line.strip_prefix("VmRSS:") {
                rss.insert(
                    pid,
                    v.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .unwrap_or(0),
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
                Some(&p) if p != 0 => pid = p,
                _ => return false,
            }
        }
        false
    };
    rss.iter()
        .filter(|(p, _)| in_tree(**p))
        .map(|(_, k)| k)
        .sum()
}

fn count_questions(summary: &Path) -> u64 {
    let Ok(text) = std::fs::read_to_string(summary) else {
        return 0;
    };
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(2).and_then(|q| q.parse::<u64>().ok()))
        .sum()
}

fn folder_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
        .sum()
}

fn machine_description(cores: usize) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    format!(
        "Machine: {cores} cores ({cpu}), {:.0} GiB RAM; socscope {}\n",
        memory as f64 / 1024.0 / 1024.0,
        env!("CARGO_PKG_VERSION")
    )
}
