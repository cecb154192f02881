//! Data-driven knowledge the extractor needs: boilerplate line patterns and known publishers
//! (`data/boilerplate/`).

use regex::{RegexSet, RegexSetBuilder};

use crate::ExtractError;

/// Paragraphs longer than this are never tested against the patterns: a real paragraph that
/// happens to begin with "Read more" must survive.
pub const MAX_BOILERPLATE_CHARS: usize = 200;

/// Whole-paragraph patterns of lines that are never article text.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    set: RegexSet,
    /// The same patterns without their word-boundary assertions: it matches everything
    /// `set` matches (and a little more). Unicode `\b` keeps the regex crate's fast DFA off
    /// any paragraph with a non-ASCII character (curly quotes are enough), and the
    /// fallback engine made pattern matching a quarter of extraction time; this set runs
    /// on the DFA always, and `set` only confirms its rare matches. `None` when the
    /// rewritten patterns do not compile (the full set then runs alone).
    relaxed: Option<RegexSet>,
}

impl Boilerplate {
    /// Build from `(file name, file text)` pairs, one regex per non-comment line.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Boilerplate, ExtractError> {
        let mut patterns = Vec::new();
        for (name, text) in sources {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                // Validate each line on its own so an error names the file and line.
                regex::Regex::new(line).map_err(|e| ExtractError::Data {
                    path: format!("{name}:{}", n + 1),
                    message: e.to_string(),
                })?;
                patterns.push(format!("^(?:{line})$"));
            }
        }
        let build = |patterns: &[String]| {
            RegexSetBuilder::new(patterns)
                .case_insensitive(true)
                .size_limit(64 << 20)
                // The default lazy-DFA cache is too small for this many case-insensitive
                // Unicode patterns; without room the regex crate falls back to its slow
                // NFA simulation on every paragraph.
                .dfa_size_limit(32 << 20)
                .build()
        };
        let set = build(&patterns).map_err(|e| ExtractError::Data {
            path: "boilerplate/*.txt".to_string(),
            message: e.to_string(),
        })?;
        let relaxed: Vec<String> = patterns
            .iter()
            .map(|p| without_word_boundaries(p))
            .collect();
        let relaxed = (relaxed != patterns)
            .then(|| build(&relaxed).ok())
            .flatten();
        Ok(Boilerplate { set, relaxed })
    }

    /// Whether a (whitespace-collapsed) paragraph is boilerplate.
    pub fn is_boilerplate(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        if p.is_empty() || p.chars().count() > MAX_BOILERPLATE_CHARS {
            return false;
        }
        if let Some(relaxed) = &self.relaxed {
            if !relaxed.is_match(p) {
                return false;
            }
        }
        self.set.is_match(p)
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// `pattern` with every `\b`/`\B` assertion removed (escaped backslashes are left alone).
fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b' | 'B') => {}
            Some(next) => {
                out.push(c);
                out.push(next);
            }
            None => out.push(c),
        }
    }
    out
}

/// An outlet armsgraph recognises in copies of its articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Publisher {
    pub name: String,
    /// ISO 639-1 language it publishes in.
    pub language: String,
    pub domain: String,
}

#[derive(Debug, Clone, Default)]
pub struct Publishers {
    list: Vec<Publisher>,
}

impl Publishers {
    /// Parse `publishers.tsv` (name, language, domain; `#` comments).
    pub fn parse(name: &str, tsv: &str) -> Result<Publishers, ExtractError> {
        let mut list = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            match cols.as_slice() {
                [pname, lang, domain, ..] if !pname.is_empty() => list.push(Publisher {
                    name: pname.to_string(),
                    language: lang.to_ascii_lowercase(),
                    domain: domain.to_ascii_lowercase(),
                }),
                _ => {
                    return Err(ExtractError::Data {
                        path: format!("{name}:{}", n + 1),
                        message: "expected name<TAB>language<TAB>domain".to_string(),
                    })
                }
            }
        }
        Ok(Publishers { list })
    }

    pub fn by_name(&self, name: &str) -> Option<&Publisher> {
        let name = name.trim();
        self.list.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The publisher whose domain is `host` or a parent of it (`www.politico.eu`).
    pub fn by_host(&self, host: &str) -> Option<&Publisher> {
        let host = host.to_ascii_lowercase();
        self.list
            .iter()
            .find(|p| host == p.domain || host.ends_with(&format!(".{}", p.domain)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_short_paragraphs_only() {
        let bp =
            Boilerplate::from_sources([("t.txt", "# c\nleave a (reply|comment).*\nsource site\n")])
                .unwrap();
        assert_eq!(bp.len(), 2);
        assert!(bp.is_boilerplate("Leave a Reply"));
        assert!(bp.is_boilerplate("  source site "));
        assert!(!bp.is_boilerplate("The source site was down."));
        let long = format!("Leave a comment {}", "x ".repeat(150));
        assert!(!bp.is_boilerplate(&long));
    }

    #[test]
    fn word_boundaries_still_decide_after_the_relaxed_prefilter() {
        assert_eq!(
            without_word_boundaries(r".*\ball rights\b.*\\b\d"),
            r".*all rights.*\\b\d"
        );
        let bp = Boilerplate::from_sources([(
            "t.txt",
            ".*\\ball rights reserved\\b.*\n.*\\bвсе права защищены\\b.*\n",
        )])
        .unwrap();
        assert!(bp.relaxed.is_some());
        assert!(bp.is_boilerplate("© 2019 “Die Zeit”. All rights reserved."));
        assert!(bp.is_boilerplate("© РИА Новости. Все права защищены."));
        assert!(!bp.is_boilerplate("“Ball rights reserved” is no phrase."));
        assert!(!bp.is_boilerplate("Ввсе права защищены"));
    }

    #[test]
    fn a_bad_pattern_names_its_file_and_line() {
        let err = Boilerplate::from_sources([("de.txt", "ok\n(unclosed\n")]).unwrap_err();
        assert!(err.to_string().contains("de.txt:2"), "{err}");
    }

    #[test]
    fn publishers_by_name_and_host() {
        let p = Publishers::parse("p.tsv", "# x\nPOLITICO\ten\tpolitico.com\n").unwrap();
        assert_eq!(
            p.by_name("politico").map(|p| p.language.as_str()),
            Some("en")
        );
        assert!(p.by_host("www.politico.com").is_some());
        assert!(p.by_host("notpolitico.com").is_none());
        assert!(Publishers::parse("p.tsv", "only-a-name\n").is_err());
    }
}
