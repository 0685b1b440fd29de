//! The run's results as tables: header and rows of values, written as CSV files and as
//! sheets of `summary.xlsx` alike, so the two never disagree.

use crate::catalog::{Category, criteria};
use crate::decide::{self, CustomerResult};
use crate::error::ErrorRow;
use crate::portfolio::{Portfolio, Shortfall};

use super::{ERROR_COLUMNS, SUMMARY_COLUMNS};

/// A cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text (made formula-safe in CSV; a string cell in a workbook).
    Text(String),
    /// A count, written as a number.
    Number(u64),
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Number(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(n as u64)
    }
}

/// A header and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }
}

/// Column names of `portfolio.csv`, in order.
pub const PORTFOLIO_COLUMNS: [&str; 11] = [
    "rank",
    "scope",
    "frameworks",
    "report_type",
    "soc2_categories",
    "customers_satisfied",
    "customers_partly_satisfied",
    "customers_not_satisfied",
    "still_missing",
    "fee_low_usd",
    "fee_high_usd",
];

/// Customers listed in one `still_missing` cell before the rest are only counted: a cell
/// must stay readable, and under Excel's 32,767 characters.
pub const MISSING_LISTED: usize = 50;

/// The name of the totals row of `criteria.csv`; parentheses keep it apart from any folder
/// or file name a customer could have.
pub const TOTAL_ROW: &str = "(total)";

/// `summary.csv`: one row per customer.
pub fn summary(results: &[CustomerResult]) -> Table {
    let mut table = Table::new(SUMMARY_COLUMNS);
    for CustomerResult {
        name,
        tally,
        decision,
    } in results
    {
        let mut row: Vec<Value> = vec![
            name.as_str().into(),
            tally.files.into(),
            tally.questions.into(),
            tally.matched.into(),
            decision.recommendation.as_str().into(),
            decision
                .report_type
                .map_or("", decide::ReportType::as_str)
                .into(),
            decide::categories_field(decision.soc2_categories).into(),
            tally.soc1_questions.into(),
        ];
        row.extend(tally.category_questions.iter().map(|&n| Value::Number(n)));
        row.push(decision.also_requested.join(";").into());
        row.push(decision.rationale.as_str().into());
        table.rows.push(row);
    }
    table
}

/// `errors.csv`: one row per file skipped or not read.
pub fn errors(errors: &[ErrorRow]) -> Table {
    let mut table = Table::new(ERROR_COLUMNS);
    for row in errors {
        table.rows.push(vec![
            row.file.as_str().into(),
            row.error.kind.as_str().into(),
            row.error.message.as_str().into(),
        ]);
    }
    table
}

/// `portfolio.csv`: the candidate scopes, best first.
pub fn portfolio(portfolio: &Portfolio) -> Table {
    let mut table = Table::new(PORTFOLIO_COLUMNS);
    for ranked in &portfolio.scopes {
        let scope = &ranked.scope;
        table.rows.push(vec![
            ranked.rank.into(),
            scope.name().into(),
            scope.frameworks().into(),
            scope
                .report_type()
                .map_or("", decide::ReportType::as_str)
                .into(),
            decide::categories_field(scope.soc2_categories()).into(),
            ranked.satisfied.len().into(),
            ranked.partly.into(),
            ranked.shortfalls.len().into(),
            still_missing(&ranked.shortfalls).into(),
            ranked.fee.0.into(),
            ranked.fee.1.into(),
        ]);
    }
    table
}

/// `acme (Privacy); globex (SOC 1 Type 2, Availability)`, the first [`MISSING_LISTED`]
/// customers, then how many more.
pub fn still_missing(shortfalls: &[Shortfall]) -> String {
    let mut listed: Vec<String> = shortfalls
        .iter()
        .take(MISSING_LISTED)
        .map(|s| format!("{} ({})", s.customer, s.gaps.join(", ")))
        .collect();
    if shortfalls.len() > MISSING_LISTED {
        listed.push(format!("and {} more", shortfalls.len() - MISSING_LISTED));
    }
    listed.join("; ")
}

/// `criteria.csv`: for each customer, the questions mapped to each of the 61 criteria and
/// each SOC 1 area (named as in `questions.csv`), then a totals row.
pub fn criteria_matrix(results: &[CustomerResult], soc1_areas: &[String]) -> Table {
    let reference = criteria();
    let mut table = Table::new(
        std::iter::once("customer".to_string())
            .chain(reference.iter().map(|c| c.id.clone()))
            .chain(soc1_areas.iter().cloned()),
    );
    let columns = reference.len() + soc1_areas.len();
    let mut totals = vec![0u64; columns];
    for result in results {
        let counts: Vec<u64> = (0..reference.len())
            .map(|i| {
                result
                    .tally
                    .criterion_questions
                    .get(i)
                    .copied()
                    .unwrap_or(0)
            })
            .chain((0..soc1_areas.len()).map(|a| result.tally.soc1_area(a)))
            .collect();
        for (total, n) in totals.iter_mut().zip(&counts) {
            *total += n;
        }
        table.rows.push(
            std::iter::once(Value::from(result.name.as_str()))
                .chain(counts.into_iter().map(Value::Number))
                .collect(),
        );
    }
    table.rows.push(
        std::iter::once(Value::from(TOTAL_ROW))
            .chain(totals.into_iter().map(Value::Number))
            .collect(),
    );
    table
}

/// The categories of the heatmap and of `summary.csv`'s count columns, SOC 1 first.
pub fn scope_columns() -> impl Iterator<Item = &'static str> {
    std::iter::once("SOC 1").chain(Category::ALL.iter().map(|c| c.name()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{CustomerTally, Decision, Recommendation, ReportType};

    fn result(name: &str, criteria: &[(usize, u64)], areas: &[(usize, u64)]) -> CustomerResult {
        let mut tally = CustomerTally::default();
        for &(i, n) in criteria {
            if tally.criterion_questions.len() <= i {
                tally.criterion_questions.resize(i + 1, 0);
            }
            tally.criterion_questions[i] = n;
        }
        for &(a, n) in areas {
            if tally.soc1_area_questions.len() <= a {
                tally.soc1_area_questions.resize(a + 1, 0);
            }
            tally.soc1_area_questions[a] = n;
        }
        CustomerResult {
            name: name.into(),
            tally,
            decision: Decision {
                recommendation: Recommendation::Soc2,
                report_type: Some(ReportType::Type2),
                soc2_categories: Default::default(),
                also_requested: Vec::new(),
                rationale: String::new(),
            },
        }
    }

    #[test]
    fn the_criteria_matrix_has_every_criterion_and_area_and_a_total_row() {
        let areas = vec!["payroll".to_string(), "billing".to_string()];
        let table = criteria_matrix(
            &[
                result("a", &[(0, 2), (60, 1)], &[(1, 4)]),
                result("b", &[(0, 1)], &[]),
            ],
            &areas,
        );
        assert_eq!(table.header.len(), 1 + 61 + 2);
        assert_eq!(table.header[1], "CC1.1");
        assert_eq!(table.header[62], "payroll");
        assert_eq!(table.rows.len(), 3);
        let total = &table.rows[2];
        assert_eq!(total[0], Value::from(TOTAL_ROW));
        assert_eq!(total[1], Value::Number(3));
        assert_eq!(total[61], Value::Number(1));
        assert_eq!(total[63], Value::Number(4));
        assert!(table.rows.iter().all(|r| r.len() == table.header.len()));
    }

    #[test]
    fn still_missing_lists_a_readable_number_of_customers() {
        let shortfalls: Vec<Shortfall> = (0..MISSING_LISTED + 3)
            .map(|i| Shortfall {
                customer: format!("c{i}"),
                gaps: vec!["Privacy".into(), "SOC 1 Type 2".into()],
            })
            .collect();
        let text = still_missing(&shortfalls);
        assert!(text.starts_with("c0 (Privacy, SOC 1 Type 2); c1 (Privacy"));
        assert!(text.ends_with("; and 3 more"));
    }
}
