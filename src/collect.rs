//! Between the parallel workers and the decision: takes each file's outcome in input order,
//! drops questions the customer already asked, writes the rest to `questions.csv` as they come,
//! and keeps only small per-customer tallies, so memory does not grow with the number of files.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

use crate::decide::CustomerTally;
use crate::discover::Source;
use crate::error::ErrorRow;
use crate::matcher::{Matcher, TagFields};
use crate::output::{CsvOutput, OutputError, QuestionRow, QuestionSinks};
use crate::process::{FileOutcome, FoundQuestion};

/// Repeats of a customer's questions: a question is the same when its normalized text is the
/// same and its id is the same (or one of the two has no id: crosswalk and scoring sheets often
/// copy the text without the reference).
#[derive(Debug, Default)]
struct SeenQuestions {
    /// The id first seen with each text: one entry per question, no allocation of its own
    /// (a million-question CSV keeps a million of these).
    /// Keyed by our own 64-bit hash of the text: hashing it again with SipHash showed in the
    /// profile, and Fx is one multiplication.
    first_id_by_text: FxHashMap<u64, u64>,
    /// Further ids seen with the same text (the same question under two references): rare.
    more_ids_by_text: FxHashMap<u64, Vec<u64>>,
    scratch: String,
}

const NO_ID: u64 = 0;

impl SeenQuestions {
    /// Records the question; false if the customer asked it before.
    fn first_time(&mut self, id: &str, text: &str) -> bool {
        let text_key = dedupe_key(text, &mut self.scratch);
        let id_key = if id.trim().is_empty() {
            NO_ID
        } else {
            dedupe_key(id, &mut self.scratch).max(1)
        };
        let first = match self.first_id_by_text.entry(text_key) {
            Entry::Vacant(entry) => {
                entry.insert(id_key);
                return true;
            }
            Entry::Occupied(entry) => *entry.get(),
        };
        let same = |seen: u64| seen == id_key || seen == NO_ID || id_key == NO_ID;
        let more = self.more_ids_by_text.get(&text_key);
        if same(first) || more.is_some_and(|ids| ids.iter().any(|&seen| same(seen))) {
            return false;
        }
        self.more_ids_by_text
            .entry(text_key)
            .or_default()
            .push(id_key);
        true
    }
}

/// Case, quotes, dashes and spacing do not make a different question: the key is a hash of
/// the text with those unified. `scratch` is reused from question to question.
fn dedupe_key(text: &str, scratch: &mut String) -> u64 {
    scratch.clear();
    // Detected questions arrive whitespace-normalized, and most are ASCII.
    if crate::detect::is_collapsed_ascii(text) {
        scratch.push_str(text);
        scratch.make_ascii_lowercase();
        let mut hasher = DefaultHasher::new();
        scratch.hash(&mut hasher);
        return hasher.finish();
    }
    for word in text.split_whitespace() {
        if !scratch.is_empty() {
            scratch.push(' ');
        }
        if word.is_ascii() {
            let start = scratch.len();
            scratch.push_str(word);
            scratch[start..].make_ascii_lowercase();
            continue;
        }
        for c in word.chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                other => other,
            };
            if c.is_ascii() {
                scratch.push(c.to_ascii_lowercase());
            } else {
                scratch.extend(c.to_lowercase());
            }
        }
    }
    let mut hasher = DefaultHasher::new();
    scratch.hash(&mut hasher);
    hasher.finish()
}

/// The ordered consumer of file outcomes.
pub struct Collector<'m> {
    matcher: &'m Matcher,
    questions_out: CsvOutput,
    sinks: QuestionSinks,
    tallies: BTreeMap<String, CustomerTally>,
    /// The questions of the customer being collected. Files arrive grouped by customer, so
    /// the previous customer's are dropped when the next one starts: memory does not grow
    /// with the number of customers.
    seen: (String, SeenQuestions),
    errors: Vec<ErrorRow>,
    files_failed: u64,
    questions: u64,
    /// The tag columns of the question being written, reused from question to question.
    fields: TagFields,
}

impl<'m> Collector<'m> {
    /// Starts with every customer known (so that customers with nothing readable still get a
    /// summary row).
    pub fn new<'a>(
        matcher: &'m Matcher,
        questions_out: CsvOutput,
        sinks: QuestionSinks,
        customers: impl IntoIterator<Item = &'a String>,
    ) -> Self {
        Collector {
            matcher,
            questions_out,
            sinks,
            tallies: customers
                .into_iter()
                .map(|c| (c.clone(), CustomerTally::default()))
                .collect(),
            seen: (String::new(), SeenQuestions::default()),
            errors: Vec::new(),
            files_failed: 0,
            questions: 0,
            fields: TagFields::default(),
        }
    }

    /// Takes one file's outcome; files must arrive in input order (grouped by customer).
    pub fn add(&mut self, source: &Source, outcome: FileOutcome) -> Result<(), OutputError> {
        let tally = self.tallies.entry(source.customer.clone()).or_default();
        if outcome.was_read() {
            tally.files += 1;
        } else {
            self.files_failed += 1;
        }
        if let Some(error) = outcome.error {
            self.errors.push(ErrorRow {
                file: source.rel_path.clone(),
                error,
            });
        }
        if self.seen.0 != source.customer {
            self.seen = (source.customer.clone(), SeenQuestions::default());
        }
        let seen = &mut self.seen.1;
        let questions = outcome
            .questions
            .drain()
            .map_err(|e| spill_error(source, e))?;
        for question in questions {
            let question = question.map_err(|e| spill_error(source, e))?;
            if !seen.first_time(&question.id, &question.text) {
                continue;
            }
            tally.add(&question.tags);
            self.questions += 1;
            write_question(
                &mut self.questions_out,
                &mut self.sinks,
                self.matcher,
                &mut self.fields,
                source,
                &question,
            )?;
        }
        Ok(())
    }

    /// Distinct questions so far.
    pub fn questions(&self) -> u64 {
        self.questions
    }

    /// Hands over what was collected.
    pub fn finish(self) -> Collected {
        Collected {
            questions_out: self.questions_out,
            sinks: self.sinks,
            tallies: self.tallies,
            errors: self.errors,
            files_failed: self.files_failed,
        }
    }
}

/// What the collector gathered over the run.
pub struct Collected {
    /// `questions.csv`, complete but not yet committed.
    pub questions_out: CsvOutput,
    /// The other writers that saw every question.
    pub sinks: QuestionSinks,
    /// Per customer, in name order.
    pub tallies: BTreeMap<String, CustomerTally>,
    /// One row per file that failed or held no questions.
    pub errors: Vec<ErrorRow>,
    /// Files that could not be read at all.
    pub files_failed: u64,
}

/// A file's spilled questions could not be read back: the temporary space failed, which is
/// as fatal as a failing output.
fn spill_error(source: &Source, error: std::io::Error) -> OutputError {
    OutputError::Write {
        path: std::path::PathBuf::from(format!(
            "the temporary copy of {}'s questions",
            source.rel_path
        )),
        source: error,
    }
}

fn write_question(
    out: &mut CsvOutput,
    sinks: &mut QuestionSinks,
    matcher: &Matcher,
    fields: &mut TagFields,
    source: &Source,
    q: &FoundQuestion,
) -> Result<(), OutputError> {
    matcher.fill_fields(&q.tags, fields);
    let row = QuestionRow {
        customer: &source.customer,
        file: &source.rel_path,
        sheet: &q.sheet,
        row: q.row,
        id: &q.id,
        text: &q.text,
        frameworks: fields.frameworks,
        categories: &fields.categories,
        criteria: &fields.criteria,
        keywords: &fields.keywords,
        signals: &fields.signals,
    };
    out.write_question(&row)?;
    sinks.question(&row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_the_same_text_with_the_same_or_a_missing_id() {
        let mut seen = SeenQuestions::default();
        assert!(seen.first_time("COMP-01", "Do you have a CISO?"));
        assert!(!seen.first_time("COMP-01", "do you have a  CISO?"));
        assert!(!seen.first_time("", "Do you have a CISO?"));
        assert!(seen.first_time("COMP-02", "Do you have a CISO?"));
        assert!(seen.first_time("COMP-01", "Do you have a DPO?"));
        // The second and third references of one text are remembered too.
        assert!(!seen.first_time("COMP-02", "Do you have a CISO?"));
        assert!(seen.first_time("COMP-03", "Do you have a CISO?"));
        assert!(!seen.first_time("COMP-03", "Do you have a CISO?"));
        assert!(!seen.first_time("", "Do you have a CISO?"));
    }

    #[test]
    fn curly_quotes_and_dashes_do_not_make_a_new_question() {
        let mut scratch = String::new();
        assert_eq!(
            dedupe_key("Vendor\u{2019}s  \u{2013}  Policy", &mut scratch),
            dedupe_key("vendor's - policy", &mut scratch)
        );
    }
}
