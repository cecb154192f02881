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
    /// Abbreviations that do end a sentence when they follow a number (`2022 г.`, `2022 р.`).
    #[serde(default)]
    final_after_number: Vec<String>,
}

#[derive(Debug, Default, Clone)]
struct LanguageRules {
    ordinal_dot: bool,
    /// Lower-cased.
    abbreviations: HashSet<String>,
    final_after_number: HashSet<String>,
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
    matches!(
        c,
        '"' | '\'' | '„' | '“' | '‚' | '‘' | '«' | '»' | '(' | '[' | '‹' | '›'
    )
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
                    abbreviations: file
                        .abbreviations
                        .iter()
                        .map(|a| a.to_lowercase())
                        .collect(),
                    final_after_number: file
                        .final_after_number
                        .iter()
                        .map(|a| a.to_lowercase())
                        .collect(),
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
            push_capped(&mut out, body, &chars, start, j + 1);
            start = k;
        }
        i = j + 1;
    }
    push_capped(&mut out, body, &chars, start, n);
    out
}

/// The longest sentence, in chars, that later stages read whole. A text without sentence
/// ends (a table flattened to one line, a list, an adversarial file) would otherwise be one
/// sentence, and the stages that compare words of a sentence with each other (the parser's
/// repairs, event roles) would take quadratic time in the length of the document. Real
/// sentences, even in treaties and court rulings, stay well below it.
const MAX_SENTENCE_CHARS: usize = 2_000;

/// Pushes the sentence of chars `start..end`, cut into pieces of at most
/// [`MAX_SENTENCE_CHARS`] where it is longer: at the last `;` in the second half of the
/// piece, else the last `,`, else the last space, else at the limit.
fn push_capped(
    out: &mut Vec<(usize, usize)>,
    body: &str,
    chars: &[(usize, char)],
    mut start: usize,
    end: usize,
) {
    let byte_at = |i: usize| chars.get(i).map_or(body.len(), |&(b, _)| b);
    while end - start > MAX_SENTENCE_CHARS {
        let limit = start + MAX_SENTENCE_CHARS;
        let half = start + MAX_SENTENCE_CHARS / 2;
        let last = |pred: &dyn Fn(char) -> bool| (half..limit).rev().find(|&i| pred(chars[i].1));
        let cut = last(&|c| c == ';')
            .or_else(|| last(&|c| c == ','))
            .map(|i| i + 1)
            .or_else(|| last(&char::is_whitespace))
            .unwrap_or(limit);
        push_trimmed(out, body, byte_at(start), byte_at(cut));
        start = cut;
    }
    push_trimmed(out, body, byte_at(start), byte_at(end));
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
    let lower = word.to_lowercase();
    if rules.final_after_number.contains(&lower) {
        let mut p = s;
        while p > 0 && chars[p - 1].1.is_whitespace() {
            p -= 1;
        }
        let mut q = p;
        while q > 0 && !chars[q - 1].1.is_whitespace() {
            q -= 1;
        }
        if p > q && chars[q..p].iter().all(|&(_, c)| c.is_ascii_digit()) {
            return false;
        }
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().count() == 1 {
        return true;
    }
    if rules.abbreviations.contains(&lower) {
        return true;
    }
    // Dotted abbreviations: `U.S.`, `z.B.`, `т.е.`.
    if word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() <= 3 && part.chars().all(char::is_alphabetic))
    {
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

impl Segmenter {
    /// `lang`'s abbreviations that take a period inside a sentence (`lt`, `col`, `mr`; `dr`;
    /// `г`), lower-cased and written without the period; `None` for a language without
    /// segmentation data.
    pub fn abbreviations(&self, lang: &str) -> Option<&HashSet<String>> {
        let base = lang.split(['-', '_']).next().unwrap_or(lang).to_lowercase();
        self.languages.get(&base).map(|r| &r.abbreviations)
    }
}

/// Word and punctuation tokens (UAX #29 word boundaries) inside `span`; whitespace is
/// skipped. Spans are chars of `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let index = TextIndex::new(text);
    tokens_indexed(text, &index, span)
}

/// [`tokens`] with a prebuilt index, for callers that tokenise many spans of one text.
pub fn tokens_indexed(text: &str, index: &TextIndex, span: Span) -> Vec<Token> {
    tokens_with_abbreviations(text, index, span, &|_| false)
}

/// [`tokens_indexed`], where a word `abbreviation` accepts keeps the period right after it
/// when more of the sentence follows (`Lt. Col. Chakkrote Nongmanee`, `Mr. Chretien`), as
/// the treebanks the tagger and parser learnt from write it (UD English-EWT `Mr.`, German-GSD
/// `Dr.`): split, the period reads as a sentence end inside a name.
pub fn tokens_with_abbreviations(
    text: &str,
    index: &TextIndex,
    span: Span,
    abbreviation: &dyn Fn(&str) -> bool,
) -> Vec<Token> {
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
    join_initials(out, abbreviation)
}

/// An initial keeps its period (`George W. Bush`, `В.В. Путин`, `U.S. Army`): a single capital
/// letter, its period right after it, and a capitalised word next, as the treebanks the
/// tagger and parser learnt from write it (UD English-EWT `W.`); split, the period reads as a
/// sentence end in the middle of a name. The sentence splitter already keeps such periods
/// inside the sentence (`period_is_internal`). One pass.
fn join_initials(tokens: Vec<Token>, abbreviation: &dyn Fn(&str) -> bool) -> Vec<Token> {
    // One capital letter, or several joined by periods (`В.В`, `U.S`: the word-boundary
    // rules keep inner periods).
    let capital_letter = |t: &Token| {
        t.text.split('.').all(|part| {
            let mut cs = part.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
        })
    };
    let starts_capital = |t: &Token| t.text.chars().next().is_some_and(char::is_uppercase);
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        let joins = it
            .peek()
            .is_some_and(|p| p.text == "." && p.span.start == t.span.end)
            && (capital_letter(&t) || abbreviation(&t.text));
        if !joins {
            out.push(t);
            continue;
        }
        let Some(period) = it.next() else {
            out.push(t);
            continue;
        };
        // Letters joined by periods (`U.S`, `U.N`) are an abbreviation whatever follows
        // (`The U.S., China and Japan`, `U.S. officials`); only at the end of the span is the
        // period (also) the sentence's end, and it stays a token of its own there.
        let always = t.text.contains('.') || abbreviation(&t.text);
        if it.peek().is_some_and(starts_capital) || (always && it.peek().is_some()) {
            out.push(Token {
                span: Span::new(t.span.start, period.span.end),
                text: format!("{}.", t.text),
                is_word: true,
            });
        } else {
            out.push(t);
            out.push(period);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn initials_keep_their_period() {
        let text = "President George W. Bush met В.В. Путин in plan B. and C.";
        let toks: Vec<String> = tokens(text, Span::new(0, text.chars().count()))
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            [
                "President",
                "George",
                "W.",
                "Bush",
                "met",
                "В.В.",
                "Путин",
                "in",
                "plan",
                "B",
                ".",
                "and",
                "C",
                "."
            ]
        );
    }

    #[test]
    fn letters_joined_by_periods_keep_the_last_one_before_any_word_or_mark() {
        let text = "The U.S., China and U.N. envoys met in the U.S.";
        let toks: Vec<String> = tokens(text, Span::new(0, text.chars().count()))
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            [
                "The", "U.S.", ",", "China", "and", "U.N.", "envoys", "met", "in", "the", "U.S",
                "."
            ]
        );
    }

    fn segmenter() -> Segmenter {
        Segmenter::load(&DataFiles::Embedded).expect("embedded segment data loads")
    }

    fn split(text: &str, lang: &str) -> Vec<String> {
        segmenter()
            .sentences(text, &[], lang)
            .iter()
            .map(|s| text.chars().skip(s.span.start).take(s.span.len()).collect())
            .collect()
    }

    #[test]
    fn german_abbreviations_ordinals_and_quotes() {
        assert_eq!(
            split(
                "Am 13. Januar 2015 sagte Dr. Müller, z. B. seien u. a. Drohnen geliefert worden. \
                 Die Regierung schwieg. „Wir werden unsere Verpflichtungen einhalten.“ sagte er. \
                 „Das ist falsch. Wir werden kämpfen“, sagte sie. Warum? Niemand weiß es.",
                "de"
            ),
            [
                "Am 13. Januar 2015 sagte Dr. Müller, z. B. seien u. a. Drohnen geliefert worden.",
                "Die Regierung schwieg.",
                "„Wir werden unsere Verpflichtungen einhalten.“ sagte er.",
                "„Das ist falsch.",
                "Wir werden kämpfen“, sagte sie.",
                "Warum?",
                "Niemand weiß es.",
            ]
        );
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            split(
                "Mr. Smith met Gen. Jones in the U.S. on Monday. They talked for an hour.",
                "en"
            ),
            [
                "Mr. Smith met Gen. Jones in the U.S. on Monday.",
                "They talked for an hour."
            ]
        );
        assert_eq!(
            split(
                "Министр С. В. Лавров прибыл в Минск в 2022 г. Переговоры продлятся до 15 мая.",
                "ru"
            ),
            [
                "Министр С. В. Лавров прибыл в Минск в 2022 г.",
                "Переговоры продлятся до 15 мая."
            ]
        );
        assert_eq!(
            split(
                "Угоду підписали 24 лютого 2022 р. Відтоді ситуація погіршилася.",
                "uk"
            ),
            [
                "Угоду підписали 24 лютого 2022 р.",
                "Відтоді ситуація погіршилася."
            ]
        );
        assert_eq!(
            split(
                "M. Macron a déclaré : « Nous livrerons des canons. » Le ministre a confirmé.",
                "fr"
            ),
            [
                "M. Macron a déclaré : « Nous livrerons des canons. »",
                "Le ministre a confirmé."
            ]
        );
        assert_eq!(
            split(
                "El Sr. García dijo que EE.UU. enviará ayuda. La OTAN lo confirmó.",
                "es"
            ),
            [
                "El Sr. García dijo que EE.UU. enviará ayuda.",
                "La OTAN lo confirmó."
            ]
        );
    }

    #[test]
    fn a_text_without_sentence_ends_is_cut_into_bounded_pieces_at_commas() {
        // 3,000 clauses with commas and no full stop: one "sentence" of ~45,000 chars.
        let text = "Russland und die Ukraine, ".repeat(3_000);
        let pieces = split(&text, "de");
        assert!(pieces.len() >= 20, "{} pieces", pieces.len());
        assert!(pieces
            .iter()
            .all(|p| p.chars().count() <= MAX_SENTENCE_CHARS));
        assert!(pieces.iter().all(|p| p.ends_with(',')));
        // Nothing lost: the pieces hold every word of the text.
        let words = |s: &str| s.split_whitespace().count();
        assert_eq!(pieces.iter().map(|p| words(p)).sum::<usize>(), words(&text));
        // No comma nor space at all: cut at the limit, still nothing lost.
        let solid = "x".repeat(5_000);
        let pieces = split(&solid, "en");
        assert_eq!(
            pieces.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [2_000, 2_000, 1_000]
        );
    }

    #[test]
    fn sentences_never_cross_paragraphs() {
        let text = "Überschrift ohne Punkt\n\nErster Satz. Zweiter Satz\n\nDritter";
        let index = TextIndex::new(text);
        let paragraphs: Vec<Paragraph> = [(0, 22), (24, 49), (51, text.chars().count())]
            .iter()
            .map(|&(s, e)| Paragraph {
                span: Span::new(s, e),
                kind: ParagraphKind::Body,
            })
            .collect();
        let with = segmenter().sentences(text, &paragraphs, "de");
        let without = segmenter().sentences(text, &[], "de");
        assert_eq!(with, without);
        let got: Vec<(&str, usize)> = with
            .iter()
            .map(|s| (&text[index.byte_range(s.span)], s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("Überschrift ohne Punkt", 0),
                ("Erster Satz.", 1),
                ("Zweiter Satz", 1),
                ("Dritter", 2)
            ]
        );
    }

    #[test]
    fn seed_sentences() {
        let text = include_str!("../../../data/corpus/000_79a71588b356f729.txt");
        let rendered: String = sentences(text, &[], "de")
            .iter()
            .map(|s| {
                let t: String = text.chars().skip(s.span.start).take(s.span.len()).collect();
                format!("{} {}..{} {}\n", s.paragraph, s.span.start, s.span.end, t)
            })
            .collect();
        expect![[r#"
            0 0..70 Der geheime Waffendeal, der Putin einen Verbündeten kostete – POLITICO
            1 72..177 Weder die aserbaidschanische noch die belarussische Regierung reagierten auf Anfragen um einen Kommentar.
            2 179..203 „Mit Freunden wie diesen
            3 205..345 In den letzten Jahren wurden Artillerie und Drohnen in Kämpfen zwischen aserbaidschanischen und armenischen Streitkräften häufig eingesetzt.
            3 346..668 Dies galt auch für den Krieg zwischen den beiden Seiten im Jahr 2020 um die abtrünnige Region Berg-Karabach, die innerhalb der international anerkannten Grenzen Aserbaidschans liegt, aber seit einem brutalen Konflikt nach dem Fall der Sowjetunion von ihrer armenischen Bevölkerung als nicht anerkannter Staat regiert wird.
            3 669..834 Eine aserbaidschanische Offensive im vergangenen September beendete die faktische Unabhängigkeit der Region und löste einen Massenexodus ihrer 100.000 Einwohner aus.
            4 836..1095 In einer diplomatischen Mitteilung, die POLITICO vorliegt, heißt es, belarussische Unternehmen spielten eine aktive Rolle „bei der Wiederherstellung der befreiten Gebiete Aserbaidschans sowie beim Export belarussischer Waren und Dienstleistungen“ in das Land.
            5 1097..1247 Im September 2022 drangen aserbaidschanische Streitkräfte auch in das Territorium der Republik Armenien ein und eroberten wichtige strategische Höhen.
            5 1248..1447 Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später vor, seine Verpflichtungen nicht einzuhalten, da er lediglich die Entsendung einer Untersuchungsdelegation angeboten hatte.
            5 1448..1704 Seitdem hat Paschinjan, der armenische Staatschef, eine Vereinbarung zur Ausweitung einer EU-Beobachtungsmission an der angespannten Grenze zwischen den beiden ehemaligen Sowjetrepubliken getroffen und US-Truppen zu gemeinsamen Trainingsübungen eingeladen.
            6 1706..2018 Eduard Arakelyan, ein Militäranalytiker am Regionalen Zentrum für Demokratie und Sicherheit in Eriwan, bestätigte, dass es sich bei den durchgesickerten Dokumenten um Ausrüstung handelt, die Aserbaidschan in den jüngsten Kriegen sowohl in Berg-Karabach als auch gegen die Republik Armenien selbst eingesetzt hat.
            7 2020..2190 „Diese Ausrüstung wurde mit verheerender Wirkung gegen armenische Truppen eingesetzt und von einem Land geliefert, das angeblich ein Verbündeter Armeniens ist“, sagte er.
            7 2191..2351 „Formal gesehen ist dies ein völliger Bruch des Bündnisses der OVKS, aber in der Praxis wussten wir schon immer, dass der Block Aserbaidschan eher unterstützt.“
            8 2354..2365 source site
            9 2367..2380 Leave a Reply
        "#]].assert_eq(&rendered);
    }

    #[test]
    fn tokens_carry_char_offsets() {
        let text = "„Mit Ärger“, sagte er – 100.000 Menschen.";
        let toks = tokens(text, Span::new(0, text.chars().count()));
        let rendered: Vec<String> = toks
            .iter()
            .map(|t| {
                format!(
                    "{}@{}{}",
                    t.text,
                    t.span.start,
                    if t.is_word { "" } else { "p" }
                )
            })
            .collect();
        assert_eq!(
            rendered,
            [
                "„@0p",
                "Mit@1",
                "Ärger@5",
                "“@10p",
                ",@11p",
                "sagte@13",
                "er@19",
                "–@22p",
                "100.000@24",
                "Menschen@32",
                ".@40p"
            ]
        );
        for t in &toks {
            let s: String = text.chars().skip(t.span.start).take(t.span.len()).collect();
            assert_eq!(s, t.text);
        }
        let inner = tokens(text, Span::new(13, 21));
        assert_eq!(
            inner.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["sagte", "er"]
        );
    }
}
