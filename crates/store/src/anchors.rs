//! Anchors: a language-independent fingerprint of a document, for finding translations.
//!
//! MinHash over word shingles only finds copies in the same language. A translation keeps
//! what does not depend on the language: the entities it names (the nlp stage links them to
//! the same canonical ids in every language), the numbers it gives and the dates it resolves.
//! A document's anchors are that set, as strings:
//!
//! - `e:<entity id>` — every canonical id of a mention or of an entity named in the title
//!   (group mentions are left out: their ids are built from their members);
//! - `n:<digits>` — every number of two or more significant digits in the title or text,
//!   with thousands and decimal separators removed so that `100.000` (de) and `100,000` (en)
//!   agree; years are numbers too;
//! - `d:<YYYY-MM>` — the month of every absolute or relative time expression of day or month
//!   precision.
//!
//! Two documents about the same topic share entities; only a translation of the same story
//! also shares its numbers and dates, so those weigh more ([`weight`]). Thresholds and the
//! measurements behind them: `docs/notes/copies.md`.

use std::collections::BTreeSet;

use armsgraph_model::{EntityKind, Extraction, TimeKind, TimePrecision};

/// The anchors of one document, sorted and without duplicates.
pub type Anchors = BTreeSet<String>;

/// The anchors of an extraction (see the module doc for what they are).
pub fn anchors_of(ex: &Extraction) -> Anchors {
    let mut out = Anchors::new();
    for m in &ex.entities {
        if m.kind != EntityKind::Group && !m.entity.is_empty() {
            out.insert(format!("e:{}", m.entity));
        }
    }
    for a in &ex.actors {
        if a.kind != EntityKind::Group && !a.title_mentions.is_empty() {
            out.insert(format!("e:{}", a.id));
        }
    }
    let title = ex.document.title.as_deref().unwrap_or("");
    for text in [title, ex.document.text.as_str()] {
        for n in numbers(text) {
            out.insert(format!("n:{n}"));
        }
    }
    for t in &ex.times {
        // Back-references repeat a time already anchored; periods (`in recent years`) are too
        // vague to tell stories apart.
        let precise = matches!(t.precision, TimePrecision::Day | TimePrecision::Month);
        if precise && t.kind != TimeKind::BackReference {
            if let Some(month) = t.start.as_deref().and_then(|s| s.get(..7)) {
                out.insert(format!("d:{month}"));
            }
        }
    }
    out
}

/// Separators that may sit between digit groups of one number: thousands separators and
/// decimal marks of the languages we read (`1.000`, `1,000`, `1 000` with a no-break space,
/// `1'000`).
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// The numbers of a text as digit strings without separators or leading zeros, keeping those
/// of at least two digits (single digits are common and often spelled out in one language but
/// not the other).
///
/// Digit groups joined by single separators form one number when every inner group has three
/// digits (`1.234.567`, `1,234.5`) or there are only two groups (`3,5`); other runs such as the
/// date `15.05.2024` are split into their groups.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut groups: Vec<String> = Vec::new();
        let mut group = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                group.push(c);
                i += 1;
            } else if is_separator(c) && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                groups.push(std::mem::take(&mut group));
                i += 1;
            } else {
                break;
            }
        }
        groups.push(group);
        let inner_thousands =
            groups.len() > 2 && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3);
        let parts = if groups.len() <= 2 || inner_thousands {
            vec![groups.concat()]
        } else {
            groups
        };
        for p in parts {
            let digits = p.trim_start_matches('0');
            if digits.len() >= 2 {
                out.push(digits.to_string());
            }
        }
    }
    out
}

/// How much an anchor counts. Entities are shared by every story on a topic and years by
/// every story of a period; the other numbers and resolved months are what a translation
/// carries over from its original and a different story rarely repeats.
pub fn weight(anchor: &str) -> f64 {
    match anchor.split_once(':') {
        Some(("n", digits)) if is_year(digits) => 1.0,
        Some(("n", _)) | Some(("d", _)) => 3.0,
        _ => 1.0,
    }
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// Whether an anchor is a number or a date, the kinds that tell stories apart.
pub fn is_specific(anchor: &str) -> bool {
    weight(anchor) > 1.0
}

/// How alike two anchor sets are.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AnchorMatch {
    /// Weighted Jaccard: weight of the shared anchors over weight of all anchors.
    pub jaccard: f64,
    /// Weighted overlap coefficient: weight of the shared anchors over the weight of the
    /// smaller set, which stays high when one text is an excerpt of the other.
    pub overlap: f64,
    /// Shared anchors, and shared numbers/dates other than years.
    pub shared: usize,
    pub shared_specific: usize,
}

/// Compare two anchor sets.
pub fn compare(a: &Anchors, b: &Anchors) -> AnchorMatch {
    let total = |s: &Anchors| s.iter().map(|x| weight(x)).sum::<f64>();
    let (wa, wb) = (total(a), total(b));
    let mut shared = 0;
    let mut shared_specific = 0;
    let mut w_shared = 0.0;
    for x in a.intersection(b) {
        shared += 1;
        if is_specific(x) {
            shared_specific += 1;
        }
        w_shared += weight(x);
    }
    let union = wa + wb - w_shared;
    let smaller = wa.min(wb);
    AnchorMatch {
        jaccard: if union > 0.0 { w_shared / union } else { 0.0 },
        overlap: if smaller > 0.0 {
            w_shared / smaller
        } else {
            0.0
        },
        shared,
        shared_specific,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_across_separator_conventions() {
        assert_eq!(numbers("ihrer 100.000 Einwohner"), ["100000"]);
        assert_eq!(numbers("its 100,000 inhabitants"), ["100000"]);
        assert_eq!(numbers("1.234,5 t und 1,234.5 t"), ["12345", "12345"]);
        assert_eq!(numbers("3,5 Prozent, 3.5 percent"), ["35", "35"]);
        assert_eq!(numbers("1\u{a0}000 chars"), ["1000"]);
        // A trailing full stop or a list comma is not a separator.
        assert_eq!(
            numbers("im Jahr 2020. In 2020, 2022"),
            ["2020", "2020", "2022"]
        );
        // A numeric date is split into its groups, not read as one number.
        assert_eq!(numbers("am 15.05.2024"), ["15", "2024"]);
        // Single digits and leading zeros do not count.
        assert_eq!(numbers("5 Panzer, T-72, 07"), ["72"]);
        assert!(numbers("").is_empty());
    }

    #[test]
    fn specific_anchors_weigh_more_than_entities_and_years() {
        assert_eq!(weight("e:AZE"), 1.0);
        assert_eq!(weight("n:2020"), 1.0);
        assert_eq!(weight("n:100000"), 3.0);
        assert_eq!(weight("d:2022-09"), 3.0);
        let a: Anchors = ["e:AZE", "e:BLR", "n:100000"].map(String::from).into();
        let b: Anchors = ["e:AZE", "e:BLR", "n:2020"].map(String::from).into();
        let m = compare(&a, &b);
        assert_eq!((m.shared, m.shared_specific), (2, 0));
        assert!((m.jaccard - 2.0 / 6.0).abs() < 1e-9, "{m:?}");
        assert!((m.overlap - 2.0 / 3.0).abs() < 1e-9, "{m:?}");
        assert_eq!(compare(&a, &a).jaccard, 1.0);
        assert_eq!(compare(&a, &Anchors::new()).overlap, 0.0);
    }
}
