//! Counts written in words and digits (`100.000`, `1,5 Millionen`, `100,000`), normalised to
//! integers with the separators and multipliers of the language file.

use crate::rules::LanguageRules;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    Exact(u64),
    /// A count too vague to normalise (`Zehntausende`, `десятки тысяч`), as written.
    Vague(String),
    None,
}

/// Parse one numeral with the language's separators (`100.000` with `.` for thousands).
pub fn parse_numeral(lang: &LanguageRules, word: &str) -> Option<f64> {
    if !word.chars().next()?.is_ascii_digit() {
        return None;
    }
    let mut s = word.to_string();
    if !lang.thousands_sep.is_empty() {
        // `1.5` in a language whose thousands separator is `.`: only groups of three count.
        let parts: Vec<&str> = s.split(lang.thousands_sep.as_str()).collect();
        if parts.len() > 1
            && parts[1..]
                .iter()
                .all(|p| p.len() == 3 || p.contains(&lang.decimal_sep[..]))
        {
            s = parts.concat();
        }
    }
    if !lang.decimal_sep.is_empty() {
        s = s.replace(lang.decimal_sep.as_str(), ".");
    }
    s.parse::<f64>().ok()
}

/// The first count in `words` (lowercased): a numeral with an optional multiplier word after
/// it, or a vague count word.
pub fn read_count(lang: &LanguageRules, words: &[&str]) -> Count {
    for (i, w) in words.iter().enumerate() {
        if let Some(n) = parse_numeral(lang, w) {
            // Years are not counts of people.
            if (1900.0..=2100.0).contains(&n)
                && !w.contains(['.', ','])
                && words
                    .get(i + 1)
                    .is_none_or(|x| lang.multipliers.get(x).is_none())
            {
                continue;
            }
            let mult = words
                .get(i + 1)
                .and_then(|m| lang.multipliers.get(m))
                .copied()
                .unwrap_or(1);
            let v = n * mult as f64;
            if v.is_finite() && v >= 0.0 {
                return Count::Exact(v.round() as u64);
            }
        }
        if let Some(len) = lang.vague_counts.match_at(words, i) {
            let mut text = words[i..i + len].join(" ");
            if let Some(next) = words
                .get(i + len)
                .filter(|n| lang.multipliers.get(n).is_some())
            {
                text.push(' ');
                text.push_str(next);
            }
            return Count::Vague(text);
        }
    }
    Count::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(th: &str, dec: &str) -> LanguageRules {
        let text = format!(
            "language = \"xx\"\n[numbers]\nthousands_sep = \"{th}\"\ndecimal_sep = \"{dec}\"\nmultipliers = {{ millionen = 1000000, million = 1000000, \"тысяч\" = 1000 }}\nvague = [\"десятки\", \"zehntausende\"]\n"
        );
        LanguageRules::parse(&text).unwrap()
    }

    #[test]
    fn counts_normalise_per_language() {
        let de = lang(".", ",");
        assert_eq!(
            read_count(&de, &["ihrer", "100.000", "einwohner"]),
            Count::Exact(100_000)
        );
        assert_eq!(
            read_count(&de, &["1,5", "millionen"]),
            Count::Exact(1_500_000)
        );
        assert_eq!(read_count(&de, &["im", "jahr", "2020"]), Count::None);
        let en = lang(",", ".");
        assert_eq!(
            read_count(&en, &["100,000", "people"]),
            Count::Exact(100_000)
        );
        assert_eq!(
            read_count(&en, &["1.5", "million"]),
            Count::Exact(1_500_000)
        );
        let ru = lang(" ", ",");
        assert_eq!(
            read_count(&ru, &["десятки", "тысяч"]),
            Count::Vague("десятки тысяч".into())
        );
    }
}
