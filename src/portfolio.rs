//! Stage 6: every customer's decision -> the audit scopes worth commissioning, ranked.
//!
//! A vendor commissions one or two audits a year, not one per customer. This stage lists the
//! candidate scopes (SOC 1 Type 1 or 2; SOC 2 Type 1 or 2 with each useful combination of
//! categories; SOC 1 and SOC 2 together) and, for each, which customers it fully satisfies,
//! which it partly satisfies, and what the others still miss.
//!
//! - A scope **satisfies** a customer when it covers the customer's recommendation, report
//!   type and SOC 2 categories. A Type 2 satisfies a Type 1 need (it covers the design too);
//!   a Type 1 does not satisfy a Type 2 need.
//! - It **partly satisfies** a customer when it includes a framework the customer needs, but
//!   not all of what they need (a missing category, a Type 1 for a Type 2 need, SOC 2 for a
//!   customer who also needs SOC 1).
//! - **Useful category combinations** are the customers' own, and every union of them: each
//!   is the smallest SOC 2 scope that satisfies some group of customers. Security alone is
//!   always a candidate.
//! - Customers who need no SOC report take no part in the ranking.
//!
//! Scopes are ranked by customers satisfied, then the indicative fee (the cheaper way to
//! satisfy as many), then customers partly satisfied, then the smaller scope. Fees are published indicative ranges ([`FEES`]), not quotes.
//!
//! Values in, values out: nothing here reads files or knows about output formats.

use std::collections::BTreeSet;

use crate::catalog::{Category, CategorySet};
use crate::decide::{CustomerResult, Recommendation, ReportType};

/// Indicative audit fees in US dollars, `(low, high)`, from published ranges: SOC 1 Type 1
/// about $10,000-$60,000, Type 2 about $20,000-$120,000; SOC 2 Type 1 about $5,000-$20,000,
/// Type 2 about $7,000-$150,000. A combined scope adds its parts.
pub const FEES: Fees = Fees {
    soc1_type1: (10_000, 60_000),
    soc1_type2: (20_000, 120_000),
    soc2_type1: (5_000, 20_000),
    soc2_type2: (7_000, 150_000),
};

/// Fee ranges per report and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// SOC 1 Type 1.
    pub soc1_type1: (u64, u64),
    /// SOC 1 Type 2.
    pub soc1_type2: (u64, u64),
    /// SOC 2 Type 1.
    pub soc2_type1: (u64, u64),
    /// SOC 2 Type 2.
    pub soc2_type2: (u64, u64),
}

/// An audit scope: a SOC 1, a SOC 2 with categories, or both, each of a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The SOC 1 report in the scope, by type.
    pub soc1: Option<ReportType>,
    /// The SOC 2 report in the scope, by type, with its categories (Security included).
    pub soc2: Option<(ReportType, CategorySet)>,
}

impl Scope {
    /// "SOC 2 Type 2: Security, Availability", "SOC 1 Type 2 + SOC 2 Type 2: Security".
    pub fn name(&self) -> String {
        let soc1 = self.soc1.map(|t| format!("SOC 1 {}", t.as_str()));
        let soc2 = self.soc2.map(|(t, categories)| {
            let names: Vec<&str> = categories.iter().map(Category::name).collect();
            format!("SOC 2 {}: {}", t.as_str(), names.join(", "))
        });
        match (soc1, soc2) {
            (Some(a), Some(b)) => format!("{a} + {b}"),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => "none".to_string(),
        }
    }

    /// `SOC 1`, `SOC 2` or `SOC 1;SOC 2`.
    pub fn frameworks(&self) -> &'static str {
        match (self.soc1.is_some(), self.soc2.is_some()) {
            (true, true) => "SOC 1;SOC 2",
            (true, false) => "SOC 1",
            (false, true) => "SOC 2",
            (false, false) => "",
        }
    }

    /// The type of every report in the scope (candidates never mix types).
    pub fn report_type(&self) -> Option<ReportType> {
        self.soc1.or(self.soc2.map(|(t, _)| t))
    }

    /// The SOC 2 categories (empty without a SOC 2).
    pub fn soc2_categories(&self) -> CategorySet {
        self.soc2.map(|(_, c)| c).unwrap_or_default()
    }

    /// The indicative fee range, `(low, high)` in US dollars.
    pub fn fee(&self, fees: &Fees) -> (u64, u64) {
        let soc1 = match self.soc1 {
            Some(ReportType::Type1) => fees.soc1_type1,
            Some(ReportType::Type2) => fees.soc1_type2,
            None => (0, 0),
        };
        let soc2 = match self.soc2 {
            Some((ReportType::Type1, _)) => fees.soc2_type1,
            Some((ReportType::Type2, _)) => fees.soc2_type2,
            None => (0, 0),
        };
        (soc1.0 + soc2.0, soc1.1 + soc2.1)
    }

    /// What `need` still lacks under this scope: empty when it is satisfied.
    pub fn gaps(&self, need: &Need) -> Vec<String> {
        let mut gaps = Vec::new();
        if let Some(wanted) = need.soc1 {
            match self.soc1 {
                None => gaps.push(format!("SOC 1 {}", wanted.as_str())),
                Some(have) if have < wanted => gaps.push(format!("SOC 1 {}", wanted.as_str())),
                Some(_) => {}
            }
        }
        if let Some((wanted, categories)) = need.soc2 {
            match self.soc2 {
                None => {
                    let names: Vec<&str> = categories.iter().map(Category::name).collect();
                    gaps.push(format!("SOC 2 {}: {}", wanted.as_str(), names.join(", ")));
                }
                Some((have, covered)) => {
                    if have < wanted {
                        gaps.push(format!("SOC 2 {}", wanted.as_str()));
                    }
                    gaps.extend(
                        categories
                            .iter()
                            .filter(|c| !covered.contains(*c))
                            .map(|c| c.name().to_string()),
                    );
                }
            }
        }
        gaps
    }

    /// Whether the scope includes a framework `need` asks for.
    fn touches(&self, need: &Need) -> bool {
        (need.soc1.is_some() && self.soc1.is_some()) || (need.soc2.is_some() && self.soc2.is_some())
    }
}

/// What one customer needs, from their decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    /// A SOC 1 of at least this type.
    pub soc1: Option<ReportType>,
    /// A SOC 2 of at least this type, with at least these categories.
    pub soc2: Option<(ReportType, CategorySet)>,
}

impl Need {
    /// The need behind a customer's decision; `None` when they need no SOC report.
    pub fn of(customer: &CustomerResult) -> Option<Need> {
        let decision = &customer.decision;
        let report_type = decision.report_type?;
        let need = Need {
            soc1: decision.recommendation.soc1().then_some(report_type),
            soc2: decision
                .recommendation
                .soc2()
                .then_some((report_type, decision.soc2_categories)),
        };
        (decision.recommendation != Recommendation::None).then_some(need)
    }
}

/// A customer a scope does not fully satisfy, and what they still miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The customer.
    pub customer: String,
    /// What is missing: `SOC 1 Type 2`, `Privacy`, ...
    pub gaps: Vec<String>,
}

/// A candidate scope with what it does for the customers: a row of `portfolio.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedScope {
    /// 1 for the best.
    pub rank: usize,
    /// The scope.
    pub scope: Scope,
    /// Customers it fully satisfies.
    pub satisfied: Vec<String>,
    /// Customers it partly satisfies.
    pub partly: usize,
    /// Customers it does not fully satisfy (partly satisfied ones included), in customer
    /// order, with their gaps.
    pub shortfalls: Vec<Shortfall>,
    /// Indicative fee range in US dollars.
    pub fee: (u64, u64),
}

/// The portfolio: the ranked scopes, and how many customers need no SOC report at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portfolio {
    /// Scopes that satisfy or partly satisfy at least one customer, best first.
    pub scopes: Vec<RankedScope>,
    /// Customers with a SOC need (the ones the ranking is about).
    pub customers_with_needs: usize,
    /// Customers whose questions need no SOC report.
    pub customers_without_needs: usize,
}

/// Ranks the candidate scopes for these customers.
pub fn rank(customers: &[CustomerResult], fees: &Fees) -> Portfolio {
    let needs: Vec<(&str, Need)> = customers
        .iter()
        .filter_map(|c| Need::of(c).map(|n| (c.name.as_str(), n)))
        .collect();
    let mut scopes: Vec<RankedScope> = candidates(&needs)
        .into_iter()
        .map(|scope| {
            let mut satisfied = Vec::new();
            let mut partly = 0;
            let mut shortfalls = Vec::new();
            for (customer, need) in &needs {
                let gaps = scope.gaps(need);
                if gaps.is_empty() {
                    satisfied.push((*customer).to_string());
                    continue;
                }
                if scope.touches(need) {
                    partly += 1;
                }
                shortfalls.push(Shortfall {
                    customer: (*customer).to_string(),
                    gaps,
                });
            }
            RankedScope {
                rank: 0,
                scope,
                satisfied,
                partly,
                shortfalls,
                fee: scope.fee(fees),
            }
        })
        .filter(|s| !s.satisfied.is_empty() || s.partly > 0)
        .collect();
    scopes.sort_by(|a, b| {
        b.satisfied
            .len()
            .cmp(&a.satisfied.len())
            .then(a.fee.cmp(&b.fee))
            .then(b.partly.cmp(&a.partly))
            .then(size(&a.scope).cmp(&size(&b.scope)))
            .then_with(|| a.scope.name().cmp(&b.scope.name()))
    });
    for (i, scope) in scopes.iter_mut().enumerate() {
        scope.rank = i + 1;
    }
    Portfolio {
        scopes,
        customers_with_needs: needs.len(),
        customers_without_needs: customers.len() - needs.len(),
    }
}

/// Reports and categories in a scope: the smaller wins a tie.
fn size(scope: &Scope) -> usize {
    usize::from(scope.soc1.is_some()) + scope.soc2_categories().iter().count()
}

/// Every candidate scope for these needs.
fn candidates(needs: &[(&str, Need)]) -> Vec<Scope> {
    let any_soc1 = needs.iter().any(|(_, n)| n.soc1.is_some());
    let any_soc2 = needs.iter().any(|(_, n)| n.soc2.is_some());
    let category_sets = useful_category_sets(needs);
    let mut scopes = Vec::new();
    for report_type in [ReportType::Type1, ReportType::Type2] {
        if any_soc1 {
            scopes.push(Scope {
                soc1: Some(report_type),
                soc2: None,
            });
        }
        for &categories in &category_sets {
            if any_soc2 {
                scopes.push(Scope {
                    soc1: None,
                    soc2: Some((report_type, categories)),
                });
            }
            if any_soc1 && any_soc2 {
                scopes.push(Scope {
                    soc1: Some(report_type),
                    soc2: Some((report_type, categories)),
                });
            }
        }
    }
    scopes
}

/// Security alone, each customer's categories, and every union of those.
fn useful_category_sets(needs: &[(&str, Need)]) -> Vec<CategorySet> {
    let security: CategorySet = [Category::Security].into_iter().collect();
    let mut sets: BTreeSet<u8> = BTreeSet::new();
    sets.insert(bits(security));
    for (_, need) in needs {
        if let Some((_, categories)) = need.soc2 {
            sets.insert(bits(categories.union(security)));
        }
    }
    // Close under union; at most 16 sets (Security plus any of four others), so this ends
    // after a few passes.
    loop {
        let current: Vec<u8> = sets.iter().copied().collect();
        let before = sets.len();
        for a in &current {
            for b in &current {
                sets.insert(a | b);
            }
        }
        if sets.len() == before {
            break;
        }
    }
    sets.into_iter().map(from_bits).collect()
}

fn bits(set: CategorySet) -> u8 {
    set.iter().fold(0, |acc, c| acc | (1 << (c as u8)))
}

fn from_bits(bits: u8) -> CategorySet {
    Category::ALL
        .into_iter()
        .filter(|c| bits & (1 << (*c as u8)) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{CustomerTally, Decision};

    fn customer(
        name: &str,
        recommendation: Recommendation,
        report_type: ReportType,
        categories: &[Category],
    ) -> CustomerResult {
        CustomerResult {
            name: name.to_string(),
            tally: CustomerTally::default(),
            decision: Decision {
                recommendation,
                report_type: (recommendation != Recommendation::None).then_some(report_type),
                soc2_categories: categories.iter().copied().collect(),
                also_requested: Vec::new(),
                rationale: String::new(),
            },
        }
    }

    use Category::*;
    use Recommendation::{Both, Soc1, Soc2};
    use ReportType::{Type1, Type2};

    fn names(portfolio: &Portfolio) -> Vec<String> {
        portfolio.scopes.iter().map(|s| s.scope.name()).collect()
    }

    #[test]
    fn a_type_2_satisfies_a_type_1_need_but_not_the_reverse() {
        let type1_security = Need {
            soc1: None,
            soc2: Some((Type1, [Security].into_iter().collect())),
        };
        let type2 = Scope {
            soc1: None,
            soc2: Some((Type2, [Security, Privacy].into_iter().collect())),
        };
        assert!(type2.gaps(&type1_security).is_empty());
        let type1 = Scope {
            soc1: None,
            soc2: Some((Type1, [Security].into_iter().collect())),
        };
        let type2_need = Need {
            soc1: None,
            soc2: Some((Type2, [Security].into_iter().collect())),
        };
        assert_eq!(type1.gaps(&type2_need), vec!["SOC 2 Type 2".to_string()]);
    }

    #[test]
    fn gaps_name_the_missing_report_type_and_categories() {
        let need = Need {
            soc1: Some(Type2),
            soc2: Some((
                Type2,
                [Security, Availability, Privacy].into_iter().collect(),
            )),
        };
        let scope = Scope {
            soc1: None,
            soc2: Some((Type2, [Security, Availability].into_iter().collect())),
        };
        assert_eq!(scope.gaps(&need), vec!["SOC 1 Type 2", "Privacy"]);
        assert!(scope.touches(&need));
    }

    #[test]
    fn scopes_are_ranked_by_customers_satisfied_then_fee_then_partly() {
        let customers = vec![
            customer("a", Soc2, Type2, &[Security]),
            customer("b", Soc2, Type2, &[Security, Availability]),
            customer("c", Soc2, Type1, &[Security, Privacy]),
            customer("d", Soc1, Type2, &[]),
            customer("e", Recommendation::None, Type2, &[]),
        ];
        let portfolio = rank(&customers, &FEES);
        assert_eq!(portfolio.customers_with_needs, 4);
        assert_eq!(portfolio.customers_without_needs, 1);
        let top: Vec<(String, usize, usize)> = portfolio
            .scopes
            .iter()
            .take(4)
            .map(|s| (s.scope.name(), s.satisfied.len(), s.partly))
            .collect();
        assert_eq!(
            top,
            vec![
                (
                    "SOC 1 Type 2 + SOC 2 Type 2: Security, Availability, Privacy".to_string(),
                    4,
                    0
                ),
                // Three of four; the cheaper way first.
                (
                    "SOC 2 Type 2: Security, Availability, Privacy".to_string(),
                    3,
                    0
                ),
                (
                    "SOC 1 Type 2 + SOC 2 Type 2: Security, Availability".to_string(),
                    3,
                    1
                ),
                (
                    "SOC 1 Type 2 + SOC 2 Type 2: Security, Privacy".to_string(),
                    3,
                    1
                ),
            ]
        );
        let best = &portfolio.scopes[0];
        assert_eq!(best.rank, 1);
        assert_eq!(best.fee, (27_000, 270_000));
        assert!(best.shortfalls.is_empty());
        let second = &portfolio.scopes[1];
        assert_eq!(
            second.shortfalls,
            vec![Shortfall {
                customer: "d".into(),
                gaps: vec!["SOC 1 Type 2".into()]
            }]
        );
    }

    #[test]
    fn useful_category_sets_are_the_customers_and_their_unions() {
        let customers = vec![
            customer("a", Soc2, Type2, &[Security, Availability]),
            customer("b", Soc2, Type2, &[Security, Privacy]),
        ];
        let portfolio = rank(&customers, &FEES);
        let mut soc2_type2: Vec<String> = names(&portfolio)
            .into_iter()
            .filter(|n| n.starts_with("SOC 2 Type 2"))
            .collect();
        soc2_type2.sort();
        assert_eq!(
            soc2_type2,
            vec![
                "SOC 2 Type 2: Security",
                "SOC 2 Type 2: Security, Availability",
                "SOC 2 Type 2: Security, Availability, Privacy",
                "SOC 2 Type 2: Security, Privacy",
            ]
        );
        assert!(
            !names(&portfolio).iter().any(|n| n.contains("SOC 1")),
            "nobody needs SOC 1"
        );
    }

    #[test]
    fn a_customer_needing_both_is_partly_satisfied_by_either() {
        let customers = vec![customer("a", Both, Type2, &[Security])];
        let portfolio = rank(&customers, &FEES);
        let soc1 = portfolio
            .scopes
            .iter()
            .find(|s| s.scope.name() == "SOC 1 Type 2")
            .expect("SOC 1 Type 2 is a candidate");
        assert_eq!((soc1.satisfied.len(), soc1.partly), (0, 1));
        assert_eq!(soc1.shortfalls[0].gaps, vec!["SOC 2 Type 2: Security"]);
        assert_eq!(
            portfolio.scopes[0].scope.name(),
            "SOC 1 Type 2 + SOC 2 Type 2: Security"
        );
    }

    #[test]
    fn nobody_with_a_need_means_no_scopes() {
        let customers = vec![customer("x", Recommendation::None, Type2, &[])];
        let portfolio = rank(&customers, &FEES);
        assert!(portfolio.scopes.is_empty());
        assert_eq!(portfolio.customers_without_needs, 1);
    }
}
