//! Thin entry point: parse arguments, run, map the outcome to an exit code
//! (0 success, 1 fatal error, 2 usage error, 3 files failed with `--fail-on-error`).

use std::process::ExitCode;

use clap::Parser;
use socscope::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(args) => {
            let config = match args.into_config() {
                Ok(config) => config,
                Err(err) => {
                    eprintln!("error: {err}");
                    return ExitCode::from(2);
                }
            };
            match socscope::run(&config) {
                Ok(report) => {
                    if !config.quiet {
                        eprintln!(
                            "{} files, {} customers, {} questions; {} rows in errors.csv",
                            report.files, report.customers, report.questions, report.error_rows
                        );
                    }
                    if config.fail_on_error && report.files_failed > 0 {
                        ExitCode::from(socscope::EXIT_FILES_FAILED as u8)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
