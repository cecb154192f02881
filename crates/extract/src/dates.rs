//! Dates as people write them on a page ("November 19, 2019", "19. November 2019",
//! "19 ноября 2019", "19.11.2019"), for pages whose publication date is in no machine
//! field. Month names come from `data/time/<lang>.toml` (the same files the time reader
//! uses), so a new language's dates need no Rust change.

use std::collections::HashMap;

use armsgraph_kb::{DataError, DataFiles};

use crate::ExtractError;

/// Month names and abbreviations of every language in `data/time/`, lower case. A form that
/// names different months in two languages is left out.
#[derive(Debug, Clone, Default)]
pub struct MonthNames {
    months: HashMap<String, u32>,
}

#[derive(serde::Deserialize)]
struct TimeFile {
    #[serde(default)]
    months: HashMap<String, Vec<String>>,
}

impl MonthNames {
    /// Read the `[months]` table of every `time/*.toml`.
    pub fn load(files: &DataFiles) -> Result<MonthNames, ExtractError> {
        let rels = match files.list("time", ".toml") {
            Ok(rels) => rels,
            Err(DataError::Missing { .. }) => return Ok(MonthNames::default()),
            Err(e) => return Err(e.into()),
        };
        let mut sources = Vec::new();
        for rel in rels {
            let text = files.read(&rel)?;
            sources.push((rel, text));
        }
        MonthNames::from_sources(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<MonthNames, ExtractError> {
        let mut months: HashMap<String, u32> = HashMap::new();
        let mut ambiguous = Vec::new();
        for (name, text) in sources {
            let file: TimeFile = toml::from_str(text).map_err(|e| ExtractError::Data {
                path: name.to_string(),
                message: e.to_string(),
            })?;
            for (number, forms) in file.months {
                let Some(m) = number.parse::<u32>().ok().filter(|m| (1..=12).contains(m)) else {
                    return Err(ExtractError::Data {
                        path: name.to_string(),
                        message: format!("month {number:?} is not 1–12"),
                    });
                };
                for form in forms {
                    // `nov.` is also written `nov`.
                    let bare = form.trim().trim_end_matches('.').to_lowercase();
                    if bare.is_empty() {
                        continue;
                    }
                    match months.get(&bare) {
                        Some(&other) if other != m => ambiguous.push(bare),
                        _ => {
                            months.insert(bare, m);
                        }
                    }
                }
            }
        }
        for form in ambiguous {
            months.remove(&form);
        }
        Ok(MonthNames { months })
    }

    fn month(&self, word: &str) -> Option<u32> {
        self.months.get(&word.to_lowercase()).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.months.is_empty()
    }
}

/// Earliest and latest years read as publication years.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// The first date written in `text`, as `YYYY-MM-DD`. `month_first` reads an ambiguous
/// `11/09/2019` as November 9 (US usage); otherwise as 11 September.
pub fn find_date(text: &str, months: &MonthNames, month_first: bool) -> Option<String> {
    let toks = tokens(text);
    for i in 0..toks.len() {
        if let Some(d) = date_at(&toks, i, months, month_first) {
            return Some(d);
        }
    }
    None
}

#[derive(Debug)]
struct Tok<'a> {
    word: &'a str,
    /// The character right after the word (`.`, `,`, `/`, `-`, space…).
    next: char,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Tok {
                word: &text[s..i],
                next: c,
            });
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            word: &text[s..],
            next: ' ',
        });
    }
    out
}

fn number(word: &str, max_digits: usize) -> Option<u32> {
    (!word.is_empty() && word.len() <= max_digits && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// `19th` → 19.
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "e") {
        return None;
    }
    number(digits, 2).filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<u32> {
    number(word, 4).filter(|y| YEARS.contains(y))
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // Leap years within 1990–2100: every fourth, but not 2100.
        2 if y & 3 == 0 && y != 2100 => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Connecting words between day, month and year (`19 de noviembre de 2019`).
fn filler(word: &str) -> bool {
    matches!(word, "de" | "del" | "of" | "г")
}

fn date_at(toks: &[Tok], i: usize, months: &MonthNames, month_first: bool) -> Option<String> {
    let w = |k: usize| toks.get(k).map(|t| t.word);
    let skip_filler = |k: usize| if w(k).is_some_and(filler) { k + 1 } else { k };
    // 2019-11-19, 19.11.2019, 19/11/2019, 11/19/2019
    if let (Some(a), Some(b), Some(c)) = (w(i), w(i + 1), w(i + 2)) {
        // ISO 8601 glues the time on: `19T10`.
        let c = c.split('T').next().unwrap_or(c);
        let sep = toks[i].next;
        if matches!(sep, '-' | '.' | '/') && toks[i + 1].next == sep {
            if let (Some(y), Some(m), Some(d)) = (year(a), number(b, 2), number(c, 2)) {
                if sep == '-' || sep == '/' {
                    return ymd(y, m, d);
                }
            }
            if let (Some(x), Some(z), Some(y)) = (number(a, 2), number(b, 2), year(c)) {
                let (m, d) = if (sep == '/' && month_first && x <= 12) || z > 12 {
                    (x, z)
                } else {
                    (z, x)
                };
                return ymd(y, m, d);
            }
        }
    }
    // 19 November 2019, 19. November 2019, 19 de noviembre de 2019, 19 ноября 2019 г.
    if let Some(d) = w(i).and_then(day_number) {
        let k = skip_filler(i + 1);
        if let Some(m) = w(k).and_then(|x| months.month(x)) {
            let k = skip_filler(k + 1);
            if let Some(y) = w(k).and_then(year) {
                return ymd(y, m, d);
            }
        }
    }
    // November 19, 2019; Nov. 19 2019
    if let Some(m) = w(i).and_then(|x| months.month(x)) {
        if let Some(d) = w(i + 1).and_then(day_number) {
            if let Some(y) = w(skip_filler(i + 2)).and_then(year) {
                return ymd(y, m, d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> MonthNames {
        let files = DataFiles::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
        MonthNames::load(&files).expect("time data")
    }

    #[test]
    fn written_dates_in_several_languages() {
        let m = months();
        let cases = [
            ("Posted on November 19, 2019 at 6:21 AM", "2019-11-19"),
            ("Nov. 19 2019", "2019-11-19"),
            ("By Jane Doe | 19th November 2019", "2019-11-19"),
            (
                "Veröffentlicht am 19. November 2019, 10:43 Uhr",
                "2019-11-19",
            ),
            ("19 ноября 2019 г., 10:43", "2019-11-19"),
            ("martes, 19 de noviembre de 2019", "2019-11-19"),
            ("le 19 novembre 2019", "2019-11-19"),
            ("Stand: 19.11.2019", "2019-11-19"),
            ("2019-11-19T10:00", "2019-11-19"),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text, &m, false).as_deref(), Some(want), "{text}");
        }
        // Day or month first only matters when both could be a month.
        assert_eq!(
            find_date("11/09/2019", &m, true).as_deref(),
            Some("2019-11-09")
        );
        assert_eq!(
            find_date("11/09/2019", &m, false).as_deref(),
            Some("2019-09-11")
        );
        assert_eq!(
            find_date("19/11/2019", &m, true).as_deref(),
            Some("2019-11-19")
        );
    }

    #[test]
    fn numbers_that_are_not_dates_are_left_alone() {
        let m = months();
        for text in [
            "Mai Thai is 19 and lives in Hanoi.",
            "3 May 1789",
            "31. Februar 2019",
            "20 km von 2019 Menschen",
        ] {
            assert_eq!(find_date(text, &m, false), None, "{text}");
        }
    }
}
