//! Stage 4: question text -> tags (frameworks, categories, criteria, keywords, signals).
//!
//! One Aho-Corasick automaton holds every keyword of the catalog; it is built once, before the
//! workers start, and shared read-only. Matching semantics, explicitly:
//!
//! - Text and keywords are normalized the same way first ([`normalize`]): lower case, curly
//!   quotes made straight, every dash, hyphen and underscore a space (so "multi-factor",
//!   "multi factor" and "multi–factor" are one), soft hyphens and line-break hyphenation
//!   removed, whitespace collapsed.
//! - A keyword matches only on word boundaries: "log" does not fire inside "login". A plural
//!   `s`/`es` is allowed after it, and a keyword written with a trailing `*` matches any word
//!   it begins ("encrypt*" -> "encryption").
//! - Among overlapping matches the leftmost, then the longest wins, so "disaster recovery
//!   plan" beats "recovery plan", and an `ignore` phrase ("availability of your account
//!   manager") silences the shorter keyword inside it.
//!
//! The matcher knows nothing about files or customers; it takes a string and returns values.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::catalog::{
    Catalog, CatalogError, Category, CategorySet, Criterion, Origin, Signal, SignalSet, Targets,
};

/// Normalizes text for matching (see the module documentation).
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        normalize_ascii(text.as_bytes())
    } else {
        normalize_chars(text)
    }
}

/// [`normalize`] for any text.
fn normalize_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Letters and digits are most of any text and need nothing but lower-casing.
        if c.is_ascii_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let c = match c {
            '\u{00AD}' | '\u{200B}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                '\''
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            // Brackets only group words: "(backup) contact" reads as "backup contact".
            '(' | ')' | '[' | ']' | '{' | '}' => ' ',
            '-'
            | '_'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}' => {
                // "encryp-\ntion": a hyphen at a line break joins the word.
                if matches!(chars.peek(), Some('\n' | '\r'))
                    && out.chars().last().is_some_and(char::is_alphanumeric)
                {
                    while matches!(chars.peek(), Some('\n' | '\r')) {
                        chars.next();
                    }
                    continue;
                }
                ' '
            }
            other => other,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// [`normalize`] for ASCII text, which is nearly every question: a loop over bytes instead of
/// over chars with a look-ahead iterator was a third of the cost of tagging. Must agree with
/// [`normalize_chars`] on every ASCII input (a property test checks it).
fn normalize_ascii(text: &[u8]) -> String {
    // Bytes through a table, not chars: `String::push` encodes each char, and the general
    // loop cost ~30 instructions a byte. The output is never longer than the input (a space
    // is only written for whitespace that wrote nothing), so it is written in place.
    let mut out = vec![0u8; text.len()];
    let mut len = 0;
    let mut pending_space = false;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        i += 1;
        let mapped = if b == b'-' || b == b'_' {
            // "encryp-\ntion": a hyphen at a line break joins the word.
            if matches!(text.get(i), Some(b'\n' | b'\r'))
                && len > 0
                && out[len - 1].is_ascii_alphanumeric()
            {
                while matches!(text.get(i), Some(b'\n' | b'\r')) {
                    i += 1;
                }
                continue;
            }
            b' '
        } else {
            ASCII_MAP[usize::from(b)]
        };
        if mapped == b' ' {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            out[len] = b' ';
            len += 1;
            pending_space = false;
        }
        out[len] = mapped;
        len += 1;
    }
    out.truncate(len);
    // Every byte written is ASCII, so this cannot fail; the lossy form spares an unwrap.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What [`normalize`] makes of each ASCII byte but `-` and `_`: lower case, brackets and
/// whitespace a space (collapsed by the caller), a backquote an apostrophe.
const ASCII_MAP: [u8; 256] = {
    let mut map = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        // `b` is below 256: the cast cannot truncate.
        let byte = b as u8;
        map[b] = match byte {
            b'(' | b')' | b'[' | b']' | b'{' | b'}' => b' ',
            // The ASCII characters `char::is_whitespace` accepts.
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
            b'`' => b'\'',
            other => other.to_ascii_lowercase(),
        };
        b += 1;
    }
    map
};

/// A keyword occurrence in a normalized question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in the catalog.
    pub rule: usize,
    /// Index of the keyword within the rule.
    pub keyword: usize,
    /// Byte range in the normalized text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// What a question is about, by the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tags {
    /// SOC 2 categories.
    pub categories: CategorySet,
    /// SOC 2 criteria, in reference order.
    pub criteria: Vec<Criterion>,
    /// SOC 1 areas (indices into the catalog's list), in catalog order.
    pub soc1_areas: Vec<usize>,
    /// Request signals.
    pub signals: SignalSet,
    /// Rules that fired (not counting `ignore` rules), in order of first appearance.
    pub rules: Vec<usize>,
    /// The keywords that fired, in order of appearance, without repeats.
    pub keywords: Vec<KeywordHit>,
    /// `(scope, topic)` pairs for rationales: scope 0 is SOC 1, 1 to 5 the categories in
    /// [`Category::ALL`] order; topic as in [`Matcher::topic_name`].
    pub topics: Vec<(u8, usize)>,
    /// Whether a SOC 2 category comes from a specific rule, not only from `fallback` words
    /// ("monitoring", "authorized", "exceptions"). The decision asks for a few such
    /// questions before a form nobody wrote about security becomes a SOC 2.
    #[serde(default)]
    pub specific_soc2: bool,
    /// Whether a SOC 1 area comes from a specific rule or from a fallback's `under` variant
    /// (a control word beside a money subject: "who can change the fees"), not only from a
    /// bare business noun ("invoices", "treasury"), which functional tenders use too.
    #[serde(default)]
    pub specific_soc1: bool,
}

/// A keyword that fired, as it will be shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeywordHit {
    /// Index of the rule.
    pub rule: usize,
    /// Index of the keyword within the rule.
    pub keyword: usize,
    /// For a prefix keyword (`encrypt*`), the word it matched (`encryption`).
    pub matched: Option<String>,
}

impl Tags {
    /// Tagged with SOC 1: a SOC 1 area, or a SOC 1 / ISAE 3402 report named.
    pub fn soc1(&self) -> bool {
        !self.soc1_areas.is_empty()
            || self.signals.contains(Signal::Soc1)
            || self.signals.contains(Signal::Isae3402)
    }

    /// Tagged with SOC 2: any SOC 2 category.
    pub fn soc2(&self) -> bool {
        !self.categories.is_empty()
    }

    /// Whether the question maps to any framework.
    pub fn matched(&self) -> bool {
        self.soc1() || self.soc2()
    }
}

struct Pattern {
    rule: usize,
    keyword: usize,
    prefix: bool,
}

/// The compiled catalog.
pub struct Matcher {
    catalog: Catalog,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Distinct rule topics, and each rule's index into them.
    topics: Vec<String>,
    rule_topics: Vec<usize>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("rules", &self.catalog.rules.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl Matcher {
    /// Compiles `catalog` into one automaton.
    pub fn new(catalog: Catalog) -> Result<Matcher, CatalogError> {
        let mut patterns = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (r, rule) in catalog.rules.iter().enumerate() {
            for (k, keyword) in rule.keywords.iter().enumerate() {
                // The same keyword in two rules with the same targets was allowed by the
                // catalog's check; the first one speaks for both.
                if seen.insert((keyword.normalized.as_str(), keyword.prefix)) {
                    patterns.push(Pattern {
                        rule: r,
                        keyword: k,
                        prefix: keyword.prefix,
                    });
                    texts.push(&keyword.normalized);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // Measured on the bench corpus: a DFA runs ~40% fewer instructions per question
            // but takes 15 ms to build and 6 MB that misses the cache, and end to end the two
            // are equal even at 1,000 files. The contiguous NFA builds in 2 ms and stays small.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&texts)
            .map_err(|e| CatalogError {
                origin: Origin {
                    file: crate::catalog::BUILTIN_NAME.to_string(),
                    line: 0,
                },
                message: format!("cannot compile the keywords: {e}"),
            })?;
        let mut topics: Vec<String> = Vec::new();
        let rule_topics = catalog
            .rules
            .iter()
            .map(|rule| match topics.iter().position(|t| *t == rule.topic) {
                Some(i) => i,
                None => {
                    topics.push(rule.topic.clone());
                    topics.len() - 1
                }
            })
            .collect();
        Ok(Matcher {
            catalog,
            automaton,
            patterns,
            topics,
            rule_topics,
        })
    }

    /// The topic index of a rule (rules may share a topic).
    pub fn topic_of(&self, rule: usize) -> usize {
        self.rule_topics[rule]
    }

    /// A topic's text.
    pub fn topic_name(&self, topic: usize) -> &str {
        &self.topics[topic]
    }

    /// The catalog it was built from.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The keyword hits in already-normalized text: on word boundaries, leftmost-longest, not
    /// overlapping (`ignore` rules included, so that callers can show what they silenced).
    pub fn hits(&self, normalized: &str) -> Vec<Hit> {
        let mut candidates: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(normalized)
            .filter_map(|m| {
                let pattern = &self.patterns[m.pattern().as_usize()];
                let end = word_end(normalized, m.start(), m.end(), pattern.prefix)?;
                Some(Hit {
                    rule: pattern.rule,
                    keyword: pattern.keyword,
                    start: m.start(),
                    end,
                })
            })
            .collect();
        candidates.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut chosen: Vec<Hit> = Vec::with_capacity(candidates.len());
        for hit in candidates {
            if chosen.last().is_none_or(|last| hit.start >= last.end) {
                chosen.push(hit);
            }
        }
        chosen
    }

    /// Tags one question.
    pub fn tag(&self, question: &str) -> Tags {
        self.tag_in_context(question, &[])
    }

    /// Tags `question` as [`Matcher::tag`] does, with `context` subjects (from the sheet and
    /// section the question sits in, see [`Matcher::context_of`]) counted as if the question
    /// named them: they choose `under` variants and tag nothing themselves.
    pub fn tag_in_context(&self, question: &str, context: &[String]) -> Tags {
        let normalized = normalize(question);
        let hits = self.hits(&normalized);
        self.tags_from_hits(&normalized, &hits, context)
    }

    /// The subjects a sheet name (or a section title) gives every question under it: those
    /// named by rules that fire on the name and listed in the catalog's `context_subjects`
    /// ("Financial Controls" names the money subject, so "who can change X" on it is a SOC 1
    /// control). A name that itself tags a SOC 2 category gives none.
    pub fn context_subjects(&self, name: &str) -> Vec<String> {
        let allowed = &self.catalog.context_subjects;
        if allowed.is_empty() || name.trim().is_empty() {
            return Vec::new();
        }
        let normalized = normalize(name);
        let hits = self.hits(&normalized);
        // "Payment & Information Security" is a security section that mentions payments.
        if self
            .targets_in_context(&hits, &[])
            .iter()
            .flatten()
            .any(|t| !t.categories.is_empty())
        {
            return Vec::new();
        }
        let mut subjects: Vec<String> = Vec::new();
        for hit in &hits {
            let rule = &self.catalog.rules[hit.rule];
            if let Some(subject) = rule.subject.as_deref()
                && allowed.iter().any(|a| a == subject)
                && !subjects.iter().any(|s| s == subject)
            {
                subjects.push(subject.to_string());
            }
        }
        subjects
    }

    /// The context subjects of a question: those its sheet's name gives, then those the title
    /// of its section gives (see [`crate::detect::DetectedQuestion::section`]), each once.
    pub fn context_of(&self, sheet_name: &str, section: &str) -> Vec<String> {
        let mut subjects = self.context_subjects(sheet_name);
        for subject in self.context_subjects(section) {
            if !subjects.contains(&subject) {
                subjects.push(subject);
            }
        }
        subjects
    }

    /// What each hit contributes, in the context of the other hits: `None` for an `ignore`
    /// or `profile` rule, for every rule when a `profile` rule fired (a company-profile
    /// question maps to nothing), and for a `fallback` rule silenced by a more specific one.
    ///
    /// Rules fall in three tiers, and a tier counts only when no rule of a higher tier fired:
    /// rules that are not fallbacks (request signals and `ignore` phrases included), then
    /// fallbacks naming no subject ("access", "changes"), then fallbacks naming a subject
    /// ("personal data", "the payroll system"). A `weak` rule counts only when a keyword of
    /// another rule fired too. A rule whose `under` names the subject of another fired rule
    /// (its `subject`, or the subject it `implies`) contributes that variant (the first
    /// listed, when several subjects are present);
    /// `context` subjects (a sheet's and a section's, see [`Matcher::context_of`]) count as
    /// named too.
    pub fn targets_in_context(&self, hits: &[Hit], context: &[String]) -> Vec<Option<&Targets>> {
        let rules = &self.catalog.rules;
        if hits.iter().any(|h| rules[h.rule].profile) {
            return vec![None; hits.len()];
        }
        let tier = |rule: &crate::catalog::Rule| match (rule.fallback, &rule.subject) {
            (false, _) => 0u8,
            (true, None) => 1,
            (true, Some(_)) => 2,
        };
        let subjects: Vec<&str> = hits
            .iter()
            .map(|h| &rules[h.rule])
            .flat_map(|r| [r.subject.as_deref(), r.implies.as_deref()])
            .flatten()
            .chain(context.iter().map(String::as_str))
            .collect();
        let top_tier = hits.iter().map(|h| tier(&rules[h.rule])).min();
        hits.iter()
            .map(|h| {
                let rule = &rules[h.rule];
                if rule.ignore || Some(tier(rule)) != top_tier {
                    return None;
                }
                if rule.weak && self.fired_alone(hits, h) {
                    return None;
                }
                Some(
                    rule.under
                        .iter()
                        .find(|(subject, _)| subjects.contains(&subject.as_str()))
                        .map_or(&rule.targets, |(_, variant)| variant),
                )
            })
            .collect()
    }

    /// Whether `hit` is the only rule that fired among `hits` (`ignore` phrases aside): a
    /// `weak` rule then tags nothing.
    pub fn fired_alone(&self, hits: &[Hit], hit: &Hit) -> bool {
        let rules = &self.catalog.rules;
        !hits
            .iter()
            .any(|other| other.rule != hit.rule && !rules[other.rule].ignore)
    }

    /// Combines the hits found in `normalized` into tags. Signals count whenever their rule
    /// fires; targets as [`Matcher::targets_in_context`] says, with the same `context`.
    pub fn tags_from_hits(&self, normalized: &str, hits: &[Hit], context: &[String]) -> Tags {
        let rules = &self.catalog.rules;
        let mut tags = Tags::default();
        for (hit, targets) in hits.iter().zip(self.targets_in_context(hits, context)) {
            let rule = &rules[hit.rule];
            if rule.ignore || rule.profile {
                continue;
            }
            tags.signals = tags.signals.union(rule.signals);
            let Some(targets) = targets.filter(|t| !t.is_empty() || !rule.signals.is_empty())
            else {
                continue;
            };
            tags.categories = tags.categories.union(targets.categories);
            if !rule.fallback && !targets.categories.is_empty() {
                tags.specific_soc2 = true;
            }
            let variant = !std::ptr::eq(targets, &rule.targets);
            if (!rule.fallback || variant) && !targets.soc1_areas.is_empty() {
                tags.specific_soc1 = true;
            }
            for c in &targets.criteria {
                if !tags.criteria.contains(c) {
                    tags.criteria.push(*c);
                }
            }
            for a in &targets.soc1_areas {
                if !tags.soc1_areas.contains(a) {
                    tags.soc1_areas.push(*a);
                }
            }
            if !tags.rules.contains(&hit.rule) {
                tags.rules.push(hit.rule);
            }
            let topic = self.rule_topics[hit.rule];
            let scopes = (!targets.soc1_areas.is_empty())
                .then_some(0u8)
                .into_iter()
                .chain(targets.categories.iter().map(|c| c as u8 + 1));
            for scope in scopes {
                if !tags.topics.contains(&(scope, topic)) {
                    tags.topics.push((scope, topic));
                }
            }
            let keyword = KeywordHit {
                rule: hit.rule,
                keyword: hit.keyword,
                matched: rule.keywords[hit.keyword]
                    .prefix
                    .then(|| normalized[hit.start..hit.end].to_string()),
            };
            if !tags.keywords.contains(&keyword) {
                tags.keywords.push(keyword);
            }
        }
        tags.criteria.sort();
        tags.soc1_areas.sort_unstable();
        tags
    }

    /// `frameworks` column: `SOC 1`, `SOC 2`, `SOC 1;SOC 2` or empty.
    pub fn frameworks_field(&self, tags: &Tags) -> String {
        frameworks_text(tags).to_string()
    }

    /// `categories` column.
    pub fn categories_field(&self, tags: &Tags) -> String {
        let mut out = String::new();
        self.push_categories(tags, &mut out);
        out
    }

    /// `criteria` column: criterion ids, then SOC 1 area names.
    pub fn criteria_field(&self, tags: &Tags) -> String {
        let mut out = String::new();
        self.push_criteria(tags, &mut out);
        out
    }

    /// `keywords` column: the catalog keywords that fired.
    pub fn keywords_field(&self, tags: &Tags) -> String {
        let mut out = String::new();
        self.push_keywords(tags, &mut out);
        out
    }

    /// `signals` column.
    pub fn signals_field(&self, tags: &Tags) -> String {
        let mut out = String::new();
        self.push_signals(tags, &mut out);
        out
    }

    /// Every tag column of a question into `fields`, whose strings are reused from question
    /// to question (five allocations a question otherwise).
    pub fn fill_fields(&self, tags: &Tags, fields: &mut TagFields) {
        fields.frameworks = frameworks_text(tags);
        fields.categories.clear();
        self.push_categories(tags, &mut fields.categories);
        fields.criteria.clear();
        self.push_criteria(tags, &mut fields.criteria);
        fields.keywords.clear();
        self.push_keywords(tags, &mut fields.keywords);
        fields.signals.clear();
        self.push_signals(tags, &mut fields.signals);
    }

    fn push_categories(&self, tags: &Tags, out: &mut String) {
        join_into(out, tags.categories.iter().map(Category::name));
    }

    fn push_criteria(&self, tags: &Tags, out: &mut String) {
        join_into(
            out,
            tags.criteria.iter().map(|c| c.id()).chain(
                tags.soc1_areas
                    .iter()
                    .map(|&a| self.catalog.soc1_areas[a].as_str()),
            ),
        );
    }

    fn push_keywords(&self, tags: &Tags, out: &mut String) {
        let texts = tags.keywords.iter().map(|hit| match &hit.matched {
            Some(word) => word.as_str(),
            None => self.catalog.rules[hit.rule].keywords[hit.keyword]
                .text
                .as_str(),
        });
        // Two keywords may read the same (a prefix keyword's word, a keyword shared by two
        // rules): each is shown once. A question has a handful, so a scan beats a set.
        for (i, text) in texts.clone().enumerate() {
            if texts.clone().take(i).any(|earlier| earlier == text) {
                continue;
            }
            if !out.is_empty() {
                out.push(';');
            }
            out.push_str(text);
        }
    }

    fn push_signals(&self, tags: &Tags, out: &mut String) {
        join_into(out, tags.signals.iter().map(Signal::name));
    }
}

/// The tag columns of one question, as [`Matcher::fill_fields`] writes them.
#[derive(Debug, Default)]
pub struct TagFields {
    /// `frameworks`.
    pub frameworks: &'static str,
    /// `categories`.
    pub categories: String,
    /// `criteria`.
    pub criteria: String,
    /// `keywords`.
    pub keywords: String,
    /// `signals`.
    pub signals: String,
}

fn frameworks_text(tags: &Tags) -> &'static str {
    match (tags.soc1(), tags.soc2()) {
        (true, true) => "SOC 1;SOC 2",
        (true, false) => "SOC 1",
        (false, true) => "SOC 2",
        (false, false) => "",
    }
}

/// The built-in catalog compiled once, for tests (building the DFA takes a while in debug
/// builds).
#[cfg(test)]
pub(crate) fn builtin_for_tests() -> &'static Matcher {
    static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        Matcher::new(Catalog::builtin().expect("built-in catalog")).expect("matcher")
    })
}

/// Appends `items` separated by `;` to `out`, which starts empty.
fn join_into<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    for item in items {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(item);
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where a match really ends, if it sits on word boundaries: a plural `s`/`es` may follow a
/// whole-word keyword; a prefix keyword extends to the end of the word. A keyword that starts
/// with an apostrophe (`'s NDA`) is a possessive ending: it attaches to the word before it
/// ("the firm's NDA", "Northwind's NDA"), whatever that word is.
fn word_end(text: &str, start: usize, end: usize, prefix: bool) -> Option<usize> {
    if !text[start..].starts_with('\'')
        && text[..start].chars().next_back().is_some_and(is_word_char)
    {
        return None;
    }
    let rest = &text[end..];
    if prefix {
        let extra: usize = rest
            .chars()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum();
        return Some(end + extra);
    }
    let boundary_at = |offset: usize| !rest[offset..].chars().next().is_some_and(is_word_char);
    if boundary_at(0) {
        Some(end)
    } else if rest.starts_with('s') && boundary_at(1) {
        Some(end + 1)
    } else if rest.starts_with("es") && boundary_at(2) {
        Some(end + 2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_fast_path_normalizes_as_the_general_one(
            text in "[ -~\t\n\r\x0b\x0c\x00-\x1f]{0,40}|([a-z]{1,4}[-_ ()\n\r`]{1,3}){0,8}"
        ) {
            prop_assert_eq!(normalize_ascii(text.as_bytes()), normalize_chars(&text));
        }
    }

    fn matcher(rules: &str) -> Matcher {
        let mut catalog = Catalog {
            settings: Default::default(),
            soc1_areas: vec!["payroll".into()],
            context_subjects: Vec::new(),
            rules: Vec::new(),
        };
        catalog.merge("test.toml", rules).unwrap();
        Matcher::new(catalog).unwrap()
    }

    const RULES: &str = r#"
[[rule]]
id = "logging"
keywords = ["log", "audit trail"]
criteria = ["CC7.2"]

[[rule]]
id = "mfa"
keywords = ["multi-factor authentication", "MFA"]
criteria = ["CC6.1"]

[[rule]]
id = "encryption"
keywords = ["encrypt*"]
criteria = ["CC6.1", "CC6.7"]

[[rule]]
id = "availability"
keywords = ["availability", "uptime"]
criteria = ["A1.1"]

[[rule]]
id = "people-availability"
keywords = ["availability of your account manager"]
ignore = true

[[rule]]
id = "dr"
keywords = ["disaster recovery plan", "recovery plan"]
criteria = ["A1.3"]

[[rule]]
id = "payroll"
keywords = ["payroll"]
soc1 = ["payroll"]

[[rule]]
id = "type2"
keywords = ["type ii", "type 2"]
signals = ["type2"]

[[rule]]
id = "type1"
keywords = ["type i", "type 1"]
signals = ["type1"]
"#;

    fn keywords(m: &Matcher, text: &str) -> String {
        m.keywords_field(&m.tag(text))
    }

    #[test]
    fn normalization_unifies_case_quotes_dashes_and_spacing() {
        assert_eq!(
            normalize("Multi\u{2011}Factor  Auth\u{2019}n"),
            "multi factor auth'n"
        );
        assert_eq!(normalize("SOC-2\tType\u{00A0}II"), "soc 2 type ii");
        assert_eq!(normalize("encryp-\ntion"), "encryption");
        assert_eq!(normalize("soft\u{00AD}ware"), "software");
    }

    #[test]
    fn keywords_match_on_word_boundaries_only() {
        let m = matcher(RULES);
        assert_eq!(keywords(&m, "Do you log admin actions?"), "log");
        assert_eq!(keywords(&m, "Is login throttled?"), "");
        assert_eq!(keywords(&m, "Are catalogs reviewed?"), "");
        assert_eq!(keywords(&m, "Are logs kept?"), "log");
        assert_eq!(keywords(&m, "Is MFA enforced?"), "MFA");
        assert_eq!(
            keywords(&m, "Is Multi-factor authentication on?"),
            "multi-factor authentication"
        );
    }

    #[test]
    fn prefix_keywords_cover_word_forms() {
        let m = matcher(RULES);
        let tags = m.tag("Is data encrypted? Describe the encryption.");
        assert_eq!(m.keywords_field(&tags), "encrypted;encryption");
        assert_eq!(m.criteria_field(&tags), "CC6.1;CC6.7");
    }

    #[test]
    fn longest_match_wins_and_ignore_phrases_silence() {
        let m = matcher(RULES);
        assert_eq!(
            keywords(&m, "Is the disaster recovery plan tested?"),
            "disaster recovery plan"
        );
        let tags = m.tag("What is the availability of your account manager?");
        assert!(!tags.matched());
        assert_eq!(
            m.categories_field(&m.tag("Describe your uptime and availability")),
            "Availability"
        );
    }

    #[test]
    fn a_possessive_keyword_attaches_to_the_word_before_it() {
        let m = matcher(
            r#"
[[rule]]
id = "customer-nda"
keywords = ["'s NDA"]
signals = ["nda"]
"#,
        );
        assert_eq!(m.signals_field(&m.tag("Will you sign Acme's NDA?")), "nda");
        assert_eq!(
            m.signals_field(&m.tag("Will you sign the bank’s NDA?")),
            "nda"
        );
        assert_eq!(m.signals_field(&m.tag("Will you sign an NDA?")), "");
        assert_eq!(m.signals_field(&m.tag("Acme's NDAs are standard")), "nda");
    }

    #[test]
    fn type_i_does_not_fire_inside_type_ii() {
        let m = matcher(RULES);
        assert_eq!(
            m.signals_field(&m.tag("Provide your SOC 2 Type II report")),
            "type2"
        );
        assert_eq!(m.signals_field(&m.tag("A Type I report is fine")), "type1");
    }

    #[test]
    fn frameworks_come_from_areas_and_categories() {
        let m = matcher(RULES);
        let tags = m.tag("Is payroll data encrypted?");
        assert_eq!(m.frameworks_field(&tags), "SOC 1;SOC 2");
        assert_eq!(m.criteria_field(&tags), "CC6.1;CC6.7;payroll");
        assert_eq!(m.frameworks_field(&m.tag("What is your address?")), "");
    }

    #[test]
    fn plurals_match_but_longer_words_do_not() {
        let m = matcher(RULES);
        assert_eq!(
            keywords(&m, "recovery plans and log reviews"),
            "recovery plan;log"
        );
        assert_eq!(keywords(&m, "recovery planning"), "");
    }

    #[test]
    fn a_longer_match_rejected_at_a_boundary_leaves_the_shorter_one() {
        let m = matcher(
            r#"
[[rule]]
id = "access"
keywords = ["access"]
criteria = ["CC6.1"]

[[rule]]
id = "access-control"
keywords = ["access control"]
criteria = ["CC6.3"]
"#,
        );
        assert_eq!(keywords(&m, "the access controller"), "access");
        assert_eq!(keywords(&m, "the access control list"), "access control");
    }

    #[test]
    fn the_first_under_variant_listed_wins_when_several_subjects_are_present() {
        // Listed against the alphabet on purpose: precedence is the order in the file.
        let m = matcher(
            r#"
[[rule]]
id = "monitoring"
keywords = ["monitored"]
criteria = ["CC7.2"]
fallback = true
under.zeta = { soc1 = ["payroll"] }
under.alpha = { criteria = ["PI1.3"] }

[[rule]]
id = "zeta-nouns"
keywords = ["payment jobs"]
fallback = true
subject = "zeta"

[[rule]]
id = "alpha-nouns"
keywords = ["jobs"]
fallback = true
subject = "alpha"
"#,
        );
        let field = |text: &str| {
            let tags = m.tag(text);
            format!(
                "{} | {}",
                m.frameworks_field(&tags),
                m.criteria_field(&tags)
            )
        };
        assert_eq!(
            field("Are payment jobs and import jobs monitored?"),
            "SOC 1 | payroll"
        );
        assert_eq!(field("Are import jobs monitored?"), "SOC 2 | PI1.3");
        assert_eq!(field("Is it monitored?"), "SOC 2 | CC7.2");
    }

    #[test]
    fn a_weak_keyword_tags_only_beside_another_keyword() {
        let m = matcher(
            r#"
[[rule]]
id = "alerts"
keywords = ["alerts"]
criteria = ["CC7.2"]
fallback = true
weak = true

[[rule]]
id = "logging"
keywords = ["logged"]
criteria = ["CC7.2"]

[[rule]]
id = "stock"
keywords = ["out of stock alerts"]
ignore = true
"#,
        );
        let categories = |text: &str| m.categories_field(&m.tag(text));
        assert_eq!(categories("Do you send alerts?"), "");
        assert_eq!(categories("Are alerts logged?"), "Security");
        // An ignore phrase is no company.
        assert_eq!(categories("Out of stock alerts and alerts by e-mail?"), "");
    }

    #[test]
    fn a_sheet_name_gives_its_subjects_to_the_questions_on_it() {
        let m = matcher(
            r#"
context_subjects = ["money"]

[[rule]]
id = "change"
keywords = ["who can change"]
criteria = ["CC8.1"]
under.money = { soc1 = ["payroll"] }

[[rule]]
id = "money-nouns"
keywords = ["financial"]
fallback = true
subject = "money"

[[rule]]
id = "personal"
keywords = ["personal"]
fallback = true
subject = "personal"
"#,
        );
        assert_eq!(m.context_subjects("Financial Controls"), ["money"]);
        // Only the subjects the catalog lists count.
        assert!(m.context_subjects("Personal Data").is_empty());
        assert!(m.context_subjects("").is_empty());
        let question = "Who can change the rate tables?";
        let plain = m.tag(question);
        assert_eq!(m.frameworks_field(&plain), "SOC 2");
        let on_sheet = m.tag_in_context(question, &m.context_subjects("Financial Controls"));
        assert_eq!(m.frameworks_field(&on_sheet), "SOC 1");
        // A subject alone tags nothing.
        let nothing = m.tag_in_context("What is your address?", &["money".to_string()]);
        assert!(!nothing.matched());
    }

    #[test]
    fn a_question_takes_the_subjects_of_its_sheet_and_of_its_section() {
        let m = matcher(
            r#"
context_subjects = ["money", "financial-system"]

[[rule]]
id = "money-nouns"
keywords = ["payment"]
fallback = true
subject = "money"

[[rule]]
id = "ledger-system"
keywords = ["general ledger"]
fallback = true
subject = "financial-system"

[[rule]]
id = "security-program"
keywords = ["information security"]
criteria = ["CC2.2"]
"#,
        );
        assert_eq!(
            m.context_of("General Ledger", "C. Payment Processing"),
            ["financial-system", "money"]
        );
        assert_eq!(m.context_of("", "Payment Processing"), ["money"]);
        assert_eq!(m.context_of("Payments", "Payment Processing"), ["money"]);
        // A security section that mentions payments is still a security section.
        assert!(
            m.context_subjects("Payment & Information Security")
                .is_empty()
        );
        assert!(
            m.context_of("", "Payment & Information Security")
                .is_empty()
        );
    }
}
