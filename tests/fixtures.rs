//! `socscope analyze fixtures` end to end: every expected question found exactly once with
//! its file, sheet, row, id and text; every customer's summary row as an analyst would write
//! it; errors.csv as expected; tagging quality above the bar; same bytes for any --jobs.

mod util;

use std::collections::{BTreeMap, BTreeSet};

use util::{Csv, analyze, expected_dir, fixtures, snapshot};

struct Run {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
}

fn run_fixtures(extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    analyze(&fixtures(), &out, extra);
    Run { _dir: dir, out }
}

#[test]
fn questions_csv_holds_exactly_the_expected_questions() {
    let run = run_fixtures(&[]);
    let expected = Csv::read(&expected_dir().join("questions.csv"));
    let actual = Csv::read(&run.out.join("questions.csv"));
    assert_eq!(
        actual.header,
        [
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
            "signals"
        ]
    );
    let key =
        |r: &BTreeMap<String, String>| (r["file"].clone(), r["sheet"].clone(), r["row"].clone());
    let actual_by_key: BTreeMap<_, _> = actual.rows.iter().map(|r| (key(r), r)).collect();
    assert_eq!(
        actual_by_key.len(),
        actual.rows.len(),
        "a question is reported twice"
    );
    let expected_keys: BTreeSet<_> = expected.rows.iter().map(key).collect();
    let actual_keys: BTreeSet<_> = actual_by_key.keys().cloned().collect();
    let missing: Vec<_> = expected_keys.difference(&actual_keys).collect();
    let extra: Vec<_> = actual_keys.difference(&expected_keys).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}\nextra {extra:?}"
    );
    for want in &expected.rows {
        let got = actual_by_key[&key(want)];
        for column in ["customer", "question_id", "question"] {
            assert_eq!(got[column], want[column], "{column} of {:?}", key(want));
        }
    }
    assert_eq!(actual.rows.len(), 303);
}

#[test]
fn every_tag_is_explained_and_every_criterion_is_real() {
    let run = run_fixtures(&[]);
    let actual = Csv::read(&run.out.join("questions.csv"));
    let reference = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/catalog/tsc2017.csv"),
    )
    .unwrap();
    let valid: BTreeSet<&str> = reference
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(valid.len(), 61);
    let areas: BTreeSet<String> = socscope::catalog::Catalog::builtin()
        .unwrap()
        .soc1_areas
        .into_iter()
        .collect();
    for row in &actual.rows {
        if !row["frameworks"].is_empty() {
            assert!(!row["keywords"].is_empty(), "tag without keyword: {row:?}");
        }
        for item in row["criteria"].split(';').filter(|s| !s.is_empty()) {
            assert!(
                valid.contains(item) || areas.contains(item),
                "unknown criterion or area {item:?}"
            );
        }
        let soc2 = row["frameworks"].contains("SOC 2");
        assert_eq!(soc2, !row["categories"].is_empty(), "{row:?}");
    }
}

#[test]
fn every_customer_gets_the_analysts_decision() {
    let run = run_fixtures(&[]);
    let expected = Csv::read(&expected_dir().join("summary.csv"));
    let expected_questions = Csv::read(&expected_dir().join("questions.csv"));
    let actual = Csv::read(&run.out.join("summary.csv"));
    assert_eq!(
        actual.header,
        [
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
            "rationale"
        ]
    );
    assert_eq!(
        actual.column("customer"),
        expected.column("customer"),
        "one row per customer, sorted"
    );
    for (want, got) in expected.rows.iter().zip(&actual.rows) {
        let customer = &want["customer"];
        for column in [
            "recommendation",
            "report_type",
            "soc2_categories",
            "also_requested",
        ] {
            assert_eq!(got[column], want[column], "{column} of {customer}");
        }
        let questions = expected_questions
            .rows
            .iter()
            .filter(|r| &r["customer"] == customer)
            .count();
        assert_eq!(
            got["questions"],
            questions.to_string(),
            "questions of {customer}"
        );
        let files: BTreeSet<&str> = expected_questions
            .rows
            .iter()
            .filter(|r| &r["customer"] == customer)
            .map(|r| r["file"].as_str())
            .collect();
        assert_eq!(got["files"], files.len().to_string(), "files of {customer}");
        let rationale = &got["rationale"];
        assert!(
            rationale.ends_with('.') && rationale.len() > 20,
            "{customer}: {rationale}"
        );
        if want["recommendation"] != "none" {
            assert!(
                rationale.contains("questions on"),
                "{customer}: {rationale}"
            );
        }
        let count = |c: &str| got[c].parse::<u64>().unwrap();
        assert!(count("matched") <= count("questions"));
    }
}

#[test]
fn summary_counts_agree_with_questions_csv() {
    let run = run_fixtures(&[]);
    let questions = Csv::read(&run.out.join("questions.csv"));
    let summary = Csv::read(&run.out.join("summary.csv"));
    for row in &summary.rows {
        let mine: Vec<_> = questions
            .rows
            .iter()
            .filter(|q| q["customer"] == row["customer"])
            .collect();
        let with = |pred: &dyn Fn(&BTreeMap<String, String>) -> bool| {
            mine.iter().filter(|q| pred(q)).count().to_string()
        };
        assert_eq!(row["questions"], mine.len().to_string());
        assert_eq!(row["matched"], with(&|q| !q["frameworks"].is_empty()));
        assert_eq!(
            row["soc1_questions"],
            with(&|q| q["frameworks"].contains("SOC 1"))
        );
        for (column, category) in [
            ("security", "Security"),
            ("availability", "Availability"),
            ("confidentiality", "Confidentiality"),
            ("processing_integrity", "Processing Integrity"),
            ("privacy", "Privacy"),
        ] {
            assert_eq!(
                row[column],
                with(&|q| q["categories"].split(';').any(|c| c == category)),
                "{column}"
            );
        }
    }
}

#[test]
fn tagging_quality_is_above_the_bar() {
    let run = run_fixtures(&[]);
    let report = socscope::eval::evaluate(&expected_dir(), &run.out).unwrap();
    assert_eq!(report.found, report.expected_questions);
    assert_eq!(report.extra, 0);
    assert!(
        report.total.f1() >= 0.9,
        "micro F1 {:.3}\n{report}",
        report.total.f1()
    );
    assert_eq!(report.customers_right(), report.customers.len(), "{report}");
}

#[test]
fn errors_csv_lists_the_readme_as_unsupported() {
    let run = run_fixtures(&[]);
    let errors = Csv::read(&run.out.join("errors.csv"));
    assert_eq!(errors.header, ["file", "kind", "message"]);
    assert_eq!(errors.column("file"), ["README.md"]);
    assert_eq!(errors.column("kind"), ["unsupported"]);
    assert!(errors.rows[0]["message"].contains("socscope reads .csv"));
}

#[test]
fn outputs_start_with_a_bom_unless_asked_not_to() {
    let with = run_fixtures(&[]);
    let without = run_fixtures(&["--no-bom"]);
    for name in ["questions.csv", "summary.csv", "errors.csv"] {
        assert!(Csv::read(&with.out.join(name)).had_bom, "{name}");
        assert!(!Csv::read(&without.out.join(name)).had_bom, "{name}");
        let bytes = std::fs::read(with.out.join(name)).unwrap();
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{name} uses CRLF");
    }
}

#[test]
fn same_bytes_for_any_number_of_jobs() {
    let one = run_fixtures(&["--jobs", "1"]);
    let four = run_fixtures(&["--jobs", "4"]);
    assert_eq!(snapshot(&one.out), snapshot(&four.out));
    let names: Vec<String> = snapshot(&one.out).into_keys().collect();
    assert_eq!(
        names,
        ["errors.csv", "questions.csv", "summary.csv"],
        "no temporary file left behind"
    );
}
