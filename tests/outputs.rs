//! The extra outputs (`--portfolio`, `--html`, `--xlsx`) on the fixtures: the portfolio
//! ranking recomputed independently from summary.csv, the criteria matrix summed against
//! questions.csv, the workbook read back with calamine, and the HTML report rendered by a
//! real browser (headless Chromium) when one is installed.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use util::{Csv, analyze, fixtures, snapshot};

const CATEGORIES: [&str; 5] = [
    "Security",
    "Availability",
    "Confidentiality",
    "Processing Integrity",
    "Privacy",
];

/// One analyze run with every output, shared by the tests of this file.
fn all_outputs() -> &'static Path {
    static OUT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("outputs-all");
        let _ = std::fs::remove_dir_all(&out);
        analyze(&fixtures(), &out, &["--all-outputs"]);
        out
    })
}

#[test]
fn the_contract_csvs_are_the_same_bytes_with_or_without_extra_outputs() {
    let plain = tempfile::tempdir().expect("temp dir");
    analyze(&fixtures(), plain.path(), &[]);
    let plain = snapshot(plain.path());
    assert_eq!(
        plain.keys().map(String::as_str).collect::<Vec<_>>(),
        ["errors.csv", "questions.csv", "summary.csv"],
        "the default run writes the three files of the contract and nothing else"
    );
    let all = snapshot(all_outputs());
    assert_eq!(
        all.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "criteria.csv",
            "errors.csv",
            "portfolio.csv",
            "questions.csv",
            "report.html",
            "summary.csv",
            "summary.xlsx"
        ]
    );
    for name in ["errors.csv", "questions.csv", "summary.csv"] {
        assert!(
            plain[name] == all[name],
            "{name} changed with --all-outputs"
        );
    }
}

/// A customer's need as summary.csv states it.
#[derive(Debug, Clone)]
struct Need {
    customer: String,
    soc1: bool,
    soc2: bool,
    type2: bool,
    categories: BTreeSet<String>,
}

fn needs(summary: &Csv) -> Vec<Need> {
    summary
        .rows
        .iter()
        .filter(|r| r["recommendation"] != "none")
        .map(|r| Need {
            customer: r["customer"].clone(),
            soc1: r["recommendation"].contains("SOC 1"),
            soc2: r["recommendation"].contains("SOC 2"),
            type2: r["report_type"] == "Type 2",
            categories: split(&r["soc2_categories"]),
        })
        .collect()
}

fn split(field: &str) -> BTreeSet<String> {
    field
        .split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The rule of the issue, written out again: a scope satisfies a customer when it covers the
/// recommendation, the type (a Type 2 also covers a Type 1 need) and the categories; it
/// partly satisfies them when it includes a framework they need without covering it all.
fn judge(scope: &BTreeMap<String, String>, need: &Need) -> (bool, bool) {
    let frameworks = &scope["frameworks"];
    let has_soc1 = frameworks.contains("SOC 1");
    let has_soc2 = frameworks.contains("SOC 2");
    let scope_type2 = scope["report_type"] == "Type 2";
    let type_ok = scope_type2 || !need.type2;
    let categories = split(&scope["soc2_categories"]);
    let soc1_ok = !need.soc1 || (has_soc1 && type_ok);
    let soc2_ok = !need.soc2 || (has_soc2 && type_ok && need.categories.is_subset(&categories));
    let satisfied = soc1_ok && soc2_ok;
    let touches = (need.soc1 && has_soc1) || (need.soc2 && has_soc2);
    (satisfied, !satisfied && touches)
}

#[test]
fn the_portfolio_ranks_scopes_by_customers_satisfied_as_recomputed_from_the_summary() {
    let out = all_outputs();
    let summary = Csv::read(&out.join("summary.csv"));
    let portfolio = Csv::read(&out.join("portfolio.csv"));
    let needs = needs(&summary);
    assert_eq!(needs.len(), 11, "vandelay-imports needs nothing");
    assert!(!portfolio.rows.is_empty());

    let mut previous: Option<(usize, u64)> = None;
    for (i, scope) in portfolio.rows.iter().enumerate() {
        assert_eq!(scope["rank"], (i + 1).to_string());
        let judged: Vec<(bool, bool)> = needs.iter().map(|n| judge(scope, n)).collect();
        let satisfied = judged.iter().filter(|j| j.0).count();
        let partly = judged.iter().filter(|j| j.1).count();
        assert_eq!(
            scope["customers_satisfied"],
            satisfied.to_string(),
            "{scope:?}"
        );
        assert_eq!(
            scope["customers_partly_satisfied"],
            partly.to_string(),
            "{scope:?}"
        );
        assert_eq!(
            scope["customers_not_satisfied"],
            (needs.len() - satisfied).to_string()
        );
        // Every customer not satisfied is listed with what it misses, in customer order.
        let missing: Vec<&str> = needs
            .iter()
            .zip(&judged)
            .filter(|(_, j)| !j.0)
            .map(|(n, _)| n.customer.as_str())
            .collect();
        let listed: Vec<&str> = scope["still_missing"]
            .split("; ")
            .filter(|s| !s.is_empty())
            .map(|s| s.split(" (").next().unwrap_or(""))
            .collect();
        assert_eq!(listed, missing, "{}", scope["scope"]);
        // Ranked by satisfied, then the cheaper.
        let key = (satisfied, scope["fee_low_usd"].parse::<u64>().expect("fee"));
        if let Some(prev) = previous {
            assert!(
                prev.0 > key.0 || (prev.0 == key.0 && prev.1 <= key.1),
                "rank {} is out of order",
                i + 1
            );
        }
        previous = Some(key);
    }

    // By hand from the fixtures' expected summary: globex-payroll, soylent-claims and
    // wayne-bank need a SOC 1 Type 2; only a scope with a SOC 1 Type 2 and a SOC 2 Type 2
    // covering every category anyone needs satisfies all eleven.
    let best = &portfolio.rows[0];
    assert_eq!(
        best["scope"],
        "SOC 1 Type 2 + SOC 2 Type 2: Security, Availability, Confidentiality, Processing Integrity, Privacy"
    );
    assert_eq!(best["customers_satisfied"], "11");
    assert_eq!(
        (best["fee_low_usd"].as_str(), best["fee_high_usd"].as_str()),
        ("27000", "270000")
    );
    let soc2_all = portfolio
        .rows
        .iter()
        .find(|r| r["scope"] == "SOC 2 Type 2: Security, Availability, Confidentiality, Processing Integrity, Privacy")
        .expect("the widest SOC 2 is a candidate");
    assert_eq!(soc2_all["customers_satisfied"], "8");
    assert_eq!(
        soc2_all["still_missing"],
        "globex-payroll (SOC 1 Type 2); soylent-claims (SOC 1 Type 2); wayne-bank (SOC 1 Type 2)"
    );
    // stark-logistics accepts a Type 1 of Security alone: the cheapest scope it takes.
    let soc2_type1 = portfolio
        .rows
        .iter()
        .find(|r| r["scope"] == "SOC 2 Type 1: Security")
        .expect("SOC 2 Type 1: Security is a candidate");
    assert_eq!(soc2_type1["customers_satisfied"], "1");
    assert!(!soc2_type1["still_missing"].contains("stark-logistics"));
}

#[test]
fn criteria_counts_match_questions_csv() {
    let out = all_outputs();
    let criteria = Csv::read(&out.join("criteria.csv"));
    let questions = Csv::read(&out.join("questions.csv"));
    assert_eq!(criteria.header[0], "customer");
    assert_eq!(
        criteria.header.len(),
        1 + 61 + soc1_area_count(),
        "{:?}",
        criteria.header
    );
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for q in &questions.rows {
        for criterion in split(&q["criteria"]) {
            *expected
                .entry((q["customer"].clone(), criterion))
                .or_default() += 1;
        }
    }
    let (total, customers) = criteria.rows.split_last().expect("a total row");
    assert_eq!(total["customer"], "(total)");
    let summary = Csv::read(&out.join("summary.csv"));
    assert_eq!(
        customers
            .iter()
            .map(|r| r["customer"].as_str())
            .collect::<Vec<_>>(),
        summary.column("customer")
    );
    let mut nonzero = 0;
    for column in &criteria.header[1..] {
        let mut sum = 0;
        for row in customers {
            let got: u64 = row[column].parse().expect("a count");
            let want = expected
                .get(&(row["customer"].clone(), column.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(got, want, "{} / {column}", row["customer"]);
            sum += got;
            nonzero += usize::from(got > 0);
        }
        assert_eq!(total[column], sum.to_string(), "total of {column}");
    }
    assert!(nonzero > 50, "the fixtures map to many criteria");
    // Every criterion mentioned in questions.csv has a column.
    for (_, criterion) in expected.keys() {
        assert!(
            criteria.header.contains(criterion),
            "{criterion} has no column"
        );
    }
}

fn soc1_area_count() -> usize {
    let rules = util::socscope(&["rules", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&rules.stdout).expect("rules json");
    json["soc1_areas"].as_array().map_or(0, |areas| areas.len())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

#[test]
fn the_workbook_reads_back_with_calamine_as_the_csvs_say() {
    let out = all_outputs();
    let mut workbook: Xlsx<_> = open_workbook(out.join("summary.xlsx")).expect("open summary.xlsx");
    assert_eq!(
        workbook.sheet_names(),
        ["Summary", "Portfolio", "Questions", "Errors"]
    );
    for (sheet, csv) in [
        ("Summary", "summary.csv"),
        ("Portfolio", "portfolio.csv"),
        ("Questions", "questions.csv"),
        ("Errors", "errors.csv"),
    ] {
        let range = workbook.worksheet_range(sheet).expect("sheet");
        let csv = Csv::read(&out.join(csv));
        let mut rows = range.rows();
        let header: Vec<String> = rows
            .next()
            .expect("header row")
            .iter()
            .map(cell_text)
            .collect();
        assert_eq!(header, csv.header, "{sheet} header");
        let mut count = 0;
        for (cells, expected) in rows.zip(&csv.rows) {
            for (cell, column) in cells.iter().zip(&csv.header) {
                let want = &expected[column];
                // The CSVs neutralise formulas with an apostrophe; a string cell needs none.
                let want = match want.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
                    _ => want.as_str(),
                };
                assert_eq!(cell_text(cell), want, "{sheet} / {column}");
            }
            count += 1;
        }
        assert_eq!(count, csv.rows.len(), "{sheet} rows");
    }
}

/// Chromium or Chrome, if one is installed (`SOCSCOPE_BROWSER` names another).
fn browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SOCSCOPE_BROWSER") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

fn headless(browser: &Path, extra: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().expect("browser profile dir");
    let url = format!("file://{}", page.display());
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,2600",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run the browser")
}

#[test]
fn the_html_report_renders_in_a_real_browser_with_its_heatmap() {
    let out = all_outputs();
    let page = out.join("report.html");
    let html = std::fs::read_to_string(&page).expect("report.html");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED: no Chromium or Chrome found on PATH (install Debian's `chromium` package, \
             or set SOCSCOPE_BROWSER): report.html was checked as text only"
        );
        return;
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-render");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let screenshot = shots.join("report.png");
    let _ = std::fs::remove_file(&screenshot);

    // The DOM after the browser has parsed and laid out the page.
    let dom = headless(&browser, &["--dump-dom"], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    let summary = Csv::read(&out.join("summary.csv"));
    let portfolio = Csv::read(&out.join("portfolio.csv"));
    for section in ["portfolio", "heatmap", "customers", "unmatched", "errors"] {
        assert!(
            dom.contains(&format!("<section id=\"{section}\">")),
            "{section} missing"
        );
    }
    let heat_cells = dom.matches("<td class=\"heat").count();
    assert_eq!(heat_cells, summary.rows.len() * (1 + CATEGORIES.len()));
    let in_scope = dom.matches("heat in-scope").count();
    let expected_in_scope: usize = summary
        .rows
        .iter()
        .map(|r| {
            usize::from(r["recommendation"].contains("SOC 1")) + split(&r["soc2_categories"]).len()
        })
        .sum();
    assert_eq!(in_scope, expected_in_scope);
    assert_eq!(
        dom.matches("<svg class=\"bar\"").count(),
        portfolio.rows.len().min(15)
    );
    for customer in summary.column("customer") {
        assert!(dom.contains(&format!("<th class=\"customer\">{customer}</th>")));
    }

    // What a person sees: the screenshot holds the heatmap's blues and the bars' greens.
    let shot = headless(
        &browser,
        &[&format!("--screenshot={}", screenshot.display())],
        &page,
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&screenshot).expect("screenshot written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("decode");
    assert_eq!((info.width, info.height), (1400, 2600));
    let channels = info.color_type.samples();
    let (mut blue, mut green, mut amber) = (0usize, 0usize, 0usize);
    for px in pixels[..info.buffer_size()].chunks(channels) {
        let (r, g, b) = (i32::from(px[0]), i32::from(px[1]), i32::from(px[2]));
        if b > r + 60 && b > g + 15 {
            blue += 1; // heatmap cells, hsl(212, 68%, ...)
        } else if g > r + 50 && g > b + 30 {
            green += 1; // fully satisfied bars, #2e8b57
        } else if r > 200 && g > 130 && g < 190 && b < 90 {
            amber += 1; // partly satisfied bars, #e0a030
        }
    }
    eprintln!(
        "rendered {} ({blue} heatmap-blue, {green} bar-green, {amber} bar-amber pixels)",
        screenshot.display()
    );
    assert!(blue > 20_000, "the heatmap is visible: {blue} blue pixels");
    assert!(
        green > 5_000,
        "the ranking bars are visible: {green} green pixels"
    );
    assert!(
        amber > 1_000,
        "partly satisfied bars are visible: {amber} amber pixels"
    );
}
