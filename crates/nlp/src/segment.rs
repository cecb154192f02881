//! Sentences and tokens as char spans over the unchanged document text.
//!
//! Sentence boundaries are found by rules: a terminator (`.`, `!`, `?`, `…`), any closing
//! quotes or brackets after it, then whitespace and a next sentence that does not start in
//! lower case or with a comma. A period does not end a sentence after an abbreviation of the
//! language (`data/segment/<lang>.toml`), after a single letter (`z. B.`, `John F. Kennedy`)
//! or, in languages that write ordinals with a dot, after a one- or two-digit number
//! (`13. Januar`). Sentences never cross paragraph boundaries.
//!
//! Quotations: `„…einzuhalten.“ sagte er` stays one sentence because the next word is in
//! lower case; `„…“, sagte er.` has no terminator before the comma. A sentence may end inside
//! a quotation (`„Das ist falsch. Wir …“`), as in print.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::{Paragraph, ParagraphKind, Sentence, Span, TextIndex};
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

/// Folder of the per-language segmentation files under `data/`.
pub const SEGMENT_DIR: &str = "segment";

/// A word or punctuation token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub text: String,
    /// Contains a letter or digit (not punctuation or symbols).
    pub is_word: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentFile {
    #[serde(default)]
    code: Option<String>,
    /// Ordinal numbers are written `13.`: a period after a short number ends nothing.
    #[serde(default)]
    ordinal_dot: bool,
    /// Words that take a period without ending a sentence, written without the period.
    #[serde(default)]
    abbreviations: Vec<String>,
}

#[derive(Debug, Default, Clone)]
struct LanguageRules {
    ordinal_dot: bool,
    /// Lower-cased.
    abbreviations: HashSet<String>,
}

/// Sentence segmentation rules for every language with a `data/segment/*.toml` file.
#[derive(Debug, Default, Clone)]
pub struct Segmenter {
    languages: BTreeMap<String, LanguageRules>,
}

/// Chars that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Chars that may follow a terminator and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '“' | '’' | '‘' | '»' | '«' | ')' | ']' | '›' | '‹'
    )
}

/// Chars that may open a token before a period (`(Dr.`, `„Prof.`).
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '„' | '“' | '‚' | '‘' | '«' | '»' | '(' | '[' | '‹' | '›')
}

impl Segmenter {
    /// Loads every `data/segment/*.toml`.
    pub fn load(files: &DataFiles) -> Result<Segmenter, DataError> {
        let mut languages = BTreeMap::new();
        for path in files.list(SEGMENT_DIR, ".toml")? {
            let text = files.read(&path)?;
            let file: SegmentFile = toml::from_str(&text).map_err(|e| DataError::Invalid {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let code = file.code.clone().unwrap_or_else(|| DataFiles::stem(&path));
            languages.insert(
                code,
                LanguageRules {
                    ordinal_dot: file.ordinal_dot,
                    abbreviations: file.abbreviations.iter().map(|a| a.to_lowercase()).collect(),
                },
            );
        }
        Ok(Segmenter { languages })
    }

    /// Sentences of `text`, paragraph by paragraph. Without paragraphs, blank lines separate
    /// them. Unknown languages get the language-neutral rules.
    pub fn sentences(&self, text: &str, paragraphs: &[Paragraph], lang: &str) -> Vec<Sentence> {
        let base = lang.split(['-', '_']).next().unwrap_or(lang).to_lowercase();
        let fallback = LanguageRules::default();
        let rules = self.languages.get(&base).unwrap_or(&fallback);
        let index = TextIndex::new(text);
        let derived;
        let paragraphs = if paragraphs.is_empty() {
            derived = blank_line_paragraphs(text, &index);
            &derived
        } else {
            paragraphs
        };
        let mut out = Vec::new();
        for (p_index, paragraph) in paragraphs.iter().enumerate() {
            let range = index.byte_range(paragraph.span);
            let Some(body) = text.get(range.clone()) else {
                continue;
            };
            for (start, end) in split_paragraph(body, rules) {
                out.push(Sentence {
                    span: index.span(range.start + start, range.start + end),
                    paragraph: p_index,
                });
            }
        }
        out
    }
}

/// Paragraphs separated by blank lines, for callers that have none.
fn blank_line_paragraphs(text: &str, index: &TextIndex) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut pos = 0;
    for block in text.split("\n\n") {
        let lead = block.len() - block.trim_start().len();
        let trimmed = block.trim();
        if !trimmed.is_empty() {
            let start = pos + lead;
            out.push(Paragraph {
                span: index.span(start, start + trimmed.len()),
                kind: ParagraphKind::Body,
            });
        }
        pos += block.len() + 2;
    }
    out
}

/// Byte ranges of the sentences of one paragraph, trimmed of whitespace.
fn split_paragraph(body: &str, rules: &LanguageRules) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map_or(body.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && is_terminator(chars[j + 1].1) {
            j += 1;
        }
        while j + 1 < n && is_closer(chars[j + 1].1) {
            j += 1;
        }
        // French closes with a spaced guillemet: `… fin. »`.
        if j + 2 < n && chars[j + 1].1.is_whitespace() && chars[j + 2].1 == '»' {
            j += 2;
        }
        let followed_by_space = j + 1 < n && chars[j + 1].1.is_whitespace();
        if !followed_by_space {
            i = j + 1;
            continue;
        }
        let mut k = j + 1;
        while k < n && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= n {
            break;
        }
        let next = chars[k].1;
        let mut split = !(next.is_lowercase() || matches!(next, ',' | ';' | ':'));
        if split && c == '.' {
            split = !period_is_internal(&chars, i, rules);
        }
        if split {
            push_trimmed(&mut out, body, byte_at(start), byte_at(j + 1));
            start = k;
        }
        i = j + 1;
    }
    push_trimmed(&mut out, body, byte_at(start), body.len());
    out
}

/// True when the period at `i` belongs to an abbreviation, an initial or an ordinal.
fn period_is_internal(chars: &[(usize, char)], i: usize, rules: &LanguageRules) -> bool {
    // A run of periods is an ellipsis, which may end a sentence.
    if i + 1 < chars.len() && chars[i + 1].1 == '.' {
        return false;
    }
    let mut s = i;
    while s > 0 && !chars[s - 1].1.is_whitespace() {
        s -= 1;
    }
    let word: String = chars[s..i]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| is_opener(*c))
        .collect();
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().count() == 1 {
        return true;
    }
    if rules.abbreviations.contains(&word.to_lowercase()) {
        return true;
    }
    // Dotted abbreviations: `U.S.`, `z.B.`, `т.е.`.
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 3 && part.chars().all(char::is_alphabetic)) {
        return true;
    }
    rules.ordinal_dot && word.chars().count() <= 2 && word.chars().all(|c| c.is_ascii_digit())
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, body: &str, start: usize, end: usize) {
    let Some(slice) = body.get(start..end) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

fn default_segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    // A broken data file leaves the language-neutral rules; the test suite loads the
    // embedded files, so that cannot ship unnoticed.
    SEGMENTER.get_or_init(|| Segmenter::load(&DataFiles::default()).unwrap_or_default())
}

/// Sentences of `text` with the rules from the default data files (`ARMSGRAPH_DATA` or the
/// embedded copy); see [`Segmenter::sentences`].
pub fn sentences(text: &str, paragraphs: &[Paragraph], lang: &str) -> Vec<Sentence> {
    default_segmenter().sentences(text, paragraphs, lang)
}

/// Word and punctuation tokens (UAX #29 word boundaries) inside `span`; whitespace is
/// skipped. Spans are chars of `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let index = TextIndex::new(text);
    tokens_indexed(text, &index, span)
}

/// [`tokens`] with a prebuilt index, for callers that tokenise many spans of one text.
pub fn tokens_indexed(text: &str, index: &TextIndex, span: Span) -> Vec<Token> {
    let range = index.byte_range(span);
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut char_pos = span.start;
    let mut byte_pos = 0;
    for (b, word) in slice.split_word_bound_indices() {
        // Count chars between tokens incrementally instead of searching the index.
        char_pos += slice[byte_pos..b].chars().count();
        let len = word.chars().count();
        byte_pos = b;
        if !word.trim().is_empty() {
            out.push(Token {
                span: Span::new(char_pos, char_pos + len),
                text: word.to_string(),
                is_word: word.chars().any(char::is_alphanumeric),
            });
        }
    }
    out
}
