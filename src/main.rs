//! Thin entry point: parse arguments, run the subcommand, map the outcome to an exit code
//! (0 success, 1 fatal error, 2 usage error, 3 files failed with `--fail-on-error`).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use socscope::catalog::{Catalog, export};
use socscope::cli::{AnalyzeArgs, Cli, Command, EvalArgs, ExplainArgs, RulesArgs, RulesFormat};
use socscope::matcher::Matcher;

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
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn analyze(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let config = match args.into_config() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    let report = socscope::run(&config)?;
    if !config.quiet {
        eprintln!(
            "{} files, {} customers, {} questions; {} rows in errors.csv",
            report.files, report.customers, report.questions, report.error_rows
        );
    }
    if config.fail_on_error && report.files_failed > 0 {
        return Ok(ExitCode::from(socscope::EXIT_FILES_FAILED as u8));
    }
    Ok(ExitCode::SUCCESS)
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
        write!(stdout, "{}", socscope::explain::explain(&matcher, text))?;
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
