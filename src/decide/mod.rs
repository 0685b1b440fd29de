//! Stage 5: a customer's tagged questions -> which report satisfies them, and why.
//!
//! The rules (CONTRACT.md, DOMAIN.md), with the thresholds in the catalog's `[settings]`:
//!
//! - **SOC 1** when the customer names a SOC 1 (or ISAE 3402) report, or asks at least
//!   `soc1_min_questions` questions about controls over their financial reporting.
//! - **SOC 2** when the customer names a SOC 2 (or SOC 3) report, or asks at least
//!   `soc2_min_questions` questions about protecting systems and data outside a SOC 1 context.
//!   When SOC 1 is needed, security questions are a normal part of financial due diligence
//!   (IT general controls are in a SOC 1's scope), so SOC 2 is added only when those
//!   questions are at least half as many as the SOC 1 ones. "SSAE 18" alone asks for an
//!   audit report, which is usually a SOC 2.
//! - **Categories**: Security always; Availability, Confidentiality, Processing Integrity and
//!   Privacy when a question naming a SOC 2/SOC 3 report names them, or when at least
//!   `category_min_questions` questions, and at least `category_min_share` of the customer's
//!   matched questions, are about them. One incidental keyword is not enough, and neither are
//!   five in a 300-question form. Beside a SOC 1, a category whose every question is also a
//!   SOC 1 question (the accuracy of payment files) is left to the SOC 1.
//! - **Type**: Type 2, unless the customer accepts a Type 1 / point-in-time / readiness report
//!   and nowhere asks for Type 2 or for a period of operating effectiveness.
//! - **Also requested**: SOC 3, ISO 27001, ISAE 3402, bridge letter, HIPAA BAA, PCI DSS, NDA,
//!   whenever a question asks for them.
//!
//! Values in, values out: [`CustomerTally`] is built question by question, [`decide`] turns it
//! into a [`Decision`] with a one-sentence rationale that names the evidence.

use std::collections::HashMap;

use crate::catalog::{Category, CategorySet, Criterion, Settings, Signal, SignalSet};
use crate::matcher::{Matcher, Tags};

/// Evidence gathered for one customer, question by question. Small: counts only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerTally {
    /// Files read.
    pub files: u64,
    /// Distinct questions.
    pub questions: u64,
    /// Questions with at least one framework.
    pub matched: u64,
    /// Questions tagged SOC 1.
    pub soc1_questions: u64,
    /// Of those, the questions whose SOC 1 tags come from a specific rule or a money context.
    pub soc1_specific_questions: u64,
    /// Questions tagged SOC 2 and not SOC 1.
    pub soc2_only_questions: u64,
    /// Of those, the questions whose SOC 2 tags come from a specific rule.
    pub soc2_only_specific_questions: u64,
    /// Questions per category, in [`Category::ALL`] order.
    pub category_questions: [u64; 5],
    /// Questions per category that are not also SOC 1 questions.
    pub category_questions_outside_soc1: [u64; 5],
    /// Questions per signal, in [`Signal::ALL`] order.
    pub signal_questions: [u64; 12],
    /// Categories named in a question that names a SOC 2 or SOC 3 report.
    pub requested_categories: CategorySet,
    /// Questions per criterion, by [`Criterion::index`] (sized on first use).
    pub criterion_questions: Vec<u64>,
    /// Questions per SOC 1 area, by index into the catalog's areas (sized on first use).
    pub soc1_area_questions: Vec<u64>,
    /// Questions per (scope, topic): scope 0 is SOC 1, 1..=5 the categories.
    topics: HashMap<(u8, usize), u64>,
}

impl CustomerTally {
    /// Counts one distinct question.
    pub fn add(&mut self, tags: &Tags) {
        self.questions += 1;
        if tags.matched() {
            self.matched += 1;
        }
        let soc1 = tags.soc1();
        if soc1 {
            self.soc1_questions += 1;
            if tags.specific_soc1 {
                self.soc1_specific_questions += 1;
            }
        } else if tags.soc2() {
            self.soc2_only_questions += 1;
            if tags.specific_soc2 {
                self.soc2_only_specific_questions += 1;
            }
        }
        for category in tags.categories.iter() {
            self.category_questions[category as usize] += 1;
            if !soc1 {
                self.category_questions_outside_soc1[category as usize] += 1;
            }
        }
        for signal in tags.signals.iter() {
            self.signal_questions[signal as usize] += 1;
        }
        if tags.signals.contains(Signal::Soc2) || tags.signals.contains(Signal::Soc3) {
            self.requested_categories = self.requested_categories.union(tags.categories);
        }
        for criterion in &tags.criteria {
            bump(&mut self.criterion_questions, criterion.index());
        }
        for &area in &tags.soc1_areas {
            bump(&mut self.soc1_area_questions, area);
        }
        for &scope_topic in &tags.topics {
            *self.topics.entry(scope_topic).or_default() += 1;
        }
    }

    /// Questions mapped to `criterion`.
    pub fn criterion(&self, criterion: Criterion) -> u64 {
        self.criterion_questions
            .get(criterion.index())
            .copied()
            .unwrap_or(0)
    }

    /// Questions mapped to the SOC 1 area at `area` in the catalog's list.
    pub fn soc1_area(&self, area: usize) -> u64 {
        self.soc1_area_questions.get(area).copied().unwrap_or(0)
    }

    fn signal(&self, signal: Signal) -> u64 {
        self.signal_questions[signal as usize]
    }

    fn category(&self, category: Category) -> u64 {
        self.category_questions[category as usize]
    }

    /// The most asked-about topics of a scope, most frequent first.
    fn top_topics<'m>(&self, scope: u8, matcher: &'m Matcher, limit: usize) -> Vec<&'m str> {
        let mut topics: Vec<(u64, &str)> = self
            .topics
            .iter()
            .filter(|((s, _), _)| *s == scope)
            .map(|(&(_, topic), &n)| (n, matcher.topic_name(topic)))
            .collect();
        topics.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        topics.into_iter().take(limit).map(|(_, t)| t).collect()
    }
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    /// Financial reporting controls only.
    Soc1,
    /// Systems and data only.
    Soc2,
    /// Both needs are present.
    Both,
    /// Nothing SOC-relevant asked.
    None,
}

impl Recommendation {
    /// The `recommendation` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::Soc1 => "SOC 1",
            Recommendation::Soc2 => "SOC 2",
            Recommendation::Both => "SOC 1 + SOC 2",
            Recommendation::None => "none",
        }
    }

    /// Includes a SOC 1.
    pub fn soc1(self) -> bool {
        matches!(self, Recommendation::Soc1 | Recommendation::Both)
    }

    /// Includes a SOC 2.
    pub fn soc2(self) -> bool {
        matches!(self, Recommendation::Soc2 | Recommendation::Both)
    }
}

/// Type 1 or Type 2 (ordered: a Type 2 satisfies a Type 1 need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportType {
    /// Design as of a date.
    Type1,
    /// Operating effectiveness over a period.
    Type2,
}

impl ReportType {
    /// The `report_type` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportType::Type1 => "Type 1",
            ReportType::Type2 => "Type 2",
        }
    }
}

/// The summary row's decision columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Which report.
    pub recommendation: Recommendation,
    /// Which type, unless the recommendation is none.
    pub report_type: Option<ReportType>,
    /// SOC 2 categories in scope (empty without SOC 2).
    pub soc2_categories: CategorySet,
    /// Other assurance asked for, in a fixed order.
    pub also_requested: Vec<&'static str>,
    /// One sentence naming the evidence.
    pub rationale: String,
}

/// One customer's evidence and decision: a row of `summary.csv`.
#[derive(Debug, Clone)]
pub struct CustomerResult {
    /// The customer's name.
    pub name: String,
    /// What their questions showed.
    pub tally: CustomerTally,
    /// What they need.
    pub decision: Decision,
}

/// Decides for every customer, in the order given.
pub fn decide_all(
    tallies: impl IntoIterator<Item = (String, CustomerTally)>,
    settings: &Settings,
    matcher: &Matcher,
) -> Vec<CustomerResult> {
    tallies
        .into_iter()
        .map(|(name, tally)| {
            let decision = decide(&tally, settings, matcher);
            CustomerResult {
                name,
                tally,
                decision,
            }
        })
        .collect()
}

/// Other assurance, in output order, with the signal that asks for it.
const ALSO_REQUESTED: [(Signal, &str); 7] = [
    (Signal::Soc3, "SOC 3"),
    (Signal::Iso27001, "ISO 27001"),
    (Signal::Isae3402, "ISAE 3402"),
    (Signal::BridgeLetter, "bridge letter"),
    (Signal::Hipaa, "HIPAA BAA"),
    (Signal::PciDss, "PCI DSS"),
    (Signal::Nda, "NDA"),
];

/// Whether `specific` questions are evidence enough: the minimum, or at least half of the
/// `pool` of questions they are drawn from (a short form needs no more).
fn enough_specific(specific: u64, minimum: u32, pool: u64) -> bool {
    specific >= u64::from(minimum) || specific * 2 >= pool
}

/// Decides for one customer.
pub fn decide(tally: &CustomerTally, settings: &Settings, matcher: &Matcher) -> Decision {
    let explicit_soc1 = tally.signal(Signal::Soc1) > 0 || tally.signal(Signal::Isae3402) > 0;
    let explicit_soc2 = tally.signal(Signal::Soc2) > 0 || tally.signal(Signal::Soc3) > 0;
    // Specific evidence, as for SOC 2 below: a tender mentioning "price changes", "timesheets"
    // and "redemptions" among thirty product features is no SOC 1; a short form, or the
    // finance part of a short form that also asks about security, is.
    let outside_soc2 = tally.questions.saturating_sub(tally.soc2_only_questions);
    let soc1 = explicit_soc1
        || (tally.soc1_questions >= u64::from(settings.soc1_min_questions)
            && enough_specific(
                tally.soc1_specific_questions,
                settings.soc1_min_specific_questions,
                outside_soc2,
            ));
    // A short security form ("MFA? incident response? firewalls?") is all specific questions
    // and needs no more of them; a long tender with three specific ones in passing does.
    let enough_soc2 = tally.soc2_only_questions >= u64::from(settings.soc2_min_questions)
        && enough_specific(
            tally.soc2_only_specific_questions,
            settings.soc2_min_specific_questions,
            tally.questions,
        );
    let mut soc2 = explicit_soc2
        || (enough_soc2 && (!soc1 || tally.soc2_only_questions * 2 >= tally.soc1_questions));
    if !soc1 && !soc2 && tally.signal(Signal::Ssae18) > 0 {
        soc2 = true;
    }
    let recommendation = match (soc1, soc2) {
        (true, true) => Recommendation::Both,
        (true, false) => Recommendation::Soc1,
        (false, true) => Recommendation::Soc2,
        (false, false) => Recommendation::None,
    };
    let mut categories = CategorySet::default();
    if soc2 {
        categories.insert(Category::Security);
        let by_share = (settings.category_min_share * tally.matched as f64).ceil() as u64;
        let needed = u64::from(settings.category_min_questions).max(by_share);
        for category in &Category::ALL[1..] {
            // Beside a SOC 1, a category whose every question is also about financial
            // reporting ("are payment files validated for completeness?") is the SOC 1's to
            // answer: it comes into the SOC 2 only with questions of its own.
            let own = tally.category_questions_outside_soc1[*category as usize];
            let asked = if soc1 && own == 0 {
                0
            } else {
                tally.category(*category)
            };
            if tally.requested_categories.contains(*category) || asked >= needed {
                categories.insert(*category);
            }
        }
    }
    let report_type = (recommendation != Recommendation::None).then(|| {
        if tally.signal(Signal::Type1) > 0 && tally.signal(Signal::Type2) == 0 {
            ReportType::Type1
        } else {
            ReportType::Type2
        }
    });
    let also_requested: Vec<&'static str> = ALSO_REQUESTED
        .iter()
        .filter(|(signal, _)| tally.signal(*signal) > 0)
        .map(|&(_, name)| name)
        .collect();
    let rationale = rationale(
        tally,
        recommendation,
        report_type,
        categories,
        &also_requested,
        matcher,
    );
    Decision {
        recommendation,
        report_type,
        soc2_categories: categories,
        also_requested,
        rationale,
    }
}

fn rationale(
    tally: &CustomerTally,
    recommendation: Recommendation,
    report_type: Option<ReportType>,
    categories: CategorySet,
    also: &[&str],
    matcher: &Matcher,
) -> String {
    let listed = |topics: Vec<&str>| -> String {
        match topics.as_slice() {
            [] => String::new(),
            [one] => format!(" ({one})"),
            [init @ .., last] => format!(" ({} and {last})", init.join(", ")),
        }
    };
    let mut parts: Vec<String> = Vec::new();
    if recommendation.soc1() {
        let mut part = format!(
            "{} {} on financial-reporting controls{}",
            tally.soc1_questions,
            plural(tally.soc1_questions, "question", "questions"),
            listed(tally.top_topics(0, matcher, 3))
        );
        if tally.signal(Signal::Soc1) > 0 || tally.signal(Signal::Isae3402) > 0 {
            part.push_str(", naming a SOC 1 or ISAE 3402 report");
        }
        parts.push(part);
    }
    if recommendation.soc2() {
        for category in categories.iter() {
            let n = tally.category(category);
            let scope = category as u8 + 1;
            let mut part = format!(
                "{n} {} on {}{}",
                plural(n, "question", "questions"),
                category.name().to_lowercase(),
                listed(tally.top_topics(scope, matcher, 3))
            );
            if category != Category::Security && tally.requested_categories.contains(category) {
                part.push_str(", asked for by name");
            }
            parts.push(part);
        }
        let named: Vec<&str> = [(Signal::Soc2, "SOC 2"), (Signal::Soc3, "SOC 3")]
            .iter()
            .filter(|(s, _)| tally.signal(*s) > 0)
            .map(|&(_, n)| n)
            .collect();
        if !named.is_empty() {
            parts.push(format!("names a {} report", named.join(" and a ")));
        } else if tally.signal(Signal::Ssae18) > 0 && tally.soc2_only_questions < 3 {
            parts.push("asks for an SSAE 18 audit report, usually a SOC 2".into());
        }
    }
    match report_type {
        Some(ReportType::Type1) => {
            parts.push("accepts a Type 1 (point-in-time) report and never asks for Type 2".into())
        }
        Some(ReportType::Type2) if tally.signal(Signal::Type2) > 0 => {
            parts.push("asks for a Type 2 report covering a period".into());
        }
        Some(ReportType::Type2) => {
            parts.push("names no report type, so Type 2, which most customers expect".into())
        }
        None => {}
    }
    if !also.is_empty() {
        parts.push(format!("also asks for {}", and_list(also)));
    }
    if recommendation == Recommendation::None {
        let lead = match tally.questions {
            0 => "No questions were found".to_string(),
            n => format!(
                "None of the {n} {} is about SOC 1 or SOC 2 controls (company profile or other requests)",
                plural(n, "question", "questions")
            ),
        };
        parts.insert(0, lead);
    }
    let mut sentence = parts.join("; ");
    if let Some(first) = sentence.get(..1) {
        let upper = first.to_uppercase();
        sentence.replace_range(..1, &upper);
    }
    sentence.push('.');
    sentence
}

fn bump(counts: &mut Vec<u64>, index: usize) {
    if counts.len() <= index {
        counts.resize(index + 1, 0);
    }
    counts[index] += 1;
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The `soc2_categories` column.
pub fn categories_field(categories: CategorySet) -> String {
    categories
        .iter()
        .map(Category::name)
        .collect::<Vec<_>>()
        .join(";")
}

/// The signals of a set, for messages.
pub fn signal_names(signals: SignalSet) -> Vec<&'static str> {
    signals.iter().map(Signal::name).collect()
}

#[cfg(test)]
mod tests;
