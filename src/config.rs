//! The validated configuration every stage reads. Built once from the command line by
//! [`crate::cli`]; nothing else reads arguments or the environment.

use std::path::PathBuf;

use crate::detect::{ColumnSpec, Overrides};
use crate::read::Limits;

/// Everything `socscope analyze` needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folder of questionnaires.
    pub input_dir: PathBuf,
    /// Folder the outputs go to (created if missing).
    pub out_dir: PathBuf,
    /// Worker threads.
    pub jobs: usize,
    /// No progress or final summary on stderr.
    pub quiet: bool,
    /// Exit with [`crate::EXIT_FILES_FAILED`] when a file could not be read.
    pub fail_on_error: bool,
    /// Start CSV outputs with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Outputs beyond the three CSVs of the contract.
    pub extras: Extras,
    /// `--header-row` / `--question-col` fixes.
    pub layout_overrides: LayoutOverrides,
    /// Resource limits per file.
    pub limits: Limits,
    /// A user catalog merged over the built-in one.
    pub rules: Option<PathBuf>,
    /// Read files in worker processes with these bounds; `None` reads them in this process.
    pub isolation: Option<crate::worker::Isolation>,
}

/// Which outputs to write beyond `questions.csv`, `summary.csv` and `errors.csv` (always
/// written, and always the same bytes whatever is chosen here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    /// `portfolio.csv` and `criteria.csv`.
    pub portfolio: bool,
    /// `report.html`.
    pub html: bool,
    /// `summary.xlsx`.
    pub xlsx: bool,
}

impl Extras {
    /// The extra output files this selection writes, and those it does not.
    pub fn files(&self) -> [(&'static str, bool); 4] {
        [
            ("portfolio.csv", self.portfolio),
            ("criteria.csv", self.portfolio),
            ("report.html", self.html),
            ("summary.xlsx", self.xlsx),
        ]
    }
}

/// `--header-row` and `--question-col` values, each for every file or for one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayoutOverrides {
    /// `(file, row)`; no file means every file.
    pub header_rows: Vec<(Option<String>, u32)>,
    /// `(file, column)`; no file means every file.
    pub question_cols: Vec<(Option<String>, ColumnSpec)>,
}

impl LayoutOverrides {
    /// The overrides that apply to the file at `rel_path` (relative to INPUT_DIR, `/`
    /// separated). A file is named by its relative path, or by its name alone; the last
    /// matching value wins.
    pub fn for_file(&self, rel_path: &str) -> Overrides {
        let applies = |file: &Option<String>| match file {
            None => true,
            Some(name) => {
                let name = name.replace('\\', "/");
                rel_path == name || rel_path.ends_with(&format!("/{name}"))
            }
        };
        Overrides {
            header_row: self
                .header_rows
                .iter()
                .filter(|(file, _)| applies(file))
                .map(|(_, row)| *row)
                .next_back(),
            question_col: self
                .question_cols
                .iter()
                .filter(|(file, _)| applies(file))
                .map(|(_, col)| col.clone())
                .next_back(),
        }
    }

    /// Whether any override names a file (used to warn about names that match nothing).
    pub fn named_files(&self) -> impl Iterator<Item = &str> {
        self.header_rows
            .iter()
            .filter_map(|(f, _)| f.as_deref())
            .chain(self.question_cols.iter().filter_map(|(f, _)| f.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_by_path_or_name_last_one_wins() {
        let overrides = LayoutOverrides {
            header_rows: vec![(None, 2), (Some("wayne/sec.xlsx".into()), 5)],
            question_cols: vec![(Some("acme.csv".into()), ColumnSpec::Index(2))],
        };
        assert_eq!(overrides.for_file("wayne/sec.xlsx").header_row, Some(5));
        assert_eq!(overrides.for_file("other.xlsx").header_row, Some(2));
        assert_eq!(
            overrides.for_file("acme.csv").question_col,
            Some(ColumnSpec::Index(2))
        );
        assert_eq!(
            overrides.for_file("x/acme.csv").question_col,
            Some(ColumnSpec::Index(2))
        );
        assert_eq!(overrides.for_file("notacme.csv").question_col, None);
    }
}
