//! Sheet-level detection tests: each builds a small sheet the way real questionnaires are laid
//! out and checks exactly which rows come back.

use super::*;
use crate::read::Cell;

/// Builds rows from `(row number, [(column letter, text)])`.
fn sheet(rows: &[(u32, &[(&str, &str)])]) -> Vec<Row> {
    rows.iter()
        .map(|(number, cells)| Row {
            number: *number,
            cells: cells
                .iter()
                .map(|(col, text)| Cell {
                    col: match ColumnSpec::parse(col) {
                        ColumnSpec::Index(i) => i,
                        ColumnSpec::Header(_) => panic!("bad column {col}"),
                    },
                    text: (*text).to_string(),
                })
                .collect(),
        })
        .collect()
}

fn found(
    name: &str,
    rows: Vec<Row>,
    merges: Vec<MergedRegion>,
    overrides: &Overrides,
) -> Vec<(u32, String)> {
    let meta = SheetMeta {
        name: name.to_string(),
        merges,
    };
    detect_rows(&meta, rows, overrides)
        .into_iter()
        .map(|q| (q.row, q.id))
        .collect()
}

fn rows_found(rows: Vec<Row>) -> Vec<u32> {
    found("Sheet1", rows, Vec::new(), &Overrides::default())
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

#[test]
fn column_letters_parse() {
    assert_eq!(ColumnSpec::parse("A"), ColumnSpec::Index(0));
    assert_eq!(ColumnSpec::parse("C"), ColumnSpec::Index(2));
    assert_eq!(ColumnSpec::parse("AA"), ColumnSpec::Index(26));
    assert_eq!(
        ColumnSpec::parse("Question Text"),
        ColumnSpec::Header("Question Text".into())
    );
}

#[test]
fn title_rows_above_a_header_and_sections_between_questions() {
    let rows = sheet(&[
        (1, &[("A", "Acme Corp - Vendor Security Questionnaire")]),
        (
            2,
            &[(
                "A",
                "Please complete every question and return this form to procurement.",
            )],
        ),
        (
            4,
            &[
                ("A", "Ref"),
                ("B", "Question"),
                ("C", "Response"),
                ("D", "Comments"),
            ],
        ),
        (5, &[("A", "Access Control")]),
        (
            6,
            &[
                ("A", "AC-1"),
                (
                    "B",
                    "Is multi-factor authentication enforced for administrators?",
                ),
            ],
        ),
        (
            7,
            &[
                ("A", "AC-2"),
                ("B", "Describe how access is revoked when staff leave."),
            ],
        ),
        (8, &[("B", "Data Protection")]),
        (
            9,
            &[
                ("A", "DP-1"),
                ("B", "The vendor shall encrypt customer data at rest."),
            ],
        ),
        (10, &[("B", "Yes / No / N/A")]),
        (12, &[("A", "Thank you for completing this questionnaire.")]),
    ]);
    let got = found("Security", rows, Vec::new(), &Overrides::default());
    assert_eq!(
        got,
        [
            (6, "AC-1".to_string()),
            (7, "AC-2".to_string()),
            (9, "DP-1".to_string())
        ]
    );
}

#[test]
fn hecvat_like_identity_rows_above_a_section_header_count_when_they_have_ids() {
    let rows = sheet(&[
        (
            1,
            &[
                ("A", "Vendor Assessment | Vendor Response"),
                ("E", "Version 3.1"),
            ],
        ),
        (3, &[("A", "DATE-01"), ("B", "Date"), ("C", "2024-10-04")]),
        (4, &[("A", "General Information")]),
        (
            5,
            &[(
                "A",
                "To protect the institution, vendors are asked to answer the items below in full.",
            )],
        ),
        (
            6,
            &[("A", "GNRL-01"), ("B", "Vendor Name"), ("C", "Example Co")],
        ),
        (7, &[("A", "GNRL-02"), ("B", "Product Description")]),
        (
            8,
            &[
                ("A", "Company Overview"),
                ("C", "Vendor Answers"),
                ("D", "Additional Information"),
                ("E", "Guidance"),
            ],
        ),
        (
            9,
            &[
                ("A", "COMP-01"),
                ("B", "Describe your organization's ownership structure."),
                ("E", "Describe the owners."),
            ],
        ),
        (
            10,
            &[
                ("A", "COMP-02"),
                (
                    "B",
                    "Have you had an unplanned outage in the last 12 months?",
                ),
                ("C", "No"),
            ],
        ),
        (
            11,
            &[
                ("A", "Documentation"),
                ("C", "Vendor Answers"),
                ("D", "Additional Information"),
                ("E", "Guidance"),
            ],
        ),
        (
            12,
            &[
                ("A", "DOCU-01"),
                ("B", "Have you undergone a SOC 2 audit?"),
                ("D", "Yes, report available under NDA."),
            ],
        ),
        (
            13,
            &[
                ("A", "DOCU-02"),
                (
                    "B",
                    "Use this area to share anything else that would help assessors evaluate the product.",
                ),
            ],
        ),
    ]);
    let got: Vec<u32> = found("Vendor Response", rows, Vec::new(), &Overrides::default())
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(got, [3, 6, 7, 9, 10, 12, 13]);
}

#[test]
fn statements_under_a_requirement_header_are_questions_but_titles_are_not() {
    let rows = sheet(&[
        (
            1,
            &[
                ("A", "Control ID"),
                ("B", "Control Statement"),
                ("C", "Implemented?"),
            ],
        ),
        (2, &[("B", "Logical Access")]),
        (
            3,
            &[
                ("A", "LA.1"),
                (
                    "B",
                    "Access to production systems is reviewed every quarter.",
                ),
            ],
        ),
        (
            4,
            &[
                ("A", "LA.2"),
                ("B", "Unique user IDs for every person with system access"),
            ],
        ),
        (5, &[("B", "PHYSICAL SECURITY")]),
        (
            6,
            &[
                ("A", "PS.1"),
                (
                    "B",
                    "Visitors are escorted at all times in the data centre.",
                ),
            ],
        ),
    ]);
    assert_eq!(rows_found(rows), [3, 4, 6]);
}

#[test]
fn a_header_whose_answer_columns_ask_yes_or_no_is_still_the_header() {
    // "In place? (Y/N)" titles a column by its answer format (blind set 50: a whole ITGC
    // sheet of control statements was lost when the header was refused for its '?').
    let rows = sheet(&[
        (1, &[("A", "Section 2 - ITGC")]),
        (
            3,
            &[
                ("A", "Ref"),
                ("B", "Control Statement"),
                ("C", "In place? (Y/N)"),
                ("D", "Tested in SOC 1? (Y/N)"),
                ("E", "Comments"),
            ],
        ),
        (
            4,
            &[("A", "IT General Controls - Recovery Management System")],
        ),
        (
            5,
            &[
                ("A", "IT-1"),
                (
                    "B",
                    "User access to the recovery system is approved by management before it is granted.",
                ),
            ],
        ),
        (
            6,
            &[
                ("A", "IT-2"),
                (
                    "B",
                    "Changes to the recovery system are tested and approved before implementation.",
                ),
            ],
        ),
    ]);
    assert_eq!(rows_found(rows), vec![5, 6]);
}

#[test]
fn numbered_section_rows_are_recognised_by_their_ids() {
    let rows = sheet(&[
        (1, &[("A", "No."), ("B", "Requirement")]),
        (2, &[("A", "1"), ("B", "Governance and risk")]),
        (
            3,
            &[
                ("A", "1.1"),
                (
                    "B",
                    "Is there an information security policy approved by management?",
                ),
            ],
        ),
        (
            4,
            &[
                ("A", "1.2"),
                ("B", "Risk assessments are performed at least annually."),
            ],
        ),
        (5, &[("A", "2"), ("B", "Operations")]),
        (
            6,
            &[
                ("A", "2.1"),
                (
                    "B",
                    "Are production changes tested and approved before release?",
                ),
            ],
        ),
    ]);
    assert_eq!(rows_found(rows), [3, 4, 6]);
}

#[test]
fn headerless_list_of_questions_picks_the_prose_column() {
    let rows = sheet(&[
        (1, &[("A", "Supplier security checklist")]),
        (
            2,
            &[
                ("A", "1"),
                ("B", "Do you run background checks on new hires?"),
            ],
        ),
        (
            3,
            &[("A", "2"), ("B", "How often are firewall rules reviewed?")],
        ),
        (
            4,
            &[("A", "3"), ("B", "Provide your data retention schedule.")],
        ),
    ]);
    let got = found("Sheet1", rows, Vec::new(), &Overrides::default());
    assert_eq!(
        got,
        [
            (2, "1".to_string()),
            (3, "2".to_string()),
            (4, "3".to_string())
        ]
    );
}

#[test]
fn a_cover_page_without_header_yields_nothing() {
    let rows = sheet(&[
        (1, &[("A", "Vendor Risk Assessment 2026")]),
        (3, &[("A", "Prepared for: Example Bank plc")]),
        (
            4,
            &[(
                "A",
                "Do you have questions? Contact vendor-risk@example.com",
            )],
        ),
        (
            6,
            &[("A", "This document contains confidential information.")],
        ),
    ]);
    assert!(rows_found(rows).is_empty());
}

#[test]
fn cover_and_instruction_sheets_are_skipped_by_name() {
    let rows = sheet(&[
        (1, &[("A", "Question"), ("B", "Answer")]),
        (2, &[("A", "Do you encrypt backups?")]),
    ]);
    for name in ["Instructions", "Read First", "Start here"] {
        assert!(
            found(name, rows.clone(), Vec::new(), &Overrides::default()).is_empty(),
            "{name}"
        );
    }
    assert_eq!(
        found("Security", rows, Vec::new(), &Overrides::default()).len(),
        1
    );
}

#[test]
fn guidance_column_with_requests_is_not_taken_for_the_question_column() {
    let rows = sheet(&[
        (
            1,
            &[("A", "#"), ("B", ""), ("C", "Answer"), ("D", "Guidance")],
        ),
        (
            2,
            &[
                ("A", "1"),
                ("B", "Are backups encrypted?"),
                ("D", "Describe the algorithm used."),
            ],
        ),
        (
            3,
            &[
                ("A", "2"),
                ("B", "Is there a disaster recovery plan?"),
                ("D", "Provide the last test date."),
            ],
        ),
    ]);
    assert_eq!(rows_found(rows), [2, 3]);
}

#[test]
fn merged_banner_rows_are_not_questions() {
    let rows = sheet(&[
        (
            1,
            &[("A", "Question"), ("B", "Response"), ("C", "Evidence")],
        ),
        (
            2,
            &[(
                "A",
                "The following items cover how customer records are stored and protected over time",
            )],
        ),
        (
            3,
            &[(
                "A",
                "Customer records are encrypted with keys held in a hardware security module.",
            )],
        ),
    ]);
    let banner = MergedRegion {
        first_row: 2,
        last_row: 2,
        first_col: 0,
        last_col: 2,
    };
    let got = found("Data", rows, vec![banner], &Overrides::default());
    assert_eq!(got.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [3]);
}

#[test]
fn vertically_merged_ids_apply_to_every_row_they_cover() {
    let rows = sheet(&[
        (1, &[("A", "Ref"), ("B", "Question")]),
        (
            2,
            &[("A", "BC-1"), ("B", "Is there a business continuity plan?")],
        ),
        (3, &[("B", "When was it last tested?")]),
    ]);
    let merged_id = MergedRegion {
        first_row: 2,
        last_row: 3,
        first_col: 0,
        last_col: 0,
    };
    let got = found("BCP", rows, vec![merged_id], &Overrides::default());
    assert_eq!(got, [(2, "BC-1".to_string()), (3, "BC-1".to_string())]);
}

#[test]
fn overrides_pick_header_row_and_question_column() {
    let rows = sheet(&[
        (1, &[("A", "Item"), ("B", "Text"), ("C", "Notes")]),
        (
            2,
            &[
                ("A", "x"),
                ("B", "Encryption of laptops"),
                ("C", "Do not edit this column?"),
            ],
        ),
        (3, &[("A", "y"), ("B", "Password rotation every 90 days")]),
    ]);
    let overrides = Overrides {
        header_row: Some(1),
        question_col: Some(ColumnSpec::Header("text".into())),
    };
    let got: Vec<u32> = found("S", rows.clone(), Vec::new(), &overrides)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(got, [2, 3]);
    let by_letter = Overrides {
        header_row: None,
        question_col: Some(ColumnSpec::Index(1)),
    };
    assert_eq!(found("S", rows, Vec::new(), &by_letter).len(), 2);
}

#[test]
fn company_profile_prompts_are_questions() {
    let rows = sheet(&[
        (1, &[("A", "Company Profile")]),
        (2, &[("A", "Question"), ("B", "Response")]),
        (3, &[("A", "Company Information")]),
        (4, &[("A", "Legal entity name")]),
        (5, &[("A", "Registered office address")]),
        (6, &[("A", "Number of employees")]),
        (7, &[("A", "Year founded")]),
        (8, &[("A", "Do you carry cyber liability insurance?")]),
    ]);
    assert_eq!(rows_found(rows), [4, 5, 6, 7, 8]);
}

/// A profile tab titled "Information requested" or "Field" instead of "Question": every
/// prompt on it counts, sentence-case statements included, the sheet title does not.
#[test]
fn a_column_of_requested_information_is_a_question_column() {
    for title in ["Information requested", "Field", "Business Information"] {
        let rows = sheet(&[
            (1, &[("A", "Vendor Profile")]),
            (3, &[("A", title), ("B", "Vendor response")]),
            (4, &[("A", "Legal name of the company")]),
            (5, &[("A", "Trading name(s), if different")]),
            (6, &[("A", "Ultimate parent company (if any)")]),
            (7, &[("A", "Year founded")]),
            (
                8,
                &[("A", "Will the solution store protected health information?")],
            ),
            (
                9,
                &[(
                    "A",
                    "Name and email of the person completing this questionnaire",
                )],
            ),
            (10, &[("A", "Please complete this tab before the others.")]),
            (11, &[("A", "Authorized signature: ________ Date: ______")]),
        ]);
        assert_eq!(rows_found(rows), [4, 5, 6, 7, 8, 9], "{title}");
    }
}

/// "Name of the person completing this form" mentions the form but, with an id of its own,
/// is an identity prompt; sign-off lines, contact footers and confidentiality marks are not
/// questions even with a `?` or an id column beside them.
#[test]
fn identity_prompts_with_ids_count_and_sign_off_lines_do_not() {
    let rows = sheet(&[
        (
            1,
            &[("A", "Item"), ("B", "Question"), ("C", "Vendor Answer")],
        ),
        (2, &[("A", "A1"), ("B", "Product or application name")]),
        (
            3,
            &[
                ("A", "A2"),
                (
                    "B",
                    "Name, title, email and phone of the person completing this form",
                ),
            ],
        ),
        (
            4,
            &[("A", "A3"), ("B", "Is student data encrypted at rest?")],
        ),
        (
            5,
            &[
                ("A", "A4"),
                ("B", "Do you sell student data to third parties?"),
            ],
        ),
        (
            6,
            &[(
                "B",
                "Please complete this form and return it to the district.",
            )],
        ),
        (
            7,
            &[(
                "B",
                "Signed on behalf of the vendor: ____________ Date: ______",
            )],
        ),
        (8, &[("B", "Questions? Contact privacy@district.example")]),
        (9, &[("B", "Riverbend Unified – Commercial in Confidence")]),
        (10, &[("B", "Authorized signature: ________ Date: ______")]),
        (11, &[("A", "Completed by:"), ("B", "Title / Date:")]),
        (
            12,
            &[(
                "B",
                "Name: __________ Role: __________ Signature: __________",
            )],
        ),
        (
            13,
            &[(
                "B",
                "Declaration: I confirm that the answers above are accurate.",
            )],
        ),
    ]);
    assert_eq!(rows_found(rows), [2, 3, 4, 5]);
}

/// A list of evidence requests under "Evidence request" (or "Follow-up request") is the
/// question column; lettered headings and reviewer boxes are not questions.
#[test]
fn evidence_request_lists_and_lettered_headings() {
    for title in ["Evidence request", "Follow-up request"] {
        let rows = sheet(&[
            (1, &[("A", "Vendor Evidence Request")]),
            (
                2,
                &[(
                    "A",
                    "Please upload each item below. Mark N/A where it does not apply.",
                )],
            ),
            (
                3,
                &[
                    ("A", "Req #"),
                    ("B", title),
                    ("C", "Format"),
                    ("D", "Data room link"),
                ],
            ),
            (4, &[("B", "A. Policies and reports")]),
            (
                5,
                &[
                    ("A", "EV-01"),
                    ("B", "Please provide: your information security policy."),
                    ("C", "PDF"),
                ],
            ),
            (
                6,
                &[
                    ("A", "EV-02"),
                    ("B", "Please provide: your SOC 2 Type II report."),
                    ("C", "PDF"),
                ],
            ),
            (
                7,
                &[
                    ("A", "EV-03"),
                    ("B", "Your incident response plan"),
                    ("C", "PDF"),
                ],
            ),
            (
                8,
                &[(
                    "B",
                    "Internal Audit use only: Reviewed by ________ Date ________",
                )],
            ),
        ]);
        assert_eq!(rows_found(rows), [5, 6, 7], "{title}");
    }
}

#[test]
fn repeated_headers_and_changelog_entries_are_ignored() {
    let rows = sheet(&[
        (
            1,
            &[
                ("A", "Version"),
                ("B", "Date"),
                ("C", "Description of Change"),
            ],
        ),
        (
            2,
            &[
                ("A", "v1.0"),
                ("B", "2025-01-02"),
                ("C", "Added a question about encryption keys."),
            ],
        ),
        (
            3,
            &[
                ("A", "v1.1"),
                ("B", "2025-03-04"),
                ("C", "Reworded the backup section after review."),
            ],
        ),
    ]);
    assert!(rows_found(rows).is_empty());
}

#[test]
fn asvs_like_csv_with_deleted_rows() {
    let rows = sheet(&[
        (
            1,
            &[
                ("A", "chapter_id"),
                ("B", "chapter_name"),
                ("C", "req_id"),
                ("D", "req_description"),
                ("E", "level1"),
            ],
        ),
        (
            2,
            &[
                ("A", "V1"),
                ("B", "Architecture"),
                ("C", "V1.1.1"),
                ("D", "Verify the use of a secure development lifecycle."),
                ("E", "✓"),
            ],
        ),
        (
            3,
            &[
                ("A", "V1"),
                ("B", "Architecture"),
                ("C", "V1.1.2"),
                ("D", "[DELETED, NOT ACTIONABLE]"),
            ],
        ),
        (
            4,
            &[
                ("A", "V1"),
                ("B", "Architecture"),
                ("C", "V1.1.3"),
                ("D", "If tokens expire, verify that sessions end too."),
            ],
        ),
    ]);
    let got = found("", rows, Vec::new(), &Overrides::default());
    assert_eq!(got, [(2, "V1.1.1".to_string()), (4, "V1.1.3".to_string())]);
}

#[test]
fn a_long_sheet_streams_past_the_sample() {
    let mut rows = vec![Row {
        number: 1,
        cells: vec![
            Cell {
                col: 0,
                text: "Question".into(),
            },
            Cell {
                col: 1,
                text: "Answer".into(),
            },
        ],
    }];
    for n in 2..=(SAMPLE_ROWS as u32 * 3) {
        rows.push(Row {
            number: n,
            cells: vec![Cell {
                col: 0,
                text: format!("Is control number {n} operating effectively?"),
            }],
        });
    }
    let got = rows_found(rows);
    assert_eq!(got.len(), SAMPLE_ROWS * 3 - 1);
    assert_eq!(*got.last().unwrap(), SAMPLE_ROWS as u32 * 3);
}

#[test]
fn a_numbered_list_of_statements_under_a_description_title_is_requirements() {
    let rows = sheet(&[
        (1, &[("A", "Ref"), ("B", "Description"), ("C", "Met (Y/N)")]),
        (
            2,
            &[
                ("A", "R-01"),
                (
                    "B",
                    "Access to production is restricted to the operations team.",
                ),
            ],
        ),
        (
            3,
            &[
                ("A", "R-02"),
                ("B", "Backups are copied to a second region every night."),
            ],
        ),
        (
            4,
            &[(
                "B",
                "Removed in this version: the old paper-records section.",
            )],
        ),
    ]);
    assert_eq!(rows_found(rows), [2, 3]);
}

proptest::proptest! {
    /// The fast path must say "already normalized" exactly when normalizing changes nothing.
    #[test]
    fn collapsed_ascii_means_normalizing_changes_nothing(
        text in "[ a-c\\t\\n\\r\\x0b\\x0c\\x1c\\x00é]{0,40}|[ a-z?]{30,80}"
    ) {
        proptest::prop_assert_eq!(
            is_collapsed_ascii(&text),
            text.is_ascii() && normalize_whitespace(&text) == text
        );
    }
}

/// An answer legend in a titled question column is not a field to fill in, though it opens
/// like one ("Responses: ..."); a real field label beside it still is.
#[test]
fn an_answer_legend_under_the_question_title_is_not_a_prompt() {
    let rows = sheet(&[
        (
            5,
            &[
                ("A", "Item"),
                ("B", "Category"),
                ("C", "Question"),
                ("D", "Vendor Response"),
            ],
        ),
        (
            6,
            &[(
                "C",
                "Responses: Y = Yes, N = No, A = See attachment (give attachment number)",
            )],
        ),
        (
            7,
            &[
                ("A", "C-1"),
                ("B", "Firm"),
                ("C", "Legal business name, DBA, and federal tax ID (EIN)"),
            ],
        ),
        (
            8,
            &[
                ("A", "C-2"),
                ("B", "Security"),
                ("C", "Is MFA enforced for all administrators?"),
            ],
        ),
    ]);
    assert_eq!(rows_found(rows), vec![7, 8]);
}

fn sections_found(rows: Vec<Row>, merges: Vec<MergedRegion>) -> Vec<(u32, String)> {
    let meta = SheetMeta {
        name: "Questionnaire".to_string(),
        merges,
    };
    detect_rows(&meta, rows, &Overrides::default())
        .into_iter()
        .map(|q| (q.row, q.section))
        .collect()
}

#[test]
fn section_title_rows_give_the_questions_below_them_their_section() {
    let rows = sheet(&[
        (1, &[("A", "Acme Payroll Services Questionnaire 2026")]),
        (2, &[("A", "Ref"), ("B", "Question"), ("C", "Response")]),
        (
            3,
            &[("A", "1"), ("B", "Is MFA enforced for remote access?")],
        ),
        // A title in the first column, the question column empty.
        (4, &[("A", "B. Payroll Processing")]),
        (
            5,
            &[("A", "2"), ("B", "Is access to the application reviewed?")],
        ),
        // A merged banner in the question column.
        (6, &[("B", "Backup and Recovery")]),
        (7, &[("A", "3"), ("B", "Are backups tested every quarter?")]),
    ]);
    let banner = MergedRegion {
        first_row: 6,
        last_row: 6,
        first_col: 1,
        last_col: 2,
    };
    assert_eq!(
        sections_found(rows, vec![banner]),
        [
            // The title above the header names the form, not a section.
            (3, String::new()),
            (5, "B. Payroll Processing".to_string()),
            (7, "Backup and Recovery".to_string()),
        ]
    );
}

#[test]
fn a_section_column_names_each_rows_section_and_blank_cells_continue_it() {
    let rows = sheet(&[
        (1, &[("A", "Domain"), ("B", "Question"), ("C", "Answer")]),
        (2, &[("A", "Payroll"), ("B", "How are pay rates approved?")]),
        (3, &[("B", "Who can change bank details?")]),
        (4, &[("A", "Security"), ("B", "Is data encrypted at rest?")]),
    ]);
    assert_eq!(
        sections_found(rows, Vec::new()),
        [
            (2, "Payroll".to_string()),
            (3, "Payroll".to_string()),
            (4, "Security".to_string()),
        ]
    );
}

#[test]
fn a_title_row_and_a_section_column_are_both_kept() {
    let rows = sheet(&[
        (1, &[("A", "Area"), ("B", "Question"), ("C", "Answer")]),
        (2, &[("A", "Finance and Ledger")]),
        (
            3,
            &[("A", "Access"), ("B", "Who can post journal entries?")],
        ),
    ]);
    assert_eq!(
        sections_found(rows, Vec::new()),
        [(3, "Finance and Ledger / Access".to_string())]
    );
}
