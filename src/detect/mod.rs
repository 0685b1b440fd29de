//! Stage 3: a sheet's rows -> the questions on it.
//!
//! Works in three steps, on values only (no I/O):
//!
//! 1. **Skip whole sheets** that are never questionnaires by their name (cover, instructions,
//!    change log, glossary, lookup lists).
//! 2. **Find the layout** from the first [`SAMPLE_ROWS`] rows: the header row (the short row
//!    whose cells read most like column titles; it may sit below title and logo rows, or be
//!    absent), the column holding the questions (a column titled like a question, else the
//!    column whose cells read most like questions) and the column holding the customer's
//!    question ids, if any.
//! 3. **Classify every row**: a question is text in the question column that asks or requires
//!    something: it ends in `?`, starts like a question ("Do you", "How") or a request
//!    ("Describe", "Provide"), states a requirement ("The vendor shall"), or is a prompt with an
//!    id of its own ("GNRL-01 Vendor Name"). Section titles, repeated header rows, instructions
//!    about the form, answer-option lists, footers and blank rows are not questions. Rows above
//!    the header count only when they carry a question id (identity prompts often sit there).
//!
//! What it does not do: it does not know about customers or files (repeats across sheets are
//! removed later, per customer), and it does not know what a question is about (that is
//! [`crate::matcher`]).

mod text;

// Keyed by row and column numbers: Fx hashes a u32 in one multiplication, SipHash in dozens.
use rustc_hash::FxHashMap as HashMap;

use crate::read::{Cell, MergedRegion, Row, SheetMeta};
use text::{HeaderRole, QuestionStrength, header_role};
pub use text::{is_collapsed_ascii, normalize_whitespace};

/// Rows looked at to decide the layout of a sheet.
pub const SAMPLE_ROWS: usize = 200;

/// Longer text in a section's place is an instruction or a question, not a section title.
const MAX_SECTION_TITLE: usize = 100;

/// A user's fix for a file whose layout defeats detection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// 1-based row number of the header row.
    pub header_row: Option<u32>,
    /// The column holding the questions.
    pub question_col: Option<ColumnSpec>,
}

/// A column named by the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ColumnSpec {
    /// 0-based index, from a letter such as `B` or `AA`.
    Index(u32),
    /// The text of the column's header cell, compared without regard to case or spacing.
    Header(String),
}

impl ColumnSpec {
    /// `B` -> column 1; anything that is not one to three letters is a header name.
    pub fn parse(spec: &str) -> ColumnSpec {
        let trimmed = spec.trim();
        if (1..=3).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_uppercase()) {
            let index = trimmed
                .bytes()
                .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1);
            ColumnSpec::Index(index - 1)
        } else {
            ColumnSpec::Header(trimmed.to_string())
        }
    }
}

/// One question found on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedQuestion {
    /// 1-based row number as the sheet shows it.
    pub row: u32,
    /// The customer's own reference, or empty.
    pub id: String,
    /// The question text, whitespace normalized.
    pub text: String,
    /// The section the question sits in: the title of the section row above it and its
    /// value in a column titled "Section" or "Domain", joined by ` / `; empty when the sheet
    /// has neither. The matcher reads it as context, as an analyst reads a form.
    pub section: String,
}

/// Why a sheet produced what it did; used for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetVerdict {
    /// Questions were found (possibly zero after classification).
    Read,
    /// Skipped by name (cover, instructions, change log...).
    SkippedByName,
    /// No column looks like it holds questions.
    NoQuestionColumn,
}

/// Finds the questions on one sheet. `rows` come in sheet order; each question found is passed
/// to `emit` as soon as it is known, so a long sheet is never held in memory.
pub fn detect_sheet<E>(
    meta: &SheetMeta,
    rows: &mut dyn Iterator<Item = Result<Row, E>>,
    overrides: &Overrides,
    emit: &mut dyn FnMut(DetectedQuestion),
) -> Result<SheetVerdict, E> {
    if overrides == &Overrides::default() && text::is_non_question_sheet_name(&meta.name) {
        return Ok(SheetVerdict::SkippedByName);
    }
    let mut sample = Vec::new();
    for row in &mut *rows {
        sample.push(row?);
        if sample.len() >= SAMPLE_ROWS {
            break;
        }
    }
    let Some(layout) = Layout::find(&sample, &meta.merges, overrides) else {
        return Ok(SheetVerdict::NoQuestionColumn);
    };
    let mut classifier = Classifier::new(&layout, &meta.merges);
    // Without a header row a sheet must show it is a questionnaire (two unmistakable
    // questions) before anything on it counts: a cover page with a title and one
    // "Please read..." line is not one. Until then its candidates wait here.
    let mut held_back: Option<Vec<DetectedQuestion>> = layout.gated.then(Vec::new);
    let mut previous: Option<Row> = None;
    let mut next_rows = sample.into_iter().map(Ok).chain(&mut *rows);
    loop {
        let current = match next_rows.next() {
            Some(row) => Some(row?),
            None => None,
        };
        if let Some(prev) = previous.take() {
            if let Some(question) = classifier.classify(&prev, current.as_ref()) {
                match held_back.as_mut() {
                    Some(waiting) => waiting.push(question),
                    None => emit(question),
                }
            }
            if classifier.strong_questions >= 2 {
                held_back.take().into_iter().flatten().for_each(&mut *emit);
            }
        }
        match current {
            Some(row) => previous = Some(row),
            None => break,
        }
    }
    Ok(SheetVerdict::Read)
}

/// Convenience for tests and tools: all questions of a sheet given as a vector.
pub fn detect_rows(
    meta: &SheetMeta,
    rows: Vec<Row>,
    overrides: &Overrides,
) -> Vec<DetectedQuestion> {
    let mut out = Vec::new();
    let mut iter = rows.into_iter().map(Ok::<Row, std::convert::Infallible>);
    let _ = detect_sheet(meta, &mut iter, overrides, &mut |q| out.push(q));
    out
}

/// Where things are on a sheet.
#[derive(Debug, Clone)]
struct Layout {
    /// 1-based header row, when there is one.
    header_row: Option<u32>,
    /// Header texts by column, normalized, to recognise the header when it repeats.
    header_texts: HashMap<u32, String>,
    question_col: u32,
    /// How strongly the question column's title says "question".
    question_header: QuestionStrength,
    id_col: Option<u32>,
    /// The id column was titled as such, so any short value in it is an id.
    id_col_titled: bool,
    /// A column titled as the section or domain of each question.
    section_col: Option<u32>,
    /// Columns titled as answers or notes.
    answer_cols: Vec<u32>,
    /// Most of the question column's cells read like questions, so plain statements in it are
    /// requirements rather than narrative.
    statement_column: bool,
    /// No header: questions are only kept if the sheet proves to be a questionnaire.
    gated: bool,
    /// Shapes of the sample's question-column cells, by row, already computed (with the
    /// cell's length, to be sure it is the same cell).
    shapes: HashMap<u32, (text::Shape, usize)>,
}

impl Layout {
    fn find(sample: &[Row], merges: &[MergedRegion], overrides: &Overrides) -> Option<Layout> {
        let (header_index, repeats) = match overrides.header_row {
            Some(n) => (sample.iter().position(|r| r.number == n), Vec::new()),
            None => find_header_row(sample, merges, overrides.question_col.as_ref()),
        };
        let header = header_index.map(|i| &sample[i]);
        let repeats: Vec<&Row> = repeats.iter().map(|&i| &sample[i]).collect();
        let roles = header
            .map(|h| header_roles(h, &repeats, merges))
            .unwrap_or_default();
        let data_rows: &[Row] = match header_index {
            Some(i) => &sample[i + 1..],
            None => sample,
        };
        // Every prose cell of the sample is classified once, here; the row classifier reuses
        // the question column's shapes.
        // By position in `data_rows`, then column: (column, shape, strength) of each prose cell.
        let scored: Vec<Vec<(u32, text::Shape, u32)>> = data_rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .filter_map(|c| text::scored_shape(&c.text).map(|(shape, s)| (c.col, shape, s)))
                    .collect()
            })
            .collect();
        let scored_at = |index: usize, col: u32| {
            scored
                .get(index)
                .and_then(|cells| cells.iter().find(|c| c.0 == col))
                .map(|&(_, shape, strength)| (shape, strength))
        };
        let strength = |index: usize, col: u32| scored_at(index, col).map_or(0, |s| s.1);

        let question_col = match &overrides.question_col {
            Some(ColumnSpec::Index(col)) => *col,
            Some(ColumnSpec::Header(name)) => {
                let wanted = text::normalize_header(name);
                let header = header?;
                header
                    .cells
                    .iter()
                    .find(|c| text::normalize_header(&c.text) == wanted)?
                    .col
            }
            None => choose_question_column(&roles, data_rows, &strength)?,
        };
        let question_header = match roles.get(&question_col) {
            // The user said so: treat the column as a titled question column.
            _ if overrides.question_col.is_some() => QuestionStrength::Strong,
            Some(HeaderRole::Question(strength)) => *strength,
            _ => QuestionStrength::None,
        };
        let (id_col, id_col_titled) = choose_id_column(&roles, data_rows, question_col, &strength);
        let section_col = roles
            .iter()
            .filter(|&(&col, role)| {
                *role == HeaderRole::Section && col != question_col && Some(col) != id_col
            })
            .map(|(&col, _)| col)
            .min();
        let answer_cols = roles
            .iter()
            .filter(|(_, role)| matches!(role, HeaderRole::Answer | HeaderRole::Note))
            .map(|(&col, _)| col)
            .collect();
        let in_column: Vec<usize> = (0..data_rows.len())
            .filter(|&i| data_rows[i].get(question_col).is_some())
            .collect();
        let strong = in_column
            .iter()
            .filter(|&&i| strength(i, question_col) >= 2)
            .count();
        let statement_column = in_column.len() >= 3 && strong * 10 >= in_column.len() * 3;
        let shapes = data_rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let text = r.get(question_col)?;
                let (shape, _) = scored_at(i, question_col)?;
                Some((r.number, (shape, text.len())))
            })
            .collect();
        Some(Layout {
            header_row: header.map(|h| h.number),
            header_texts: header
                .map(|h| {
                    h.cells
                        .iter()
                        .map(|c| (c.col, text::normalize_header(&c.text)))
                        .collect()
                })
                .unwrap_or_default(),
            question_col,
            question_header,
            id_col,
            id_col_titled,
            section_col,
            answer_cols,
            statement_column,
            shapes,
            gated: header.is_none() && overrides.question_col.is_none(),
        })
    }
}

/// The header row (the row of short cells that reads most like column titles) and the rows
/// that repeat it further down.
fn find_header_row(
    sample: &[Row],
    merges: &[MergedRegion],
    wanted: Option<&ColumnSpec>,
) -> (Option<usize>, Vec<usize>) {
    if let Some(ColumnSpec::Header(name)) = wanted {
        let name = text::normalize_header(name);
        let found = sample.iter().position(|r| {
            r.cells
                .iter()
                .any(|c| text::normalize_header(&c.text) == name)
        });
        return (found, Vec::new());
    }
    let mut scored: Vec<(u32, usize)> = Vec::new();
    for (i, row) in sample.iter().enumerate() {
        if row.cells.len() < 2
            || !row
                .cells
                .iter()
                .all(|c| text::could_be_header_cell(&c.text))
        {
            continue;
        }
        let roles = header_roles(row, &[], merges);
        let titled = roles.len() as u32;
        if titled < 2 {
            continue;
        }
        let question_bonus = roles
            .values()
            .map(|r| match r {
                HeaderRole::Question(QuestionStrength::Strong) => 2,
                HeaderRole::Question(_) => 1,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        scored.push((titled + question_bonus, i));
    }
    let Some(&(_, best)) = scored
        .iter()
        .max_by_key(|&&(score, i)| (score, std::cmp::Reverse(i)))
    else {
        return (None, Vec::new());
    };
    // Questionnaires repeat their header above every section, with the section's name in the
    // first cell: the first occurrence is the header, whatever the sections are called.
    let same_header: Vec<usize> = scored
        .iter()
        .map(|&(_, i)| i)
        .filter(|&i| i == best || same_titles(&sample[i], &sample[best]) >= 2)
        .collect();
    let first = same_header.iter().copied().min().unwrap_or(best);
    let repeats = same_header.into_iter().filter(|&i| i != first).collect();
    (Some(first), repeats)
}

/// How many cells two rows share, same column and same text.
fn same_titles(a: &Row, b: &Row) -> usize {
    a.cells
        .iter()
        .filter(|c| {
            b.get(c.col)
                .is_some_and(|t| text::normalize_header(t) == text::normalize_header(&c.text))
        })
        .count()
}

/// The role of each titled column of a header row; a title merged across several columns
/// titles all of them. A cell whose text changes from one repeat of the header to the next is
/// a section name, not a column title.
fn header_roles(
    header: &Row,
    repeats: &[&Row],
    merges: &[MergedRegion],
) -> HashMap<u32, HeaderRole> {
    let mut roles = HashMap::default();
    for cell in &header.cells {
        // Normalized only when there are repeats to compare with (rarely).
        if !repeats.is_empty() {
            let title = text::normalize_header(&cell.text);
            if repeats.iter().any(|r| {
                r.get(cell.col)
                    .is_none_or(|t| text::normalize_header(t) != title)
            }) {
                continue;
            }
        }
        let Some(role) = header_role(&cell.text) else {
            continue;
        };
        let span = merges
            .iter()
            .find(|m| m.first_row == header.number && m.first_col == cell.col)
            .map_or(cell.col..=cell.col, |m| m.first_col..=m.last_col);
        for col in span {
            roles.entry(col).or_insert(role);
        }
    }
    roles
}

fn choose_question_column(
    roles: &HashMap<u32, HeaderRole>,
    data_rows: &[Row],
    strength: &dyn Fn(usize, u32) -> u32,
) -> Option<u32> {
    let mut content_score: HashMap<u32, u32> = HashMap::default();
    for (i, row) in data_rows.iter().enumerate() {
        for cell in &row.cells {
            *content_score.entry(cell.col).or_default() += strength(i, cell.col);
        }
    }
    let score_of = |col: u32| content_score.get(&col).copied().unwrap_or(0);
    // A column titled "Question" wins; among several, the one whose cells read most like questions.
    let strong: Vec<u32> = roles
        .iter()
        .filter(|(_, r)| **r == HeaderRole::Question(QuestionStrength::Strong))
        .map(|(&c, _)| c)
        .collect();
    if let Some(col) = strong
        .iter()
        .copied()
        .max_by_key(|&c| (score_of(c), std::cmp::Reverse(c)))
    {
        return Some(col);
    }
    let mut best: Option<(u32, u32)> = None;
    for (&col, &score) in &content_score {
        let bonus = match roles.get(&col) {
            None => score,
            Some(HeaderRole::Question(_)) => score + score / 2 + 2,
            Some(_) => continue,
        };
        if bonus == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((best_score, best_col)) => {
                bonus > best_score || (bonus == best_score && col < best_col)
            }
        };
        if better {
            best = Some((bonus, col));
        }
    }
    // Nothing untitled or titled as questions holds prose: the prose sits under a title we
    // took for a note ("Evidence to provide"), and it is the only candidate there is.
    best.map(|(_, col)| col).or_else(|| {
        content_score
            .iter()
            .filter(|&(col, &score)| score > 0 && roles.get(col) == Some(&HeaderRole::Note))
            .max_by_key(|&(&col, &score)| (score, std::cmp::Reverse(col)))
            .map(|(&col, _)| col)
    })
}

fn choose_id_column(
    roles: &HashMap<u32, HeaderRole>,
    data_rows: &[Row],
    question_col: u32,
    strength: &dyn Fn(usize, u32) -> u32,
) -> (Option<u32>, bool) {
    let nearest = |cols: &mut dyn Iterator<Item = u32>| -> Option<u32> {
        cols.filter(|&c| c != question_col).min_by_key(|&c| {
            if c < question_col {
                (0, question_col - c)
            } else {
                (1, c - question_col)
            }
        })
    };
    let titled = nearest(
        &mut roles
            .iter()
            .filter(|(_, r)| **r == HeaderRole::Id)
            .map(|(&c, _)| c),
    );
    if titled.is_some() {
        return (titled, true);
    }
    // Untitled: a column that holds an id-like value on most rows that have a question.
    let rows_with_question: Vec<&Row> = data_rows
        .iter()
        .enumerate()
        .filter(|&(i, r)| r.get(question_col).is_some() && strength(i, question_col) >= 1)
        .map(|(_, r)| r)
        .collect();
    if rows_with_question.len() < 2 {
        return (None, false);
    }
    let mut hits: HashMap<u32, usize> = HashMap::default();
    for row in &rows_with_question {
        for cell in &row.cells {
            // A column with a title of another kind (Version, Date, Score) is not an id column;
            // one titled as vaguely as "Item" beside the real question column may be.
            let untitled = match roles.get(&cell.col) {
                None | Some(HeaderRole::Question(QuestionStrength::Weak)) => true,
                Some(_) => false,
            };
            if cell.col != question_col && untitled && text::is_id_like(&cell.text) {
                *hits.entry(cell.col).or_default() += 1;
            }
        }
    }
    let candidates = hits
        .into_iter()
        .filter(|&(_, n)| n * 2 >= rows_with_question.len())
        .map(|(c, _)| c)
        .collect::<Vec<_>>();
    (nearest(&mut candidates.into_iter()), false)
}

/// Row-by-row decisions, with the little state they need.
struct Classifier<'a> {
    layout: &'a Layout,
    merges: &'a [MergedRegion],
    /// Ids of rows that start a vertical merge over the id column.
    merged_ids: HashMap<u32, String>,
    /// Questions with an unmistakable question form, for the headerless-sheet gate.
    strong_questions: usize,
    /// The last section title seen in a row of its own.
    titled_section: String,
    /// The last value seen in the section column (a merged or blank cell continues it).
    column_section: String,
}

impl<'a> Classifier<'a> {
    fn new(layout: &'a Layout, merges: &'a [MergedRegion]) -> Self {
        Classifier {
            layout,
            merges,
            merged_ids: HashMap::default(),
            strong_questions: 0,
            titled_section: String::new(),
            column_section: String::new(),
        }
    }

    /// The id of `row`: its own id cell, or the value of a merged id cell above it.
    fn id_of(&mut self, row: &Row) -> String {
        let Some(id_col) = self.layout.id_col else {
            return String::new();
        };
        if let Some(id) = row.get(id_col) {
            let id = normalize_whitespace(id);
            if self.merges.iter().any(|m| {
                m.first_row == row.number
                    && m.first_col <= id_col
                    && id_col <= m.last_col
                    && m.last_row > m.first_row
            }) {
                self.merged_ids.insert(row.number, id.clone());
            }
            return id;
        }
        self.merges
            .iter()
            .find(|m| {
                m.first_row < row.number
                    && row.number <= m.last_row
                    && m.first_col <= id_col
                    && id_col <= m.last_col
            })
            .and_then(|m| self.merged_ids.get(&m.first_row).cloned())
            .unwrap_or_default()
    }

    fn is_repeated_header(&self, row: &Row) -> bool {
        if self.layout.header_texts.is_empty() || Some(row.number) == self.layout.header_row {
            return Some(row.number) == self.layout.header_row;
        }
        // Titles are short: a cell much longer than the title in its column cannot repeat it,
        // which spares normalizing every question.
        let repeats = |c: &Cell| {
            self.layout.header_texts.get(&c.col).is_some_and(|h| {
                !h.is_empty()
                    && c.text.len() <= h.len() * 2 + 8
                    && *h == text::normalize_header(&c.text)
            })
        };
        let same = row.cells.iter().filter(|c| repeats(c)).count();
        same >= 2
            || row
                .cells
                .iter()
                .any(|c| c.col == self.layout.question_col && repeats(c))
    }

    /// A question cell merged across several columns, reaching over the answer columns, is a
    /// banner: a section title or an instruction laid over the table.
    fn is_banner(&self, row: &Row) -> bool {
        let col = self.layout.question_col;
        self.merges.iter().any(|m| {
            m.first_row <= row.number
                && row.number <= m.last_row
                && m.first_col <= col
                && col <= m.last_col
                && (m.last_col - m.first_col >= 2
                    || self
                        .layout
                        .answer_cols
                        .iter()
                        .any(|&a| a != col && m.first_col <= a && a <= m.last_col))
        })
    }

    fn classify(&mut self, row: &Row, next: Option<&Row>) -> Option<DetectedQuestion> {
        let above_header = self.layout.header_row.is_some_and(|h| row.number < h);
        if !above_header {
            self.note_section_column(row);
        }
        let Some(raw) = row.get(self.layout.question_col) else {
            if !above_header {
                self.note_title_row(row);
            }
            return None;
        };
        if self.is_repeated_header(row) {
            return None;
        }
        let question = normalize_whitespace(raw);
        let id = self.id_of(row);
        let has_id = if self.layout.id_col_titled {
            text::is_titled_id(&id)
        } else {
            text::is_id_like(&id)
        };
        if above_header && !has_id {
            return None;
        }
        let shape = match self.layout.shapes.get(&row.number) {
            Some(&(shape, len)) if len == raw.len() => shape,
            _ => text::shape_of(&question),
        };
        let accepted = match shape {
            // "Name and email of the person completing this form" talks about the form but
            // asks for data: with an id of its own, or in a titled column, it is a prompt.
            text::Shape::NotAQuestion => {
                (has_id || self.layout.question_header == QuestionStrength::Strong)
                    && text::names_a_field(&question)
            }
            text::Shape::Question => true,
            text::Shape::Statement => {
                // A row with its own id is an item of the questionnaire ("GNRL-08 Date the
                // assessment was completed"; a numbered list under a "Description" title).
                self.layout.question_header == QuestionStrength::Strong
                    || self.layout.statement_column
                    || has_id
            }
            text::Shape::Label { field } => {
                // "Vendor Name" with an id of its own is a prompt; "Access Control" alone is a
                // section title.
                (has_id || field) && !self.is_section_by_id(&id, next)
            }
            text::Shape::Title => false,
        };
        let titles_a_section = matches!(
            shape,
            text::Shape::Title | text::Shape::Label { field: false }
        );
        if !accepted {
            if titles_a_section && !above_header {
                self.note_section_title(&question);
            }
            return None;
        }
        if shape != text::Shape::Question
            && (self.is_banner(row) || self.is_section_by_id(&id, next))
        {
            if !above_header {
                self.note_section_title(&question);
            }
            return None;
        }
        if shape == text::Shape::Question {
            self.strong_questions += 1;
        }
        Some(DetectedQuestion {
            row: row.number,
            id,
            text: question,
            section: self.section(),
        })
    }

    /// The section a question on the current row sits in.
    fn section(&self) -> String {
        match (
            self.titled_section.is_empty(),
            self.column_section.is_empty(),
        ) {
            (false, false) => format!("{} / {}", self.titled_section, self.column_section),
            (false, true) => self.titled_section.clone(),
            (true, _) => self.column_section.clone(),
        }
    }

    fn note_section_title(&mut self, title: &str) {
        if title.len() <= MAX_SECTION_TITLE {
            self.titled_section = title.to_string();
        }
    }

    /// A row whose question cell is empty and whose only cell reads like a title ("B.
    /// Payroll Processing" in the first column) opens a section.
    fn note_title_row(&mut self, row: &Row) {
        let [cell] = row.cells.as_slice() else {
            return;
        };
        if cell.text.len() > MAX_SECTION_TITLE {
            return;
        }
        let title = normalize_whitespace(&cell.text);
        if matches!(
            text::shape_of(&title),
            text::Shape::Title | text::Shape::Label { field: false }
        ) {
            self.titled_section = title;
        }
    }

    /// A blank or merged section cell continues the section above it.
    fn note_section_column(&mut self, row: &Row) {
        let Some(value) = self.layout.section_col.and_then(|col| row.get(col)) else {
            return;
        };
        if value.len() <= MAX_SECTION_TITLE && !value.trim().is_empty() {
            self.column_section = normalize_whitespace(value);
        }
    }

    /// `1` followed by `1.1`: the first row is the title of a section the second opens.
    fn is_section_by_id(&self, id: &str, next: Option<&Row>) -> bool {
        let (Some(id_col), Some(next)) = (self.layout.id_col, next) else {
            return false;
        };
        if id.is_empty() {
            return false;
        }
        let Some(next_id) = next.get(id_col) else {
            return false;
        };
        let next_id = next_id.trim();
        next_id.len() > id.len()
            && next_id.starts_with(id)
            && next_id[id.len()..].starts_with(['.', '-', '_', ' ', ')', '('])
    }
}

#[cfg(test)]
mod tests;
