//! `socscope rules`: the active catalog (built-in merged with `--rules`) as CSV or JSON, one
//! rule per row/object, so that a user can see exactly what will fire and where it points.

use serde::Serialize;

use super::{Catalog, Category, Rule, Targets};

/// One rule, flattened for output.
#[derive(Debug, Serialize)]
struct RuleView<'a> {
    id: &'a str,
    topic: &'a str,
    keywords: Vec<String>,
    criteria: Vec<&'static str>,
    categories: Vec<&'static str>,
    soc1_areas: Vec<&'a str>,
    signals: Vec<&'static str>,
    fallback: bool,
    subject: Option<&'a str>,
    implies: Option<&'a str>,
    under: Vec<UnderView<'a>>,
    weak: bool,
    ignore: bool,
    profile: bool,
    defined_at: String,
}

#[derive(Debug, Serialize)]
struct UnderView<'a> {
    subject: &'a str,
    criteria: Vec<&'static str>,
    categories: Vec<&'static str>,
    soc1_areas: Vec<&'a str>,
}

fn criteria_of(t: &Targets) -> Vec<&'static str> {
    t.criteria.iter().map(|c| c.id()).collect()
}

fn categories_of(t: &Targets) -> Vec<&'static str> {
    t.categories.iter().map(Category::name).collect()
}

fn areas_of<'a>(catalog: &'a Catalog, t: &Targets) -> Vec<&'a str> {
    t.soc1_areas
        .iter()
        .map(|&a| catalog.soc1_areas[a].as_str())
        .collect()
}

fn view<'a>(catalog: &'a Catalog, rule: &'a Rule) -> RuleView<'a> {
    RuleView {
        id: &rule.id,
        topic: &rule.topic,
        keywords: rule
            .keywords
            .iter()
            .map(|k| format!("{}{}", k.text, if k.prefix { "*" } else { "" }))
            .collect(),
        criteria: criteria_of(&rule.targets),
        categories: categories_of(&rule.targets),
        soc1_areas: areas_of(catalog, &rule.targets),
        signals: rule.signals.iter().map(|s| s.name()).collect(),
        fallback: rule.fallback,
        weak: rule.weak,
        subject: rule.subject.as_deref(),
        implies: rule.implies.as_deref(),
        under: rule
            .under
            .iter()
            .map(|(subject, t)| UnderView {
                subject,
                criteria: criteria_of(t),
                categories: categories_of(t),
                soc1_areas: areas_of(catalog, t),
            })
            .collect(),
        ignore: rule.ignore,
        profile: rule.profile,
        defined_at: rule.origin.to_string(),
    }
}

/// The catalog as JSON: `{"settings": {...}, "soc1_areas": [...], "context_subjects": [...],
/// "rules": [...]}`.
pub fn to_json(catalog: &Catalog) -> String {
    let rules: Vec<RuleView<'_>> = catalog.rules.iter().map(|r| view(catalog, r)).collect();
    let settings = serde_json::json!({
        "category_min_questions": catalog.settings.category_min_questions,
        "category_min_share": catalog.settings.category_min_share,
        "soc1_min_questions": catalog.settings.soc1_min_questions,
        "soc1_min_specific_questions": catalog.settings.soc1_min_specific_questions,
        "soc2_min_questions": catalog.settings.soc2_min_questions,
        "soc2_min_specific_questions": catalog.settings.soc2_min_specific_questions,
    });
    let document = serde_json::json!({
        "settings": settings,
        "soc1_areas": catalog.soc1_areas,
        "context_subjects": catalog.context_subjects,
        "rules": rules,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The catalog as CSV, one rule per row, lists `;`-separated.
pub fn to_csv(catalog: &Catalog) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "topic",
        "keywords",
        "criteria",
        "categories",
        "soc1_areas",
        "signals",
        "fallback",
        "subject",
        "implies",
        "under",
        "weak",
        "ignore",
        "profile",
        "defined_at",
    ];
    let _ = writer.write_record(header);
    for rule in &catalog.rules {
        let v = view(catalog, rule);
        let under = v
            .under
            .iter()
            .map(|u| {
                let mut to: Vec<&str> = u.criteria.clone();
                to.extend(u.soc1_areas.iter().copied());
                format!("{}: {}", u.subject, to.join(" "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writer.write_record([
            v.id.to_string(),
            v.topic.to_string(),
            v.keywords.join(";"),
            v.criteria.join(";"),
            v.categories.join(";"),
            v.soc1_areas.join(";"),
            v.signals.join(";"),
            v.fallback.to_string(),
            v.subject.unwrap_or("").to_string(),
            v.implies.unwrap_or("").to_string(),
            under,
            v.weak.to_string(),
            v.ignore.to_string(),
            v.profile.to_string(),
            v.defined_at,
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_json_list_every_rule() {
        let catalog = Catalog::builtin().unwrap();
        let csv_text = to_csv(&catalog);
        assert_eq!(csv_text.lines().count(), catalog.rules.len() + 1);
        assert!(
            csv_text
                .lines()
                .next()
                .unwrap()
                .starts_with("id,topic,keywords,criteria")
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&catalog)).unwrap();
        assert_eq!(json["rules"].as_array().unwrap().len(), catalog.rules.len());
        let rule = |id: &str| {
            json["rules"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id)
                .unwrap()
        };
        assert_eq!(json["context_subjects"][0], "money");
        let alerts = rule("alerting-generic");
        assert_eq!(alerts["weak"], true);
        assert_eq!(alerts["fallback"], true);
        assert_eq!(rule("accuracy-generic")["implies"], "data-flow");
        assert!(
            csv_text
                .lines()
                .next()
                .unwrap()
                .contains(",subject,implies,under,")
        );
        let mfa = rule("mfa");
        assert!(
            mfa["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "CC6.1")
        );
    }
}
