//! The fixed vocabulary the catalog maps to: the five SOC 2 categories, the 61 criteria of the
//! 2017 Trust Services Criteria (from the reference list, compiled in), and the request signals
//! the decision understands.

use std::sync::OnceLock;

/// A SOC 2 Trust Services category, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// The common criteria, always in a SOC 2.
    Security,
    /// A1.
    Availability,
    /// C1.
    Confidentiality,
    /// PI1.
    ProcessingIntegrity,
    /// P1-P8.
    Privacy,
}

impl Category {
    /// All five, in report order.
    pub const ALL: [Category; 5] = [
        Category::Security,
        Category::Availability,
        Category::Confidentiality,
        Category::ProcessingIntegrity,
        Category::Privacy,
    ];

    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Category::Security => "Security",
            Category::Availability => "Availability",
            Category::Confidentiality => "Confidentiality",
            Category::ProcessingIntegrity => "Processing Integrity",
            Category::Privacy => "Privacy",
        }
    }

    /// Parses an output name, case-insensitively.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name.trim()))
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of categories.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct CategorySet(u8);

impl CategorySet {
    /// Adds one.
    pub fn insert(&mut self, category: Category) {
        self.0 |= category.bit();
    }

    /// Whether it holds `category`.
    pub fn contains(self, category: Category) -> bool {
        self.0 & category.bit() != 0
    }

    /// Whether it is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Both sets together.
    pub fn union(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 | other.0)
    }

    /// Members in report order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut set = CategorySet::default();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// One of the 61 criteria, by its position in the reference list.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Criterion(u8);

/// A row of the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionInfo {
    /// `CC6.1`.
    pub id: String,
    /// Its category.
    pub category: Category,
    /// The series ("Logical and physical access").
    pub series: String,
    /// What it is about.
    pub topic: String,
}

const REFERENCE: &str = include_str!("tsc2017.csv");

/// The 61 criteria of the 2017 Trust Services Criteria, in reference order.
pub fn criteria() -> &'static [CriterionInfo] {
    static TABLE: OnceLock<Vec<CriterionInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(REFERENCE.as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|record| {
                Some(CriterionInfo {
                    id: record.get(0)?.to_string(),
                    category: Category::parse(record.get(1)?)?,
                    series: record.get(2)?.to_string(),
                    topic: record.get(3)?.to_string(),
                })
            })
            .collect()
    })
}

impl Criterion {
    /// The criterion with this id (`cc6.1` and `CC6.1` alike), if it is one of the 61.
    pub fn parse(id: &str) -> Option<Criterion> {
        criteria()
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(id.trim()))
            .and_then(|i| u8::try_from(i).ok())
            .map(Criterion)
    }

    /// Its position in the reference list (0 to 60).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Its row in the reference list.
    pub fn info(self) -> &'static CriterionInfo {
        &criteria()[usize::from(self.0)]
    }

    /// `CC6.1`.
    pub fn id(self) -> &'static str {
        &self.info().id
    }

    /// Its category.
    pub fn category(self) -> Category {
        self.info().category
    }
}

/// Things a question asks for beyond controls: a report of a kind, a type, other assurance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// Names a SOC 1 report (or SSAE 16 / SAS 70, its predecessors).
    Soc1,
    /// Names a SOC 2 report.
    Soc2,
    /// Names a SOC 3 report.
    Soc3,
    /// Accepts a Type 1, point-in-time, design-only or readiness report.
    Type1,
    /// Asks for a Type 2 / operating effectiveness over a period.
    Type2,
    /// Asks for a bridge (gap) letter.
    BridgeLetter,
    /// ISO/IEC 27001 certification.
    Iso27001,
    /// ISAE 3402 report (the international SOC 1).
    Isae3402,
    /// "SSAE 18" with no report named: an audit report, usually SOC 2.
    Ssae18,
    /// HIPAA / business associate agreement.
    Hipaa,
    /// PCI DSS.
    PciDss,
    /// An NDA to receive the report.
    Nda,
}

impl Signal {
    /// All signals, in output order.
    pub const ALL: [Signal; 12] = [
        Signal::Soc1,
        Signal::Soc2,
        Signal::Soc3,
        Signal::Type1,
        Signal::Type2,
        Signal::BridgeLetter,
        Signal::Iso27001,
        Signal::Isae3402,
        Signal::Ssae18,
        Signal::Hipaa,
        Signal::PciDss,
        Signal::Nda,
    ];

    /// The name used in outputs and in the catalog.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Soc1 => "soc1",
            Signal::Soc2 => "soc2",
            Signal::Soc3 => "soc3",
            Signal::Type1 => "type1",
            Signal::Type2 => "type2",
            Signal::BridgeLetter => "bridge-letter",
            Signal::Iso27001 => "iso27001",
            Signal::Isae3402 => "isae3402",
            Signal::Ssae18 => "ssae18",
            Signal::Hipaa => "hipaa",
            Signal::PciDss => "pci-dss",
            Signal::Nda => "nda",
        }
    }

    /// Parses a catalog name.
    pub fn parse(name: &str) -> Option<Signal> {
        Signal::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name.trim()))
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of signals.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct SignalSet(u16);

impl SignalSet {
    /// Adds one.
    pub fn insert(&mut self, signal: Signal) {
        self.0 |= signal.bit();
    }

    /// Whether it holds `signal`.
    pub fn contains(self, signal: Signal) -> bool {
        self.0 & signal.bit() != 0
    }

    /// Whether it is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Both sets together.
    pub fn union(self, other: SignalSet) -> SignalSet {
        SignalSet(self.0 | other.0)
    }

    /// Members in output order.
    pub fn iter(self) -> impl Iterator<Item = Signal> {
        Signal::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_has_61_criteria_in_five_categories() {
        assert_eq!(criteria().len(), 61);
        let count = |cat| criteria().iter().filter(|c| c.category == cat).count();
        assert_eq!(count(Category::Security), 33);
        assert_eq!(count(Category::Availability), 3);
        assert_eq!(count(Category::Confidentiality), 2);
        assert_eq!(count(Category::ProcessingIntegrity), 5);
        assert_eq!(count(Category::Privacy), 18);
    }

    #[test]
    fn only_real_criteria_parse() {
        assert_eq!(Criterion::parse("cc6.1").map(Criterion::id), Some("CC6.1"));
        assert_eq!(
            Criterion::parse("A1.2").map(Criterion::category),
            Some(Category::Availability)
        );
        for fake in ["CC9.9", "CC7.6", "A1.4", "PP1.1", "P9.1", ""] {
            assert_eq!(Criterion::parse(fake), None, "{fake}");
        }
    }

    #[test]
    fn sets_iterate_in_output_order() {
        let set: CategorySet = [Category::Privacy, Category::Security]
            .into_iter()
            .collect();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Category::Security, Category::Privacy]
        );
        let mut signals = SignalSet::default();
        signals.insert(Signal::Nda);
        signals.insert(Signal::Type2);
        assert_eq!(
            signals.iter().map(Signal::name).collect::<Vec<_>>(),
            ["type2", "nda"]
        );
    }
}
