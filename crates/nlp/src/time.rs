//! Time expressions: find them in the text and normalise them to ISO intervals.
//!
//! All language knowledge is in `data/time/<lang>.toml` (month and weekday names in their
//! inflected forms, numerals, units, relative markers and the rule patterns that combine
//! them); this module only knows a closed set of *meanings* ([`Meaning`]) and how to resolve
//! each against the publication date or an earlier expression. A new language is a new data
//! file; the folder is listed at load time.
//!
//! # Rule patterns
//! A pattern is a regular expression (case-insensitive) with placeholders:
//! `{day}`, `{month}` (a month name), `{month_num}`, `{year}`, `{year2}`, `{weekday}`,
//! `{number}` (digits or a numeral word), `{unit}` (day/week/month/year words), and
//! `{<name>}` for any word list under `[words]`. A plain space stands for any run of
//! whitespace. A match must start and end at word boundaries.
//!
//! # Resolution rules (documented in `docs/notes/nlp-time.md`)
//! - `im vergangenen September` is the most recent September strictly before the
//!   publication month (2023-09 for a 2024-05 or 2024-09 publication, 2024-09 for 2024-11).
//! - `in den letzten Jahren` is the period of [`DEFAULT_RECENT`] units before publication.
//! - Back-references (`damals`) take the interval of the nearest earlier non-vague
//!   expression; `seitdem` runs from its start to the publication date (open without one).

mod calendar;

use std::collections::{BTreeMap, HashMap};

use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::{TextIndex, TimeExpr, TimeKind, TimePrecision, Warning};
use regex::{Captures, Regex};
use serde::Deserialize;

pub use calendar::Date;

/// Folder of the per-language time files under `data/`.
pub const TIME_DIR: &str = "time";

/// Length of a vague recent period (`in den letzten Jahren`) in its unit, unless the rule
/// says otherwise: "the last years" in news prose rarely reaches further back than this.
pub const DEFAULT_RECENT: u32 = 3;

/// Calendar units that relative expressions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What a rule's match means; each has one resolution procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// `{day} {month} {year}`: one day.
    Date,
    /// `{month} {year}`.
    MonthYear,
    /// `{year}`.
    Year,
    /// `{year}`–`{year2}`.
    YearRange,
    /// `seit {year}`: from the year to the publication date.
    SinceYear,
    /// `{day} {month}` without year: the year that puts it nearest the publication date.
    DayMonth,
    /// `im vergangenen {month}`: the most recent such month before the publication month.
    LastMonthName,
    /// `im {month} letzten Jahres`: that month of the year before publication.
    MonthLastYear,
    /// `im {month} dieses Jahres`.
    MonthThisYear,
    /// `letztes Jahr`, `last week`: the previous calendar unit.
    LastUnit,
    /// `dieses Jahr`: the publication's calendar unit.
    ThisUnit,
    /// `nächstes Jahr`.
    NextUnit,
    /// `vor {number} {unit}`.
    Ago,
    /// `in den letzten {number} {unit}`: the period up to publication.
    LastNUnits,
    /// `in den letzten Jahren`: a vague period of `amount` (default [`DEFAULT_RECENT`]) units.
    Recent,
    /// `gestern` (offset -1), `heute` (0).
    DayOffset,
    /// `am {weekday}`: the most recent such weekday on or before publication.
    Weekday,
    /// `damals`: the interval of the previous expression.
    BackAt,
    /// `seitdem`: from the previous expression to publication.
    BackSince,
    /// `im Jänner`: a month without a year: the nearest such month up to the publication
    /// month, or from it on in a future clause.
    MonthName,
    /// `Mitte April`: the days `days` (e.g. `[11, 20]`, clamped to the month's end) of a
    /// month, with the year written or chosen as for [`Meaning::MonthName`].
    MonthPart,
    /// `vom 11. bis 14. April`, `28 March to 2 April`: `{day}` (of `{month}`, else of the
    /// end month) to `{day2}` of `{month2}` or `{month}`; the year written or chosen as for
    /// [`Meaning::DayMonth`].
    DayRange,
    /// `von März bis Mai`: `{month}` to `{month2}`, the year written or chosen as for
    /// [`Meaning::MonthName`] (from the end month back, or from the start month on in a
    /// future clause).
    MonthRange,
}

impl Meaning {
    fn kind(self) -> TimeKind {
        match self {
            Meaning::Date
            | Meaning::MonthYear
            | Meaning::Year
            | Meaning::YearRange
            | Meaning::SinceYear => TimeKind::Absolute,
            Meaning::BackAt | Meaning::BackSince => TimeKind::BackReference,
            _ => TimeKind::Relative,
        }
    }

    /// The kind of one match: a range or month part with its year written is absolute.
    fn kind_of(self, v: &Values) -> TimeKind {
        match self {
            Meaning::MonthPart | Meaning::DayRange | Meaning::MonthRange if v.year.is_some() => {
                TimeKind::Absolute
            }
            _ => self.kind(),
        }
    }

    /// Meanings whose year (or week) is chosen from the publication date, and so turn
    /// forward in a future clause.
    fn follows_tense(self) -> bool {
        matches!(
            self,
            Meaning::DayMonth
                | Meaning::Weekday
                | Meaning::MonthName
                | Meaning::MonthPart
                | Meaning::DayRange
                | Meaning::MonthRange
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Data file format
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeFile {
    /// ISO 639-1 code; the file stem when absent.
    #[serde(default)]
    code: Option<String>,
    /// `"1".."12"` → forms of that month.
    #[serde(default)]
    months: BTreeMap<String, Vec<String>>,
    /// `"1"` (Monday) .. `"7"` (Sunday) → forms.
    #[serde(default)]
    weekdays: BTreeMap<String, Vec<String>>,
    /// Numeral word → value.
    #[serde(default)]
    numbers: BTreeMap<String, u32>,
    /// Unit → forms.
    #[serde(default)]
    units: BTreeMap<String, Vec<String>>,
    /// Named word lists, usable as `{name}` in patterns.
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    /// Patterns marking a clause as future (`wird`, `will`, `будет`, a future-tense verb
    /// ending): a weekday or a date without year there resolves forward.
    #[serde(default)]
    future: Vec<String>,
    /// Words that open a new clause (`that`, `dass`, `что`): a future marker beyond one
    /// belongs to another clause.
    #[serde(default)]
    clause_breaks: Vec<String>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Patterns {
    One(String),
    Many(Vec<String>),
}

impl Patterns {
    fn list(&self) -> Vec<&str> {
        match self {
            Patterns::One(p) => vec![p.as_str()],
            Patterns::Many(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    /// One pattern, or several when alternatives need the same placeholder twice.
    pattern: Patterns,
    meaning: Meaning,
    /// Fixed unit for patterns without `{unit}` (`yesterday` needs none).
    #[serde(default)]
    unit: Option<Unit>,
    /// Fixed count for `recent`, or the day offset for `day_offset`.
    #[serde(default)]
    amount: Option<i32>,
    /// Patterns that, right after a match, cancel it (`тогда, когда` is "when", not "then").
    #[serde(default)]
    not_followed_by: Vec<String>,
    /// For `month_part`: the first and last day of the part (`[11, 20]` for mid-month).
    #[serde(default)]
    days: Option<[u32; 2]>,
    /// `false` for a rule whose words fix the direction (`last Monday`): a future clause
    /// does not turn it forward.
    #[serde(default = "yes")]
    follows_tense: bool,
}

fn yes() -> bool {
    true
}

// ---------------------------------------------------------------------------------------------
// Loaded rules
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Rule {
    id: String,
    regexes: Vec<Regex>,
    meaning: Meaning,
    unit: Option<Unit>,
    amount: Option<i32>,
    /// Anchored at the end of a match; a hit rejects the match.
    stop: Option<Regex>,
    days: Option<[u32; 2]>,
    follows_tense: bool,
}

#[derive(Debug, Default)]
struct Language {
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    numbers: HashMap<String, u32>,
    units: HashMap<String, Unit>,
    rules: Vec<Rule>,
    /// Any future marker, as a whole word.
    future: Option<Regex>,
    /// Any clause-opening word, as a whole word.
    clause_break: Option<Regex>,
}

/// Finds and normalises time expressions; loaded once from `data/time/*.toml`.
#[derive(Debug, Default)]
pub struct TimeReader {
    languages: BTreeMap<String, LazyLanguage>,
}

/// One language's rules, compiled to regexes the first time a text in that language is read
/// (start-up does not pay for the other languages; docs/notes/startup.md).
#[derive(Debug)]
struct LazyLanguage {
    path: String,
    text: String,
    compiled: std::sync::OnceLock<Option<Language>>,
}

impl LazyLanguage {
    fn compile(path: &str, text: &str) -> Result<Language, DataError> {
        let file: TimeFile = toml::from_str(text).map_err(|e| DataError::Invalid {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        Language::from_file(path, file)
    }

    /// The compiled rules; `None` only if the file stopped compiling after it was checked.
    fn get(&self) -> Option<&Language> {
        self.compiled
            .get_or_init(|| Self::compile(&self.path, &self.text).ok())
            .as_ref()
    }
}

/// Lower-cases and folds typographic apostrophes so that surface forms match the tables.
fn fold(s: &str) -> String {
    s.to_lowercase().replace(['’', 'ʼ'], "'")
}

/// A regex alternation of word forms, longest first so that `septembers` beats `september`.
fn alternation(forms: impl IntoIterator<Item = String>) -> String {
    let mut forms: Vec<String> = forms
        .into_iter()
        .flat_map(|f| {
            let f = fold(&f);
            // Texts write apostrophes both ways (п'ять / п’ять).
            let curly = f.replace('\'', "’");
            if curly == f {
                vec![f]
            } else {
                vec![f, curly]
            }
        })
        .filter(|f| !f.is_empty())
        .collect();
    forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    forms.dedup();
    forms
        .iter()
        .map(|f| regex::escape(f).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn parse_unit(name: &str) -> Option<Unit> {
    match name {
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

impl Language {
    fn from_file(path: &str, file: TimeFile) -> Result<Language, DataError> {
        let invalid = |message: String| DataError::Invalid {
            path: path.to_string(),
            message,
        };
        let mut lang = Language::default();
        for (key, forms) in &file.months {
            let n: u32 = key
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))
                .ok_or_else(|| invalid(format!("month key {key:?} is not 1..12")))?;
            for f in forms {
                lang.months.insert(fold(f), n);
            }
        }
        for (key, forms) in &file.weekdays {
            let n: u32 = key
                .parse()
                .ok()
                .filter(|n| (1..=7).contains(n))
                .ok_or_else(|| invalid(format!("weekday key {key:?} is not 1..7")))?;
            for f in forms {
                lang.weekdays.insert(fold(f), n);
            }
        }
        for (word, value) in &file.numbers {
            lang.numbers.insert(fold(word), *value);
        }
        for (key, forms) in &file.units {
            let unit = parse_unit(key).ok_or_else(|| {
                invalid(format!("unit {key:?} is not one of day, week, month, year"))
            })?;
            for f in forms {
                lang.units.insert(fold(f), unit);
            }
        }

        let number_words = alternation(lang.numbers.keys().cloned());
        let mut slots: HashMap<String, String> = HashMap::new();
        slots.insert("day".into(), r"(?P<day>[12][0-9]|3[01]|0?[1-9])".into());
        slots.insert("month_num".into(), r"(?P<month_num>1[0-2]|0?[1-9])".into());
        slots.insert("year".into(), r"(?P<year>1[89][0-9]{2}|20[0-9]{2})".into());
        slots.insert(
            "year2".into(),
            r"(?P<year2>1[89][0-9]{2}|20[0-9]{2})".into(),
        );
        slots.insert("day2".into(), r"(?P<day2>[12][0-9]|3[01]|0?[1-9])".into());
        slots.insert(
            "month".into(),
            format!("(?P<month>{})", alternation(lang.months.keys().cloned())),
        );
        slots.insert(
            "month2".into(),
            format!("(?P<month2>{})", alternation(lang.months.keys().cloned())),
        );
        slots.insert(
            "weekday".into(),
            format!(
                "(?P<weekday>{})",
                alternation(lang.weekdays.keys().cloned())
            ),
        );
        slots.insert(
            "unit".into(),
            format!("(?P<unit>{})", alternation(lang.units.keys().cloned())),
        );
        slots.insert(
            "number".into(),
            if number_words.is_empty() {
                r"(?P<number>[0-9]{1,3})".into()
            } else {
                format!(r"(?P<number>[0-9]{{1,3}}|{number_words})")
            },
        );
        for (name, forms) in &file.words {
            if slots.contains_key(name) {
                return Err(invalid(format!(
                    "word list {name:?} shadows a built-in slot"
                )));
            }
            slots.insert(
                name.clone(),
                format!("(?:{})", alternation(forms.iter().cloned())),
            );
        }

        let whole_words = |what: &str, patterns: &[String]| -> Result<Option<Regex>, DataError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let alts: Result<Vec<String>, String> =
                patterns.iter().map(|p| expand(p, &slots)).collect();
            let alts = alts.map_err(|m| invalid(format!("{what}: {m}")))?;
            // Markers only need to match: unnamed groups let several use one slot.
            let alts = unname_groups(&alts.join("|"));
            Regex::new(&format!(r"(?i)\b(?:{alts})\b"))
                .map(Some)
                .map_err(|e| invalid(format!("{what}: {e}")))
        };
        lang.future = whole_words("future", &file.future)?;
        lang.clause_break = whole_words("clause_breaks", &file.clause_breaks)?;

        for spec in file.rules {
            if spec.meaning == Meaning::MonthPart
                && !spec
                    .days
                    .is_some_and(|[a, b]| (1..=31).contains(&a) && a <= b && b <= 31)
            {
                return Err(invalid(format!(
                    "rule {}: month_part needs days = [first, last] within 1..=31",
                    spec.id
                )));
            }
            let mut regexes = Vec::new();
            for pattern in spec.pattern.list() {
                let source = expand(pattern, &slots)
                    .map_err(|m| invalid(format!("rule {}: {m}", spec.id)))?;
                let regex = Regex::new(&format!("(?i){source}"))
                    .map_err(|e| invalid(format!("rule {}: {e}", spec.id)))?;
                regexes.push(regex);
            }
            let stop = if spec.not_followed_by.is_empty() {
                None
            } else {
                let alts: Result<Vec<String>, String> = spec
                    .not_followed_by
                    .iter()
                    .map(|p| expand(p, &slots))
                    .collect();
                let alts = alts.map_err(|m| invalid(format!("rule {}: {m}", spec.id)))?;
                Some(
                    Regex::new(&format!("^(?i)(?:{})", alts.join("|")))
                        .map_err(|e| invalid(format!("rule {}: {e}", spec.id)))?,
                )
            };
            lang.rules.push(Rule {
                id: spec.id,
                stop,
                regexes,
                meaning: spec.meaning,
                unit: spec.unit,
                amount: spec.amount,
                days: spec.days,
                follows_tense: spec.follows_tense,
            });
        }
        Ok(lang)
    }
}

/// `(?P<name>…)` groups as plain `(?:…)`, for regexes built from several slot patterns.
fn unname_groups(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(i) = rest.find("(?P<") {
        out.push_str(&rest[..i]);
        out.push_str("(?:");
        let after = &rest[i + 4..];
        rest = after.find('>').map_or(after, |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

/// The literal parts of a pattern: a space matches any whitespace run, an apostrophe
/// either apostrophe.
fn literal(part: &str) -> String {
    part.replace(' ', r"\s+").replace('\'', "['’]")
}

/// Replaces `{slot}` placeholders and turns plain spaces into `\s+`.
fn expand(pattern: &str, slots: &HashMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 4);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(&literal(before));
        // `{` followed by a digit is a regex repetition (`[0-9]{4}`), not a slot.
        let name_end = after[1..].find('}').map(|i| i + 1);
        match name_end {
            Some(end)
                if after[1..end]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                    && after[1..end].starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                let name = &after[1..end];
                let slot = slots
                    .get(name)
                    .ok_or_else(|| format!("unknown placeholder {{{name}}}"))?;
                out.push_str(slot);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(&literal(rest));
    Ok(out)
}

/// The values a match carries, read from its named groups.
#[derive(Debug, Default, Clone, Copy)]
struct Values {
    day: Option<u32>,
    day2: Option<u32>,
    month: Option<u32>,
    month2: Option<u32>,
    year: Option<i32>,
    year2: Option<i32>,
    weekday: Option<u32>,
    number: Option<u32>,
    unit: Option<Unit>,
}

impl Language {
    fn values(&self, caps: &Captures) -> Values {
        let group = |name: &str| caps.name(name).map(|m| fold(m.as_str()));
        let word_key = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Values {
            day: group("day").and_then(|d| d.parse().ok()),
            day2: group("day2").and_then(|d| d.parse().ok()),
            month2: group("month2").and_then(|m| self.months.get(&word_key(m)).copied()),
            month: group("month")
                .and_then(|m| self.months.get(&word_key(m)).copied())
                .or_else(|| group("month_num").and_then(|m| m.parse().ok())),
            year: group("year").and_then(|y| y.parse().ok()),
            year2: group("year2").and_then(|y| y.parse().ok()),
            weekday: group("weekday").and_then(|w| self.weekdays.get(&word_key(w)).copied()),
            number: group("number").and_then(|n| {
                n.parse()
                    .ok()
                    .or_else(|| self.numbers.get(&word_key(n)).copied())
            }),
            unit: group("unit").and_then(|u| self.units.get(&word_key(u)).copied()),
        }
    }
}

/// One rule match before overlaps are settled.
#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    values: Values,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when a match edge `edge` (a digit) continues into a decimal or grouped number
/// outside the match (`1,5 года`, `2.020`): `outside` walks away from the match.
fn continues_number(mut outside: impl Iterator<Item = char>, edge: Option<char>) -> bool {
    edge.is_some_and(|c| c.is_ascii_digit())
        && matches!(outside.next(), Some('.' | ','))
        && outside.next().is_some_and(|c| c.is_ascii_digit())
}

/// True when the values a meaning needs are present and form a real date.
fn complete(meaning: Meaning, v: &Values, rule: &Rule) -> bool {
    let unit = v.unit.or(rule.unit);
    match meaning {
        Meaning::Date => match (v.year, v.month, v.day) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d).is_some(),
            _ => false,
        },
        Meaning::MonthYear => v.year.is_some() && v.month.is_some(),
        Meaning::Year | Meaning::SinceYear => v.year.is_some(),
        Meaning::YearRange => matches!((v.year, v.year2), (Some(a), Some(b)) if a <= b),
        // 29 February is checked against the resolved year later.
        Meaning::DayMonth => {
            matches!((v.month, v.day), (Some(m), Some(d)) if d <= calendar::days_in_month(2024, m))
        }
        Meaning::LastMonthName | Meaning::MonthLastYear | Meaning::MonthThisYear => {
            v.month.is_some()
        }
        Meaning::LastUnit | Meaning::ThisUnit | Meaning::NextUnit => unit.is_some(),
        Meaning::Ago | Meaning::LastNUnits => unit.is_some() && v.number != Some(0),
        Meaning::Weekday => v.weekday.is_some(),
        Meaning::MonthName => v.month.is_some(),
        Meaning::MonthPart => v.month.is_some() && rule.days.is_some(),
        Meaning::DayRange => match (v.month, v.day, v.day2) {
            (Some(m), Some(d), Some(d2)) => {
                let m2 = v.month2.unwrap_or(m);
                d <= calendar::days_in_month(2024, m)
                    && d2 <= calendar::days_in_month(2024, m2)
                    && (m2 != m || d < d2)
            }
            _ => false,
        },
        Meaning::MonthRange => matches!((v.month, v.month2), (Some(a), Some(b)) if a != b),
        Meaning::Recent | Meaning::DayOffset | Meaning::BackAt | Meaning::BackSince => true,
    }
}

/// A resolved interval.
#[derive(Debug, Clone, Copy)]
struct Interval {
    start: Date,
    end: Date,
    precision: TimePrecision,
}

impl Interval {
    fn day(d: Date) -> Interval {
        Interval {
            start: d,
            end: d,
            precision: TimePrecision::Day,
        }
    }
    fn month(year: i32, month: u32) -> Interval {
        Interval {
            start: Date::month_start(year, month),
            end: Date::month_end(year, month),
            precision: TimePrecision::Month,
        }
    }
    fn year(year: i32) -> Interval {
        Interval {
            start: Date::month_start(year, 1),
            end: Date::month_end(year, 12),
            precision: TimePrecision::Year,
        }
    }
    /// The calendar unit containing `d`, shifted by `shift` units.
    fn unit_of(d: Date, unit: Unit, shift: i32) -> Interval {
        match unit {
            Unit::Day => Interval::day(d.add_days(i64::from(shift))),
            Unit::Week => {
                let monday = d.add_days(-i64::from(d.weekday() - 1) + 7 * i64::from(shift));
                Interval {
                    start: monday,
                    end: monday.add_days(6),
                    precision: TimePrecision::Day,
                }
            }
            Unit::Month => {
                let (y, m) = Date::shift_month(d.year, d.month, shift);
                Interval::month(y, m)
            }
            Unit::Year => Interval::year(d.year + shift),
        }
    }
    /// `d` moved back by `n` units (same day of month where possible).
    fn back(d: Date, unit: Unit, n: i32) -> Date {
        match unit {
            Unit::Day => d.add_days(-i64::from(n)),
            Unit::Week => d.add_days(-7 * i64::from(n)),
            Unit::Month => d.add_months(-n),
            Unit::Year => d.add_years(-n),
        }
    }
}

/// Resolves an absolute or publication-relative meaning; `None` when it needs the
/// publication date and there is none.
fn resolve(
    meaning: Meaning,
    v: &Values,
    rule: &Rule,
    published: Option<Date>,
    future: bool,
) -> Option<Interval> {
    let unit = v.unit.or(rule.unit).unwrap_or(Unit::Year);
    let number = v.number.unwrap_or(1) as i32;
    // The year of a month named without one: the nearest such month up to publication,
    // or from publication on in a future clause.
    let month_year = |p: Date, month: u32| match (future, month <= p.month) {
        (false, true) | (true, false) => p.year,
        (false, false) => p.year - 1,
        (true, true) if month == p.month => p.year,
        (true, true) => p.year + 1,
    };
    match meaning {
        Meaning::MonthPart if v.year.is_some() => month_part(v.year?, v.month?, rule.days?),
        Meaning::DayRange if v.year.is_some() => day_range(v.year?, v),
        Meaning::MonthRange if v.year.is_some() => {
            // A year written once belongs to the end of the range (`März bis Mai 2024`).
            let end_year = v.year?;
            let start_year = if v.month? <= v.month2? {
                end_year
            } else {
                end_year - 1
            };
            month_range(start_year, v)
        }
        Meaning::Date => Date::new(v.year?, v.month?, v.day?).map(Interval::day),
        Meaning::MonthYear => Some(Interval::month(v.year?, v.month?)),
        Meaning::Year => Some(Interval::year(v.year?)),
        Meaning::YearRange => Some(Interval {
            start: Date::month_start(v.year?, 1),
            end: Date::month_end(v.year2?, 12),
            precision: TimePrecision::Year,
        }),
        Meaning::SinceYear => {
            let start = Date::month_start(v.year?, 1);
            Some(Interval {
                start,
                end: published
                    .filter(|p| *p >= start)
                    .unwrap_or(Date::month_end(v.year?, 12)),
                precision: TimePrecision::Year,
            })
        }
        Meaning::BackAt | Meaning::BackSince => None,
        _ => {
            let p = published?;
            Some(match meaning {
                Meaning::DayMonth if future => {
                    let (month, day) = (v.month?, v.day?);
                    // The first such date on or after publication.
                    let next = [p.year, p.year + 1]
                        .into_iter()
                        .filter_map(|y| Date::new(y, month, day))
                        .find(|d| *d >= p)?;
                    Interval::day(next)
                }
                Meaning::DayMonth => {
                    let (month, day) = (v.month?, v.day?);
                    // The year that puts the date nearest to publication.
                    let best = [p.year - 1, p.year, p.year + 1]
                        .into_iter()
                        .filter_map(|y| Date::new(y, month, day))
                        .min_by_key(|d| (d.to_days() - p.to_days()).abs())?;
                    Interval::day(best)
                }
                Meaning::LastMonthName => {
                    let month = v.month?;
                    let year = if month < p.month { p.year } else { p.year - 1 };
                    Interval::month(year, month)
                }
                Meaning::MonthLastYear => Interval::month(p.year - 1, v.month?),
                Meaning::MonthThisYear => Interval::month(p.year, v.month?),
                Meaning::LastUnit => Interval::unit_of(p, unit, -1),
                Meaning::ThisUnit => Interval::unit_of(p, unit, 0),
                Meaning::NextUnit => Interval::unit_of(p, unit, 1),
                Meaning::Ago => {
                    let then = Interval::back(p, unit, number);
                    match unit {
                        Unit::Day | Unit::Week => Interval::day(then),
                        Unit::Month => Interval::month(then.year, then.month),
                        Unit::Year => Interval::year(then.year),
                    }
                }
                Meaning::LastNUnits => Interval {
                    start: Interval::back(p, unit, number),
                    end: p,
                    precision: TimePrecision::Period,
                },
                Meaning::Recent => {
                    let amount = rule.amount.unwrap_or(DEFAULT_RECENT as i32);
                    Interval {
                        start: Interval::back(p, unit, amount),
                        end: p,
                        precision: TimePrecision::Period,
                    }
                }
                Meaning::DayOffset => {
                    Interval::day(p.add_days(i64::from(rule.amount.unwrap_or(0))))
                }
                Meaning::Weekday if future => {
                    // The next such weekday after publication (`wird am Montag`); the same
                    // weekday as publication is a week later, as "today" would be written.
                    let ahead = match (7 + v.weekday? - p.weekday()) % 7 {
                        0 => 7,
                        n => n,
                    };
                    Interval::day(p.add_days(i64::from(ahead)))
                }
                Meaning::Weekday => {
                    let back = (7 + p.weekday() - v.weekday?) % 7;
                    Interval::day(p.add_days(-i64::from(back)))
                }
                Meaning::MonthName => {
                    let month = v.month?;
                    Interval::month(month_year(p, month), month)
                }
                Meaning::MonthPart => {
                    let month = v.month?;
                    month_part(month_year(p, month), month, rule.days?)?
                }
                Meaning::DayRange => {
                    // The start's year as for a day and month alone.
                    let (month, day) = (v.month?, v.day?);
                    let years = [p.year - 1, p.year, p.year + 1];
                    let start = if future {
                        years
                            .into_iter()
                            .filter_map(|y| Date::new(y, month, day))
                            .find(|d| *d >= p)?
                    } else {
                        years
                            .into_iter()
                            .filter_map(|y| Date::new(y, month, day))
                            .min_by_key(|d| (d.to_days() - p.to_days()).abs())?
                    };
                    day_range(start.year, v)?
                }
                Meaning::MonthRange => {
                    let (first, last) = (v.month?, v.month2?);
                    let start_year = if future {
                        month_year(p, first)
                    } else {
                        let end_year = month_year(p, last);
                        if first <= last {
                            end_year
                        } else {
                            end_year - 1
                        }
                    };
                    month_range(start_year, v)?
                }
                _ => return None,
            })
        }
    }
}

/// Days `days` of a month (the last clamped to the month's end): a vague stretch.
fn month_part(year: i32, month: u32, days: [u32; 2]) -> Option<Interval> {
    let last = calendar::days_in_month(year, month);
    Some(Interval {
        start: Date::new(year, month, days[0].min(last))?,
        end: Date::new(year, month, days[1].min(last))?,
        precision: TimePrecision::Period,
    })
}

/// `{day}`–`{day2}` starting in `year`; an end before the start is in the next year.
fn day_range(year: i32, v: &Values) -> Option<Interval> {
    let (month, day, day2) = (v.month?, v.day?, v.day2?);
    // In `vom 11. bis 14. April` the one month belongs to both days; in `28. März bis
    // 2. April` the first month is the start's.
    let end_month = v.month2.unwrap_or(month);
    let start = Date::new(year, month, day)?;
    let end = Date::new(year, end_month, day2)
        .filter(|e| *e >= start)
        .or_else(|| Date::new(year + 1, end_month, day2))?;
    Some(Interval {
        start,
        end,
        precision: TimePrecision::Day,
    })
}

/// `{month}`–`{month2}` starting in `year`; an end month before the start is the next year's.
fn month_range(year: i32, v: &Values) -> Option<Interval> {
    let (first, last) = (v.month?, v.month2?);
    let end_year = if last >= first { year } else { year + 1 };
    Some(Interval {
        start: Date::month_start(year, first),
        end: Date::month_end(end_year, last),
        precision: TimePrecision::Month,
    })
}

/// Byte bounds of the clause around `start..end`: the sentence, cut at commas, semicolons
/// and clause-opening words. A comma right after an expression that opens its clause
/// (`On Monday, the minister will …`) or right before one that closes it (`приедет на
/// следующей неделе, в четверг.`) does not cut it; one after a verb's adverbial does
/// (`sagte am Montag, er werde`).
fn clause_around(language: &Language, text: &str, start: usize, end: usize) -> (usize, usize) {
    // A full stop ends a sentence unless it follows a digit (`am 11. April`).
    let is_stop = |prev: Option<char>, c: char, next: Option<char>| match c {
        ';' | '!' | '?' | '\n' | ',' | ':' => true,
        '.' => !prev.is_some_and(|p| p.is_ascii_digit()) && next.is_none_or(char::is_whitespace),
        _ => false,
    };
    const REACH: usize = 400;
    let scan_left = |from: usize| {
        let mut left = from;
        let mut before = text[..from].char_indices().rev().take(REACH).peekable();
        let mut next_char = text[from..].chars().next();
        while let Some((i, c)) = before.next() {
            let prev = before.peek().map(|&(_, p)| p);
            if is_stop(prev, c, next_char) {
                break;
            }
            left = i;
            next_char = Some(c);
        }
        left
    };
    let scan_right = |from: usize| {
        let mut right = from;
        let mut prev = text[..from].chars().next_back();
        let mut chars = text[from..].char_indices().take(REACH).peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if is_stop(prev, c, next) {
                break;
            }
            right = from + i + c.len_utf8();
            prev = Some(c);
        }
        right
    };
    let (mut left, mut right) = (scan_left(start), scan_right(end));
    let opens_clause = text[left..start].trim().is_empty();
    let closes_clause = text[end..right].trim().is_empty();
    if opens_clause {
        let comma_after = text[end..]
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace())
            .filter(|&(_, c)| c == ',');
        if let Some((i, _)) = comma_after {
            right = scan_right(end + i + 1);
        }
    }
    if closes_clause {
        let comma_before = text[..start]
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_whitespace())
            .filter(|&(_, c)| c == ',');
        if let Some((i, _)) = comma_before {
            left = scan_left(i);
        }
    }
    if let Some(breaks) = &language.clause_break {
        if let Some(m) = breaks.find_iter(&text[left..start]).last() {
            left += m.end();
        }
        if let Some(m) = breaks.find(&text[end..right]) {
            right = end + m.start();
        }
    }
    (left, right)
}

/// True when the clause around a match holds one of the language's future markers.
fn in_future_clause(language: &Language, text: &str, start: usize, end: usize) -> bool {
    let Some(future) = &language.future else {
        return false;
    };
    let (left, right) = clause_around(language, text, start, end);
    future.is_match(&text[left..right])
}

/// An expression later back-references may point to.
#[derive(Debug, Clone, Copy)]
struct Referent {
    /// Char start of the expression the interval comes from (followed through chains).
    start: usize,
    interval: Option<Interval>,
}

impl TimeReader {
    /// Loads every `data/time/*.toml`; the language is the `code` field or the file stem.
    pub fn load(files: &DataFiles) -> Result<TimeReader, DataError> {
        let mut languages = BTreeMap::new();
        for path in files.list(TIME_DIR, ".toml")? {
            let text = files.read(&path)?;
            let file: TimeFile = toml::from_str(&text).map_err(|e| DataError::Invalid {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let code = file.code.clone().unwrap_or_else(|| DataFiles::stem(&path));
            // A data directory is checked whole at load, so a bad rule is reported with its
            // file at once; the embedded rules are checked by the tests
            // (`every_embedded_language_compiles`) and compiled per language on first use.
            let compiled = std::sync::OnceLock::new();
            if matches!(files, DataFiles::Dir(_)) {
                let _ = compiled.set(Some(Language::from_file(&path, file)?));
            }
            languages.insert(
                code,
                LazyLanguage {
                    path,
                    text,
                    compiled,
                },
            );
        }
        Ok(TimeReader { languages })
    }

    /// [`parse_date`], or else a whole-string date in any loaded language
    /// (`15. Mai 2024`, `13 января 2015 г.`): for metadata written in prose.
    pub fn parse_date_any(&self, s: &str) -> Option<String> {
        if let Some(iso) = parse_date(s) {
            return Some(iso);
        }
        let s = s.trim();
        let len = s.chars().count();
        self.languages.keys().find_map(|lang| {
            let (exprs, _) = self.read(s, lang, None);
            exprs
                .into_iter()
                .find(|t| {
                    t.kind == TimeKind::Absolute
                        && t.precision == TimePrecision::Day
                        && t.span.len() * 2 > len
                })
                .and_then(|t| t.start)
        })
    }

    /// Codes of the languages with time rules.
    pub fn languages(&self) -> Vec<String> {
        self.languages.keys().cloned().collect()
    }

    /// Is `word` a month or weekday name of language `lang` (`Montag`, `января`)? Such a
    /// word is a date, never a name of a place or person.
    pub fn is_calendar_word(&self, lang: &str, word: &str) -> bool {
        let key = fold(word);
        self.languages
            .get(lang)
            .and_then(LazyLanguage::get)
            .is_some_and(|l| l.months.contains_key(&key) || l.weekdays.contains_key(&key))
    }

    /// Finds the time expressions of `text` (a [`Document::text`](armsgraph_model::Document))
    /// in language `lang`, resolving relative ones against `published` (any format
    /// [`parse_date`] reads). Spans are in chars.
    pub fn read(
        &self,
        text: &str,
        lang: &str,
        published: Option<&str>,
    ) -> (Vec<TimeExpr>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let base = lang.split(['-', '_']).next().unwrap_or(lang).to_lowercase();
        let Some(language) = self.languages.get(&base).and_then(LazyLanguage::get) else {
            if !text.trim().is_empty() {
                warnings.push(Warning {
                    code: "time_language_unsupported".into(),
                    message: format!(
                        "no time expression rules for language {lang:?} (data/time/<lang>.toml); times not read"
                    ),
                    span: None,
                });
            }
            return (Vec::new(), warnings);
        };
        let published_date = match published {
            Some(raw) => {
                let parsed = parse_date(raw).and_then(|iso| parse_iso(&iso));
                if parsed.is_none() {
                    warnings.push(Warning {
                        code: "bad_publication_date".into(),
                        message: format!(
                            "publication date {raw:?} is not a date; relative times left unresolved"
                        ),
                        span: None,
                    });
                }
                parsed
            }
            None => None,
        };

        let selected = select(candidates(language, text));
        let index = TextIndex::new(text);
        let mut out: Vec<TimeExpr> = Vec::with_capacity(selected.len());
        let mut last_referent: Option<Referent> = None;
        let mut unresolved: Vec<usize> = Vec::new();
        for cand in selected {
            let rule = &language.rules[cand.rule];
            let span = index.span(cand.start, cand.end);
            let kind = rule.meaning.kind_of(&cand.values);
            let (interval, anchor) = match rule.meaning {
                Meaning::BackAt | Meaning::BackSince => match last_referent {
                    Some(r) => {
                        let interval = r.interval.map(|i| {
                            if rule.meaning == Meaning::BackSince {
                                Interval {
                                    start: i.start,
                                    end: published_date.filter(|p| *p >= i.start).unwrap_or(i.end),
                                    precision: i.precision,
                                }
                            } else {
                                i
                            }
                        });
                        (interval, format!("reference:{}", r.start))
                    }
                    None => (None, "unknown".to_string()),
                },
                meaning => {
                    let future = meaning.follows_tense()
                        && rule.follows_tense
                        && in_future_clause(language, text, cand.start, cand.end);
                    let interval = resolve(meaning, &cand.values, rule, published_date, future);
                    let anchor = match (kind, published_date) {
                        (TimeKind::Absolute, _) => "absolute".to_string(),
                        (_, Some(p)) => format!("published:{p}"),
                        (_, None) => {
                            unresolved.push(out.len());
                            "unknown".to_string()
                        }
                    };
                    (interval, anchor)
                }
            };
            let precision = interval.map(|i| i.precision).unwrap_or(match rule.meaning {
                Meaning::Recent | Meaning::LastNUnits | Meaning::MonthPart => TimePrecision::Period,
                Meaning::Date
                | Meaning::DayMonth
                | Meaning::DayOffset
                | Meaning::Weekday
                | Meaning::DayRange => TimePrecision::Day,
                Meaning::MonthYear
                | Meaning::MonthName
                | Meaning::MonthRange
                | Meaning::LastMonthName
                | Meaning::MonthLastYear
                | Meaning::MonthThisYear => TimePrecision::Month,
                _ => TimePrecision::Year,
            });
            // Vague periods and `since` spans are poor targets for `damals`.
            let referable = !matches!(
                rule.meaning,
                Meaning::Recent | Meaning::LastNUnits | Meaning::BackSince | Meaning::SinceYear
            );
            // A `damals` keeps pointing at its own referent (chains resolve to the root);
            // one without a referent has nothing to pass on.
            if referable && rule.meaning != Meaning::BackAt {
                last_referent = Some(Referent {
                    start: span.start,
                    interval,
                });
            }
            // `seit 2019` / `seitdem` run up to publication; without one the end is open.
            let open_end = published_date.is_none()
                && matches!(rule.meaning, Meaning::SinceYear | Meaning::BackSince);
            out.push(TimeExpr {
                span,
                text: text[cand.start..cand.end].to_string(),
                kind,
                start: interval.map(|i| i.start.to_string()),
                end: interval.filter(|_| !open_end).map(|i| i.end.to_string()),
                precision,
                anchor,
                rule: format!("time:{base}:{}", rule.id),
            });
        }
        if let Some(&first) = unresolved.first() {
            let first = &out[first];
            warnings.push(Warning {
                code: "no_publication_date".into(),
                message: format!(
                    "{} relative time expression(s), first {:?}, cannot be dated without a publication date; give one with --published YYYY-MM-DD",
                    unresolved.len(),
                    first.text
                ),
                span: Some(first.span),
            });
        }
        (out, warnings)
    }
}

/// Every rule match whose ends are word boundaries and whose values are complete.
fn candidates(language: &Language, text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (rule_index, rule) in language.rules.iter().enumerate() {
        for regex in &rule.regexes {
            scan(language, text, rule_index, rule, regex, &mut out);
        }
    }
    out
}

/// Adds the acceptable matches of one pattern of `rule` to `out`.
fn scan(
    language: &Language,
    text: &str,
    rule_index: usize,
    rule: &Rule,
    regex: &Regex,
    out: &mut Vec<Candidate>,
) {
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = regex.captures_at(text, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        let before_ok = !text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
            && !continues_number(text[..m.start()].chars().rev(), m.as_str().chars().next());
        let after_ok = !text[m.end()..].chars().next().is_some_and(is_word_char)
            && !continues_number(text[m.end()..].chars(), m.as_str().chars().next_back());
        let stopped = rule
            .stop
            .as_ref()
            .is_some_and(|stop| stop.is_match(&text[m.end()..]));
        if before_ok && after_ok && !stopped && !m.is_empty() {
            let values = language.values(&caps);
            if complete(rule.meaning, &values, rule) {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    rule: rule_index,
                    values,
                });
                pos = m.end();
                continue;
            }
        }
        // Retry one char later: a shorter match may start inside a rejected one.
        pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
}

/// Leftmost-longest non-overlapping matches; on equal spans the earlier rule wins.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.rule.cmp(&b.rule))
    });
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        if out.last().is_none_or(|last| c.start >= last.end) {
            out.push(c);
        }
    }
    out
}

fn parse_iso(s: &str) -> Option<Date> {
    let mut parts = s.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Date::new(year, month, day)
}

/// Normalises a metadata date to ISO `YYYY-MM-DD`: ISO 8601 (with or without time),
/// `YYYY/MM/DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, RFC 2822 (`Tue, 14 May 2024 09:30:00 GMT`)
/// and `May 14, 2024` / `14 May 2024` with English month names. `None` otherwise.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let ymd = |y: &str, m: &str, d: &str| -> Option<String> {
        if y.len() != 4 || !digits(m) || !digits(d) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(|d| d.to_string())
    };
    // ISO 8601 and YYYY/MM/DD, possibly followed by a time.
    if let Some(head) = s.get(..10) {
        let sep = head.chars().nth(4);
        if matches!(sep, Some('-') | Some('/')) && head.chars().nth(7) == sep {
            let rest = &s[10..];
            if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
                return ymd(&head[..4], &head[5..7], &head[8..10]);
            }
        }
    }
    // DD.MM.YYYY and DD/MM/YYYY (day first, as everywhere but the US).
    let head = s.split_whitespace().next().unwrap_or("");
    for sep in ['.', '/'] {
        let parts: Vec<&str> = head.split(sep).collect();
        if parts.len() == 3 && parts[2].len() == 4 && digits(parts[0]) && digits(parts[1]) {
            return ymd(parts[2], parts[1], parts[0]);
        }
    }
    // Month names: RFC 2822 and English prose dates.
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month_at = words.iter().position(|w| {
        w.len() >= 3
            && w.is_char_boundary(3)
            && MONTHS.contains(&&w[..3])
            && w.chars().all(|c| c.is_alphabetic() || c == '.')
    })?;
    let month = MONTHS.iter().position(|m| words[month_at].starts_with(m))? + 1;
    let year = words.iter().find(|w| w.len() == 4 && digits(w))?;
    let day = words
        .iter()
        .map(|w| w.trim_end_matches(|c: char| c.is_alphabetic()))
        .find(|w| (1..=2).contains(&w.len()) && digits(w))?;
    ymd(year, &month.to_string(), day)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod analyst_tests;
