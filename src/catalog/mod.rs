//! The rule catalog: which words and phrases point to which SOC 2 criteria, SOC 1 areas and
//! request signals. It is data (`rules.toml`, compiled in), optionally merged with a user's
//! file (`--rules`), and validated once at start-up: an unknown criterion id, an empty or
//! too-short keyword, a rule that maps to nothing, or one keyword sent to two different places
//! is an error naming the file and line. A wrong tag is fixed by editing the catalog, never the
//! code.
//!
//! This module only loads and checks; matching text against it is [`crate::matcher`].

pub mod export;
mod model;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

pub use model::{Category, CategorySet, Criterion, CriterionInfo, Signal, SignalSet, criteria};

/// The catalog shipped with socscope.
pub const BUILTIN_RULES: &str = include_str!("rules.toml");
/// Name used for the built-in catalog in messages.
pub const BUILTIN_NAME: &str = "built-in rules.toml";

/// Keywords shorter than this (in characters, after normalization) fire inside too many
/// unrelated words and abbreviations; write a phrase instead ("dr plan", not "dr").
pub const MIN_KEYWORD_CHARS: usize = 3;

/// Decision thresholds, settable in the catalog's `[settings]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Questions on an optional SOC 2 category (Availability, Confidentiality, Processing
    /// Integrity, Privacy) before it is in scope without an explicit request.
    pub category_min_questions: u32,
    /// SOC 1 questions before SOC 1 is recommended without an explicit request.
    pub soc1_min_questions: u32,
    /// Of those, questions whose SOC 1 tags come from a specific rule or from a control word
    /// beside a money subject, not only from a bare business noun: a functional tender
    /// mentions "invoices", "treasury" and "the ERP" without asking about financial controls.
    /// A form where such questions are at least half of the questions outside SOC 2 (a short
    /// finance form, or the finance part of a short mixed one) needs no more.
    pub soc1_min_specific_questions: u32,
    /// Questions on SOC 2 topics (outside SOC 1 context) before SOC 2 is recommended without an
    /// explicit request.
    pub soc2_min_questions: u32,
    /// Of those, questions whose tags come from a specific rule, not only from generic
    /// `fallback` words: a form of functional and commercial items mentions "alerts" and
    /// "authorized" without asking about security. A form where such questions are at least
    /// half of all questions (a short security addendum) needs no more.
    pub soc2_min_specific_questions: u32,
    /// In a long questionnaire a handful of questions is incidental: an optional category
    /// also needs at least this share of the customer's matched questions.
    pub category_min_share: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            category_min_questions: 3,
            soc1_min_questions: 3,
            soc1_min_specific_questions: 4,
            soc2_min_questions: 3,
            soc2_min_specific_questions: 4,
            category_min_share: 0.05,
        }
    }
}

/// Where a rule was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Catalog file name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A keyword as written in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    /// As written (without a trailing `*`).
    pub text: String,
    /// Normalized the way question text is before matching.
    pub normalized: String,
    /// Written with a trailing `*`: matches any word that starts with it ("encrypt*" ->
    /// encrypted, encryption).
    pub prefix: bool,
}

/// Where a rule sends a question: SOC 2 criteria and categories, SOC 1 areas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    /// SOC 2 criteria, in reference order.
    pub criteria: Vec<Criterion>,
    /// SOC 2 categories: those of the criteria plus any named directly.
    pub categories: CategorySet,
    /// SOC 1 areas, as indices into [`Catalog::soc1_areas`], in catalog order.
    pub soc1_areas: Vec<usize>,
}

impl Targets {
    /// Whether they point nowhere.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.soc1_areas.is_empty()
    }
}

/// One rule: keywords and where they point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Short topic used in rationales ("encryption", "payroll").
    pub topic: String,
    /// Words and phrases that fire the rule.
    pub keywords: Vec<Keyword>,
    /// Where the rule points.
    pub targets: Targets,
    /// Where it points instead when a rule with one of these subjects also fires in the
    /// question ("retention period" is about personal data when personal data is named).
    pub under: Vec<(String, Targets)>,
    /// Request signals.
    pub signals: SignalSet,
    /// Its targets count only when no other (non-fallback) rule fires: for words that name the
    /// data or system a question is about ("personal data", "the payroll system") or that are
    /// too general to be a topic on their own ("access", "changes", "monitored").
    pub fallback: bool,
    /// The subject it names, for other rules' `under` variants.
    pub subject: Option<String>,
    /// A subject its firing gives the rules beside it, as `subject` does, while it stays a
    /// topic of its own tier: "accuracy" is a processing-integrity topic that also says the
    /// question is about data flowing, so "monitored" beside it reads its `data-flow` variant.
    pub implies: Option<String>,
    /// Its keywords tag only beside another rule's keyword: words too common to be a topic
    /// when a line holds nothing else ("alerts", "onboarding", "badges" on a product-feature
    /// line), which are still the topic beside other words.
    pub weak: bool,
    /// A shadow phrase: it matches (so a shorter keyword inside it does not) but tags nothing,
    /// and, being specific, silences fallbacks elsewhere in the question.
    pub ignore: bool,
    /// A company-profile topic (insurance, customer references): a question that names it maps
    /// to nothing at all, whatever else it mentions (CONTRACT.md). Request signals still count.
    pub profile: bool,
    /// Where it was defined.
    pub origin: Origin,
}

impl Rule {
    /// Whether two rules send a keyword to the same places.
    fn same_targets(&self, other: &Rule) -> bool {
        self.targets == other.targets
            && self.under == other.under
            && self.signals == other.signals
            && self.fallback == other.fallback
            && self.subject == other.subject
            && self.implies == other.implies
            && self.weak == other.weak
            && self.ignore == other.ignore
            && self.profile == other.profile
    }
}

/// The validated catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Decision thresholds.
    pub settings: Settings,
    /// SOC 1 area names, in catalog order.
    pub soc1_areas: Vec<String>,
    /// Subjects a sheet's name or a section's title may give every question under it
    /// ("Financial Controls" names `money`): see `Matcher::context_subjects`.
    pub context_subjects: Vec<String>,
    /// Rules, in catalog order.
    pub rules: Vec<Rule>,
}

/// A catalog that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    /// File and line.
    pub origin: Origin,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    settings: Option<RawSettings>,
    #[serde(default)]
    soc1_areas: Vec<Spanned<String>>,
    #[serde(default)]
    context_subjects: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    category_min_questions: Option<u32>,
    soc1_min_questions: Option<u32>,
    soc1_min_specific_questions: Option<u32>,
    soc2_min_questions: Option<u32>,
    soc2_min_specific_questions: Option<u32>,
    category_min_share: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    /// Word lists whose every combination, one word from each list in order joined by a
    /// space, is a further keyword: `[["patient", "member"], ["data", "records"]]`.
    #[serde(default)]
    combine: Option<Spanned<Vec<Vec<String>>>>,
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    soc1: Vec<String>,
    #[serde(default)]
    signals: Vec<String>,
    #[serde(default)]
    fallback: bool,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    implies: Option<String>,
    #[serde(default)]
    under: indexmap::IndexMap<String, RawTargets>,
    #[serde(default)]
    weak: bool,
    #[serde(default)]
    ignore: bool,
    #[serde(default)]
    profile: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    soc1: Vec<String>,
}

/// Appends each name not already in `list` (by `same`); an empty name is an error on its line.
fn add_names(
    list: &mut Vec<String>,
    names: Vec<Spanned<String>>,
    what: &str,
    origin_at: &dyn Fn(usize) -> Origin,
    same: fn(&str, &str) -> bool,
) -> Result<(), CatalogError> {
    for name in names {
        let text = name.get_ref().trim().to_string();
        if text.is_empty() {
            return Err(CatalogError {
                origin: origin_at(name.span().start),
                message: format!("empty {what} name"),
            });
        }
        if !list.iter().any(|existing| same(existing, &text)) {
            list.push(text);
        }
    }
    Ok(())
}

impl Catalog {
    /// The built-in catalog.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog {
            settings: Settings::default(),
            soc1_areas: Vec::new(),
            context_subjects: Vec::new(),
            rules: Vec::new(),
        };
        catalog.merge(BUILTIN_NAME, BUILTIN_RULES)?;
        catalog.check_keywords()?;
        Ok(catalog)
    }

    /// The built-in catalog merged with the user's file, if any.
    pub fn load(user_file: Option<&Path>) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::builtin()?;
        if let Some(path) = user_file {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| CatalogError {
                origin: Origin {
                    file: name.clone(),
                    line: 0,
                },
                message: format!("cannot read the rules file: {e}"),
            })?;
            catalog.merge(&name, &text)?;
            catalog.check_keywords()?;
        }
        Ok(catalog)
    }

    /// Adds the rules of `text` (named `file` in errors): a rule whose id exists replaces it,
    /// `disable = [...]` removes rules, `[settings]` values replace the current ones, and
    /// `soc1_areas` and `context_subjects` add names.
    pub fn merge(&mut self, file: &str, text: &str) -> Result<(), CatalogError> {
        let lines = LineIndex::new(text);
        let origin_at = |offset: usize| Origin {
            file: file.to_string(),
            line: lines.line_of(offset),
        };
        let raw: RawCatalog = toml::from_str(text).map_err(|e| CatalogError {
            origin: origin_at(e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_string(),
        })?;
        if let Some(settings) = raw.settings {
            let current = &mut self.settings;
            current.category_min_questions = settings
                .category_min_questions
                .unwrap_or(current.category_min_questions);
            current.soc1_min_questions = settings
                .soc1_min_questions
                .unwrap_or(current.soc1_min_questions);
            current.soc1_min_specific_questions = settings
                .soc1_min_specific_questions
                .unwrap_or(current.soc1_min_specific_questions);
            current.soc2_min_questions = settings
                .soc2_min_questions
                .unwrap_or(current.soc2_min_questions);
            current.soc2_min_specific_questions = settings
                .soc2_min_specific_questions
                .unwrap_or(current.soc2_min_specific_questions);
            if let Some(share) = settings.category_min_share {
                if !(0.0..=1.0).contains(&share) {
                    return Err(CatalogError {
                        origin: origin_at(0),
                        message: format!(
                            "settings: category_min_share must be between 0 and 1, not {share}"
                        ),
                    });
                }
                current.category_min_share = share;
            }
        }
        // Area names are compared as a reader would (case aside); subjects are identifiers.
        add_names(
            &mut self.soc1_areas,
            raw.soc1_areas,
            "SOC 1 area",
            &origin_at,
            |a, b| a.eq_ignore_ascii_case(b),
        )?;
        add_names(
            &mut self.context_subjects,
            raw.context_subjects,
            "context subject",
            &origin_at,
            |a, b| a == b,
        )?;
        for id in raw.disable {
            let before = self.rules.len();
            self.rules.retain(|r| r.id != *id.get_ref());
            if self.rules.len() == before {
                return Err(CatalogError {
                    origin: origin_at(id.span().start),
                    message: format!("cannot disable rule '{}': no such rule", id.get_ref()),
                });
            }
        }
        let mut ids_in_file: HashMap<String, Origin> = HashMap::new();
        for spanned in raw.rule {
            let origin = origin_at(spanned.span().start);
            let rule = self.build_rule(spanned.into_inner(), origin.clone(), &origin_at)?;
            if let Some(first) = ids_in_file.insert(rule.id.clone(), origin.clone()) {
                return Err(CatalogError {
                    origin,
                    message: format!("duplicate rule id '{}' (first defined at {first})", rule.id),
                });
            }
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    fn build_rule(
        &self,
        raw: RawRule,
        origin: Origin,
        origin_at: &dyn Fn(usize) -> Origin,
    ) -> Result<Rule, CatalogError> {
        let fail = |message: String| CatalogError {
            origin: origin.clone(),
            message: format!("rule '{}': {message}", raw.id),
        };
        if raw.id.trim().is_empty() {
            return Err(fail("empty rule id".into()));
        }
        let combined = match &raw.combine {
            Some(lists) => {
                let at = lists.span().start;
                if lists.get_ref().is_empty() || lists.get_ref().iter().any(Vec::is_empty) {
                    return Err(CatalogError {
                        origin: origin_at(at),
                        message: format!("rule '{}': combine has an empty word list", raw.id),
                    });
                }
                combinations(lists.get_ref())
                    .into_iter()
                    .map(|keyword| (keyword, at))
                    .collect()
            }
            None => Vec::new(),
        };
        if raw.keywords.is_empty() && combined.is_empty() {
            return Err(fail("no keywords".into()));
        }
        let written_keywords = raw
            .keywords
            .iter()
            .map(|spanned| (spanned.get_ref().clone(), spanned.span().start));
        let mut keywords: Vec<Keyword> = Vec::new();
        // A combination may repeat a keyword written out in the same rule; a set, because
        // a combined rule holds hundreds of keywords and this runs at every start-up.
        let mut seen = rustc_hash::FxHashSet::default();
        for (written, at) in written_keywords.chain(combined) {
            let written = written.trim();
            let keyword_error = |message: String| CatalogError {
                origin: origin_at(at),
                message: format!("rule '{}': {message}", raw.id),
            };
            let (body, prefix) = match written.strip_suffix('*') {
                Some(body) => (body.trim_end(), true),
                None => (written, false),
            };
            if body.contains('*') {
                return Err(keyword_error(format!(
                    "keyword '{written}': '*' is only allowed at the end"
                )));
            }
            let normalized = crate::matcher::normalize(body);
            if normalized.is_empty() {
                return Err(keyword_error("empty keyword".into()));
            }
            if normalized.chars().filter(|c| c.is_alphanumeric()).count() < MIN_KEYWORD_CHARS {
                return Err(keyword_error(format!(
                    "keyword '{written}' is too short to match reliably: use a longer phrase"
                )));
            }
            if !seen.insert((normalized.clone(), prefix)) {
                continue;
            }
            keywords.push(Keyword {
                text: body.to_string(),
                normalized,
                prefix,
            });
        }
        let targets = self.build_targets(&raw.criteria, &raw.categories, &raw.soc1, &fail)?;
        let mut under = Vec::new();
        for (subject, variant) in &raw.under {
            let variant_targets =
                self.build_targets(&variant.criteria, &variant.categories, &variant.soc1, &fail)?;
            if variant_targets.is_empty() {
                return Err(fail(format!(
                    "the variant under '{subject}' maps to nothing"
                )));
            }
            under.push((subject.trim().to_string(), variant_targets));
        }
        let mut signals = SignalSet::default();
        for name in &raw.signals {
            signals.insert(
                Signal::parse(name).ok_or_else(|| fail(format!("unknown signal '{name}'")))?,
            );
        }
        let maps_somewhere = !targets.is_empty() || !signals.is_empty();
        if raw.ignore && raw.profile {
            return Err(fail("a rule is either ignore or profile, not both".into()));
        }
        let silent = raw.ignore || raw.profile;
        if silent
            && (maps_somewhere
                || !under.is_empty()
                || raw.fallback
                || raw.subject.is_some()
                || raw.implies.is_some()
                || raw.weak)
        {
            return Err(fail(
                "an ignore or profile rule cannot also map anywhere, be a fallback or weak, or name or imply a subject".into(),
            ));
        }
        // A fallback that only names a subject ("fees", "prices") tags nothing itself: it
        // tells the generic words beside it what they are about.
        let subject_marker = raw.fallback && raw.subject.is_some() && under.is_empty();
        if !silent && !maps_somewhere && !subject_marker {
            return Err(fail(
                "maps to nothing: give it criteria, categories, soc1 areas or signals, make it a fallback that names a subject, or set ignore or profile = true"
                    .into(),
            ));
        }
        if raw.subject.as_deref().is_some_and(|s| s.trim().is_empty())
            || raw.implies.as_deref().is_some_and(|s| s.trim().is_empty())
        {
            return Err(fail("empty subject name".into()));
        }
        Ok(Rule {
            topic: raw.topic.unwrap_or_else(|| raw.id.replace(['-', '_'], " ")),
            id: raw.id,
            keywords,
            targets,
            under,
            signals,
            fallback: raw.fallback,
            subject: raw.subject.map(|s| s.trim().to_string()),
            implies: raw.implies.map(|s| s.trim().to_string()),
            weak: raw.weak,
            ignore: raw.ignore,
            profile: raw.profile,
            origin,
        })
    }

    fn build_targets(
        &self,
        criteria_ids: &[String],
        category_names: &[String],
        area_names: &[String],
        fail: &dyn Fn(String) -> CatalogError,
    ) -> Result<Targets, CatalogError> {
        let mut criteria = Vec::new();
        for id in criteria_ids {
            let criterion = Criterion::parse(id).ok_or_else(|| {
                fail(format!(
                    "unknown SOC 2 criterion '{id}': use one of the 61 ids of the 2017 Trust Services Criteria"
                ))
            })?;
            if !criteria.contains(&criterion) {
                criteria.push(criterion);
            }
        }
        criteria.sort();
        let mut categories: CategorySet = criteria.iter().map(|c| c.category()).collect();
        for name in category_names {
            let category =
                Category::parse(name).ok_or_else(|| fail(format!("unknown category '{name}'")))?;
            categories.insert(category);
        }
        let mut soc1_areas = Vec::new();
        for name in area_names {
            let index = self
                .soc1_areas
                .iter()
                .position(|a| a.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| {
                    fail(format!(
                        "unknown SOC 1 area '{name}': declare it in soc1_areas"
                    ))
                })?;
            if !soc1_areas.contains(&index) {
                soc1_areas.push(index);
            }
        }
        soc1_areas.sort_unstable();
        Ok(Targets {
            criteria,
            categories,
            soc1_areas,
        })
    }

    /// One keyword must mean one thing: the same keyword in two rules with different targets is
    /// an error naming both.
    fn check_keywords(&self) -> Result<(), CatalogError> {
        let subjects: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| [r.subject.as_deref(), r.implies.as_deref()])
            .flatten()
            .collect();
        let read: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| r.under.iter().map(|(s, _)| s.as_str()))
            .collect();
        for rule in &self.rules {
            if let Some((subject, _)) = rule
                .under
                .iter()
                .find(|(s, _)| !subjects.contains(&s.as_str()))
            {
                return Err(CatalogError {
                    origin: rule.origin.clone(),
                    message: format!("rule '{}': no rule names the subject '{subject}'", rule.id),
                });
            }
            // An implied subject nobody reads is a typo.
            if let Some(implied) = rule.implies.as_deref().filter(|i| !read.contains(i)) {
                return Err(CatalogError {
                    origin: rule.origin.clone(),
                    message: format!(
                        "rule '{}': implies the subject '{implied}', which no rule's `under` reads",
                        rule.id
                    ),
                });
            }
        }
        let mut owner: HashMap<(&str, bool), &Rule> = HashMap::new();
        for rule in &self.rules {
            for keyword in &rule.keywords {
                let first = owner.insert((keyword.normalized.as_str(), keyword.prefix), rule);
                if let Some(first) = first.filter(|f| f.id != rule.id && !f.same_targets(rule)) {
                    return Err(CatalogError {
                        origin: rule.origin.clone(),
                        message: format!(
                            "rule '{}': keyword '{}' is also in rule '{}' ({}) with different targets",
                            rule.id, keyword.text, first.id, first.origin
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Byte offset -> 1-based line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Every phrase made of one word from each list, in order: `[["a", "b"], ["x"]]` gives
/// `["a x", "b x"]`.
fn combinations(lists: &[Vec<String>]) -> Vec<String> {
    lists.iter().fold(vec![String::new()], |phrases, words| {
        phrases
            .iter()
            .flat_map(|phrase| {
                words.iter().map(move |word| {
                    if phrase.is_empty() {
                        word.trim().to_string()
                    } else {
                        format!("{phrase} {}", word.trim())
                    }
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests;
