//! The search language users type, and its translation to an FTS5 query.
//!
//! Users write words (all must occur), `"quoted phrases"`, `prefix*` wildcards, `OR` between
//! alternatives and `-word` (or `NOT word`) to exclude. Everything else FTS5 would read as
//! syntax (`:`, `^`, `(`, `NEAR`, column filters) is either taken as a word separator or
//! refused with an explanation, so a typed query can never become an SQL or FTS5 error the
//! user cannot understand. A clause can be widened with alternatives (the analysis layer adds
//! the surface forms of an entity a word names), which is why the query is a value, not a
//! string.

use std::fmt::Write as _;

/// One searchable unit: a word (optionally a prefix) or a phrase of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word { text: String, prefix: bool },
    Phrase(Vec<String>),
}

impl Term {
    /// The words of the term as the user wrote them, joined by spaces.
    pub fn text(&self) -> String {
        match self {
            Term::Word { text, .. } => text.clone(),
            Term::Phrase(words) => words.join(" "),
        }
    }

    /// A phrase made from free text: its words, split as the index splits them. `None` when
    /// the text has no word.
    pub fn phrase(text: &str) -> Option<Term> {
        let words = words_of(text);
        match words.len() {
            0 => None,
            1 => Some(Term::Word {
                text: words.into_iter().next().unwrap_or_default(),
                prefix: false,
            }),
            _ => Some(Term::Phrase(words)),
        }
    }

    fn push_fts(&self, out: &mut String) {
        match self {
            Term::Word { text, prefix } => {
                let _ = write!(out, "\"{text}\"");
                if *prefix {
                    out.push('*');
                }
            }
            Term::Phrase(words) => {
                let _ = write!(out, "\"{}\"", words.join(" "));
            }
        }
    }
}

/// Alternatives of which at least one must occur.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Term>,
}

/// A parsed search: every clause must match, no excluded term may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextQuery {
    pub required: Vec<Clause>,
    pub excluded: Vec<Term>,
}

/// Why a typed query cannot be searched, in the user's terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the search has no word to look for")]
    Empty,
    #[error("a quotation mark opened at character {at} is not closed: phrases are written \"like this\"")]
    UnclosedQuote { at: usize },
    #[error(
        "{token:?}: a wildcard goes at the end of a word (Waffen*), not at its start or alone"
    )]
    Wildcard { token: String },
    #[error("OR needs a word on each side (Belarus OR Azerbaijan)")]
    DanglingOr,
    #[error("only excluded words (-word): add at least one word to look for")]
    OnlyExcluded,
    #[error("parentheses are not part of the search language: words are all required, OR joins alternatives, -word excludes, \"…\" is a phrase and word* a prefix")]
    Parenthesis,
}

/// Words as the full-text index (unicode61) splits them: runs of letters and digits.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A token of the typed query.
#[derive(Debug)]
enum Token {
    Term(Term),
    Or,
    Not,
}

fn tokenize(query: &str) -> Result<Vec<(bool, Token)>, QueryError> {
    // (negated, token)
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    let mut negate_next = false;
    while let Some(&(at, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '(' || c == ')' {
            return Err(QueryError::Parenthesis);
        }
        if c == '-' && !negate_next {
            // `-word`: the next term is excluded. A lone `-` is a separator.
            chars.next();
            if chars
                .peek()
                .is_some_and(|&(_, n)| n.is_alphanumeric() || n == '"')
            {
                negate_next = true;
            }
            continue;
        }
        if c == '"' {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for (_, c) in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err(QueryError::UnclosedQuote {
                    at: query[..at].chars().count(),
                });
            }
            if let Some(term) = Term::phrase(&phrase) {
                out.push((std::mem::take(&mut negate_next), Token::Term(term)));
            }
            negate_next = false;
            continue;
        }
        // A bare token runs to the next space, quote or parenthesis.
        let mut token = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() || c == '"' || c == '(' || c == ')' {
                break;
            }
            token.push(c);
            chars.next();
        }
        let negated = std::mem::take(&mut negate_next);
        match token.as_str() {
            "OR" if !negated => out.push((false, Token::Or)),
            "NOT" if !negated => out.push((false, Token::Not)),
            "AND" if !negated => {}
            _ => {
                let prefix = token.ends_with('*');
                let body = token.trim_end_matches('*');
                if body.contains('*') || (prefix && words_of(body).is_empty()) {
                    return Err(QueryError::Wildcard { token });
                }
                let words = words_of(body);
                // `Waffen-Lieferung*` is a phrase whose last word is a prefix: FTS5 cannot
                // say that, so the prefix applies only to a single word.
                let term = match words.len() {
                    0 => continue,
                    1 => Term::Word {
                        text: words.into_iter().next().unwrap_or_default(),
                        prefix,
                    },
                    _ => Term::Phrase(words),
                };
                out.push((negated, Token::Term(term)));
            }
        }
    }
    Ok(out)
}

/// Parse what a user typed.
pub fn parse(query: &str) -> Result<TextQuery, QueryError> {
    let tokens = tokenize(query)?;
    let mut q = TextQuery::default();
    let mut pending_or = false;
    let mut pending_not = false;
    for (negated, token) in tokens {
        match token {
            Token::Or => {
                if pending_or || q.required.is_empty() || pending_not {
                    return Err(QueryError::DanglingOr);
                }
                pending_or = true;
            }
            Token::Not => pending_not = true,
            Token::Term(term) => {
                if negated || pending_not {
                    if pending_or {
                        return Err(QueryError::DanglingOr);
                    }
                    q.excluded.push(term);
                    pending_not = false;
                } else if pending_or {
                    if let Some(last) = q.required.last_mut() {
                        last.alternatives.push(term);
                    }
                    pending_or = false;
                } else {
                    q.required.push(Clause {
                        alternatives: vec![term],
                    });
                }
            }
        }
    }
    if pending_or {
        return Err(QueryError::DanglingOr);
    }
    if q.required.is_empty() {
        return Err(if q.excluded.is_empty() {
            QueryError::Empty
        } else {
            QueryError::OnlyExcluded
        });
    }
    Ok(q)
}

impl TextQuery {
    /// The FTS5 MATCH expression: every term quoted, so nothing in it is read as syntax.
    pub fn to_fts(&self) -> String {
        let mut out = String::new();
        for (i, clause) in self.required.iter().enumerate() {
            if i > 0 {
                out.push_str(" AND ");
            }
            let group = clause.alternatives.len() > 1;
            if group {
                out.push('(');
            }
            for (j, term) in clause.alternatives.iter().enumerate() {
                if j > 0 {
                    out.push_str(" OR ");
                }
                term.push_fts(&mut out);
            }
            if group {
                out.push(')');
            }
        }
        for term in &self.excluded {
            out.push_str(" NOT ");
            term.push_fts(&mut out);
        }
        out
    }

    /// The plain words of the query, for naming entities: each required clause's single
    /// term, `None` where the clause is already an alternative, a prefix or excluded.
    pub fn plain_terms(&self) -> Vec<Option<String>> {
        self.required
            .iter()
            .map(|c| match c.alternatives.as_slice() {
                [Term::Word {
                    text,
                    prefix: false,
                }] => Some(text.clone()),
                [Term::Phrase(words)] => Some(words.join(" ")),
                _ => None,
            })
            .collect()
    }

    /// True when the query is nothing but plain words (no operator, wildcard or phrase).
    pub fn is_plain(&self) -> bool {
        self.excluded.is_empty()
            && self.required.iter().all(|c| {
                matches!(
                    c.alternatives.as_slice(),
                    [Term::Word { prefix: false, .. }]
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(q: &str) -> String {
        parse(q)
            .map(|q| q.to_fts())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn words_are_all_required_and_quoted() {
        assert_eq!(fts("Belarus Armenien"), "\"Belarus\" AND \"Armenien\"");
        assert_eq!(fts("Belarus AND Armenien"), "\"Belarus\" AND \"Armenien\"");
    }

    #[test]
    fn prefixes_phrases_alternatives_and_exclusions() {
        assert_eq!(fts("Waffen*"), "\"Waffen\"*");
        assert_eq!(fts("\"diplomatic note\""), "\"diplomatic note\"");
        assert_eq!(
            fts("Belarus OR Weißrussland"),
            "(\"Belarus\" OR \"Weißrussland\")"
        );
        assert_eq!(fts("arms -Russia"), "\"arms\" NOT \"Russia\"");
        assert_eq!(fts("arms NOT Russia"), "\"arms\" NOT \"Russia\"");
        assert_eq!(fts("OVKS-Staat"), "\"OVKS Staat\"");
    }

    #[test]
    fn fts_syntax_is_never_passed_through() {
        // Column filters, NEAR, carets and stray quotes inside words are separators.
        assert_eq!(fts("title:Belarus"), "\"title Belarus\"");
        assert_eq!(fts("NEAR ^x"), "\"NEAR\" AND \"x\"");
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert_eq!(parse("\"open"), Err(QueryError::UnclosedQuote { at: 0 }));
        assert!(matches!(parse("*affen"), Err(QueryError::Wildcard { .. })));
        assert!(matches!(parse("*"), Err(QueryError::Wildcard { .. })));
        assert_eq!(parse("OR Belarus"), Err(QueryError::DanglingOr));
        assert_eq!(parse("Belarus OR"), Err(QueryError::DanglingOr));
        assert_eq!(parse("-Belarus"), Err(QueryError::OnlyExcluded));
        assert_eq!(parse("(a OR b)"), Err(QueryError::Parenthesis));
    }

    #[test]
    fn plain_terms_name_what_can_be_an_entity() {
        let q = parse("Belarus Waffen* \"South Caucasus\" a OR b").unwrap();
        assert_eq!(
            q.plain_terms(),
            vec![
                Some("Belarus".to_string()),
                None,
                Some("South Caucasus".to_string()),
                None
            ]
        );
        assert!(!q.is_plain());
        assert!(parse("Belarus Armenia").unwrap().is_plain());
    }
}
