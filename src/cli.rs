//! The command line: clap parses raw values, [`AnalyzeArgs::into_config`] validates them once
//! into the [`Config`] the pipeline reads.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{Config, Extras, LayoutOverrides};
use crate::detect::ColumnSpec;
use crate::read::Limits;

/// Which SOC report would satisfy each customer, from the security questionnaires they sent.
#[derive(Debug, Parser)]
#[command(name = "socscope", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a folder of questionnaires and write questions.csv, summary.csv and errors.csv.
    Analyze(AnalyzeArgs),
    /// Show which rules fire on a sentence, and why.
    Explain(ExplainArgs),
    /// Print the active rule catalog.
    Rules(RulesArgs),
    /// Compare an analyze run with a labelled set: precision, recall and F1 per category,
    /// and which customers' decisions match.
    Eval(EvalArgs),
    /// Internal: read files on behalf of `analyze` (see `worker.rs`).
    #[command(name = "__worker", hide = true)]
    Worker,
}

/// `socscope explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The question text(s) to explain; `-` reads one question per line from standard input.
    #[arg(required = true)]
    pub text: Vec<String>,

    /// A rule catalog (TOML) that extends or overrides the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Explain the text as if it sat on a sheet of this name (a sheet called "Financial
    /// Controls" gives its questions the money subject).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Explain the text as if it sat under a section of this title (a section called
    /// "Payroll Processing" gives its questions the money subject).
    #[arg(long, value_name = "TITLE")]
    pub section: Option<String>,
}

/// Output format of `socscope rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// One rule per row.
    Csv,
    /// The whole catalog as one JSON document.
    Json,
}

/// `socscope rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Csv)]
    pub format: RulesFormat,

    /// A rule catalog (TOML) that extends or overrides the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// `socscope eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder with the labelled `questions.csv` (with a `labels` column) and the expected
    /// `summary.csv`, e.g. fixtures/.source/expected.
    pub labels: PathBuf,

    /// The OUT_DIR of the `socscope analyze` run to score.
    #[arg(long, short = 'o', value_name = "OUT_DIR")]
    pub out: PathBuf,
}

/// `socscope analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Folder of questionnaires (CSV, TSV, TXT, XLSX, XLSM, XLS, XLSB, ODS), read recursively.
    /// A file at the top is one customer; a first-level folder is one customer.
    pub input_dir: PathBuf,

    /// Folder to write the outputs to (created if missing).
    #[arg(long, short = 'o', value_name = "OUT_DIR")]
    pub out: PathBuf,

    /// A rule catalog (TOML) that extends or overrides the built-in one.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// No progress and no final summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// The header row of a file whose layout defeats detection: `N` for every file, or
    /// `FILE=N` for one file (named by its path under INPUT_DIR or its name). Repeatable.
    #[arg(long, value_name = "[FILE=]N")]
    pub header_row: Vec<String>,

    /// The column holding the questions: a letter (`C`) or the header's text (`Control Text`),
    /// for every file or as `FILE=COLUMN` for one. Repeatable.
    #[arg(long, value_name = "[FILE=]COLUMN")]
    pub question_col: Vec<String>,

    /// Exit with code 3 when any file could not be read (it is still listed in errors.csv).
    #[arg(long)]
    pub fail_on_error: bool,

    /// Leave the UTF-8 byte-order mark out of the CSV outputs (for Unix pipelines).
    #[arg(long)]
    pub no_bom: bool,

    /// Also write portfolio.csv (the audit scopes that satisfy the most customers, with
    /// indicative fees) and criteria.csv (questions per customer and criterion).
    #[arg(long, help_heading = "Extra outputs")]
    pub portfolio: bool,

    /// Also write report.html: one self-contained page with the portfolio, a heatmap of
    /// customers by category, every recommendation and the questions nothing matched.
    #[arg(long, help_heading = "Extra outputs")]
    pub html: bool,

    /// Also write summary.xlsx: the summary, portfolio, questions and errors as sheets.
    #[arg(long, help_heading = "Extra outputs")]
    pub xlsx: bool,

    /// Write every extra output (--portfolio --html --xlsx).
    #[arg(long, help_heading = "Extra outputs")]
    pub all_outputs: bool,

    /// Most non-empty cells read from one sheet.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cells_per_sheet, help_heading = "Limits")]
    pub max_cells: u64,

    /// Longest cell kept, in bytes; longer cells are cut.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_cell_bytes, help_heading = "Limits")]
    pub max_cell_bytes: usize,

    /// Largest file read, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().max_file_bytes >> 20, help_heading = "Limits")]
    pub max_file_size: u64,

    /// Largest inflated size of one part of a zipped workbook (xlsx, xlsb, ods), in MiB.
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().max_inflated_bytes >> 20, help_heading = "Limits")]
    pub max_inflated_size: u64,

    /// Highest compression ratio of a part of a zipped workbook (zip bombs exceed it).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_compression_ratio, help_heading = "Limits")]
    pub max_compression_ratio: u64,

    /// Memory all file readers together may use, in MiB; a file that needs more is too_large.
    #[arg(long, value_name = "MIB", default_value_t = crate::worker::DEFAULT_MEMORY_MIB, help_heading = "Limits")]
    pub max_memory: u64,

    /// Seconds one file may take to read before it is abandoned as too_large.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::worker::DEFAULT_TIMEOUT_SECS, help_heading = "Limits")]
    pub timeout: u64,

    /// Read files inside this process instead of in isolated worker processes: slightly faster
    /// for trusted files, but a file that crashes a parser or exhausts memory stops the run.
    #[arg(long, help_heading = "Limits")]
    pub no_workers: bool,
}

/// A value on the command line that parses but makes no sense.
#[derive(Debug, thiserror::Error)]
#[error("invalid value '{value}' for {flag}: {reason}")]
pub struct UsageError {
    flag: &'static str,
    value: String,
    reason: &'static str,
}

impl AnalyzeArgs {
    /// Validates the arguments into a [`Config`].
    pub fn into_config(self) -> Result<Config, UsageError> {
        let mut overrides = LayoutOverrides::default();
        for value in &self.header_row {
            let (file, row) = split_file(value);
            let row: u32 =
                row.trim()
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| UsageError {
                        flag: "--header-row",
                        value: value.clone(),
                        reason: "expected a row number from 1, optionally after FILE=",
                    })?;
            overrides.header_rows.push((file, row));
        }
        for value in &self.question_col {
            let (file, column) = split_file(value);
            if column.trim().is_empty() {
                return Err(UsageError {
                    flag: "--question-col",
                    value: value.clone(),
                    reason: "expected a column letter or a header name, optionally after FILE=",
                });
            }
            overrides
                .question_cols
                .push((file, ColumnSpec::parse(column)));
        }
        let jobs = self
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        Ok(Config {
            input_dir: self.input_dir,
            out_dir: self.out,
            jobs,
            quiet: self.quiet,
            fail_on_error: self.fail_on_error,
            bom: !self.no_bom,
            extras: Extras {
                portfolio: self.portfolio || self.all_outputs,
                html: self.html || self.all_outputs,
                xlsx: self.xlsx || self.all_outputs,
            },
            layout_overrides: overrides,
            limits: Limits {
                max_cell_bytes: self.max_cell_bytes.max(64),
                max_cells_per_sheet: self.max_cells.max(1),
                max_file_bytes: self.max_file_size.max(1).saturating_mul(1 << 20),
                max_inflated_bytes: self.max_inflated_size.max(1).saturating_mul(1 << 20),
                max_compression_ratio: self.max_compression_ratio.max(2),
            },
            isolation: if self.no_workers {
                None
            } else {
                Some(crate::worker::Isolation {
                    memory_bytes: self.max_memory.max(64).saturating_mul(1 << 20),
                    timeout: std::time::Duration::from_secs(self.timeout.max(1)),
                    executable: None,
                })
            },
            rules: self.rules,
        })
    }
}

/// `sec.xlsx=4` -> (Some("sec.xlsx"), "4"); `4` -> (None, "4").
fn split_file(value: &str) -> (Option<String>, &str) {
    match value.split_once('=') {
        Some((file, rest)) if !file.trim().is_empty() => (Some(file.trim().to_string()), rest),
        _ => (None, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
        match cli.command {
            Command::Analyze(args) => args.into_config().map_err(|e| e.to_string()),
            other => Err(format!("not analyze: {other:?}")),
        }
    }

    #[test]
    fn analyze_arguments_become_a_config() {
        let config = parse(&[
            "socscope",
            "analyze",
            "in",
            "--out",
            "out",
            "--jobs",
            "2",
            "--header-row",
            "4",
            "--header-row",
            "acme.xlsx=7",
            "--question-col",
            "C",
            "--question-col",
            "b.csv=Control Text",
            "--no-bom",
        ])
        .unwrap();
        assert_eq!(config.jobs, 2);
        assert!(!config.bom);
        assert_eq!(
            config.layout_overrides.for_file("acme.xlsx").header_row,
            Some(7)
        );
        assert_eq!(
            config.layout_overrides.for_file("x.xlsx").header_row,
            Some(4)
        );
        assert_eq!(
            config.layout_overrides.for_file("b.csv").question_col,
            Some(ColumnSpec::Header("Control Text".into()))
        );
    }

    #[test]
    fn bad_values_are_usage_errors() {
        assert!(
            parse(&[
                "socscope",
                "analyze",
                "in",
                "--out",
                "o",
                "--header-row",
                "0"
            ])
            .is_err()
        );
        assert!(parse(&["socscope", "analyze", "in", "--out", "o", "--jobs", "0"]).is_err());
        assert!(parse(&["socscope", "analyze", "in"]).is_err());
    }
}
