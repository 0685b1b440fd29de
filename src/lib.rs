//! socscope: which SOC report would satisfy each customer, from the questionnaires they sent.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! catalog    rules.toml (+ --rules)  -> validated Catalog -> one Matcher, built once
//! discover   INPUT_DIR               -> sorted Sources (file + customer)
//! read       Source                  -> sheets of rows of text cells     (parallel, per file)
//! detect     rows                    -> questions (header, columns, row classification)
//! matcher    question text           -> tags (frameworks, categories, criteria, signals)
//! collect    outcomes, in order      -> questions.csv rows, per-customer tallies, errors
//! decide     tally per customer      -> recommendation, type, categories, rationale
//! output     rows                    -> questions.csv, summary.csv, errors.csv (atomic)
//! ```
//!
//! [`run`] is that pipeline; `main.rs` only parses arguments and maps the outcome to an exit
//! code.

pub mod catalog;
pub mod cli;
pub mod collect;
pub mod config;
pub mod decide;
pub mod detect;
pub mod discover;
pub mod error;
pub mod eval;
pub mod explain;
pub mod matcher;
pub mod output;
pub mod portfolio;
pub mod process;
pub mod read;
pub mod schedule;
pub mod worker;

pub use config::{Config, Extras};
use std::io::Write as _;

use output::{CsvOutput, OutputError, QUESTION_COLUMNS};
use process::Context;

/// Exit code when the run finished but a file could not be read and `--fail-on-error` was given.
pub const EXIT_FILES_FAILED: i32 = 3;

/// Errors that stop a run before it can write its outputs.
#[derive(Debug, thiserror::Error)]
pub enum FatalError {
    /// INPUT_DIR is missing or not a folder.
    #[error("input folder {0} does not exist or is not a folder")]
    InputMissing(std::path::PathBuf),
    /// The outputs could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The rule catalog is invalid.
    #[error("invalid rule catalog")]
    Catalog(#[from] catalog::CatalogError),
    /// The worker pool could not start.
    #[error("cannot start worker threads")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The reader processes could not be prepared.
    #[error("cannot prepare reader processes: {0}")]
    Workers(std::io::Error),
}

/// What a finished run did, for the final message and the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// Files considered (supported types).
    pub files: u64,
    /// Customers.
    pub customers: u64,
    /// Questions written.
    pub questions: u64,
    /// Rows written to errors.csv.
    pub error_rows: u64,
    /// Files that could not be read (errors other than "no questions").
    pub files_failed: u64,
    /// Extra outputs in OUT_DIR that this run was not asked for and so left as an earlier
    /// run wrote them (they no longer match the CSVs beside them).
    pub stale_outputs: Vec<String>,
}

/// How far a run has got, after each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files whose outcome is collected.
    pub files_done: u64,
    /// Files to read in all.
    pub files_total: u64,
    /// Distinct questions found so far.
    pub questions: u64,
}

/// Runs `socscope analyze`.
pub fn run(config: &Config) -> Result<RunReport, FatalError> {
    run_with_progress(config, &mut |_| {})
}

/// Runs `socscope analyze`, calling `progress` after each file (from the thread that called
/// this function).
pub fn run_with_progress(
    config: &Config,
    progress: &mut dyn FnMut(Progress),
) -> Result<RunReport, FatalError> {
    if !config.input_dir.is_dir() {
        return Err(FatalError::InputMissing(config.input_dir.clone()));
    }
    let matcher = matcher::Matcher::new(catalog::Catalog::load(config.rules.as_deref())?)?;
    output::prepare_dir(&config.out_dir)?;
    let discovery = discover::discover(&config.input_dir, Some(&config.out_dir));
    let questions_out = CsvOutput::create(
        &config.out_dir,
        "questions.csv",
        &QUESTION_COLUMNS,
        config.bom,
    )?;
    let sinks = output::QuestionSinks {
        workbook: if config.extras.xlsx {
            Some(output::xlsx::SummaryWorkbook::new()?)
        } else {
            None
        },
        unmatched: config
            .extras
            .html
            .then(output::html::UnmatchedSample::default),
    };
    let mut collector =
        collect::Collector::new(&matcher, questions_out, sinks, &discovery.customers);
    let workers = match &config.isolation {
        Some(isolation) => Some(
            worker::WorkerPool::new(
                isolation,
                config.jobs,
                &config.limits,
                &config.layout_overrides,
            )
            .map_err(FatalError::Workers)?,
        ),
        None => None,
    };
    let context = Context {
        limits: &config.limits,
        overrides: &config.layout_overrides,
        matcher: &matcher,
        workers: workers.as_ref(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()?;
    let total_files = discovery.sources.len() as u64;
    let mut files_done = 0;
    schedule::process_in_order(
        &discovery.sources,
        context,
        &pool,
        &mut |source, outcome| {
            collector.add(source, outcome)?;
            files_done += 1;
            progress(Progress {
                files_done,
                files_total: total_files,
                questions: collector.questions(),
            });
            Ok(())
        },
    )?;
    let collected = collector.finish();
    let mut errors = collected.errors;
    errors.extend(discovery.skipped.iter().cloned());
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    let customers = decide::decide_all(collected.tallies, &matcher.catalog().settings, &matcher);
    let questions = customers.iter().map(|c| c.tally.questions).sum();

    write_outputs(
        config,
        &matcher,
        &customers,
        &errors,
        collected.questions_out,
        collected.sinks,
        RunTotals {
            files: total_files,
            questions,
        },
    )?;
    Ok(RunReport {
        files: total_files,
        customers: customers.len() as u64,
        questions,
        error_rows: errors.len() as u64,
        files_failed: collected.files_failed + discovery.skipped.len() as u64,
        stale_outputs: config
            .extras
            .files()
            .into_iter()
            .filter(|&(name, written)| !written && config.out_dir.join(name).is_file())
            .map(|(name, _)| name.to_string())
            .collect(),
    })
}

/// Counts for the reports' headers.
struct RunTotals {
    files: u64,
    questions: u64,
}

/// Writes every output the run was asked for and puts them in place together.
fn write_outputs(
    config: &Config,
    matcher: &matcher::Matcher,
    customers: &[decide::CustomerResult],
    errors: &[error::ErrorRow],
    questions_out: CsvOutput,
    sinks: output::QuestionSinks,
    totals: RunTotals,
) -> Result<(), OutputError> {
    let dir = &config.out_dir;
    let summary = output::tables::summary(customers);
    let error_table = output::tables::errors(errors);
    let mut pending = vec![
        questions_out.finish()?,
        output::csv_table(dir, "summary.csv", &summary, config.bom)?,
        output::csv_table(dir, "errors.csv", &error_table, config.bom)?,
    ];
    let extras = config.extras;
    if extras.portfolio || extras.html || extras.xlsx {
        let ranked = portfolio::rank(customers, &portfolio::FEES);
        let portfolio_table = output::tables::portfolio(&ranked);
        if extras.portfolio {
            let criteria =
                output::tables::criteria_matrix(customers, &matcher.catalog().soc1_areas);
            pending.push(output::csv_table(
                dir,
                "portfolio.csv",
                &portfolio_table,
                config.bom,
            )?);
            pending.push(output::csv_table(
                dir,
                "criteria.csv",
                &criteria,
                config.bom,
            )?);
        }
        if let Some(unmatched) = &sinks.unmatched {
            let page = output::html::render(&output::html::ReportData {
                customers,
                portfolio: &ranked,
                errors,
                unmatched,
                files: totals.files,
                questions: totals.questions,
            });
            pending.push(output::write_file(dir, output::html::FILE_NAME, |w| {
                w.write_all(page.as_bytes())
            })?);
        }
        if let Some(workbook) = sinks.workbook {
            pending.push(workbook.finish(dir, &summary, &portfolio_table, &error_table)?);
        }
    }
    output::commit_all(pending)
}
