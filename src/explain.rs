//! `socscope explain`: which rules fire on a sentence, what each contributes, and the tags
//! that result. The same code path as `analyze` (normalize, hits, targets in context), shown
//! step by step, so a surprising tag can be traced to one line of the catalog.

use std::fmt;

use crate::catalog::{Category, Targets};
use crate::matcher::{Matcher, Tags, normalize};

/// One rule that fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiredRule {
    /// Rule id.
    pub rule: String,
    /// Where it is defined (`file:line`).
    pub origin: String,
    /// The keyword as written in the catalog, and the text it matched.
    pub keyword: String,
    /// The text it matched in the normalized question.
    pub matched: String,
    /// What it contributes here, or why it contributes nothing.
    pub effect: String,
}

/// The explanation of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The text as given.
    pub text: String,
    /// The text as the matcher sees it.
    pub normalized: String,
    /// The sheet the question is read on, if one was given, and the subjects its name gives.
    pub sheet: Option<(String, Vec<String>)>,
    /// The section the question is read in, if one was given, and the subjects its title
    /// gives.
    pub section: Option<(String, Vec<String>)>,
    /// Rules that fired, in order of appearance.
    pub fired: Vec<FiredRule>,
    /// The resulting `frameworks`, `categories`, `criteria`, `keywords`, `signals` columns.
    pub columns: [(&'static str, String); 5],
}

/// Explains `text` against `matcher`'s catalog.
pub fn explain(matcher: &Matcher, text: &str) -> Explanation {
    explain_in_place(matcher, text, None, None)
}

/// Explains `text` as `analyze` tags it on a sheet called `sheet`, in a section titled
/// `section`, whose names may give it context subjects (see `Matcher::context_of`).
pub fn explain_in_place(
    matcher: &Matcher,
    text: &str,
    sheet: Option<&str>,
    section: Option<&str>,
) -> Explanation {
    let context = matcher.context_of(sheet.unwrap_or_default(), section.unwrap_or_default());
    let normalized = normalize(text);
    let hits = matcher.hits(&normalized);
    let contributions = matcher.targets_in_context(&hits, &context);
    let catalog = matcher.catalog();
    let fired = hits
        .iter()
        .zip(&contributions)
        .map(|(hit, targets)| {
            let rule = &catalog.rules[hit.rule];
            let keyword = &rule.keywords[hit.keyword];
            let effect = if rule.ignore {
                "ignore phrase: matches so that shorter keywords inside it do not".to_string()
            } else if rule.profile {
                "company-profile topic: the question maps to nothing".to_string()
            } else if rule.targets.is_empty() && rule.signals.is_empty() {
                let subject = rule.subject.as_deref().unwrap_or_default();
                format!(
                    "names the subject '{subject}' for the rules beside it; tags nothing itself"
                )
            } else {
                match targets {
                    None if hits.iter().any(|h| catalog.rules[h.rule].profile) => {
                        "nothing: a company-profile topic is named".to_string()
                    }
                    None if rule.weak && matcher.fired_alone(&hits, hit) => {
                        "nothing: a weak keyword, and no other keyword fired".to_string()
                    }
                    None => "nothing: a fallback, and a more specific rule fired".to_string(),
                    Some(t) => {
                        describe(matcher, t, rule.signals.iter().map(|s| s.name()).collect())
                    }
                }
            };
            FiredRule {
                rule: rule.id.clone(),
                origin: rule.origin.to_string(),
                keyword: format!("{}{}", keyword.text, if keyword.prefix { "*" } else { "" }),
                matched: normalized[hit.start..hit.end].to_string(),
                effect,
            }
        })
        .collect();
    let tags: Tags = matcher.tags_from_hits(&normalized, &hits, &context);
    Explanation {
        text: text.to_string(),
        normalized: normalized.clone(),
        sheet: sheet.map(|name| (name.to_string(), matcher.context_subjects(name))),
        section: section.map(|title| (title.to_string(), matcher.context_subjects(title))),
        fired,
        columns: [
            ("frameworks", matcher.frameworks_field(&tags)),
            ("categories", matcher.categories_field(&tags)),
            ("criteria", matcher.criteria_field(&tags)),
            ("keywords", matcher.keywords_field(&tags)),
            ("signals", matcher.signals_field(&tags)),
        ],
    }
}

fn describe(matcher: &Matcher, targets: &Targets, signals: Vec<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !targets.criteria.is_empty() {
        let ids: Vec<&str> = targets.criteria.iter().map(|c| c.id()).collect();
        parts.push(ids.join(", "));
    }
    let categories: Vec<&str> = targets.categories.iter().map(Category::name).collect();
    if !categories.is_empty() {
        parts.push(format!("({})", categories.join(", ")));
    }
    for &area in &targets.soc1_areas {
        parts.push(format!("SOC 1: {}", matcher.catalog().soc1_areas[area]));
    }
    if !signals.is_empty() {
        parts.push(format!("signals: {}", signals.join(", ")));
    }
    parts.join(" ")
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "text:       {}", self.text)?;
        writeln!(f, "normalized: {}", self.normalized)?;
        for (label, place) in [("sheet:  ", &self.sheet), ("section:", &self.section)] {
            let Some((name, subjects)) = place else {
                continue;
            };
            if subjects.is_empty() {
                writeln!(f, "{label}    {name} (gives no context subjects)")?;
            } else {
                writeln!(
                    f,
                    "{label}    {name} (context subjects: {})",
                    subjects.join(", ")
                )?;
            }
        }
        if self.fired.is_empty() {
            writeln!(f, "rules:      none fired")?;
        } else {
            writeln!(f, "rules:")?;
            for rule in &self.fired {
                let shown = if rule.matched == crate::matcher::normalize(&rule.keyword) {
                    format!("\"{}\"", rule.keyword)
                } else {
                    format!("\"{}\" (as \"{}\")", rule.keyword, rule.matched)
                };
                writeln!(
                    f,
                    "  {} [{}] {} -> {}",
                    rule.rule, rule.origin, shown, rule.effect
                )?;
            }
        }
        writeln!(f, "tags:")?;
        for (name, value) in &self.columns {
            writeln!(f, "  {name:<11} {value}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanation_names_rules_keywords_and_the_result() {
        let matcher = crate::matcher::builtin_for_tests();
        let e = explain(
            matcher,
            "Is MFA enforced whenever users access the console?",
        );
        let text = e.to_string();
        assert!(
            text.contains("normalized: is mfa enforced whenever users access the console?"),
            "{text}"
        );
        assert!(text.contains("mfa [built-in rules.toml:"), "{text}");
        assert!(text.contains("\"MFA\""), "{text}");
        assert!(text.contains("CC6.1"), "{text}");
        assert_eq!(e.columns[1], ("categories", "Security".to_string()));
        // "access" is a fallback that the specific MFA rule silences.
        assert!(
            e.fired
                .iter()
                .any(|r| r.effect.starts_with("nothing: a fallback")),
            "{text}"
        );
    }

    #[test]
    fn nothing_fires_on_a_profile_question() {
        let matcher = crate::matcher::builtin_for_tests();
        let e = explain(matcher, "What is your registered office address?");
        assert_eq!(e.columns[0].1, "");
        assert!(
            e.fired
                .iter()
                .any(|r| r.effect.starts_with("company-profile"))
        );
    }

    #[test]
    fn a_subject_marker_says_what_it_does() {
        let matcher = crate::matcher::builtin_for_tests();
        let e = explain(matcher, "Annual licence and hosting fees");
        assert_eq!(e.columns[0].1, "");
        assert!(
            e.fired
                .iter()
                .any(|r| r.rule == "money-nouns" && r.effect.contains("subject 'money'")),
            "{e}"
        );
        let e = explain(matcher, "Who can change the fees?");
        assert_eq!(e.columns[0], ("frameworks", "SOC 1".to_string()));
    }

    #[test]
    fn a_weak_keyword_alone_says_why_it_tags_nothing() {
        let matcher = crate::matcher::builtin_for_tests();
        let e = explain(matcher, "Do labels show out-of-stock alerts?");
        assert_eq!(e.columns[0].1, "");
        assert!(
            e.fired.iter().any(|r| r.rule == "alerting-generic"
                && r.effect == "nothing: a weak keyword, and no other keyword fired"),
            "{e}"
        );
    }

    #[test]
    fn a_sheet_name_shows_its_context_and_changes_the_tags() {
        let matcher = crate::matcher::builtin_for_tests();
        let question = "Is user access reviewed quarterly?";
        let plain = explain(matcher, question);
        assert_eq!(plain.columns[0], ("frameworks", "SOC 2".to_string()));
        let on_sheet = explain_in_place(matcher, question, Some("IT General Controls"), None);
        assert_eq!(on_sheet.columns[0], ("frameworks", "SOC 1".to_string()));
        let text = on_sheet.to_string();
        assert!(
            text.contains("sheet:      IT General Controls (context subjects: financial-system)"),
            "{text}"
        );
    }

    #[test]
    fn a_section_title_shows_its_context_beside_the_sheets() {
        let matcher = crate::matcher::builtin_for_tests();
        let question = "Are batch jobs monitored and failures resolved?";
        let plain = explain(matcher, question);
        assert_eq!(plain.columns[0], ("frameworks", "SOC 2".to_string()));
        let in_section = explain_in_place(
            matcher,
            question,
            Some("Questionnaire"),
            Some("C. Payroll Processing"),
        );
        assert_eq!(in_section.columns[0], ("frameworks", "SOC 1".to_string()));
        let text = in_section.to_string();
        assert!(
            text.contains("sheet:      Questionnaire (gives no context subjects)"),
            "{text}"
        );
        assert!(
            text.contains("section:    C. Payroll Processing (context subjects: money)"),
            "{text}"
        );
    }
}
