//! Writes a deterministic benchmark corpus of realistic questionnaires.
//!
//! ```text
//! cargo run --release --example bench-corpus -- OUT_DIR N [SEED]
//! ```
//!
//! N files of 50 to 400 questions: about 70% `.xlsx` (title rows, a header, section rows,
//! some with a cover sheet and two question sheets), the rest delimited text in mixed encodings
//! and delimiters (UTF-8 CSV, UTF-8-BOM TSV, Windows-1252 `;` CSV, UTF-16 tab-separated TXT).
//! One customer in five sends two or three files in a sub-folder. Question text is assembled
//! from phrase lists in the way security, finance and privacy teams write; the same seed gives
//! the same bytes.

use std::fs;
use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

const SECURITY: &[&str] = &[
    "Is multi-factor authentication enforced for {who}?",
    "Describe how access to {system} is approved, reviewed and removed.",
    "Are user access rights to {system} reviewed at least quarterly?",
    "Is {data} encrypted at rest using AES-256 or stronger?",
    "Is {data} encrypted in transit with TLS 1.2 or higher?",
    "How are encryption keys for {system} generated, stored and rotated?",
    "Do you run authenticated vulnerability scans of {system} every month?",
    "What is your patching window for critical vulnerabilities on {system}?",
    "When was your last independent penetration test, and were all findings remediated?",
    "Do you maintain a documented incident response plan, tested at least annually?",
    "How quickly will you notify us of a security incident affecting {data}?",
    "Are security events from {system} collected in a SIEM and reviewed daily?",
    "Are audit logs for {system} retained for at least one year and protected from tampering?",
    "Do all employees complete security awareness training every year?",
    "Are background checks performed on staff with access to {data}?",
    "Is there a formal change management process with approval before production releases?",
    "Are code changes peer reviewed and tested before deployment to {system}?",
    "Do you use endpoint detection and response on all laptops and servers?",
    "Describe the network segmentation between {system} and your corporate network.",
    "Are firewall rules reviewed at least twice a year?",
    "How do you assess the security of subcontractors that handle {data}?",
    "Is there a documented information security policy approved by senior management?",
    "Who is accountable for information security in your organisation (for example a CISO)?",
    "Do you perform an annual risk assessment covering {system}?",
    "Are physical access controls and CCTV in place at your data centres?",
    "Is there a secure software development lifecycle including static code analysis?",
    "Describe how privileged accounts on {system} are managed and monitored.",
    "Are removable media and USB storage blocked on company devices?",
    "Please provide your most recent SOC 2 Type II report.",
    "Does your SOC 2 report cover the {category} criteria?",
];
const AVAILABILITY: &[&str] = &[
    "What uptime does your SLA commit to for {system}?",
    "How often are backups of {data} taken, and where are they stored?",
    "Are restores from backup tested at least quarterly?",
    "What are your recovery time objective (RTO) and recovery point objective (RPO) for {system}?",
    "Is there a documented disaster recovery plan, and when was it last tested?",
    "Is {system} deployed across multiple availability zones with automatic failover?",
    "How do you monitor capacity and plan for growth in usage?",
    "Describe your business continuity plan for the loss of a primary site.",
];
const CONFIDENTIALITY: &[&str] = &[
    "How is confidential information classified and labelled?",
    "Do employees and contractors sign non-disclosure agreements before accessing {data}?",
    "How is confidential customer data securely deleted at the end of the contract?",
    "Is confidential data kept out of test and development environments?",
];
const PROCESSING_INTEGRITY: &[&str] = &[
    "How do you ensure transactions are processed completely and accurately?",
    "What edit checks and input validation are applied to files we send?",
    "Are control totals and record counts reconciled for every batch?",
    "How are processing errors detected, corrected and reported to us?",
    "Are outputs delivered only to the intended recipients?",
];
const PRIVACY: &[&str] = &[
    "How is the privacy notice presented to individuals before their personal data is collected?",
    "How do you obtain and record consent for processing personal data?",
    "How do you handle data subject access requests, and within what time?",
    "How long is personal data retained, and how is it deleted at the end of the retention period?",
    "Which subprocessors receive personal data, and where are they located?",
    "Will you notify affected individuals of a personal data breach?",
    "Is personal data transferred outside the EEA, and under which safeguards?",
];
const SOC1: &[&str] = &[
    "Are {ledger} reconciliations performed daily and reviewed by a supervisor?",
    "Are manual journal entries approved before posting to the general ledger?",
    "How are payroll calculations validated before each pay run?",
    "Are changes to pay rates and bank details approved by HR and finance?",
    "How are claims adjudicated, and how is payment accuracy checked?",
    "Are loan payments posted and reconciled to the bank statement every day?",
    "How are interest and fee calculations tested after a rate change?",
    "Are invoices generated from approved usage data, and is billing accuracy reviewed?",
    "Does your SOC 1 report cover the period ending at our fiscal year end?",
    "Please list the complementary user entity controls (CUECs) we must operate.",
    "Are subservice organizations carved out of your SOC 1 report?",
    "Our external auditor relies on your controls for SOX 404 testing: please confirm.",
    "Will you provide a bridge letter covering the gap to our year end?",
];
const PROFILE: &[&str] = &[
    "Legal entity name",
    "Registered office address",
    "Number of employees",
    "Year founded",
    "Primary contact email",
    "Please provide three customer references.",
];
const WHO: &[&str] = &[
    "administrators",
    "all remote access",
    "support staff",
    "developers",
    "customer users",
];
const SYSTEM: &[&str] = &[
    "the production platform",
    "the hosting environment",
    "the billing system",
    "the customer portal",
    "your data warehouse",
];
const DATA: &[&str] = &[
    "customer data",
    "personal data",
    "cardholder data",
    "backups",
    "patient records",
];
const LEDGER: &[&str] = &["bank", "general ledger", "suspense account", "payroll"];
const CATEGORY: &[&str] = &[
    "Availability",
    "Confidentiality",
    "Processing Integrity",
    "Privacy",
];
const SECTIONS: &[&str] = &[
    "Access Control",
    "Data Protection",
    "Operations",
    "Incident Management",
    "Business Continuity",
    "Financial Controls",
    "Privacy",
    "Vendor Management",
];

/// A tiny seeded generator is all a reproducible corpus needs.
struct Dice(fastrand::Rng);

impl Dice {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.0.usize(..list.len())]
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        self.0.usize(lo..=hi)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.0.usize(..100) < percent
    }
}

/// The kind of customer decides the mix of questions.
fn question(dice: &mut Dice, profile: usize) -> String {
    let bank: &[&str] = match (profile, dice.range(0, 99)) {
        (_, 0..=2) => PROFILE,
        (0, n) if n < 70 => SECURITY,
        (0, n) if n < 85 => AVAILABILITY,
        (0, n) if n < 93 => CONFIDENTIALITY,
        (0, _) => PRIVACY,
        (1, n) if n < 60 => SOC1,
        (1, n) if n < 90 => SECURITY,
        (1, _) => PROCESSING_INTEGRITY,
        (_, n) if n < 50 => SECURITY,
        (_, n) if n < 75 => PRIVACY,
        (_, n) if n < 90 => AVAILABILITY,
        _ => CONFIDENTIALITY,
    };
    let template = dice.pick(bank);
    template
        .replace("{who}", dice.pick(WHO))
        .replace("{system}", dice.pick(SYSTEM))
        .replace("{data}", dice.pick(DATA))
        .replace("{ledger}", dice.pick(LEDGER))
        .replace("{category}", dice.pick(CATEGORY))
}

/// One sheet of a questionnaire: rows of (column, text).
fn sheet_rows(
    dice: &mut Dice,
    questions: usize,
    profile: usize,
    prefix: &str,
) -> Vec<Vec<(u16, String)>> {
    let mut rows = vec![
        vec![(0, format!("{prefix} Vendor Security Assessment"))],
        vec![(
            0,
            "Please answer every question and return the completed form to procurement."
                .to_string(),
        )],
        vec![],
        vec![
            (0, "Ref".into()),
            (1, "Question".into()),
            (2, "Response".into()),
            (3, "Comments".into()),
        ],
    ];
    let mut section = 0;
    for n in 1..=questions {
        if n % dice.range(12, 20) == 1 {
            section += 1;
            rows.push(vec![(0, format!("{section}. {}", dice.pick(SECTIONS)))]);
        }
        let mut text = question(dice, profile);
        if dice.chance(15) {
            text.push_str(" Please provide supporting evidence.");
        }
        rows.push(vec![(0, format!("{prefix}-{n:03}")), (1, text)]);
    }
    rows.push(vec![(
        0,
        "Thank you for completing this questionnaire.".to_string(),
    )]);
    rows
}

fn write_xlsx(
    path: &Path,
    dice: &mut Dice,
    questions: usize,
    profile: usize,
) -> Result<(), String> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).map_err(|e| e.to_string())?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let two_sheets = dice.chance(35);
    if dice.chance(40) {
        let cover = workbook.add_worksheet();
        cover.set_name("Cover").map_err(|e| e.to_string())?;
        cover
            .write_string_with_format(0, 0, "Third-Party Risk Assessment", &bold)
            .map_err(|e| e.to_string())?;
        cover
            .write_string(
                2,
                0,
                "Instructions: complete every tab and return it within 30 days.",
            )
            .map_err(|e| e.to_string())?;
    }
    let split = if two_sheets { questions / 2 } else { questions };
    for (index, count) in [split, questions - split].into_iter().enumerate() {
        if count == 0 {
            continue;
        }
        let sheet = workbook.add_worksheet();
        sheet
            .set_name(if index == 0 { "Security" } else { "Operations" })
            .map_err(|e| e.to_string())?;
        let prefix = if index == 0 { "SEC" } else { "OPS" };
        for (r, row) in sheet_rows(dice, count, profile, prefix)
            .into_iter()
            .enumerate()
        {
            for (col, text) in row {
                sheet
                    .write_string(r as u32, col, &text)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    workbook.save(path).map_err(|e| e.to_string())
}

fn write_text(
    path: &Path,
    dice: &mut Dice,
    questions: usize,
    profile: usize,
    style: usize,
) -> Result<(), String> {
    let delimiter = match style {
        0 => ',',
        1 | 3 => '\t',
        _ => ';',
    };
    let mut text = String::new();
    for row in sheet_rows(dice, questions, profile, "Q") {
        let width = row
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(1)
            .max(4);
        let mut cells = vec![String::new(); width];
        for (col, value) in row {
            let needs_quotes = value.contains(delimiter) || value.contains('"');
            cells[col as usize] = if needs_quotes {
                format!("\"{}\"", value.replace('"', "\"\""))
            } else {
                value
            };
        }
        text.push_str(&cells.join(&delimiter.to_string()));
        text.push_str("\r\n");
    }
    let bytes = match style {
        0 => text.into_bytes(),
        1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        2 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        _ => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
    };
    fs::write(path, bytes).map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench-corpus OUT_DIR N [SEED]");
        std::process::exit(2);
    }
    let out = Path::new(&args[1]);
    let count: usize = args[2].parse().unwrap_or(200);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(7);
    if let Err(e) = generate(out, count, seed) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn generate(out: &Path, count: usize, seed: u64) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let mut dice = Dice(fastrand::Rng::with_seed(seed));
    let mut questions_total = 0usize;
    let mut written = 0usize;
    let mut customer = 0usize;
    while written < count {
        customer += 1;
        let files = if dice.chance(20) {
            dice.range(2, 3).min(count - written)
        } else {
            1
        };
        let folder = (files > 1).then(|| out.join(format!("customer-{customer:05}")));
        if let Some(folder) = &folder {
            fs::create_dir_all(folder).map_err(|e| e.to_string())?;
        }
        let profile = dice.range(0, 2);
        for f in 0..files {
            let questions = dice.range(50, 400);
            questions_total += questions;
            let stem = match &folder {
                Some(folder) => folder.join(format!("questionnaire-{f}")),
                None => out.join(format!("customer-{customer:05}")),
            };
            if dice.chance(70) {
                write_xlsx(&stem.with_extension("xlsx"), &mut dice, questions, profile)?;
            } else {
                let style = dice.range(0, 3);
                let ext = ["csv", "tsv", "csv", "txt"][style];
                write_text(
                    &stem.with_extension(ext),
                    &mut dice,
                    questions,
                    profile,
                    style,
                )?;
            }
            written += 1;
        }
    }
    let mut manifest = fs::File::create(out.join(".corpus")).map_err(|e| e.to_string())?;
    writeln!(
        manifest,
        "files={count} seed={seed} questions={questions_total}"
    )
    .map_err(|e| e.to_string())?;
    eprintln!(
        "{count} files, {questions_total} questions in {}",
        out.display()
    );
    Ok(())
}
