//! Decision rules on hand-built tallies.

use super::*;

fn matcher() -> &'static Matcher {
    crate::matcher::builtin_for_tests()
}

fn tally_of(questions: &[&str]) -> (CustomerTally, &'static Matcher) {
    let m = matcher();
    let mut tally = CustomerTally::default();
    for q in questions {
        tally.add(&m.tag(q));
    }
    (tally, m)
}

fn decision(questions: &[&str]) -> Decision {
    let (tally, m) = tally_of(questions);
    decide(&tally, &m.catalog().settings, m)
}

#[test]
fn nothing_relevant_is_none_without_type() {
    let d = decision(&[
        "What is your legal entity name?",
        "How many employees do you have?",
    ]);
    assert_eq!(d.recommendation, Recommendation::None);
    assert_eq!(d.report_type, None);
    assert!(d.soc2_categories.is_empty());
    assert!(
        d.rationale.starts_with("None of the 2 questions"),
        "{}",
        d.rationale
    );
}

#[test]
fn security_questions_give_soc2_type2_security() {
    let d = decision(&[
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
    ]);
    assert_eq!(d.recommendation, Recommendation::Soc2);
    assert_eq!(d.report_type, Some(ReportType::Type2));
    assert_eq!(categories_field(d.soc2_categories), "Security");
    assert!(
        d.rationale.contains("names no report type"),
        "{}",
        d.rationale
    );
}

#[test]
fn generic_words_in_a_functional_form_do_not_make_a_soc2() {
    // Each of these fires only a fallback rule ("alerts", "monitoring", "authorized").
    let functional = [
        "Geofencing and alerts for depot arrival and departure",
        "Temperature monitoring for reefer trailers",
        "Name and title of the person authorized to sign the offer",
        "Dispatchers can see each truck's ETA on the map",
    ];
    let d = decision(&functional);
    assert_eq!(d.recommendation, Recommendation::None, "{}", d.rationale);
    // Two questions about security proper in a longer tender are still incidental...
    let mut asked = functional.to_vec();
    asked.extend([
        "Is MFA enforced for administrators?",
        "Are firewalls reviewed quarterly?",
        "Which languages does the driver app support?",
        "Can loads be booked from the customer portal?",
    ]);
    assert_eq!(decision(&asked).recommendation, Recommendation::None);
    // ...four make it a SOC 2.
    asked.extend([
        "Describe your incident response plan.",
        "Are laptops encrypted?",
    ]);
    assert_eq!(decision(&asked).recommendation, Recommendation::Soc2);
}

#[test]
fn a_short_security_form_needs_no_more_specific_questions() {
    // Three specific questions make a SOC 2 when they are the whole form: at least half of
    // the questions, below the four a long tender needs.
    let short = [
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
    ];
    assert_eq!(decision(&short).recommendation, Recommendation::Soc2);
    let diluted = [
        &short[..],
        &[
            "Which languages does the driver app support?",
            "Can loads be booked from the customer portal?",
            "Is there a mobile app for drivers?",
            "What is the annual licence fee?",
        ],
    ]
    .concat();
    assert_eq!(decision(&diluted).recommendation, Recommendation::None);
}

#[test]
fn business_nouns_in_a_functional_tender_do_not_make_a_soc1() {
    // "invoices", "treasury" and "ERP" name the buyer's business, not a financial control.
    let tender = [
        "The solution shall capture invoices received by email and PDF upload.",
        "The solution shall read invoices in English, French and German.",
        "Describe the supplier portal features (invoice status lookup, profile updates).",
        "Which ERPs have prebuilt connectors?",
        "Number of corporate treasury clients in Europe",
    ];
    // Alone, the bare nouns tag little or nothing (weak or fallback rules), and what they do
    // tag is no specific SOC 1 evidence.
    let (tally, _) = tally_of(&tender);
    assert_eq!(tally.soc1_specific_questions, 0, "{tally:?}");
    assert_eq!(decision(&tender).recommendation, Recommendation::None);
    // Two questions about controls over those invoices are still incidental in a tender...
    let mut asked = [
        &tender[..],
        &[
            "Are invoices reconciled to the purchase orders before payment?",
            "Who can change supplier bank details, and is every change approved?",
        ],
    ]
    .concat();
    assert_eq!(decision(&asked).recommendation, Recommendation::None);
    // ...four make it a SOC 1.
    asked.extend([
        "Are duplicate invoices detected before payment?",
        "Are manual journal entries from the invoice sync approved?",
    ]);
    assert_eq!(decision(&asked).recommendation, Recommendation::Soc1);
    // A short finance form needs no more: three specific questions are the whole form.
    let short = [
        "Are loan payments reconciled to the general ledger daily?",
        "Are manual journal entries approved?",
        "How are interest calculations validated?",
    ];
    assert_eq!(decision(&short).recommendation, Recommendation::Soc1);
}

#[test]
fn one_incidental_availability_question_does_not_bring_the_category_in() {
    let base = [
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
    ];
    let one = [&base[..], &["Are backups encrypted?"]].concat();
    assert_eq!(categories_field(decision(&one).soc2_categories), "Security");
    let several = [
        &base[..],
        &[
            "How often are backups restored in a test?",
            "What uptime SLA do you commit to?",
            "Describe your disaster recovery site.",
        ],
    ]
    .concat();
    assert_eq!(
        categories_field(decision(&several).soc2_categories),
        "Security;Availability"
    );
}

#[test]
fn naming_a_category_with_the_report_brings_it_in() {
    let d = decision(&["Does your SOC 2 report include the Privacy criteria?"]);
    assert_eq!(d.recommendation, Recommendation::Soc2);
    assert_eq!(categories_field(d.soc2_categories), "Security;Privacy");
}

#[test]
fn type1_only_when_accepted_and_never_type2() {
    let accepts = decision(&["A SOC 2 Type 1 report is acceptable for the first year."]);
    assert_eq!(accepts.report_type, Some(ReportType::Type1));
    let both = decision(&[
        "A SOC 2 Type 1 report is acceptable.",
        "Provide the Type II report once available.",
    ]);
    assert_eq!(both.report_type, Some(ReportType::Type2));
}

#[test]
fn ssae18_alone_is_not_soc1() {
    let d = decision(&["Have you undergone an SSAE 18 audit?"]);
    assert_eq!(d.recommendation, Recommendation::Soc2);
}

#[test]
fn financial_questions_give_soc1_and_explicit_requests_count_alone() {
    let d = decision(&[
        "Are loan payments reconciled to the general ledger daily?",
        "Are manual journal entries approved?",
        "How are interest calculations validated?",
    ]);
    assert_eq!(d.recommendation, Recommendation::Soc1);
    assert!(d.soc2_categories.is_empty());
    let explicit = decision(&["Please provide your most recent SOC 1 Type 2 report."]);
    assert_eq!(explicit.recommendation, Recommendation::Soc1);
    assert_eq!(explicit.report_type, Some(ReportType::Type2));
}

#[test]
fn a_few_security_questions_in_financial_due_diligence_stay_soc1() {
    let d = decision(&[
        "Are payroll calculations reviewed before each pay run?",
        "Are payroll reconciliations performed every cycle?",
        "Are changes to pay rates approved by HR?",
        "Are tax filings reconciled to payroll registers?",
        "Is direct deposit file transmission reconciled?",
        "Are general ledger journal entries from payroll reviewed?",
        "Are payroll registers reviewed by finance before funding?",
        "Are garnishment orders processed accurately?",
        "Is antivirus installed on all servers?",
        "Are firewalls reviewed?",
        "Is MFA required?",
    ]);
    assert_eq!(d.recommendation, Recommendation::Soc1);
}

#[test]
fn both_when_both_needs_are_real() {
    let d = decision(&[
        "Are loan payments reconciled to the general ledger daily?",
        "Are manual journal entries approved?",
        "How are interest calculations validated?",
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
        "Is data encrypted at rest?",
    ]);
    assert_eq!(d.recommendation, Recommendation::Both);
    assert_eq!(categories_field(d.soc2_categories), "Security");
}

#[test]
fn other_assurance_is_listed_in_a_fixed_order() {
    let d = decision(&[
        "Please provide a bridge letter covering the gap.",
        "Are you ISO 27001 certified?",
        "Will you sign a HIPAA business associate agreement?",
        "Is a SOC 3 report available?",
    ]);
    assert_eq!(
        d.also_requested,
        ["SOC 3", "ISO 27001", "bridge letter", "HIPAA BAA"]
    );
    assert!(
        d.rationale
            .contains("also asks for SOC 3, ISO 27001, bridge letter and HIPAA BAA"),
        "{}",
        d.rationale
    );
}

#[test]
fn rationale_names_counts_and_topics() {
    let d = decision(&[
        "Is MFA enforced for administrators?",
        "Is MFA enforced for remote access?",
        "Describe your incident response plan.",
        "Please provide your SOC 2 Type II report.",
    ]);
    assert!(
        d.rationale.starts_with("4 questions on security ("),
        "{}",
        d.rationale
    );
    assert!(
        d.rationale.contains("multi-factor authentication"),
        "{}",
        d.rationale
    );
    assert!(
        d.rationale.contains("asks for a Type 2 report"),
        "{}",
        d.rationale
    );
    assert!(d.rationale.ends_with('.'));
}

/// Beside a SOC 1, questions about the accuracy of financial processing are the SOC 1's: when
/// every Processing Integrity question is one of them, the category stays out of the SOC 2.
#[test]
fn financial_accuracy_questions_beside_a_soc1_do_not_add_processing_integrity() {
    let financial = [
        "Please provide your SOC 1 Type II report.",
        // Eligibility data is not money, so the matcher tags these SOC 1 and Processing
        // Integrity both (payment accuracy is SOC 1 alone already in the matcher).
        "Are eligibility files validated for completeness and accuracy before they are loaded?",
        "Are member eligibility records complete and accurate?",
        "Are eligibility records from each employer validated for completeness?",
        "Describe your account reconciliations.",
    ];
    let security = [
        "Please provide your SOC 2 Type II report.",
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
    ];
    let questions: Vec<&str> = financial.iter().chain(&security).copied().collect();
    let (tally, m) = tally_of(&questions);
    assert!(
        tally.category(Category::ProcessingIntegrity) >= 3,
        "{tally:?}"
    );
    let d = decide(&tally, &m.catalog().settings, m);
    assert_eq!(d.recommendation, Recommendation::Both);
    assert_eq!(categories_field(d.soc2_categories), "Security");

    // One processing question of its own, outside the SOC 1, and the category is asked for.
    let mut with_own = questions.clone();
    with_own.push("Are rejected records reported back to us with reason codes?");
    let d = decision(&with_own);
    assert_eq!(
        categories_field(d.soc2_categories),
        "Security;Processing Integrity"
    );

    // The same questions from a customer that needs no SOC 1 do bring it in.
    let pipeline = [
        "Are inbound files validated for completeness and accuracy before loading?",
        "Are rejected records reported back with reason codes?",
        "Are control totals compared between source and target?",
        "Is MFA enforced for administrators?",
        "Describe your incident response plan.",
        "Are firewalls reviewed quarterly?",
    ];
    let d = decision(&pipeline);
    assert_eq!(d.recommendation, Recommendation::Soc2);
    assert_eq!(
        categories_field(d.soc2_categories),
        "Security;Processing Integrity"
    );
}
