//! The two real public questionnaires in `../shared/real/` (not part of this repository, so
//! the test says it skipped when they are absent): every vendor-facing question once, nothing
//! else.

mod util;

use std::path::Path;

use util::{Csv, analyze};

#[test]
fn real_questionnaires_yield_every_question_once() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    let hecvat = shared.join("hecvat-3.04-lite-instructure/Canvas Catalog HECVAT Lite.xlsx");
    let asvs = shared
        .join("owasp-asvs-4.0.3/OWASP Application Security Verification Standard 4.0.3-en.csv");
    if !hecvat.exists() || !asvs.exists() {
        eprintln!(
            "skipped: the real questionnaires are not at {}",
            shared.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(&hecvat, input.join("hecvat.xlsx")).unwrap();
    std::fs::copy(&asvs, input.join("asvs.csv")).unwrap();
    let out = dir.path().join("out");
    analyze(&input, &out, &[]);
    let questions = Csv::read(&out.join("questions.csv"));

    // HECVAT Lite: 94 prompts with ids on the vendor sheet (identity prompts included); the
    // analyst, summary and crosswalk sheets repeat them and add none.
    let hecvat_rows: Vec<_> = questions
        .rows
        .iter()
        .filter(|r| r["customer"] == "hecvat")
        .collect();
    assert_eq!(hecvat_rows.len(), 94);
    assert!(
        hecvat_rows
            .iter()
            .all(|r| r["sheet"] == "HECVAT - Lite | Vendor Response")
    );
    let is_id = |id: &str| {
        let (prefix, number) = id.split_once('-').unwrap_or(("", ""));
        prefix.len() == 4 && number.len() == 2 && number.chars().all(|c| c.is_ascii_digit())
    };
    assert!(
        hecvat_rows.iter().all(|r| is_id(&r["question_id"])),
        "every row has its HECVAT id"
    );
    assert!(hecvat_rows.iter().any(|r| r["question"] == "Vendor Name"));

    // ASVS: 286 requirements, 8 of them "[DELETED ...]".
    let asvs_rows: Vec<_> = questions
        .rows
        .iter()
        .filter(|r| r["customer"] == "asvs")
        .collect();
    assert_eq!(asvs_rows.len(), 278);
    assert!(
        asvs_rows
            .iter()
            .all(|r| !r["question"].starts_with("[DELETED"))
    );
    assert_eq!(asvs_rows[0]["question_id"], "V1.1.1");
    assert_eq!(asvs_rows[0]["row"], "2");
}
