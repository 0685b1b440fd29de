//! The command line as users and scripts depend on it: exit codes, the final summary line,
//! `explain`, `rules`, `--rules`, overrides, `--fail-on-error`.

mod util;

use std::fs;

use util::{Csv, analyze, socscope};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let missing = socscope(&["analyze", "/no/such/folder", "--out", out.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("does not exist"),
        "{}",
        stderr(&missing)
    );

    let usage = socscope(&["analyze", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
    let bad_value = socscope(&[
        "analyze",
        ".",
        "--out",
        out.to_str().unwrap(),
        "--header-row",
        "zero",
    ]);
    assert_eq!(bad_value.status.code(), Some(2));
}

#[test]
fn a_run_ends_with_one_summary_line_and_no_progress_bar_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let fixtures = util::fixtures();
    let output = socscope(&[
        "analyze",
        fixtures.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 1, "{message:?}");
    let line = lines[0];
    assert!(
        line.starts_with("13 files, 12 customers, 303 questions in "),
        "{line}"
    );
    assert!(
        line.ends_with(" s; 1 file skipped, see errors.csv"),
        "{line}"
    );
    assert!(
        !message.contains('\u{1b}'),
        "no terminal escapes when stderr is not a terminal"
    );

    let quiet = socscope(&[
        "analyze",
        fixtures.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn extra_outputs_left_by_an_earlier_run_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let fixtures = util::fixtures();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "analyze",
            fixtures.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = socscope(&args);
        assert!(output.status.success());
        stderr(&output)
    };
    assert!(!run(&["--html"]).contains("note:"));
    let message = run(&[]);
    let note = message.lines().nth(1).unwrap_or_default();
    assert!(
        note.starts_with("note: report.html in ") && note.contains("from an earlier run"),
        "{message}"
    );
    assert!(!note.contains("portfolio.csv"), "{note}");
    assert!(!run(&["--html"]).contains("note:"));
}

#[test]
fn fail_on_error_exits_3_but_still_writes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("good.csv"),
        "Question\nDo you encrypt data at rest?\nIs MFA enforced?\n",
    )
    .unwrap();
    fs::write(input.join("empty.csv"), "").unwrap();
    let out = dir.path().join("out");
    let output = socscope(&[
        "analyze",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--fail-on-error",
        "-q",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let errors = Csv::read(&out.join("errors.csv"));
    assert_eq!(errors.column("file"), ["empty.csv"]);
    assert_eq!(errors.column("kind"), ["empty"]);
    assert_eq!(Csv::read(&out.join("questions.csv")).rows.len(), 2);
    // Without the flag the same run succeeds.
    analyze(&input, &out, &[]);
}

#[test]
fn explain_shows_rules_keywords_and_tags() {
    let output = socscope(&[
        "explain",
        "Do you test your disaster recovery plan every year?",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("normalized: do you test your disaster recovery plan every year?"),
        "{text}"
    );
    assert!(text.contains("disaster-recovery"), "{text}");
    assert!(text.contains("\"disaster recovery plan"), "{text}");
    assert!(text.contains("categories  Availability"), "{text}");
}

#[test]
fn rules_prints_the_catalog_as_csv_or_json() {
    let csv_out = socscope(&["rules"]);
    assert!(csv_out.status.success());
    assert!(stdout(&csv_out).starts_with("id,topic,keywords,criteria,categories"));
    let json_out = socscope(&["rules", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json_out)).unwrap();
    assert!(json["rules"].as_array().unwrap().len() > 50);
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `socscope rules | head -1`: the pipe closes after the first line.
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_socscope"))
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("id,topic"), "{first}");
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("error"), "{}", stderr(&output));
}

#[test]
fn a_user_catalog_fixes_a_tag_without_touching_code() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    let sentence = "Are widget ledgers balanced every night?";
    let before = stdout(&socscope(&["explain", sentence]));
    assert!(
        !before.contains("widget-ledgers") && !before.contains("SOC 1: reconciliations"),
        "{before}"
    );
    fs::write(
        &rules,
        "[[rule]]\nid = \"widget-ledgers\"\ntopic = \"widget ledgers\"\nkeywords = [\"widget ledger\"]\nsoc1 = [\"reconciliations\"]\n",
    )
    .unwrap();
    let after = stdout(&socscope(&[
        "explain",
        sentence,
        "--rules",
        rules.to_str().unwrap(),
    ]));
    assert!(after.contains("widget-ledgers"), "{after}");
    assert!(after.contains("SOC 1: reconciliations"), "{after}");
}

#[test]
fn an_invalid_user_catalog_is_a_fatal_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bad.toml");
    fs::write(
        &rules,
        "\n[[rule]]\nid = \"x\"\nkeywords = [\"widget\"]\ncriteria = [\"CC9.9\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = socscope(&[
        "analyze",
        util::fixtures().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("bad.toml:2") && message.contains("CC9.9"),
        "{message}"
    );
    // Said once: the cause is not repeated after itself.
    assert_eq!(message.matches("CC9.9").count(), 1, "{message}");
    assert!(
        message.starts_with("error: invalid rule catalog: "),
        "{message}"
    );
    assert!(!out.join("questions.csv").exists());
}

#[test]
fn layout_overrides_rescue_a_file_that_defeats_detection() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    // Short checklist items under titles nobody would call a question column.
    fs::write(
        input.join("odd.csv"),
        "Item,Text,Notes\nx,Laptop disk encryption,\ny,Quarterly access recertification,\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    analyze(&input, &out, &[]);
    assert_eq!(Csv::read(&out.join("questions.csv")).rows.len(), 0);
    analyze(
        &input,
        &out,
        &["--header-row", "odd.csv=1", "--question-col", "odd.csv=B"],
    );
    let questions = Csv::read(&out.join("questions.csv"));
    assert_eq!(questions.column("row"), ["2", "3"]);
    assert_eq!(questions.column("categories"), ["Security", "Security"]);
}

#[test]
fn no_output_cell_is_a_live_formula() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("=cmd.csv"),
        "Question,Answer\n\"=HYPERLINK(\"\"http://x\"\",\"\"Do you encrypt backups?\"\")\",\n+1 Do you patch monthly?,\n@SUM Is MFA required?,\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    analyze(&input, &out, &["--all-outputs"]);
    for name in [
        "questions.csv",
        "summary.csv",
        "errors.csv",
        "portfolio.csv",
        "criteria.csv",
    ] {
        let table = Csv::read(&out.join(name));
        for row in &table.rows {
            for (column, value) in row {
                let first = value.chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "{name}.{column} starts like a formula: {value:?}"
                );
            }
        }
    }
    let questions = Csv::read(&out.join("questions.csv"));
    assert!(
        questions
            .rows
            .iter()
            .any(|r| r["question"].starts_with("'=HYPERLINK")),
        "{:?}",
        questions.rows
    );
    assert!(questions.rows.iter().all(|r| r["customer"] == "'=cmd"));
    // The workbook holds text as string cells: no cell of any sheet is a formula.
    use calamine::Reader as _;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("summary.xlsx")).expect("summary.xlsx");
    for sheet in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&sheet).expect("sheet");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} holds a formula"
        );
        let values = workbook.worksheet_range(&sheet).expect("sheet");
        assert!(values.used_cells().count() > 0, "{sheet} is empty");
    }
}

/// The same question is a SOC 2 control under a security section and a SOC 1 control under a
/// payroll one, as an analyst reads it; the section travels from the reader to the matcher in
/// process and through a worker alike.
#[test]
fn a_section_title_gives_its_questions_their_context() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("acme.csv"),
        "Ref,Question,Response\n\
         A,Information Security,\n\
         A.1,Are batch jobs monitored and failures resolved?,\n\
         B,Payroll Processing,\n\
         B.1,Are batch jobs monitored and failures resolved?,\n",
    )
    .unwrap();
    for mode in [&[][..], &["--no-workers"][..]] {
        let out = dir.path().join("out");
        analyze(&input, &out, mode);
        let questions = Csv::read(&out.join("questions.csv"));
        assert_eq!(questions.column("question_id"), ["A.1", "B.1"], "{mode:?}");
        assert_eq!(
            questions.column("frameworks"),
            ["SOC 2", "SOC 1"],
            "{mode:?}"
        );
    }
}
