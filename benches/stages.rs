//! Stage micro-benchmarks (criterion): what each stage costs on its own, so a change to one
//! can be judged without the noise of a whole run. `cargo bench --bench stages`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use socscope::catalog::Catalog;
use socscope::detect::{Overrides, detect_rows};
use socscope::matcher::Matcher;
use socscope::read::{Cell, Limits, Row, SheetMeta, read_file};

const QUESTIONS: &[&str] = &[
    "Is multi-factor authentication enforced for all administrator access to production?",
    "Describe how backups are encrypted, where they are stored and how often restores are tested.",
    "Are payroll reconciliations performed every pay cycle and reviewed by finance?",
    "How do you handle data subject access requests for personal data you process on our behalf?",
    "What is the legal name of your company?",
    "Please provide your most recent SOC 2 Type II report and a bridge letter covering the gap.",
    "Are changes to production tested and approved by a change advisory board?",
    "Is confidential information classified, and is it disposed of securely at contract end?",
];

fn matcher() -> Matcher {
    Matcher::new(Catalog::builtin().expect("catalog")).expect("matcher")
}

fn bench_catalog(c: &mut Criterion) {
    c.bench_function(
        "catalog: load, validate and compile the built-in rules",
        |b| b.iter(|| black_box(matcher())),
    );
}

fn bench_matcher(c: &mut Criterion) {
    let matcher = matcher();
    let bytes: usize = QUESTIONS.iter().map(|q| q.len()).sum();
    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag 8 questions", |b| {
        b.iter(|| {
            for q in QUESTIONS {
                black_box(matcher.tag(black_box(q)));
            }
        })
    });
    group.finish();
}

fn sheet(rows: usize) -> Vec<Row> {
    let mut out = vec![Row {
        number: 1,
        cells: vec![
            Cell {
                col: 0,
                text: "Ref".into(),
            },
            Cell {
                col: 1,
                text: "Question".into(),
            },
            Cell {
                col: 2,
                text: "Response".into(),
            },
        ],
    }];
    for i in 0..rows {
        let mut cells = vec![
            Cell {
                col: 0,
                text: format!("Q-{i}"),
            },
            Cell {
                col: 1,
                text: QUESTIONS[i % QUESTIONS.len()].to_string(),
            },
        ];
        if i % 15 == 0 {
            cells = vec![Cell {
                col: 0,
                text: "Access Control".into(),
            }];
        }
        out.push(Row {
            number: i as u32 + 2,
            cells,
        });
    }
    out
}

fn bench_detect(c: &mut Criterion) {
    let rows = sheet(300);
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.bench_function("a 300-row sheet", |b| {
        b.iter(|| {
            black_box(detect_rows(
                &SheetMeta::default(),
                rows.clone(),
                &Overrides::default(),
            ))
        })
    });
    group.finish();
}

fn bench_read(c: &mut Criterion) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let limits = Limits::default();
    let mut group = c.benchmark_group("read");
    for (name, file, ext) in [
        ("xlsx (acme, 6 sheets)", "acme-analytics.xlsx", "xlsx"),
        ("xls (globex, 2 sheets)", "globex-payroll.xls", "xls"),
        ("ods (initech)", "initech.ods", "ods"),
        ("csv windows-1252 (umbrella)", "umbrella-health.csv", "csv"),
        ("utf-16 txt (stark)", "stark-logistics.txt", "txt"),
    ] {
        let path = fixtures.join(file);
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut cells = 0usize;
                let _ = read_file(&path, ext, &limits, &mut |_, rows| {
                    for row in rows {
                        cells += row?.cells.len();
                    }
                    Ok(())
                });
                black_box(cells)
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_catalog,
    bench_matcher,
    bench_detect,
    bench_read
);
criterion_main!(benches);
