//! Word tokens for entity matching: runs of letters and digits with the separator before
//! each, so that names spanning several words (`Republik Armenien`, `Berg-Karabach`,
//! `U.S.`) can be looked up as one key.

use armsgraph_model::{Sentence, TextIndex};

/// One word of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Char offsets (for spans).
    pub cstart: usize,
    pub cend: usize,
    pub lower: String,
    /// First char is upper-case.
    pub capitalised: bool,
    /// Index of the sentence that holds it (0 when the text has no sentences).
    pub sentence: usize,
    /// First word of its sentence.
    pub sentence_initial: bool,
}

/// How two neighbouring words are joined, for building lookup keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    Space,
    Hyphen,
    Dot,
    DotSpace,
    Apostrophe,
    /// Anything else (comma, quote, line break between paragraphs): names never span it.
    Break,
}

impl Joint {
    pub fn of(sep: &str) -> Joint {
        let trimmed = sep.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
        let spaced = trimmed.len() != sep.len();
        if sep.contains('\n') {
            return Joint::Break;
        }
        match (trimmed, spaced) {
            ("", true) => Joint::Space,
            // An opening quote after a space joins like a space: Russian and Ukrainian put a
            // system's name in quotes after its type (`РСЗО «Град»`, `ЗРК «Тор»`), and the KB
            // writes such names so. Closing quotes still break a name.
            ("«" | "„" | "“", true) if sep.starts_with([' ', '\u{a0}']) => Joint::Space,
            ("-" | "‐" | "‑", false) => Joint::Hyphen,
            (".", false) => Joint::Dot,
            (".", true) => Joint::DotSpace,
            ("'" | "’", false) => Joint::Apostrophe,
            _ => Joint::Break,
        }
    }
    pub fn key(&self) -> &'static str {
        match self {
            Joint::Space => " ",
            Joint::Hyphen => "-",
            Joint::Dot => ".",
            Joint::DotSpace => ". ",
            Joint::Apostrophe => "'",
            Joint::Break => "|",
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{301}'
}

/// Splits `text` into words. An apostrophe between Cyrillic letters is part of the word
/// (Ukrainian `об'єднаних`); elsewhere it separates (`l'Arménie`, `NATO's`).
pub fn words(text: &str, index: &TextIndex, sentences: &[Sentence]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(b, c)) in chars.iter().enumerate() {
        let joins = is_word_char(c)
            || ((c == '\'' || c == '’')
                && start.is_some()
                && i > 0
                && is_cyrillic(chars[i - 1].1)
                && chars.get(i + 1).is_some_and(|&(_, n)| is_cyrillic(n)));
        match (joins, start) {
            (true, None) => start = Some(b),
            (false, Some(s)) => {
                out.push(make(text, index, s, b));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(make(text, index, s, text.len()));
    }
    // Sentence of each word: both lists are in text order, so one pass suffices.
    let mut si = 0;
    let mut last_sentence = usize::MAX;
    for w in &mut out {
        while si + 1 < sentences.len() && sentences[si].span.end <= w.cstart {
            si += 1;
        }
        w.sentence = si;
        w.sentence_initial = si != last_sentence;
        last_sentence = si;
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

fn make(text: &str, index: &TextIndex, start: usize, end: usize) -> Word {
    let s = &text[start..end];
    Word {
        start,
        end,
        cstart: index.char_of_byte(start),
        cend: index.char_of_byte(end),
        lower: s.to_lowercase(),
        capitalised: s.chars().next().is_some_and(char::is_uppercase),
        sentence: 0,
        sentence_initial: false,
    }
}

/// The separator between word `i - 1` and word `i`.
pub fn joint(text: &str, words: &[Word], i: usize) -> Joint {
    match (i.checked_sub(1).and_then(|p| words.get(p)), words.get(i)) {
        (Some(a), Some(b)) => Joint::of(text.get(a.end..b.start).unwrap_or("|")),
        _ => Joint::Break,
    }
}

/// Lookup key of a name: its words lower-cased, joined by their separators (`berg-karabach`).
pub fn key_of(name: &str) -> Option<String> {
    let index = TextIndex::new(name);
    let ws = words(name, &index, &[]);
    if ws.is_empty() {
        return None;
    }
    let mut key = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            let j = joint(name, &ws, i);
            if j == Joint::Break {
                return None;
            }
            key.push_str(j.key());
        }
        key.push_str(&w.lower);
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_join_words_by_their_separators() {
        assert_eq!(key_of("Berg-Karabach").as_deref(), Some("berg-karabach"));
        assert_eq!(key_of("U.S.").as_deref(), Some("u.s"));
        assert_eq!(key_of("EE. UU.").as_deref(), Some("ee. uu"));
        assert_eq!(
            key_of("Організація Об'єднаних Націй").as_deref(),
            Some("організація об'єднаних націй")
        );
        assert_eq!(key_of("l'alliance").as_deref(), Some("l'alliance"));
        // A name in quotes after its type (`РСЗО «Град»`) has the key of the unquoted words;
        // a closing quote between words still breaks.
        assert_eq!(key_of("РСЗО «Град»").as_deref(), Some("рсзо град"));
        assert_eq!(Joint::of("» "), Joint::Break);
        assert_eq!(Joint::of("«"), Joint::Break);
    }
}
