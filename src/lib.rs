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
pub mod process;
pub mod read;
pub mod schedule;
pub mod worker;

pub use config::Config;
use output::{CsvOutput, ERROR_COLUMNS, Field, OutputError, QUESTION_COLUMNS, SUMMARY_COLUMNS};
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
    #[error("invalid rule catalog: {0}")]
    Catalog(#[from] catalog::CatalogError),
    /// The worker pool could not start.
    #[error("cannot start worker threads: {0}")]
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
}

/// Runs `socscope analyze`.
pub fn run(config: &Config) -> Result<RunReport, FatalError> {
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
    let mut collector = collect::Collector::new(&matcher, questions_out, &discovery.customers);
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
    schedule::process_in_order(
        &discovery.sources,
        context,
        &pool,
        &mut |source, outcome| collector.add(source, outcome),
    )?;
    let (questions_out, tallies, mut errors, files_failed) = collector.finish();
    errors.extend(discovery.skipped.iter().cloned());
    errors.sort_by(|a, b| a.file.cmp(&b.file));

    let mut summary_out =
        CsvOutput::create(&config.out_dir, "summary.csv", &SUMMARY_COLUMNS, config.bom)?;
    let mut questions = 0;
    for (customer, tally) in &tallies {
        questions += tally.questions;
        let decision = decide::decide(tally, &matcher.catalog().settings, &matcher);
        let also = decision.also_requested.join(";");
        summary_out.write_row(&[
            Field::Text(customer),
            Field::Number(tally.files),
            Field::Number(tally.questions),
            Field::Number(tally.matched),
            Field::Text(decision.recommendation.as_str()),
            Field::Text(decision.report_type.map_or("", decide::ReportType::as_str)),
            Field::Text(&decide::categories_field(decision.soc2_categories)),
            Field::Number(tally.soc1_questions),
            Field::Number(tally.category_questions[0]),
            Field::Number(tally.category_questions[1]),
            Field::Number(tally.category_questions[2]),
            Field::Number(tally.category_questions[3]),
            Field::Number(tally.category_questions[4]),
            Field::Text(&also),
            Field::Text(&decision.rationale),
        ])?;
    }
    let mut errors_out =
        CsvOutput::create(&config.out_dir, "errors.csv", &ERROR_COLUMNS, config.bom)?;
    for row in &errors {
        errors_out.write_row(&[
            Field::Text(&row.file),
            Field::Text(row.error.kind.as_str()),
            Field::Text(&row.error.message),
        ])?;
    }
    output::commit_all(vec![questions_out, summary_out, errors_out])?;
    Ok(RunReport {
        files: discovery.sources.len() as u64,
        customers: tallies.len() as u64,
        questions,
        error_rows: errors.len() as u64,
        files_failed: files_failed + discovery.skipped.len() as u64,
    })
}
