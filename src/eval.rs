//! `socscope eval`: how far an `analyze` run is from a labelled set, so that a user who edits
//! the catalog sees what changed.
//!
//! A labelled set is a folder with `questions.csv` (`customer, file, sheet, row,
//! question_id, question, labels`, where labels are the categories a careful analyst would
//! tag: `SOC 1`, `Security`, ... `;`-separated) and `summary.csv` (`customer, recommendation,
//! report_type, soc2_categories, also_requested`). Questions are joined on (file, sheet, row).
//! The report gives detection (found, missed, extra), precision, recall and F1 per category
//! and in total, and which customers' decisions match exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use crate::catalog::Category;

/// Labels that are scored: SOC 1, then the five SOC 2 categories.
pub const LABELS: [&str; 6] = [
    "SOC 1",
    "Security",
    "Availability",
    "Confidentiality",
    "Processing Integrity",
    "Privacy",
];

/// Reading the inputs failed.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file is missing or unreadable.
    #[error("cannot read {path}: {message}")]
    Read {
        /// Which file.
        path: String,
        /// Why.
        message: String,
    },
    /// A required column is missing.
    #[error("{path} has no '{column}' column")]
    Column {
        /// Which file.
        path: String,
        /// Which column.
        column: String,
    },
}

/// Counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tagged and labelled.
    pub true_positives: u64,
    /// Tagged, not labelled.
    pub false_positives: u64,
    /// Labelled, not tagged.
    pub false_negatives: u64,
}

impl Counts {
    /// Precision, or 1 when nothing was tagged.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall, or 1 when nothing was labelled.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// One customer's decision against the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerResult {
    /// The customer.
    pub customer: String,
    /// Expected `recommendation | report_type | soc2_categories | also_requested`.
    pub expected: String,
    /// What socscope said, the same way.
    pub actual: String,
}

impl CustomerResult {
    /// All four columns match.
    pub fn is_right(&self) -> bool {
        self.expected == self.actual
    }
}

/// The whole comparison.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Labelled questions.
    pub expected_questions: u64,
    /// Labelled questions socscope found.
    pub found: u64,
    /// Questions socscope reported that are not labelled (for the labelled files only).
    pub extra: u64,
    /// Per label, in [`LABELS`] order.
    pub per_label: [Counts; 6],
    /// All labels together.
    pub total: Counts,
    /// One per expected customer.
    pub customers: Vec<CustomerResult>,
}

impl EvalReport {
    /// Customers whose decision matches in full.
    pub fn customers_right(&self) -> usize {
        self.customers.iter().filter(|c| c.is_right()).count()
    }
}

type Key = (String, String, String);

/// Compares the outputs in `out_dir` with the labelled set in `labels_dir`.
pub fn evaluate(labels_dir: &Path, out_dir: &Path) -> Result<EvalReport, EvalError> {
    let expected = read_table(&labels_dir.join("questions.csv"))?;
    let actual = read_table(&out_dir.join("questions.csv"))?;
    let expected_summary = read_table(&labels_dir.join("summary.csv"))?;
    let actual_summary = read_table(&out_dir.join("summary.csv"))?;

    let key = |row: &BTreeMap<String, String>| -> Key {
        let get = |c: &str| row.get(c).cloned().unwrap_or_default();
        (get("file"), get("sheet"), get("row"))
    };
    let labelled: BTreeMap<Key, BTreeSet<String>> = expected
        .rows
        .iter()
        .map(|r| (key(r), split(r.get("labels").map_or("", String::as_str))))
        .collect();
    let labelled_files: BTreeSet<&str> = labelled.keys().map(|k| k.0.as_str()).collect();
    let mut report = EvalReport {
        expected_questions: labelled.len() as u64,
        ..EvalReport::default()
    };
    actual.require(&["file", "sheet", "row", "frameworks", "categories"])?;
    let mut seen = BTreeSet::new();
    for row in &actual.rows {
        let k = key(row);
        let Some(labels) = labelled.get(&k) else {
            if labelled_files.contains(k.0.as_str()) {
                report.extra += 1;
            }
            continue;
        };
        if !seen.insert(k) {
            continue;
        }
        report.found += 1;
        let mut predicted = split(row.get("categories").map_or("", String::as_str));
        if split(row.get("frameworks").map_or("", String::as_str)).contains("SOC 1") {
            predicted.insert("SOC 1".to_string());
        }
        score(&mut report, labels, &predicted);
    }
    // Questions socscope missed count as missed tags too.
    for (k, labels) in &labelled {
        if !seen.contains(k) {
            score(&mut report, labels, &BTreeSet::new());
        }
    }
    report.total = report
        .per_label
        .iter()
        .fold(Counts::default(), |mut acc, c| {
            acc.add(*c);
            acc
        });

    let decision = |row: &BTreeMap<String, String>| -> String {
        [
            "recommendation",
            "report_type",
            "soc2_categories",
            "also_requested",
        ]
        .iter()
        .map(|c| row.get(*c).map_or("", String::as_str).trim())
        .collect::<Vec<_>>()
        .join(" | ")
    };
    let actual_by_customer: BTreeMap<&str, String> = actual_summary
        .rows
        .iter()
        .map(|r| (r.get("customer").map_or("", String::as_str), decision(r)))
        .collect();
    for row in &expected_summary.rows {
        let customer = row.get("customer").cloned().unwrap_or_default();
        report.customers.push(CustomerResult {
            expected: decision(row),
            actual: actual_by_customer
                .get(customer.as_str())
                .cloned()
                .unwrap_or_else(|| "(no summary row)".to_string()),
            customer,
        });
    }
    Ok(report)
}

fn score(report: &mut EvalReport, labels: &BTreeSet<String>, predicted: &BTreeSet<String>) {
    for (i, label) in LABELS.iter().enumerate() {
        let (l, p) = (labels.contains(*label), predicted.contains(*label));
        let counts = &mut report.per_label[i];
        match (l, p) {
            (true, true) => counts.true_positives += 1,
            (false, true) => counts.false_positives += 1,
            (true, false) => counts.false_negatives += 1,
            (false, false) => {}
        }
    }
}

fn split(field: &str) -> BTreeSet<String> {
    field
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Category::parse(s).map_or_else(|| s.to_string(), |c| c.name().to_string()))
        .collect()
}

struct Table {
    path: String,
    columns: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Table {
    fn require(&self, columns: &[&str]) -> Result<(), EvalError> {
        match columns
            .iter()
            .find(|c| !self.columns.iter().any(|h| h == *c))
        {
            Some(missing) => Err(EvalError::Column {
                path: self.path.clone(),
                column: (*missing).to_string(),
            }),
            None => Ok(()),
        }
    }
}

/// Reads a CSV (with or without a byte-order mark) into maps by column name.
fn read_table(path: &Path) -> Result<Table, EvalError> {
    let error = |message: String| EvalError::Read {
        path: path.display().to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text);
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| error(e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| error(e.to_string()))?;
        rows.push(
            columns
                .iter()
                .cloned()
                .zip(
                    record
                        .iter()
                        .map(|f| f.trim_start_matches('\'').to_string()),
                )
                .collect(),
        );
    }
    Ok(Table {
        path: path.display().to_string(),
        columns,
        rows,
    })
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "questions: {} labelled, {} found, {} missed, {} extra",
            self.expected_questions,
            self.found,
            self.expected_questions - self.found,
            self.extra
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<22} {:>9} {:>7} {:>6} {:>5} {:>5} {:>5}",
            "label", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<22} {:>9.3} {:>7.3} {:>6.3} {:>5} {:>5} {:>5}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_positives,
                c.false_positives,
                c.false_negatives
            )
        };
        for (name, counts) in LABELS.iter().zip(&self.per_label) {
            line(f, name, counts)?;
        }
        line(f, "all (micro)", &self.total)?;
        writeln!(f)?;
        writeln!(
            f,
            "customers fully right: {} of {}",
            self.customers_right(),
            self.customers.len()
        )?;
        for c in self.customers.iter().filter(|c| !c.is_right()) {
            writeln!(
                f,
                "  {}: expected {} / got {}",
                c.customer, c.expected, c.actual
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn scores_tags_detection_and_customers() {
        let labels = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        write(
            labels.path(),
            "questions.csv",
            "customer,file,sheet,row,question_id,question,labels\n\
             a,a.csv,,2,,q1,Security\n\
             a,a.csv,,3,,q2,SOC 1;Availability\n\
             a,a.csv,,4,,q3,\n",
        );
        write(
            labels.path(),
            "summary.csv",
            "customer,recommendation,report_type,soc2_categories,also_requested\na,SOC 1 + SOC 2,Type 2,Security,\n",
        );
        write(
            out.path(),
            "questions.csv",
            "\u{feff}customer,file,sheet,row,question_id,question,frameworks,categories,criteria,keywords,signals\n\
             a,a.csv,,2,,q1,SOC 2,Security;Privacy,,,\n\
             a,a.csv,,3,,q2,SOC 1,,,,\n\
             a,a.csv,,9,,noise,,,,,\n",
        );
        write(
            out.path(),
            "summary.csv",
            "customer,files,questions,matched,recommendation,report_type,soc2_categories,also_requested\n\
             a,1,3,2,SOC 1 + SOC 2,Type 2,Security,\n",
        );
        let report = evaluate(labels.path(), out.path()).unwrap();
        assert_eq!(
            (report.expected_questions, report.found, report.extra),
            (3, 2, 1)
        );
        assert_eq!(
            report.per_label[1],
            Counts {
                true_positives: 1,
                false_positives: 0,
                false_negatives: 0
            }
        );
        assert_eq!(report.per_label[5].false_positives, 1);
        assert_eq!(report.per_label[2].false_negatives, 1);
        assert_eq!(report.per_label[0].true_positives, 1);
        assert_eq!(
            report.total,
            Counts {
                true_positives: 2,
                false_positives: 1,
                false_negatives: 1
            }
        );
        assert!((report.total.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(report.customers_right(), 1);
        let text = report.to_string();
        assert!(text.contains("customers fully right: 1 of 1"), "{text}");
    }
}
