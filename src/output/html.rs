//! `report.html`: one self-contained page a CFO or security lead opens without reading a
//! CSV: the audit scopes ranked, a heatmap of customers by category, each customer's
//! recommendation with its rationale, the questions nothing matched (a person should read
//! those), and the files that could not be read.
//!
//! No network: CSS and the bar charts (SVG) are inline, there is no script. Every piece of
//! text from the customers' files is HTML-escaped. The page is the same bytes for the same
//! results (no dates, no random ids).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalog::Category;
use crate::decide::{self, CustomerResult};
use crate::error::ErrorRow;
use crate::portfolio::Portfolio;

use super::tables::still_missing;
use super::{QuestionRow, thousands};

/// The file name in OUT_DIR.
pub const FILE_NAME: &str = "report.html";

/// Unmatched questions shown per customer; the rest are counted.
pub const UNMATCHED_PER_CUSTOMER: usize = 10;

/// Unmatched questions kept over the whole run, so that memory stays bounded.
pub const UNMATCHED_IN_ALL: usize = 2_000;

/// Scopes shown in the page's ranking (all of them are in portfolio.csv).
pub const SCOPES_SHOWN: usize = 15;

/// A question nothing in the catalog matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedQuestion {
    /// File, relative to INPUT_DIR.
    pub file: String,
    /// Sheet, empty for CSV.
    pub sheet: String,
    /// Row as the sheet shows it.
    pub row: u32,
    /// The question.
    pub text: String,
}

/// The first unmatched questions of each customer, and how many there were.
#[derive(Debug, Clone, Default)]
pub struct UnmatchedSample {
    by_customer: BTreeMap<String, (u64, Vec<UnmatchedQuestion>)>,
    kept: usize,
}

impl UnmatchedSample {
    /// Looks at one question; keeps it if nothing matched it and there is room.
    pub fn question(&mut self, q: &QuestionRow<'_>) {
        if !q.frameworks.is_empty() || !q.signals.is_empty() {
            return;
        }
        let (count, kept) = self.by_customer.entry(q.customer.to_string()).or_default();
        *count += 1;
        if kept.len() < UNMATCHED_PER_CUSTOMER && self.kept < UNMATCHED_IN_ALL {
            kept.push(UnmatchedQuestion {
                file: q.file.to_string(),
                sheet: q.sheet.to_string(),
                row: q.row,
                text: q.text.to_string(),
            });
            self.kept += 1;
        }
    }

    /// Per customer with any: how many, and the ones kept.
    pub fn by_customer(&self) -> &BTreeMap<String, (u64, Vec<UnmatchedQuestion>)> {
        &self.by_customer
    }
}

/// Everything the page shows.
pub struct ReportData<'a> {
    /// Every customer, in output order.
    pub customers: &'a [CustomerResult],
    /// The ranked scopes.
    pub portfolio: &'a Portfolio,
    /// Files skipped or not read.
    pub errors: &'a [ErrorRow],
    /// Questions nothing matched.
    pub unmatched: &'a UnmatchedSample,
    /// Files considered.
    pub files: u64,
    /// Questions found.
    pub questions: u64,
}

const STYLE: &str = r#"
:root { --ink: #1d2733; --muted: #5b6b7b; --line: #d8dee6; --good: #2e8b57; --part: #e0a030; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; padding: 24px 32px; line-height: 1.45; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 4px; }
p { margin: 4px 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 12px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: block; }
.bar .satisfied { fill: var(--good); }
.bar .partly { fill: var(--part); }
.bar .rest { fill: #e9edf2; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: -2px; }
table.heatmap td.heat { text-align: center; min-width: 88px; font-variant-numeric: tabular-nums; }
table.heatmap td.in-scope { outline: 3px solid var(--ink); outline-offset: -3px; font-weight: 700; }
table.heatmap th.customer { white-space: nowrap; }
.rec { font-weight: 600; }
.tag { display: inline-block; background: var(--band); border: 1px solid var(--line); border-radius: 3px; padding: 0 6px; margin-right: 4px; font-size: 12px; }
.customer-card { border-left: 4px solid var(--line); padding: 2px 0 2px 12px; margin: 12px 0; }
.customer-card.soc1 { border-left-color: #7a5cc4; }
.customer-card.soc2 { border-left-color: #2f6fb5; }
.customer-card.both { border-left-color: #b5432f; }
td.question { max-width: 720px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
"#;

/// Renders the page.
pub fn render(data: &ReportData<'_>) -> String {
    let mut page = String::with_capacity(64 * 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<title>socscope report</title>\n<style>");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
    header(&mut page, data);
    portfolio(&mut page, data);
    heatmap(&mut page, data.customers);
    recommendations(&mut page, data.customers);
    unmatched(&mut page, data.unmatched);
    errors(&mut page, data.errors);
    let _ = writeln!(
        page,
        "<footer>Written by socscope {}. Counts are distinct questions; fees are indicative published ranges, not quotes.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    page
}

fn header(page: &mut String, data: &ReportData<'_>) {
    let _ = write!(
        page,
        "<header>\n<h1>Which SOC report satisfies your customers</h1>\n<p class=\"muted\" id=\"totals\">{} files &middot; {} customers &middot; {} questions &middot; {} {} in the errors list</p>\n</header>\n",
        thousands(data.files),
        thousands(data.customers.len() as u64),
        thousands(data.questions),
        thousands(data.errors.len() as u64),
        if data.errors.len() == 1 {
            "file"
        } else {
            "files"
        }
    );
}

fn portfolio(page: &mut String, data: &ReportData<'_>) {
    let portfolio = data.portfolio;
    page.push_str(
        "<section id=\"portfolio\">\n<h2>Audit scopes, ranked by customers satisfied</h2>\n",
    );
    let _ = writeln!(
        page,
        "<p>{} {} a SOC report; {} {} none.</p>",
        thousands(portfolio.customers_with_needs as u64),
        if portfolio.customers_with_needs == 1 {
            "customer needs"
        } else {
            "customers need"
        },
        thousands(portfolio.customers_without_needs as u64),
        if portfolio.customers_without_needs == 1 {
            "needs"
        } else {
            "need"
        },
    );
    if portfolio.scopes.is_empty() {
        page.push_str("<p class=\"muted\">No customer needs a SOC report, so there is no scope to rank.</p>\n</section>\n");
        return;
    }
    page.push_str("<p class=\"legend note\"><span style=\"background:var(--good)\"></span>fully satisfied<span style=\"background:var(--part)\"></span>partly satisfied</p>\n");
    page.push_str("<table class=\"portfolio\">\n<thead><tr><th class=\"num\">Rank</th><th>Scope</th><th>Customers</th><th class=\"num\">Satisfied</th><th class=\"num\">Partly</th><th>Still missing</th><th class=\"num\">Indicative fee (USD)</th></tr></thead>\n<tbody>\n");
    let total = portfolio.customers_with_needs.max(1) as f64;
    for ranked in portfolio.scopes.iter().take(SCOPES_SHOWN) {
        const WIDTH: f64 = 180.0;
        let satisfied = ranked.satisfied.len() as f64 / total * WIDTH;
        let partly = ranked.partly as f64 / total * WIDTH;
        let _ = writeln!(
            page,
            "<tr><td class=\"num\">{}</td><td>{}</td><td><svg class=\"bar\" width=\"{WIDTH}\" height=\"14\" role=\"img\" aria-label=\"{} satisfied, {} partly\"><rect class=\"rest\" width=\"{WIDTH}\" height=\"14\"/><rect class=\"satisfied\" width=\"{satisfied:.1}\" height=\"14\"/><rect class=\"partly\" x=\"{satisfied:.1}\" width=\"{partly:.1}\" height=\"14\"/></svg></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}&ndash;{}</td></tr>",
            ranked.rank,
            escape(&ranked.scope.name()),
            ranked.satisfied.len(),
            ranked.partly,
            ranked.satisfied.len(),
            ranked.partly,
            escape(&still_missing(&ranked.shortfalls)),
            thousands(ranked.fee.0),
            thousands(ranked.fee.1),
        );
    }
    page.push_str("</tbody>\n</table>\n");
    if portfolio.scopes.len() > SCOPES_SHOWN {
        let _ = writeln!(
            page,
            "<p class=\"note\">{} more scopes in portfolio.csv.</p>",
            portfolio.scopes.len() - SCOPES_SHOWN
        );
    }
    page.push_str("<p class=\"note\">A scope satisfies a customer when it covers their recommendation, report type and categories; a Type 2 also satisfies a Type 1 need. Fees are indicative published ranges (SOC 2 Type 1 about $5,000&ndash;$20,000, Type 2 about $7,000&ndash;$150,000; SOC 1 Type 1 about $10,000&ndash;$60,000, Type 2 about $20,000&ndash;$120,000), not quotes.</p>\n</section>\n");
}

fn heatmap(page: &mut String, customers: &[CustomerResult]) {
    page.push_str("<section id=\"heatmap\">\n<h2>Questions by customer and category</h2>\n");
    page.push_str("<p class=\"note\">Each cell counts the customer's questions on that subject; the darker, the larger their share of the customer's matched questions. Outlined cells are in the recommended scope.</p>\n");
    page.push_str("<table class=\"heatmap\">\n<thead><tr><th>Customer</th><th>Recommendation</th><th class=\"num\">Questions</th>");
    page.push_str("<th>SOC 1</th>");
    for category in Category::ALL {
        let _ = write!(page, "<th>{}</th>", category.name());
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for customer in customers {
        let tally = &customer.tally;
        let decision = &customer.decision;
        let _ = write!(
            page,
            "<tr><th class=\"customer\">{}</th><td>{}</td><td class=\"num\">{}</td>",
            escape(&customer.name),
            escape(&recommendation_text(customer)),
            thousands(tally.questions),
        );
        let matched = tally.matched.max(1) as f64;
        let cells = std::iter::once((tally.soc1_questions, decision.recommendation.soc1())).chain(
            Category::ALL.iter().map(|&c| {
                (
                    tally.category_questions[c as usize],
                    decision.soc2_categories.contains(c),
                )
            }),
        );
        for (count, in_scope) in cells {
            let share = (count as f64 / matched).min(1.0);
            let (background, ink) = heat_color(share, count);
            let _ = write!(
                page,
                "<td class=\"heat{}\" style=\"background:{background};color:{ink}\">{}</td>",
                if in_scope { " in-scope" } else { "" },
                thousands(count),
            );
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// Light grey for nothing, then blue, darker with the share.
fn heat_color(share: f64, count: u64) -> (String, &'static str) {
    if count == 0 {
        return ("#f7f8fa".to_string(), "#9aa5b1");
    }
    let lightness = 92.0 - share.sqrt() * 60.0;
    let ink = if lightness < 58.0 {
        "#ffffff"
    } else {
        "#1d2733"
    };
    (format!("hsl(212,68%,{lightness:.0}%)"), ink)
}

fn recommendation_text(customer: &CustomerResult) -> String {
    let decision = &customer.decision;
    match decision.report_type {
        None => "none".to_string(),
        Some(report_type) => format!(
            "{} {}",
            decision.recommendation.as_str(),
            report_type.as_str()
        ),
    }
}

fn recommendations(page: &mut String, customers: &[CustomerResult]) {
    page.push_str("<section id=\"customers\">\n<h2>Recommendation per customer</h2>\n");
    for customer in customers {
        let decision = &customer.decision;
        let class = match (
            decision.recommendation.soc1(),
            decision.recommendation.soc2(),
        ) {
            (true, true) => " both",
            (true, false) => " soc1",
            (false, true) => " soc2",
            (false, false) => "",
        };
        let _ = write!(
            page,
            "<article class=\"customer-card{class}\">\n<h3>{}</h3>\n<p><span class=\"rec\">{}</span>",
            escape(&customer.name),
            escape(&recommendation_text(customer)),
        );
        let categories = decide::categories_field(decision.soc2_categories);
        if !categories.is_empty() {
            let _ = write!(page, " &middot; {}", escape(&categories.replace(';', ", ")));
        }
        page.push_str("</p>\n");
        let _ = writeln!(page, "<p>{}</p>", escape(&decision.rationale));
        if !decision.also_requested.is_empty() {
            page.push_str("<p>Also asks for: ");
            for item in &decision.also_requested {
                let _ = write!(page, "<span class=\"tag\">{}</span>", escape(item));
            }
            page.push_str("</p>\n");
        }
        page.push_str("</article>\n");
    }
    page.push_str("</section>\n");
}

fn unmatched(page: &mut String, sample: &UnmatchedSample) {
    page.push_str("<section id=\"unmatched\">\n<h2>Questions nothing matched</h2>\n");
    if sample.by_customer().is_empty() {
        page.push_str("<p class=\"muted\">Every question matched a rule.</p>\n</section>\n");
        return;
    }
    page.push_str("<p class=\"note\">Company-profile questions belong here; anything else is worth a look, and a rule in the catalog if it recurs.</p>\n");
    for (customer, (count, kept)) in sample.by_customer() {
        let _ = writeln!(
            page,
            "<h3>{} <span class=\"muted\">({} {})</span></h3>",
            escape(customer),
            thousands(*count),
            if *count == 1 { "question" } else { "questions" }
        );
        if kept.is_empty() {
            page.push_str("<p class=\"note\">See questions.csv (rows with no frameworks).</p>\n");
            continue;
        }
        page.push_str("<table class=\"unmatched\">\n<thead><tr><th>File</th><th>Sheet</th><th class=\"num\">Row</th><th>Question</th></tr></thead>\n<tbody>\n");
        for q in kept {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"question\">{}</td></tr>",
                escape(&q.file),
                escape(&q.sheet),
                q.row,
                escape(&q.text)
            );
        }
        page.push_str("</tbody>\n</table>\n");
        let more = count.saturating_sub(kept.len() as u64);
        if more > 0 {
            let _ = writeln!(
                page,
                "<p class=\"note\">and {} more in questions.csv (rows with no frameworks).</p>",
                thousands(more)
            );
        }
    }
    page.push_str("</section>\n");
}

fn errors(page: &mut String, errors: &[ErrorRow]) {
    page.push_str("<section id=\"errors\">\n<h2>Files not read</h2>\n");
    if errors.is_empty() {
        page.push_str("<p class=\"muted\">Every file was read.</p>\n</section>\n");
        return;
    }
    page.push_str("<table class=\"errors\">\n<thead><tr><th>File</th><th>Kind</th><th>Message</th></tr></thead>\n<tbody>\n");
    for row in errors {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&row.file),
            row.error.kind.as_str(),
            escape(&row.error.message)
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{CustomerTally, Decision, Recommendation, ReportType};
    use crate::error::{ErrorKind, FileError};

    fn question<'a>(customer: &'a str, text: &'a str, frameworks: &'a str) -> QuestionRow<'a> {
        QuestionRow {
            customer,
            file: "f.csv",
            sheet: "",
            row: 2,
            id: "",
            text,
            frameworks,
            categories: "",
            criteria: "",
            keywords: "",
            signals: "",
        }
    }

    #[test]
    fn the_sample_keeps_few_unmatched_questions_and_counts_all() {
        let mut sample = UnmatchedSample::default();
        for i in 0..UNMATCHED_PER_CUSTOMER + 5 {
            let text = format!("What is your legal name {i}?");
            sample.question(&question("acme", &text, ""));
        }
        sample.question(&question("acme", "Is MFA enforced?", "SOC 2"));
        let (count, kept) = &sample.by_customer()["acme"];
        assert_eq!(*count, UNMATCHED_PER_CUSTOMER as u64 + 5);
        assert_eq!(kept.len(), UNMATCHED_PER_CUSTOMER);
    }

    #[test]
    fn text_from_files_is_escaped() {
        let customers = vec![CustomerResult {
            name: "<script>alert(1)</script>".into(),
            tally: CustomerTally::default(),
            decision: Decision {
                recommendation: Recommendation::Soc2,
                report_type: Some(ReportType::Type2),
                soc2_categories: [Category::Security].into_iter().collect(),
                also_requested: Vec::new(),
                rationale: "a & b \"quoted\"".into(),
            },
        }];
        let mut sample = UnmatchedSample::default();
        sample.question(&question("x", "Is <b>this</b> bold?", ""));
        let errors = vec![ErrorRow {
            file: "evil<img src=x>.csv".into(),
            error: FileError::new(ErrorKind::Corrupt, "bad <data>"),
        }];
        let portfolio = crate::portfolio::rank(&customers, &crate::portfolio::FEES);
        let page = render(&ReportData {
            customers: &customers,
            portfolio: &portfolio,
            errors: &errors,
            unmatched: &sample,
            files: 1,
            questions: 1,
        });
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<b>this"));
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("a &amp; b &quot;quoted&quot;"));
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "no network"
        );
    }
}
