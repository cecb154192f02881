//! Data-driven knowledge the extractor needs: boilerplate line patterns and known publishers
//! (`data/boilerplate/`).

use std::sync::{Arc, OnceLock};

use regex::{RegexSet, RegexSetBuilder};
use regex_automata::meta;
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

use crate::ExtractError;

/// Paragraphs longer than this are never tested against the patterns: a real paragraph that
/// happens to begin with "Read more" must survive.
pub const MAX_BOILERPLATE_CHARS: usize = 200;

/// Whole-paragraph patterns of lines that are never article text.
///
/// Two automata, because compiling them is most of what `extract` costs at start-up
/// (docs/notes/startup.md): a case-insensitive Unicode pattern such as `[\w ]{0,30}` is
/// thirty copies of the `\w` automaton, and the full set took ~100 ms to build (three times,
/// counting a per-line check). So:
/// - `relaxed` is every pattern loosened into a superset — word-boundary assertions dropped
///   (Unicode `\b` keeps the fast DFA off any paragraph with a non-ASCII character) and
///   bounded repetitions unbounded (`{0,30}` → `*`, `{2,80}` → `+`) — a sixth of the states,
///   built on first use; it runs on every short paragraph and almost never matches;
/// - `set`, the patterns as written, is built only when `relaxed` first matches, and
///   decides. A document with no boilerplate-like line never builds it.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    /// `^(?:line)$` per pattern line, already checked to parse.
    patterns: Arc<Vec<String>>,
    /// The loosened patterns, ready to compile.
    relaxed_hirs: Arc<Vec<Hir>>,
    relaxed: Arc<OnceLock<Option<meta::Regex>>>,
    set: Arc<OnceLock<Option<RegexSet>>>,
}

impl Boilerplate {
    /// Build from `(file name, file text)` pairs, one regex per non-comment line. Every line
    /// is parsed here, so a bad one is an error naming its file and line; compiling waits
    /// for the first paragraph.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Boilerplate, ExtractError> {
        let mut patterns = Vec::new();
        let mut relaxed_hirs = Vec::new();
        for (name, text) in sources {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let pattern = format!("^(?:{line})$");
                let hir = regex_syntax::ParserBuilder::new()
                    .case_insensitive(true)
                    .build()
                    .parse(&pattern)
                    .map_err(|e| ExtractError::Data {
                        path: format!("{name}:{}", n + 1),
                        message: e.to_string(),
                    })?;
                relaxed_hirs.push(loosen(&hir));
                patterns.push(pattern);
            }
        }
        Ok(Boilerplate {
            patterns: Arc::new(patterns),
            relaxed_hirs: Arc::new(relaxed_hirs),
            relaxed: Arc::default(),
            set: Arc::default(),
        })
    }

    /// Whether a (whitespace-collapsed) paragraph is boilerplate.
    pub fn is_boilerplate(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        if p.is_empty() || p.chars().count() > MAX_BOILERPLATE_CHARS || self.patterns.is_empty() {
            return false;
        }
        // A prefilter that does not compile (it cannot grow past the full set's size, so
        // this is only defensive) leaves the decision to the full set.
        if let Some(relaxed) = self.relaxed.get_or_init(|| self.build_relaxed()) {
            if !relaxed.is_match(p) {
                return false;
            }
        }
        // Patterns that parse but exceed the size limits keep every paragraph: losing
        // article text is worse than keeping a line of furniture. The shipped data is
        // compiled by a test.
        self.full_set().is_some_and(|set| set.is_match(p))
    }

    fn build_relaxed(&self) -> Option<meta::Regex> {
        meta::Builder::new()
            .configure(
                meta::Config::new()
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
                    // The default lazy-DFA cache is too small for this many Unicode
                    // patterns; without room the search falls back to the slow NFA.
                    .hybrid_cache_capacity(32 << 20),
            )
            .build_many_from_hir(&self.relaxed_hirs)
            .ok()
    }

    fn full_set(&self) -> Option<&RegexSet> {
        self.set
            .get_or_init(|| {
                RegexSetBuilder::new(self.patterns.iter())
                    .case_insensitive(true)
                    .size_limit(64 << 20)
                    .dfa_size_limit(32 << 20)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// A pattern loosened into one that matches everything it matches (and a little more):
/// word-boundary assertions become empty, bounded repetitions unbounded (`x{0,30}` → `x*`,
/// `x{2,5}` → `x+`; `x?` stays), capture groups plain groups.
fn loosen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_word_boundary(*look) => Hir::empty(),
        HirKind::Repetition(r) => {
            let optional = r.min == 0 && r.max == Some(1);
            Hir::repetition(Repetition {
                min: r.min.min(1),
                max: if optional { Some(1) } else { None },
                greedy: r.greedy,
                sub: Box::new(loosen(&r.sub)),
            })
        }
        HirKind::Capture(c) => loosen(&c.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(loosen).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(loosen).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

fn is_word_boundary(look: Look) -> bool {
    !matches!(
        look,
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
    )
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
        let bp = Boilerplate::from_sources([(
            "t.txt",
            ".*\\ball rights reserved\\b.*\n.*\\bвсе права защищены\\b.*\n",
        )])
        .unwrap();
        assert!(bp.is_boilerplate("© 2019 “Die Zeit”. All rights reserved."));
        assert!(bp.is_boilerplate("© РИА Новости. Все права защищены."));
        assert!(!bp.is_boilerplate("“Ball rights reserved” is no phrase."));
        assert!(!bp.is_boilerplate("Ввсе права защищены"));
    }

    #[test]
    fn bounds_still_decide_after_the_loosened_prefilter() {
        let bp =
            Boilerplate::from_sources([("t.txt", "more( great)? [\\w ]{0,5} stories\n")]).unwrap();
        assert!(bp.is_boilerplate("More great world stories"));
        // Matched by the loosened `[\w ]*`, refused by the bound.
        assert!(!bp.is_boilerplate("More of the world's stories"));
        assert!(!bp.is_boilerplate("more about these stories"));
    }

    #[test]
    fn loosening_drops_boundaries_and_bounds_only() {
        let parse = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        assert_eq!(loosen(&parse(r"\bab{2,5}c?\B")), parse(r"ab+c?"));
        assert_eq!(loosen(&parse(r"^x{0,3}(y)$")), parse(r"^x*(?:y)$"));
    }

    #[test]
    fn a_document_without_boilerplate_lines_builds_no_full_set() {
        let bp = Boilerplate::from_sources([("t.txt", "leave a (reply|comment).*\n")]).unwrap();
        assert!(!bp.is_boilerplate("Russia attacked"));
        assert!(bp.set.get().is_none());
        assert!(bp.is_boilerplate("Leave a reply"));
        assert!(bp.set.get().is_some_and(Option::is_some));
    }

    #[test]
    fn the_shipped_patterns_compile() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/boilerplate");
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                sources.push((path.display().to_string(), text));
            }
        }
        let bp = Boilerplate::from_sources(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .unwrap();
        assert!(bp.len() > 50);
        assert!(bp.build_relaxed().is_some());
        assert!(bp.full_set().is_some());
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
