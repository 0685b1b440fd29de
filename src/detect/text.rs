//! What a cell's text looks like: a column title, an id, a question, a section title, an
//! instruction. The vocabulary is English, as the questionnaires socscope reads are.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, StartKind};

/// The role a header cell gives its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderRole {
    /// The column holds questions ("Question", "Requirement", "Control"), or may ("Description").
    Question(QuestionStrength),
    /// The customer's reference for each question ("Ref", "ID", "#", "Control ID").
    Id,
    /// Where the vendor answers ("Response", "Vendor Answer").
    Answer,
    /// Notes, guidance, evidence, comments: prose that is not the question.
    Note,
    /// The section or domain a question belongs to.
    Section,
    /// Other known column titles (score, status, owner, date...).
    Other,
}

/// How sure a header title is about holding questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum QuestionStrength {
    /// The title does not say.
    None,
    /// "Description", "Item", "Text": often the question, sometimes not.
    Weak,
    /// "Question", "Requirement", "Control", "Query".
    Strong,
}

/// What a question-column cell reads like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Asks or requires something: a `?`, a question opening, a request, a "shall".
    Question,
    /// A sentence that states something: a requirement in a statement-style questionnaire, or
    /// narrative elsewhere.
    Statement,
    /// A short label. `field` when it names a piece of data ("Vendor Name", "Address:"), which
    /// makes it a prompt; otherwise it is a title unless an id says otherwise.
    Label { field: bool },
    /// A section title for sure: ALL CAPS, or "Section 3", "Part B".
    Title,
    /// Instructions, footers, answer options, placeholders, bare numbers.
    NotAQuestion,
}

/// Collapses every run of whitespace (newlines, tabs, non-breaking spaces) into one space and
/// trims the ends.
pub fn normalize_whitespace(text: &str) -> String {
    // Most cells are ASCII with single spaces already: one scan instead of a rebuild.
    if is_collapsed_ascii(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{200B}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `text` is ASCII and already what [`normalize_whitespace`] makes of it: single
/// spaces between words, none at the ends. A fast path for callers that would otherwise
/// rebuild the text.
pub fn is_collapsed_ascii(text: &str) -> bool {
    // This runs on every question and id more than once. Short texts (ids, labels) take one
    // plain loop; longer ones vectorized scans, with the double-space searcher built once
    // (building it on each call was most of the cost).
    static DOUBLE_SPACE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    if bytes.len() <= 32 {
        let mut after_space = false;
        return bytes.iter().all(|&b| {
            let ok = b.is_ascii()
                && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
                && !(after_space && b == b' ');
            after_space = b == b' ';
            ok
        });
    }
    text.is_ascii()
        && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr::memchr2(0x0b, 0x0c, bytes).is_none()
        && DOUBLE_SPACE
            .get_or_init(|| memchr::memmem::Finder::new(b"  "))
            .find(bytes)
            .is_none()
}

/// Lower-case words of a header cell, punctuation removed (`#` kept), common abbreviations
/// spelled out: `req_id` -> `requirement id`, `Q #` -> `question #`.
pub(super) fn normalize_header(text: &str) -> String {
    fn spell_out(out: &mut String, word_start: usize) {
        let full = match &out[word_start..] {
            "req" | "reqt" => "requirement",
            "q" | "qn" | "ques" | "qs" => "question",
            "ctrl" => "control",
            "desc" | "descr" => "description",
            "no" | "nr" | "num" | "nbr" => "number",
            "ref" => "reference",
            "sr" | "sl" | "s" => "serial",
            _ => return,
        };
        out.truncate(word_start);
        out.push_str(full);
    }
    // One pass, one allocation: every row's short cells are compared with the header.
    let mut out = String::with_capacity(text.len() + 8);
    let mut word_start = None;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '#' {
            if word_start.is_none() {
                if !out.is_empty() {
                    out.push(' ');
                }
                word_start = Some(out.len());
            }
            out.push(c);
        } else if let Some(start) = word_start.take() {
            spell_out(&mut out, start);
        }
    }
    if let Some(start) = word_start {
        spell_out(&mut out, start);
    }
    out
}

const ID_WORDS: &[&str] = &[
    "id",
    "#",
    "number",
    "reference",
    "code",
    "key",
    "identifier",
    "index",
    "serial",
];
const ANSWER_WORDS: &[&str] = &[
    "answer",
    "answers",
    "response",
    "responses",
    "reply",
    "replies",
    "yes",
    "selection",
    "choice",
    "responder",
];
const NOTE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "remark",
    "remarks",
    "note",
    "notes",
    "explanation",
    "justification",
    "evidence",
    "guidance",
    "reason",
    "rationale",
    "instruction",
    "instructions",
    "help",
    "hint",
    "example",
    "examples",
    "information",
    "info",
    "details",
    "clarification",
    "attachment",
    "attachments",
    "artifact",
    "artifacts",
    "documentation",
    "link",
    "url",
    "purpose",
    "feedback",
    "follow",
];
const OTHER_WORDS: &[&str] = &[
    "score",
    "scoring",
    "weight",
    "weighting",
    "rating",
    "status",
    "compliant",
    "owner",
    "date",
    "level",
    "priority",
    "risk",
    "version",
    "applicable",
    "applicability",
    "mapping",
    "cwe",
    "nist",
    "iso",
    "frequency",
    "type",
    "result",
    "results",
    "preferred",
    "override",
    "default",
    "points",
    "maturity",
    "l1",
    "l2",
    "l3",
    "tier",
    "impact",
    "likelihood",
    "assessor",
    "analyst",
    "reviewer",
    "due",
    "deadline",
    "mandatory",
    "required",
];
const SECTION_WORDS: &[&str] = &[
    "section",
    "domain",
    "category",
    "area",
    "chapter",
    "topic",
    "family",
    "group",
    "heading",
    "subsection",
    "subdomain",
    "theme",
    "part",
    "module",
    "subcategory",
    "pillar",
];
const STRONG_QUESTION_WORDS: &[&str] = &[
    "question",
    "questions",
    "query",
    "queries",
    "inquiry",
    "inquiries",
    "requirement",
    "requirements",
    "control",
    "controls",
    "statement",
    "criteria",
    "criterion",
    "ask",
    "objective",
    "request",
    "requests",
];
const WEAK_QUESTION_WORDS: &[&str] = &[
    "description",
    "item",
    "items",
    "text",
    "prompt",
    "check",
    "checklist",
    "expectation",
    "test",
    "practice",
    "safeguard",
    "measure",
    "specification",
];

/// Which of the title word lists a word is in, one bit per list.
const IN_ID: u8 = 1;
const IN_ANSWER: u8 = 1 << 1;
const IN_NOTE: u8 = 1 << 2;
const IN_OTHER: u8 = 1 << 3;
const IN_SECTION: u8 = 1 << 4;
const IN_STRONG_QUESTION: u8 = 1 << 5;
const IN_WEAK_QUESTION: u8 = 1 << 6;
const IN_RELATING: u8 = 1 << 7;

/// "Follow-up Question", "Additional Questions": the last word says what the column holds,
/// unless the title relates it to something else ("Reason for Question").
const RELATING: &[&str] = &["for", "of", "to", "on", "about", "per"];

/// Every title word with the lists it is in: one lookup a word instead of a scan of each of
/// the ~170 words of the lists (every row of short cells in a sheet's sample is looked at as
/// a possible header).
fn title_word_lists() -> &'static std::collections::HashMap<&'static str, u8> {
    static LISTS: OnceLock<std::collections::HashMap<&'static str, u8>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for (list, bit) in [
            (ID_WORDS, IN_ID),
            (ANSWER_WORDS, IN_ANSWER),
            (NOTE_WORDS, IN_NOTE),
            (OTHER_WORDS, IN_OTHER),
            (SECTION_WORDS, IN_SECTION),
            (STRONG_QUESTION_WORDS, IN_STRONG_QUESTION),
            (WEAK_QUESTION_WORDS, IN_WEAK_QUESTION),
            (RELATING, IN_RELATING),
        ] {
            for &word in list {
                *map.entry(word).or_insert(0) |= bit;
            }
        }
        map
    })
}

/// The role a header cell's title gives its column, if it is a title we know.
pub(super) fn header_role(text: &str) -> Option<HeaderRole> {
    let normalized = normalize_header(text);
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let (&last, _) = words.split_last()?;
    let lists = title_word_lists();
    let in_lists = |w: &str| lists.get(w).copied().unwrap_or(0);
    if words.len() <= 4 && (in_lists(last) & IN_ID != 0 || words == ["s", "number"]) {
        return Some(HeaderRole::Id);
    }
    let found = words.iter().fold(0, |acc, w| acc | in_lists(w));
    let has = |list: u8| found & list != 0;
    if is_prompt_title(&words) {
        return Some(HeaderRole::Question(QuestionStrength::Strong));
    }
    if in_lists(last) & IN_STRONG_QUESTION != 0 && !has(IN_ANSWER) && !has(IN_RELATING) {
        return Some(HeaderRole::Question(QuestionStrength::Strong));
    }
    if has(IN_ANSWER) {
        Some(HeaderRole::Answer)
    } else if has(IN_NOTE) {
        Some(HeaderRole::Note)
    } else if has(IN_OTHER) {
        Some(HeaderRole::Other)
    } else if has(IN_SECTION) {
        Some(HeaderRole::Section)
    } else if has(IN_STRONG_QUESTION) {
        Some(HeaderRole::Question(QuestionStrength::Strong))
    } else if has(IN_WEAK_QUESTION) {
        Some(HeaderRole::Question(QuestionStrength::Weak))
    } else {
        None
    }
}

/// "Field", "Information requested", "Data required": a column of prompts the vendor fills in
/// (company-profile tabs), as much a question column as one titled "Question". "Evidence
/// requested" is not one: evidence is a note.
fn is_prompt_title(words: &[&str]) -> bool {
    const WANTED: &[&str] = &["requested", "required", "request", "needed"];
    const WHAT: &[&str] = &["information", "info", "data", "details", "detail"];
    const FIELD: &[&str] = &["field", "fields"];
    const ALSO: &[&str] = &["profile", "name"];
    // "Business Information" over a column of prompts names the tab, not a note column.
    const WHOSE: &[&str] = &[
        "vendor",
        "supplier",
        "company",
        "business",
        "general",
        "organization",
        "organisation",
        "corporate",
        "contact",
    ];
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let known = |w: &&str| {
        [WANTED, WHAT, FIELD, ALSO, WHOSE]
            .iter()
            .any(|l| l.contains(w))
    };
    words.len() <= 4
        && words.iter().all(known)
        && (has(FIELD) || (has(WANTED) && has(WHAT)) || (has(WHOSE) && has(WHAT)))
}

/// Column titles are short and never questions themselves.
pub(super) fn could_be_header_cell(text: &str) -> bool {
    let text = text.trim();
    // Most cells of a sheet are questions, far longer than a title: no need to count them
    // whole. A char is at most 4 bytes, so 80 chars are at most 320 bytes.
    if text.len() > 320 || (text.len() > 80 && text.chars().count() > 80) {
        return false;
    }
    let words = text.split_whitespace().take(13).count();
    // "Implemented?" is a column title; "Do you patch monthly?" is not; "Tested in SOC 1?
    // (Y/N)" is, by the answer format it names.
    words <= 12 && (!text.contains('?') || words <= 2 || names_answer_format(text))
}

/// "(Y/N)", "(Yes/No)": a title that says how to answer the column.
fn names_answer_format(text: &str) -> bool {
    let lower = text.to_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    ["(y/n)", "(yes/no)", "(y/n/na)", "(y/n/n/a)", "(yes/no/n/a)"]
        .iter()
        .any(|format| compact.ends_with(format))
}

/// In a column titled as ids: a value with a digit, or a short upper-case code (`GOV`, `A`),
/// but not a word such as "Reviewer" or "Total".
pub(crate) fn is_titled_id(text: &str) -> bool {
    let text = text.trim();
    is_id_like(text)
        || (!text.is_empty()
            && text.len() <= 8
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || ".-_".contains(c)))
}

/// A question id: short, no sentence, at least one digit (`SEC-04`, `3.2`, `V1.1.1`, `Q12`).
pub(crate) fn is_id_like(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.len() <= 24
        && text.split_whitespace().count() <= 3
        && text.bytes().any(|b| b.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .-_/()#:[]".contains(c))
}

/// How much a cell reads like a question, with the shape that says so: 3 with a `?`, 2 for
/// a question or request opening or a requirement, 1 for other prose, 0 for labels,
/// instructions and the like. `None` (strength 0) for cells too short to be prose, which is
/// most cells of a sheet: they are not classified here.
pub(super) fn scored_shape(text: &str) -> Option<(Shape, u32)> {
    let trimmed = text.trim();
    if trimmed.len() < 12 && !trimmed.contains('?') {
        return None;
    }
    let text = normalize_whitespace(text);
    let shape = shape_of(&text);
    let strength = match shape {
        Shape::Question if has_question_mark(&text) => 3,
        Shape::Question => 2,
        Shape::Statement if text.split(' ').count() >= 6 => 1,
        _ => 0,
    };
    Some((shape, strength))
}

/// Classifies a question-column cell by its text alone (already whitespace-normalized).
pub(crate) fn shape_of(text: &str) -> Shape {
    let original = text;
    let text = strip_enumerator(text);
    let lower = text.to_lowercase();
    let words = words_of(&lower);
    if words.is_empty() || is_not_a_question(text, &lower, &words) {
        return Shape::NotAQuestion;
    }
    if has_question_mark(text) || opens_like_question(&words) || states_requirement(&words) {
        return Shape::Question;
    }
    if is_title(text, &words) || is_lettered_heading(original, &words) {
        return Shape::Title;
    }
    let sentence_end = text.ends_with('.') || text.ends_with('!');
    if words.len() <= 8 && !sentence_end {
        let field = text.ends_with(':') || is_field_label(&words);
        if field || is_title_case(text) || words.len() < 3 {
            return Shape::Label { field };
        }
    }
    Shape::Statement
}

/// The words of a lower-cased cell, punctuation around them removed: `"(backup)," -> backup`.
/// Sized once: this runs on every prose cell of a sheet, and growing the vector word by word
/// was half the cost of [`shape_of`].
fn words_of(lower: &str) -> Vec<&str> {
    let mut words = Vec::with_capacity(lower.len() / 4 + 1);
    words.extend(
        lower
            .split_ascii_whitespace()
            .map(|w| {
                let bytes = w.as_bytes();
                let plain = |b: u8| b.is_ascii_alphanumeric();
                if bytes.first().copied().is_some_and(plain)
                    && bytes.last().copied().is_some_and(plain)
                {
                    w
                } else {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                }
            })
            .filter(|w| !w.is_empty()),
    );
    words
}

/// "2.3 Describe...", "Q12. Do you...", "a) Provide...", "(iv) Is...": the numbering some
/// questionnaires put in the question cell itself says nothing about its shape.
fn strip_enumerator(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..2 {
        let Some((first, tail)) = rest.split_once(' ') else {
            break;
        };
        let bare = first.trim_matches(|c: char| "().:-[]".contains(c));
        let enumerator = (is_id_like(first)
            && first.chars().filter(|c| c.is_alphabetic()).count() <= 3)
            || (bare.chars().count() == 1
                && bare.chars().all(char::is_alphabetic)
                && first != bare)
            || (!bare.is_empty() && bare.chars().all(|c| "ivxIVX".contains(c)) && first != bare);
        if !enumerator || tail.trim().is_empty() {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

fn has_question_mark(text: &str) -> bool {
    if !text.contains('?') {
        return false;
    }
    // Every prose cell comes here: the searchers are built once (a `str::contains` builds one
    // per call, which was most of this function's cost).
    static SCHEME: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    static WWW: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let bytes = text.as_bytes();
    let scheme = SCHEME.get_or_init(|| memchr::memmem::Finder::new(b"://"));
    let www = WWW.get_or_init(|| memchr::memmem::Finder::new(b"www."));
    if scheme.find(bytes).is_none() && www.find(bytes).is_none() {
        return true;
    }
    // A `?` inside a URL's query string does not make a question.
    text.split(' ')
        .any(|w| w.contains('?') && !w.contains("://") && !w.starts_with("www."))
}

const QUESTION_OPENINGS: &[&str] = &[
    "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will",
    "would", "shall", "should", "may", "might", "must", "how", "what", "when", "where", "which",
    "who", "whom", "whose", "why", "if", "whether",
];
const REQUEST_VERBS: &[&str] = &[
    "describe",
    "provide",
    "list",
    "explain",
    "indicate",
    "state",
    "specify",
    "confirm",
    "identify",
    "attach",
    "upload",
    "submit",
    "share",
    "detail",
    "outline",
    "summarize",
    "summarise",
    "give",
    "include",
    "enumerate",
    "document",
    "demonstrate",
    "verify",
    "ensure",
    "attest",
    "certify",
    "define",
    "clarify",
    "elaborate",
    "discuss",
    "supply",
    "furnish",
    "enter",
    "tell",
    "name",
    "show",
    "evidence",
];
const REQUIREMENT_SUBJECTS: &[&str] = &[
    "vendor",
    "vendors",
    "supplier",
    "suppliers",
    "provider",
    "contractor",
    "organization",
    "organisation",
    "company",
    "processor",
    "subprocessor",
    "bidder",
    "respondent",
    "service",
    "third",
];
/// Requirement wording, as word sequences ("shall", "is required to").
const REQUIREMENT_MODALS: &[&[&str]] = &[
    &["shall"],
    &["must"],
    &["should"],
    &["is", "required", "to"],
    &["are", "required", "to"],
    &["is", "expected", "to"],
    &["are", "expected", "to"],
    &["needs", "to"],
    &["need", "to"],
    &["will", "be", "required"],
];

fn opens_like_question(words: &[&str]) -> bool {
    let first = words[0];
    if QUESTION_OPENINGS.contains(&first) || REQUEST_VERBS.contains(&first) {
        return true;
    }
    // "Please describe", "Kindly provide"
    if matches!(first, "please" | "kindly") {
        return words
            .get(1)
            .is_some_and(|w| REQUEST_VERBS.contains(w) || *w == "confirm");
    }
    // "To what extent", "In what way", "On which platforms"
    if matches!(
        first,
        "to" | "in" | "on" | "for" | "at" | "from" | "with" | "by" | "under"
    ) {
        return words
            .get(1)
            .is_some_and(|w| matches!(*w, "what" | "which" | "whom" | "how"));
    }
    false
}

fn states_requirement(words: &[&str]) -> bool {
    // A modal anywhere but at the start ("Should..." opens a question instead).
    let modal = (1..words.len()).any(|at| {
        REQUIREMENT_MODALS
            .iter()
            .any(|m| words[at..].starts_with(m))
    });
    if modal {
        return true;
    }
    // "The vendor maintains...", "Vendor has..."
    let subject = match words {
        ["the", subject, ..] => subject,
        [subject, ..] => subject,
        [] => return false,
    };
    let subject = subject.trim_end_matches("'s").trim_end_matches('’');
    REQUIREMENT_SUBJECTS.contains(&subject) && words.len() >= 5
}

/// Phrases that talk about the form rather than ask anything.
const META_PHRASES: &[&str] = &[
    "this questionnaire",
    "the questionnaire",
    "questionnaire is",
    "each question",
    "all questions",
    "these questions",
    "the following questions",
    "following section",
    "this section",
    "in this section",
    "questions below",
    "questions in this",
    "questions above",
    "complete this",
    "fill in",
    "fill out",
    "drop-down",
    "dropdown",
    "drop down",
    "select from",
    "select yes",
    "please select",
    "select the appropriate",
    "this tab",
    "this sheet",
    "this worksheet",
    "this workbook",
    "this spreadsheet",
    "this form",
    "this document",
    "next tab",
    "next section",
    "return this",
    "return the completed",
    "submit this",
    "for internal use",
    "for official use",
    "internal use only",
    "audit use only",
    "office use only",
    "do not modify",
    "do not edit",
    "answer all",
    "please answer",
    "please respond",
    "please complete",
    "please ensure",
    "please note",
    "please read",
    "please use",
    "please return",
    "if you have any questions",
    "questions about",
    "the response column",
    "in the column",
    "the columns",
    "this column",
    "each row",
    "every question",
    "by signing",
    "sign below",
    "signing below",
    "responses above",
    "answers above",
    "above responses",
    "above answers",
    "your answers",
    "your responses",
    "this addendum",
    "answer each",
    "answer every",
    "each item below",
    "every item below",
    "keep answers",
    "keep your answers",
    "questions? contact",
    "questions? please",
    "questions? email",
    "questions? e-mail",
    "queries? contact",
    "section complete",
    "end of section",
    "to the best of my knowledge",
    "to the best of our knowledge",
    "i confirm",
    "i certify",
    "i declare",
    "i hereby",
    "thank you!",
    "thank you for filling",
    "thank you for completing",
    "thanks for filling",
    "thanks for completing",
    "send it back to",
    "send this back",
    "' tab",
    "\" tab",
    "proceed to section",
    "please proceed to",
    "proceed to the next",
    "continue to the next section",
    "go to section",
    "skip to section",
    "skip to question",
];
const FOOTER_OPENINGS: &[&str] = &[
    "thank you",
    "thanks",
    "end of",
    "page ",
    "copyright",
    "©",
    "(c) ",
    "all rights reserved",
    "confidential",
    "proprietary",
    "prepared by",
    "prepared for",
    "last updated",
    "last revised",
    "printed",
    "generated",
    "instructions",
    "instruction:",
    "note:",
    "notes:",
    "n.b.",
    "nb:",
    "guidance:",
    "legend",
    "key:",
    "example:",
    "e.g.",
    "version ",
    "revision ",
    "rev.",
    "date:",
    "continued",
    "(continued",
    "signature",
    "signed by",
    "authorised signatory",
    "authorized signatory",
    "print name",
    "signed on behalf",
    "signed for and on behalf",
    "for and on behalf",
    "authorized signature",
    "authorised signature",
    "title / date",
    "title/date",
    "name / title",
    "name/title",
    "completed by:",
    "reviewed by:",
    "approved by:",
    "reviewed by _",
    "reviewer sign",
    "reviewer's sign",
    "reviewer name",
    "sign-off",
    "sign off",
    "overall score",
    "overall weighted",
    "overall rating",
    "weighted score",
    "total score",
    "total weighted",
    "final score",
    "residual risk",
    "inherent risk",
    "risk rating",
    "overall risk",
    "ende des",
    "submitted by",
    "overall supplier",
    "overall vendor",
    "supplier rating",
    "vendor rating",
    "fin du",
    "fin de",
    "assinatura",
    "signature and stamp",
    "stamp and signature",
    "timbro e firma",
    // Closing lines in other languages and informal ones.
    "merci",
    "danke",
    "vielen dank",
    "gracias",
    "grazie",
    "obrigad",
    "bedankt",
    "dank u",
    "einde",
    "fine del",
    "fim do",
    "fim da",
    "koniec",
    "that's everything",
    "thats everything",
    "that's it",
    "thats it",
    "that's all",
    "that is all",
];
/// Footer marks anywhere in a short cell: "Acme plc – Commercial in Confidence".
const FOOTER_MARKS: &[&str] = &[
    "thank you for your cooperation",
    "thank you very much for your cooperation",
    "ありがとうございます",
    "merci pour votre collaboration",
    "vielen dank für ihre",
    "commercial in confidence",
    "all rights reserved",
    "company confidential",
    "confidential and proprietary",
    "proprietary and confidential",
    "for internal use only",
];
/// Openings by which a cell calls itself guidance (French typography puts a space before `:`).
const GUIDANCE_LABELS: &[&str] = &[
    "note:",
    "note :",
    "notes:",
    "notes :",
    "nb:",
    "n.b.",
    "instructions:",
    "instructions :",
    "instruction:",
    "guidance:",
    "important:",
    "reminder:",
    "declaration:",
    "thanks!",
    "thanks,",
    "thank you!",
    "thank you,",
    "thank you for",
    "thanks for",
    "many thanks",
    "responses:",
    "responses :",
    "response options:",
    "answer options:",
    "answer key:",
    "result:",
    "results:",
    "score:",
    "scoring:",
    "rating:",
    "legend:",
    "scale:",
    "ergebnis:",
    "bewertung:",
];
const PLACEHOLDERS: &[&str] = &[
    "[deleted",
    "deleted",
    "(deleted",
    "intentionally left blank",
    "reserved",
    "[reserved",
    "not used",
    "n/a",
    "tbd",
    "tba",
    "none",
    "-",
    "—",
    "placeholder",
    "[blank]",
    "blank",
];
const ANSWER_OPTIONS: &[&str] = &[
    "yes",
    "no",
    "n/a",
    "na",
    "n",
    "y",
    "not",
    "applicable",
    "partial",
    "partially",
    "unknown",
    "true",
    "false",
    "compliant",
    "non-compliant",
    "noncompliant",
    "implemented",
    "planned",
    "in",
    "progress",
    "other",
    "none",
    "select",
    "choose",
    "one",
    "or",
    "please",
    "pending",
    "maybe",
    "sometimes",
    "always",
    "never",
    "approve",
    "approved",
    "reject",
    "rejected",
    "conditions",
    "conditional",
    "accept",
    "accepted",
    "decline",
    "declined",
    "green",
    "amber",
    "red",
    "high",
    "medium",
    "low",
    "remediation",
    "plan",
    "will",
    "comply",
    "yes/no",
    "follow-ups",
    "follow-up",
    "followups",
    "do",
];

/// One automaton for the phrases that talk about the form, one for footer openings, one for
/// footer marks: a cell is checked against ~100 phrases in one pass instead of one `contains`
/// each.
fn phrase_automata() -> &'static (AhoCorasick, AhoCorasick, AhoCorasick) {
    static AUTOMATA: OnceLock<(AhoCorasick, AhoCorasick, AhoCorasick)> = OnceLock::new();
    AUTOMATA.get_or_init(|| {
        let build = |phrases: &[&str]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .start_kind(StartKind::Both)
                // Every prose cell of a sheet goes through these: a DFA walks a byte in a
                // few instructions, where the default (a contiguous NFA here) takes several
                // times that.
                .kind(Some(AhoCorasickKind::DFA))
                .build(phrases)
                .expect("the built-in phrase lists compile")
        };
        (
            build(META_PHRASES),
            build(FOOTER_OPENINGS),
            build(FOOTER_MARKS),
        )
    })
}

fn is_not_a_question(text: &str, lower: &str, words: &[&str]) -> bool {
    let (meta, footers, marks) = phrase_automata();
    // "Will you sign our NDA? Please return a signed copy with this questionnaire.": a question
    // before the talk about the form keeps the cell a question.
    if let Some(found) = meta.find(lower)
        && !lower[..found.start()].contains('?')
    {
        return true;
    }
    // "Note: ...", "Instructions: ...": a cell that labels itself as guidance is guidance at any
    // length, unless it asks something.
    if !text.contains('?') && opens_as_guidance(lower) {
        return true;
    }
    let short = words.len() <= 12 && !text.contains('?');
    // "-- End of questionnaire --", "*** Thank you ***": the opening may sit behind rules.
    // No footer opening starts with a rule character, so the text without them is the only
    // one to search.
    let unruled = lower.trim_start_matches(['-', '*', '=', '_', '~', '#', ' ']);
    // An opening that ends in a letter must end a word: "Confidential" is a footer,
    // "Confidentiality obligations must flow down to subcontractors" a requirement.
    let opens_as_footer = footers
        .find(Input::new(unruled).anchored(Anchored::Yes))
        .is_some_and(|m| {
            let (opening, rest) = unruled.split_at(m.end());
            let splits_a_word = opening
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && rest.chars().next().is_some_and(char::is_alphanumeric);
            !splits_a_word
        });
    if short && (opens_as_footer || marks.is_match(lower)) {
        return true;
    }
    if is_sign_off_line(lower) && !text.contains('?') {
        return true;
    }
    if PLACEHOLDERS.iter().any(|p| {
        lower == *p
            || (p.starts_with(['[', '(']) && lower.starts_with(p))
            || (words.len() <= 5 && p.len() > 6 && lower.starts_with(p))
    }) {
        return true;
    }
    if is_answer_option_list(words) {
        return true;
    }
    // "(initials)", "[optional]", "(please specify)": placeholders, not questions.
    let bracketed = (text.starts_with('(') && text.ends_with(')'))
        || (text.starts_with('[') && text.ends_with(']'));
    if bracketed && words.len() <= 5 {
        return true;
    }
    // Bare numbers, dates, scores, codes.
    if !text.chars().any(char::is_alphabetic) || (words.len() == 1 && is_id_like(text)) {
        return true;
    }
    // A bare link or e-mail address.
    if words.len() <= 2
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
            || lower.contains('@'))
    {
        return true;
    }
    false
}

/// "Note: ...", "Responses: Y = Yes ...": a cell that labels itself as guidance or a legend.
fn opens_as_guidance(lower: &str) -> bool {
    GUIDANCE_LABELS.iter().any(|label| lower.starts_with(label))
}

/// "Name: ____ Signature: ____", "Ort, Datum: ____ Unterschrift: ____", "Timbro e firma
/// ____": a blank to fill in beside a signing word is the form's sign-off, in any language,
/// not a question. Whole words: "assigned to ____" is no signature.
fn is_sign_off_line(lower: &str) -> bool {
    const SIGNING: &[&str] = &[
        "sign",
        "signed",
        "signature",
        "signatures",
        "unterschrift",
        "firma",
        "handtekening",
        "signataire",
        "firme",
        "timbro",
    ];
    // "Date, cachet et signature du prestataire :", "Ort, Datum, Unterschrift / Place, date,
    // signature": a signing word beside a date or place word, in a line too short to ask.
    const DATED: &[&str] = &[
        "date", "datum", "fecha", "place", "ort", "lieu", "luogo", "cachet", "stamp", "stempel",
    ];
    const BY: &[&str] = &[
        "reviewed by",
        "approved by",
        "completed by",
        "prepared by",
        "checked by",
        "verified by",
    ];
    // One pass over the words: every prose cell comes here.
    let (mut words, mut signing, mut dated) = (0, false, false);
    for word in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        signing |= SIGNING.contains(&word);
        dated |= DATED.contains(&word);
    }
    if !lower.contains('?') && words <= 10 {
        if signing && dated {
            return true;
        }
        // "Reviewed by Technology Services:": a field for the reviewer's name.
        if lower.trim_end().ends_with(':') && BY.iter().any(|by| lower.starts_with(by)) {
            return true;
        }
    }
    signing && lower.contains('_') && lower.split(|c: char| c != '_').any(|run| run.len() >= 3)
}

/// "Yes / No / N/A", "Response options: Yes, No, Partial": what the answer cell may hold.
fn is_answer_option_list(words: &[&str]) -> bool {
    const FILLER: &[&str] = &[
        "response",
        "responses",
        "option",
        "options",
        "answer",
        "answers",
        "valid",
        "allowed",
        "values",
        "value",
        "choices",
        "from",
        "the",
        "list",
        "of",
        "are",
        "is",
        "use",
        "only",
        "with",
        "for",
        "items",
        "item",
    ];
    if words.len() > 12 {
        return false;
    }
    let mut options = 0;
    for word in words.iter().filter(|w| !FILLER.contains(w)) {
        if !ANSWER_OPTIONS.contains(word) {
            return false;
        }
        options += 1;
    }
    options >= 2 || (options >= 1 && options == words.len())
}

/// ALL CAPS text, or an explicit "Section 3" / "Part B" / "Appendix A" heading.
fn is_title(text: &str, words: &[&str]) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let all_caps =
        words.len() >= 2 && letters.clone().all(char::is_uppercase) && letters.nth(3).is_some();
    let numbered_heading = matches!(
        words[0],
        "section" | "part" | "chapter" | "appendix" | "annex" | "domain" | "module" | "schedule"
    ) && words.len() <= 10
        && words.get(1).is_some_and(|w| w.len() <= 4);
    all_caps || numbered_heading
}

/// "A. Warehouse system availability", "B) Data protection": a capital letter numbering a
/// short phrase that neither asks nor ends a sentence is a section heading.
fn is_lettered_heading(original: &str, words: &[&str]) -> bool {
    let mut chars = original.chars();
    let (Some(letter), Some(mark), Some(' ')) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    letter.is_ascii_uppercase()
        && matches!(mark, '.' | ')')
        && words.len() <= 6
        && !original.contains('?')
        && !original.ends_with('.')
}

/// "Access Control", "Business Continuity and Disaster Recovery": every significant word
/// capitalised, as section titles are and questions are not.
fn is_title_case(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "and", "or", "of", "the", "for", "to", "in", "on", "with", "a", "an", "&", "at", "by", "vs",
    ];
    let mut significant = 0;
    for word in text.split(' ') {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if SMALL.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        if first.is_lowercase() {
            return false;
        }
        significant += 1;
    }
    significant >= 1
}

/// Nouns that name a piece of data a form asks for: the head of "Vendor Name", "Number of
/// employees", "Web link to privacy notice".
const FIELD_NOUNS: &[&str] = &[
    "name",
    "names",
    "address",
    "addresses",
    "email",
    "e-mail",
    "mail",
    "phone",
    "telephone",
    "mobile",
    "fax",
    "title",
    "website",
    "url",
    "site",
    "link",
    "date",
    "dates",
    "country",
    "countries",
    "location",
    "locations",
    "region",
    "regions",
    "headquarters",
    "hq",
    "headcount",
    "employees",
    "staff",
    "revenue",
    "turnover",
    "duns",
    "ein",
    "vat",
    "tin",
    "industry",
    "sector",
    "contact",
    "contacts",
    "signature",
    "role",
    "position",
    "department",
    "year",
    "founded",
    "established",
    "incorporated",
    "city",
    "state",
    "province",
    "zip",
    "postcode",
    "currency",
    "amount",
    "size",
    "version",
    "number",
    "id",
    "description",
    "domicile",
    "jurisdiction",
    "registration",
    "entity",
    "structure",
    "ownership",
    "subsidiaries",
    "affiliates",
    "customers",
    "clients",
    "references",
    "insurance",
    "insurer",
    "coverage",
    "limits",
    "policy",
    "notice",
    "statement",
    "certifications",
    "offices",
    "product",
    "service",
    "services",
    "person",
    "representative",
    "contactperson",
];

/// A short prompt naming the data it asks for ("Name, title and email of the person
/// completing this form"), even when it mentions the form: with an id of its own it is an
/// item of the questionnaire, not an instruction.
pub(crate) fn names_a_field(text: &str) -> bool {
    const IMPERATIVE: &[&str] = &[
        "please", "return", "complete", "submit", "do", "answer", "use", "select", "enter",
    ];
    let lower = text.to_lowercase();
    let words = words_of(&lower);
    let (_, footers, _) = phrase_automata();
    !text.contains('?')
        && (2..=14).contains(&words.len())
        && !IMPERATIVE.contains(&words[0])
        && !is_sign_off_line(&lower)
        && !opens_as_guidance(&lower)
        && footers
            .find(Input::new(&lower).anchored(Anchored::Yes))
            .is_none()
        && is_field_label(&words)
}

fn is_field_label(words: &[&str]) -> bool {
    const CUT: &[&str] = &[
        "of", "to", "for", "in", "on", "with", "by", "at", "from", "per",
    ];
    let head_phrase_end = words
        .iter()
        .position(|w| CUT.contains(w))
        .unwrap_or(words.len());
    let head = if head_phrase_end == 0 {
        words.last()
    } else {
        words.get(head_phrase_end - 1)
    };
    // "Trading name(s)": the words keep an inner bracket.
    head.is_some_and(|h| FIELD_NOUNS.contains(&h.strip_suffix("(s").unwrap_or(h)))
}

/// Sheets that are never questionnaires, by name: covers, instructions, change logs,
/// glossaries, lookup lists.
pub(super) fn is_non_question_sheet_name(name: &str) -> bool {
    let normalized = normalize_header(name);
    let words: Vec<&str> = normalized.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if has("question") || has("questions") || has("questionnaire") || has("assessment") {
        return false;
    }
    const SINGLE: &[&str] = &[
        "cover",
        "instructions",
        "instruction",
        "readme",
        "introduction",
        "intro",
        "welcome",
        "changelog",
        "changes",
        "glossary",
        "definitions",
        "acknowledgments",
        "acknowledgements",
        "acknowledgement",
        "credits",
        "lookup",
        "lookups",
        "lists",
        "values",
        "dropdowns",
        "dropdown",
        "validation",
        "legend",
        "scoring",
        "dashboard",
        "revisions",
        "howto",
        "guide",
    ];
    const PHRASES: &[&str] = &[
        "read me",
        "change log",
        "change history",
        "version history",
        "revision history",
        "document history",
        "drop down",
        "how to",
        "list values",
        "version control",
        "release notes",
        "read first",
        "read me first",
        "start here",
        "before you start",
        "before you begin",
    ];
    words.iter().any(|w| SINGLE.contains(w)) || PHRASES.iter().any(|p| normalized.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_not_a_question` searches footer openings only after trimming rule characters.
    #[test]
    fn no_footer_opening_starts_with_a_rule_character() {
        for opening in FOOTER_OPENINGS {
            assert!(
                !opening.starts_with(['-', '*', '=', '_', '~', '#', ' ']),
                "{opening}"
            );
        }
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            normalize_whitespace("  Do you\r\n encrypt\u{a0}data?\t"),
            "Do you encrypt data?"
        );
        assert!(is_collapsed_ascii("Do you encrypt data?"));
        assert!(!is_collapsed_ascii("Do you  encrypt data?"));
        assert!(!is_collapsed_ascii("Do you\x0bencrypt data?"));
        assert!(!is_collapsed_ascii(" Do you encrypt data?"));
    }

    /// The slow path of `normalize_whitespace`, as it was before the fast path.
    fn collapse_by_words(text: &str) -> String {
        text.split(|c: char| c.is_whitespace() || c == '\u{200B}')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_slow_one(text in "[ a-zA-Z?\t\r\n\x0b\x0c\u{a0}\u{200b}é]{0,40}") {
            let collapsed = collapse_by_words(&text);
            prop_assert_eq!(normalize_whitespace(&text), collapsed.clone());
            prop_assert_eq!(is_collapsed_ascii(&text), text.is_ascii() && collapsed == text);
        }

        #[test]
        fn header_normalization_is_idempotent(text in r"[ a-zA-Z#_.?İΣ-]{0,30}") {
            let once = normalize_header(&text);
            prop_assert_eq!(normalize_header(&once), once);
        }
    }

    #[test]
    fn header_titles_get_roles() {
        use HeaderRole::*;
        use QuestionStrength::*;
        let cases = [
            ("Question", Some(Question(Strong))),
            ("Question Text", Some(Question(Strong))),
            ("Control Question", Some(Question(Strong))),
            ("Assessment Question", Some(Question(Strong))),
            ("REQUIREMENT", Some(Question(Strong))),
            ("req_description", Some(Question(Strong))),
            ("Control", Some(Question(Strong))),
            ("Description", Some(Question(Weak))),
            ("Item", Some(Question(Weak))),
            ("Query", Some(Question(Strong))),
            ("Question ID", Some(Id)),
            ("Ref", Some(Id)),
            ("#", Some(Id)),
            ("Q #", Some(Id)),
            ("req_id", Some(Id)),
            ("Control No.", Some(Id)),
            ("Vendor Response", Some(Answer)),
            ("Follow-up Inquiries/Responses", Some(Answer)),
            ("Reason for Question", Some(Note)),
            ("Guidance", Some(Note)),
            ("Additional Information", Some(Note)),
            ("Control Owner", Some(Other)),
            ("Domain", Some(Section)),
            ("chapter_name", Some(Section)),
            ("Company Overview", Option::None),
            ("Field", Some(Question(Strong))),
            ("Information requested", Some(Question(Strong))),
            ("Data Required", Some(Question(Strong))),
            ("Evidence requested", Some(Note)),
            ("Required", Some(Other)),
            ("Field Name", Some(Question(Strong))),
            ("Business Information", Some(Question(Strong))),
            ("Follow-up Question", Some(Question(Strong))),
        ];
        for (title, role) in cases {
            assert_eq!(header_role(title), role, "{title}");
        }
    }

    #[test]
    fn ids_look_like_ids() {
        for id in [
            "SEC-04", "3.2", "V1.1.1", "Q12", "GNRL-01", "1", "A.1.2", "AC-2(1)",
        ] {
            assert!(is_id_like(id), "{id}");
        }
        for not_id in ["Access Control", "Yes", "", "Do you have 2 data centres?"] {
            assert!(!is_id_like(not_id), "{not_id}");
        }
    }

    #[test]
    fn shapes_of_cells() {
        use Shape::*;
        let cases = [
            ("Do you encrypt data at rest?", Question),
            ("Describe your incident response process.", Question),
            ("Please provide your latest SOC 2 Type II report", Question),
            (
                "The vendor shall notify the customer of breaches within 72 hours.",
                Question,
            ),
            ("Verify that all passwords are hashed", Question),
            // Guidance that labels itself, at any length, even when it says "must".
            (
                "Note: Section 3 must be completed even if parent-facing features are disabled for our district.",
                NotAQuestion,
            ),
            (
                "Note : les questions B1 à B10 seront transmises à notre vérificateur externe.",
                NotAQuestion,
            ),
            (
                "Instructions: where a response refers to your SOC 1 report, cite the control objective number.",
                NotAQuestion,
            ),
            (
                "Responses to this addendum are incorporated into the agreement. Answer each item and note any exceptions.",
                NotAQuestion,
            ),
            ("Note: do you encrypt backups?", Question),
            ("To what extent are backups tested", Question),
            ("If yes, list the subprocessors used", Question),
            (
                "The vendor maintains an inventory of information assets.",
                Question,
            ),
            (
                "Access to production is reviewed quarterly by system owners.",
                Statement,
            ),
            (
                "Multi-factor authentication for all remote access",
                Statement,
            ),
            ("Access Control", Label { field: false }),
            (
                "Business Continuity and Disaster Recovery",
                Label { field: false },
            ),
            ("Vendor Name", Label { field: true }),
            ("Number of employees", Label { field: true }),
            ("Web Link to Product Privacy Notice", Label { field: true }),
            ("Company address:", Label { field: true }),
            ("SECTION 3 - DATA PROTECTION", Title),
            ("Section 4: Physical Security", Title),
            (
                "Please complete all questions in this questionnaire.",
                NotAQuestion,
            ),
            (
                "Select Yes, No or N/A from the drop-down list.",
                NotAQuestion,
            ),
            ("Yes / No / N/A", NotAQuestion),
            ("Response options: Yes / No / Partial / N/A", NotAQuestion),
            ("(initials)", NotAQuestion),
            ("No", NotAQuestion),
            ("Thank you for completing the assessment", NotAQuestion),
            ("[DELETED, DUPLICATE OF 4.1.3]", NotAQuestion),
            ("2024-10-04", NotAQuestion),
            ("https://example.com/trust?tab=soc", NotAQuestion),
            ("2.3 Describe your backup process", Question),
            ("Q12. Do you run background checks", Question),
            ("a) Provide the date of the last penetration test", Question),
            (
                "(iv) Is there a documented incident response plan",
                Question,
            ),
            ("1. Governance", Label { field: false }),
            ("A vendor shall keep logs for a year.", Question),
            ("Confidential - Internal Use Only", NotAQuestion),
            // A footer opening must end a word (blind set 46), and talk about the form after a
            // question does not hide the question (blind set 45).
            (
                "Confidentiality obligations must flow down to all subcontractors.",
                Question,
            ),
            (
                "Will you execute our mutual NDA before the assessment? Please return a signed copy with this questionnaire.",
                Question,
            ),
            ("Page 3 of 12", NotAQuestion),
            // Rules around a footer, navigation, answer formats and the scorer's boxes.
            ("-- End of questionnaire --", NotAQuestion),
            ("*** Thank you ***", NotAQuestion),
            (
                "Section complete - continue to Data Retention",
                NotAQuestion,
            ),
            (
                "Answer with one of: Yes / No / Partial / Planned",
                NotAQuestion,
            ),
            ("Overall weighted score", NotAQuestion),
            ("Reviewer sign-off and date", NotAQuestion),
            (
                "Sign-off of production changes by a second engineer?",
                Question,
            ),
            (
                "Declaration: I confirm the answers are complete and true.",
                NotAQuestion,
            ),
            (
                "Ort, Datum / place, date: ________ Unterschrift / signature: ________",
                NotAQuestion,
            ),
            ("Name: ______ Role: ______ Signature: ______", NotAQuestion),
            ("Residual risk (H/M/L):", NotAQuestion),
            (
                "Timbro e firma del legale rappresentante ______________",
                NotAQuestion,
            ),
            (
                "Submitted by (name / title): ____________ Date: ________",
                NotAQuestion,
            ),
            (
                "Overall supplier rating (Green / Amber / Red):",
                NotAQuestion,
            ),
            ("Approve / Approve with conditions / Reject", NotAQuestion),
            (
                "Thanks!! Please send this back by Friday. Dana, Talent Operations, Example Corp",
                NotAQuestion,
            ),
            ("Access is assigned by ______ (role)", Statement),
            (
                "Dziękujemy! Thank you for filling the survey.",
                NotAQuestion,
            ),
            ("Continue on the 'Reporting & GL' tab.", NotAQuestion),
            ("Thats everything - thanks!!", NotAQuestion),
            (
                "ご協力ありがとうございます。Thank you very much for your cooperation.",
                NotAQuestion,
            ),
            (
                "Approve / Approve with follow-ups / Do not approve",
                NotAQuestion,
            ),
            ("Do you approve changes before deployment?", Question),
            ("That's it - thanks so much!", NotAQuestion),
            (
                "Merci pour votre collaboration – DAF Vignobles Clairval",
                NotAQuestion,
            ),
            ("Date, cachet et signature du prestataire :", NotAQuestion),
            (
                "Ort, Datum, Unterschrift / Place, date, signature",
                NotAQuestion,
            ),
            ("Einde vragenlijst / End of questionnaire", NotAQuestion),
            (
                "End of tab 3. Please proceed to the Scoring tab (TPRM use only).",
                NotAQuestion,
            ),
            ("Reviewed by Technology Services:", NotAQuestion),
            (
                "Responses: Y = Yes, N = No, A = See attachment (give attachment number)",
                NotAQuestion,
            ),
            (
                "Is the change reviewed by a second engineer before release?",
                Question,
            ),
            ("Are signed contracts dated and stored?", Question),
            (
                "Approved / Approved - remediation plan / Not approved",
                NotAQuestion,
            ),
            (
                "Answer options for yes/no items: Yes / No / Will comply",
                NotAQuestion,
            ),
            ("Assinatura e carimbo do fornecedor", NotAQuestion),
            ("Ende des Fragebogens / End of questionnaire", NotAQuestion),
            (
                "Result: A (>= 80 %) approved | B (60-79 %) conditional | C (< 60 %) rejected",
                NotAQuestion,
            ),
        ];
        for (text, shape) in cases {
            assert_eq!(shape_of(text), shape, "{text}");
        }
    }

    #[test]
    fn sheet_names() {
        for skip in [
            "Instructions",
            "Cover Sheet",
            "ChangeLog",
            "Read Me",
            "Version History",
            "Glossary",
            "Lists",
        ] {
            assert!(is_non_question_sheet_name(skip), "{skip}");
        }
        for keep in [
            "Security",
            "HECVAT - Lite | Vendor Response",
            "Questions & Instructions",
            "Sheet1",
            "Access Control",
        ] {
            assert!(!is_non_question_sheet_name(keep), "{keep}");
        }
    }
}
