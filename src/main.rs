//! Thin entry point: parse arguments, run the subcommand, map the outcome to an exit code
//! (0 success, 1 fatal error, 2 usage error, 3 files failed with `--fail-on-error`).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use socscope::catalog::{Catalog, export};
use socscope::cli::{AnalyzeArgs, Cli, Command, EvalArgs, ExplainArgs, RulesArgs, RulesFormat};
use socscope::matcher::Matcher;
use socscope::output::thousands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Explain(args) => explain(args),
        Command::Rules(args) => rules(args),
        Command::Eval(args) => eval(args),
        Command::Worker => socscope::worker::serve()
            .map(|()| ExitCode::SUCCESS)
            .map_err(Into::into),
    };
    match result {
        Ok(code) => code,
        // `socscope rules | head`: the reader left, as ripgrep and xsv treat it.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn analyze(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let config = match args.into_config() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    let started = Instant::now();
    let bar = progress_bar(config.quiet);
    let report = socscope::run_with_progress(&config, &mut |p| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total);
            bar.set_position(p.files_done);
            let seconds = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} questions, {:.0} files/s",
                thousands(p.questions),
                p.files_done as f64 / seconds
            ));
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = report?;
    if !config.quiet {
        eprintln!("{}", final_line(&report, started.elapsed()));
        if !report.stale_outputs.is_empty() {
            eprintln!(
                "note: {} in {} {} from an earlier run and not updated (ask for {} again, or delete {})",
                report.stale_outputs.join(", "),
                config.out_dir.display(),
                if report.stale_outputs.len() == 1 {
                    "is"
                } else {
                    "are"
                },
                if report.stale_outputs.len() == 1 {
                    "it"
                } else {
                    "them"
                },
                if report.stale_outputs.len() == 1 {
                    "it"
                } else {
                    "them"
                },
            );
        }
    }
    if config.fail_on_error && report.files_failed > 0 {
        return Ok(ExitCode::from(socscope::EXIT_FILES_FAILED as u8));
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on stderr when it is a terminal and `--quiet` is not given.
fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {pos}/{len} files, {msg}")
            .map(|style| style.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// `412 files, 38 customers, 61,204 questions in 3.1 s; 2 files skipped, see errors.csv`.
fn final_line(report: &socscope::RunReport, elapsed: std::time::Duration) -> String {
    let plural = |n: u64, one: &str, many: &str| {
        format!("{} {}", thousands(n), if n == 1 { one } else { many })
    };
    let mut line = format!(
        "{}, {}, {} in {} s",
        plural(report.files, "file", "files"),
        plural(report.customers, "customer", "customers"),
        plural(report.questions, "question", "questions"),
        seconds(elapsed)
    );
    if report.error_rows > 0 {
        line.push_str(&format!(
            "; {} skipped, see errors.csv",
            plural(report.error_rows, "file", "files")
        ));
    }
    line
}

/// `0.04`, `3.1`, `42`: two significant digits are plenty for a run's duration.
fn seconds(elapsed: std::time::Duration) -> String {
    let s = elapsed.as_secs_f64();
    match s {
        s if s < 1.0 => format!("{s:.2}"),
        s if s < 10.0 => format!("{s:.1}"),
        s => format!("{s:.0}"),
    }
}

fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let matcher = Matcher::new(Catalog::load(args.rules.as_deref())?)?;
    let mut texts = Vec::new();
    for text in args.text {
        if text == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line.context("reading standard input")?;
                if !line.trim().is_empty() {
                    texts.push(line);
                }
            }
        } else {
            texts.push(text);
        }
    }
    let mut stdout = std::io::stdout().lock();
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            writeln!(stdout)?;
        }
        let explanation = socscope::explain::explain_in_place(
            &matcher,
            text,
            args.sheet.as_deref(),
            args.section.as_deref(),
        );
        write!(stdout, "{explanation}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let catalog = Catalog::load(args.rules.as_deref())?;
    let text = match args.format {
        RulesFormat::Csv => export::to_csv(&catalog),
        RulesFormat::Json => export::to_json(&catalog) + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let report = socscope::eval::evaluate(&args.labels, &args.out)?;
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}
