//! Words and punctuation of a document with their char spans, and the per-document views the
//! rules work on (mentions placed on tokens, sentences as token ranges).

use armsgraph_model::{EntityKind, Extraction, Mention, Span};

/// One word, number or punctuation mark.
#[derive(Debug, Clone)]
pub struct Tok {
    pub span: Span,
    pub lower: String,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

/// Quotation marks of every style we know.
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '‹' | '›' | '「' | '」'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Joiners kept inside a word when a word char follows: `US-Truppen`, `100.000`, `1,5`, `didn't`.
fn is_joiner(c: char, prev: char, next: char) -> bool {
    match c {
        '-' | '\'' | '’' => is_word_char(prev) && is_word_char(next),
        '.' | ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Split `text` into tokens with char spans.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                if is_word_char(c) {
                    i += 1;
                } else if i + 1 < chars.len() && is_joiner(c, chars[i - 1], chars[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
            let word: String = chars[start..i].iter().collect();
            toks.push(Tok {
                span: Span::new(start, i),
                cap: chars[start].is_uppercase(),
                lower: word.to_lowercase(),
                is_word: true,
            });
        } else {
            toks.push(Tok {
                span: Span::new(i, i + 1),
                lower: c.to_string(),
                is_word: false,
                cap: false,
            });
            i += 1;
        }
    }
    toks
}

/// First token whose span ends after `ch` (binary search).
pub fn tok_at_or_after(toks: &[Tok], ch: usize) -> usize {
    toks.partition_point(|t| t.span.end <= ch)
}

/// A mention placed on the token stream.
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub m: &'a Mention,
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
}

impl Placed<'_> {
    pub fn is_party(&self) -> bool {
        matches!(
            self.m.kind,
            EntityKind::State
                | EntityKind::Organisation
                | EntityKind::Person
                | EntityKind::Group
                | EntityKind::Agent
        )
    }
    pub fn is_place(&self) -> bool {
        self.m.kind == EntityKind::Place
    }
    pub fn is_weapon(&self) -> bool {
        matches!(
            self.m.kind,
            EntityKind::WeaponSystem | EntityKind::WeaponCategory
        )
    }
}

/// The document as the rules see it.
/// A token's part of speech and UD features (`Case=Dat|Number=Sing`), borrowed from the
/// syntax layer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Morph<'a> {
    pub upos: &'a str,
    pub feats: &'a str,
    /// The dependency relation to its head (`nsubj`), where the syntax layer parsed the
    /// sentence; empty otherwise.
    pub deprel: &'a str,
}

impl Morph<'_> {
    /// The value of one UD feature (`case` → `Dat`).
    pub fn feature(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then_some(v)
        })
    }

    pub fn is_noun(&self) -> bool {
        matches!(self.upos, "NOUN" | "PROPN")
    }
}

pub struct DocView<'a> {
    pub ex: &'a Extraction,
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    /// In text order; the token starts only grow along it.
    pub placed: Vec<Placed<'a>>,
    /// `placed_max_end[k]`: the largest token end among the first `k + 1` placed mentions,
    /// so "is this token inside a mention" is a binary search, not a scan.
    placed_max_end: Vec<usize>,
    /// Token range of each sentence, in text order.
    pub sentences: Vec<(usize, usize)>,
}

impl<'a> DocView<'a> {
    pub fn new(ex: &'a Extraction) -> DocView<'a> {
        DocView::with_origin_words(ex, &crate::rules::PhraseSet::default())
    }

    /// The view, where a state joined by a hyphen to one of `origin_words` (`Iranian-made
    /// drones`, `US-supplied rifles`) names where a thing was made, not a party (stop 37).
    pub fn with_origin_words(
        ex: &'a Extraction,
        origin_words: &crate::rules::PhraseSet,
    ) -> DocView<'a> {
        let chars: Vec<char> = ex.document.text.chars().collect();
        let toks = tokenize(&ex.document.text);
        let mut placed: Vec<Placed<'a>> = ex
            .entities
            .iter()
            .filter(|m| !m.span.is_empty() && m.span.end <= chars.len())
            .map(|m| {
                let start = tok_at_or_after(&toks, m.span.start);
                let end = tok_at_or_after(&toks, m.span.end.saturating_sub(1)) + 1;
                Placed {
                    m,
                    start,
                    end: end.max(start + 1).min(toks.len()),
                }
            })
            .filter(|p| p.start < toks.len())
            .collect();
        placed.sort_by_key(|p| (p.m.span.start, p.m.span.end));
        // `Syrian rebels`: the nationality word names a non-state actor's state, not a party
        // of its own (the agent mention already carries it as `SYR.rebels`); the agent's
        // phrase starts at that word, so marking and coordination read it as before. A
        // state's forces (`armenischen Streitkräften`) stay with their state's mention.
        let absorbed: Vec<bool> = (0..placed.len())
            .map(|i| {
                let p = &placed[i];
                p.m.kind == EntityKind::State
                    && placed.get(i + 1).is_some_and(|q| {
                        q.m.kind == EntityKind::Agent
                            && q.start == p.end
                            && q.m.country.as_deref() == Some(p.m.entity.as_str())
                            && !q
                                .m
                                .sector
                                .as_deref()
                                .is_some_and(crate::agents::is_state_sector)
                    })
            })
            .collect();
        for i in 0..placed.len() {
            if absorbed[i] && i + 1 < placed.len() {
                placed[i + 1].start = placed[i].start;
            }
        }
        // `UN-Generalsekretär Kofi Annan`, `Premier-Minister Japans Naoto Kan`, `Russian
        // President Vladimir Putin`: a state or organisation naming a person's office is the
        // person's affiliation, not a party beside them.
        let office_of_person: Vec<bool> = (0..placed.len())
            .map(|i| {
                let p = &placed[i];
                // The person may come second at their span, after the mention of the state
                // they hold office for (`office_holder_mentions`).
                matches!(p.m.kind, EntityKind::State | EntityKind::Organisation)
                    && placed[i + 1..].iter().take(2).any(|q| {
                        q.m.kind == EntityKind::Person
                            && q.start >= p.end
                            && q.start - p.end <= 3
                            && (p.end..q.start).all(|k| {
                                let t = &toks[k];
                                t.cap || matches!(t.lower.as_str(), "-" | "'s" | "’s" | "'" | "’")
                            })
                    })
            })
            .collect();
        // `Hamas' military wing`, `Hezbollah's fighters`: a generic actor an organisation
        // owns is that organisation acting (PETRARCH codes the wing with its group's code):
        // the agent mention gives way to its possessor (stop 36).
        let owned_agent: Vec<bool> = (0..placed.len())
            .map(|i| {
                let p = &placed[i];
                let possessive = |w: &str| matches!(w, "'s" | "’s" | "'" | "’" | "s");
                let owner = i.checked_sub(1).map(|j| &placed[j]);
                p.m.kind == EntityKind::Agent
                    && owner.is_some_and(|q| {
                        q.m.kind == EntityKind::Organisation
                            && q.end <= p.start
                            && (q.end..p.start).all(|k| possessive(&toks[k].lower))
                            && (q.end < p.start || {
                                // `Hamas's` is one token: the mark is glued to the name.
                                let last = &toks[q.end - 1].lower;
                                last.ends_with("'s") || last.ends_with("’s")
                            })
                    })
            })
            .collect();
        // `Iranian-made drones hit Ukrainian cities`: Iran is where the drones were made, not
        // who used them or who was hit (issue 12, class 1).
        let origin: Vec<bool> = placed
            .iter()
            .map(|p| {
                if p.m.kind != EntityKind::State || origin_words.is_empty() {
                    return false;
                }
                // The recogniser may read `Iranian-made` as one compound mention, or stop at
                // `Iranian`: the word after the hyphen, inside the mention or right after it.
                let e = p.m.span.end;
                let after: String = if chars.get(e) == Some(&'-') {
                    chars[e + 1..]
                        .iter()
                        .take_while(|c| c.is_alphabetic())
                        .flat_map(|c| c.to_lowercase())
                        .collect()
                } else {
                    p.m.text
                        .rsplit_once('-')
                        .map(|(_, w)| w.to_lowercase())
                        .unwrap_or_default()
                };
                !after.is_empty() && origin_words.matches_word(&after)
            })
            .collect();
        let absorbed: Vec<bool> = absorbed
            .iter()
            .zip(&office_of_person)
            .zip(&owned_agent)
            .zip(&origin)
            .map(|(((a, b), c), d)| *a || *b || *c || *d)
            .collect();
        let mut keep = absorbed.iter().map(|a| !a);
        placed.retain(|_| keep.next().unwrap_or(true));
        let mut sentences: Vec<(usize, usize)> = ex
            .sentences
            .iter()
            .map(|s| {
                (
                    tok_at_or_after(&toks, s.span.start),
                    tok_at_or_after(&toks, s.span.end),
                )
            })
            .filter(|(a, b)| a < b)
            .collect();
        if sentences.is_empty() && !toks.is_empty() {
            let paras: Vec<(usize, usize)> = if ex.document.paragraphs.is_empty() {
                vec![(0, toks.len())]
            } else {
                ex.document
                    .paragraphs
                    .iter()
                    .map(|p| {
                        (
                            tok_at_or_after(&toks, p.span.start),
                            tok_at_or_after(&toks, p.span.end),
                        )
                    })
                    .collect()
            };
            for (a, b) in paras {
                if a < b {
                    sentences.extend(
                        fallback_sentences(&toks[a..b])
                            .into_iter()
                            .map(|(s, e)| (s + a, e + a)),
                    );
                }
            }
        }
        let placed_max_end = placed
            .iter()
            .scan(0, |max, p| {
                *max = p.end.max(*max);
                Some(*max)
            })
            .collect();
        DocView {
            ex,
            chars,
            toks,
            placed,
            placed_max_end,
            sentences,
        }
    }

    pub fn text(&self, span: Span) -> String {
        let end = span.end.min(self.chars.len());
        let start = span.start.min(end);
        self.chars[start..end].iter().collect()
    }

    /// Char span of a token range.
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        match (
            self.toks.get(start),
            end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) {
            (Some(a), Some(b)) if start < end => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }

    /// Lowercased words of a token range, for phrase matching.
    /// Lowercased lemma of each token, from the syntax layer: the lemma of the syntax word
    /// that starts where the token starts (the first word of a contraction such as `zum`); the
    /// lowercased token where the syntax layer gave none.
    pub fn lemmas(&self) -> Vec<String> {
        let mut out: Vec<String> = self.toks.iter().map(|t| t.lower.clone()).collect();
        let mut set = vec![false; out.len()];
        for w in self.ex.syntax.iter().flat_map(|s| s.words.iter()) {
            let k = tok_at_or_after(&self.toks, w.span.start);
            if k < out.len() && !set[k] && self.toks[k].span.start == w.span.start {
                if !w.lemma.is_empty() {
                    out[k] = w.lemma.to_lowercase();
                }
                set[k] = true;
            } else if let Some(head) = self.hyphen_head(k, w) {
                // `EU-Hilfen` is one token and three syntax words: its lemma is its modifier
                // with the head's lemma (`eu-hilfe`), not the modifier's (stop 40).
                let modifier: String = self.chars[self.toks[k].span.start..head]
                    .iter()
                    .flat_map(|c| c.to_lowercase())
                    .collect();
                out[k] = modifier + &w.lemma.to_lowercase();
            }
        }
        out
    }

    /// Where syntax word `w` is the head of the hyphenated token `k` (it starts right after a
    /// hyphen inside the token and ends with it), its char start.
    fn hyphen_head(&self, k: usize, w: &armsgraph_model::SyntaxWord) -> Option<usize> {
        let tok = self.toks.get(k)?;
        (!w.lemma.is_empty()
            && tok.span.start < w.span.start
            && w.span.end == tok.span.end
            && w.span.start <= self.chars.len()
            && self.chars[..w.span.start]
                .last()
                .is_some_and(|c| matches!(c, '-' | '‐' | '‑')))
        .then_some(w.span.start)
    }

    /// The syntax layer's part of speech of the word starting where token `k` starts, by
    /// binary search (sentences and their words are in text order); `None` where it gave none.
    pub fn upos_at(&self, k: usize) -> Option<&'a str> {
        let at = self.toks.get(k)?.span.start;
        let syntax = &self.ex.syntax;
        let si = syntax.partition_point(|s| s.words.last().is_some_and(|w| w.span.end <= at));
        let words = &syntax.get(si)?.words;
        let wi = words.partition_point(|w| w.span.start < at);
        words
            .get(wi)
            .filter(|w| w.span.start == at)
            .map(|w| w.upos.as_str())
    }

    /// UPOS and UD features of each token, from the syntax layer word that starts where the
    /// token starts (empty strings where the syntax layer gave none), for local case reads.
    pub fn morphology(&self) -> Vec<Morph<'a>> {
        let mut out: Vec<Morph<'a>> = vec![Morph::default(); self.toks.len()];
        let mut set = vec![false; out.len()];
        for w in self.ex.syntax.iter().flat_map(|s| s.words.iter()) {
            let k = tok_at_or_after(&self.toks, w.span.start);
            if k < out.len() && !set[k] && self.toks[k].span.start == w.span.start {
                out[k] = Morph {
                    upos: w.upos.as_str(),
                    feats: w.feats.as_str(),
                    deprel: w.deprel.as_deref().unwrap_or(""),
                };
                set[k] = true;
            }
        }
        out
    }

    pub fn words(&self, start: usize, end: usize) -> Vec<&str> {
        self.toks[start.min(self.toks.len())..end.min(self.toks.len())]
            .iter()
            .map(|t| t.lower.as_str())
            .collect()
    }

    /// Mentions inside a token range, in text order. Mentions are sorted by their first
    /// token, so only those starting in the range are looked at: a sentence costs what it
    /// holds, not what the document holds.
    pub fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Placed<'a>> {
        let from = self.placed.partition_point(|p| p.start < start);
        self.placed[from..]
            .iter()
            .take_while(move |p| p.start < end)
            .filter(move |p| p.end <= end)
    }

    /// Mentions whose first token is in `lo..=hi`, in text order.
    pub fn starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &Placed<'a>> {
        let from = self.placed.partition_point(|p| p.start < lo);
        self.placed[from..]
            .iter()
            .take_while(move |p| p.start <= hi)
    }

    /// The token right before char offset `at`, stepping over one of `determiners`.
    fn index_before(&self, at: usize, determiners: &crate::rules::PhraseSet) -> Option<usize> {
        let k = self.toks.partition_point(|t| t.span.start < at);
        let prev = k.checked_sub(1)?;
        if determiners.matches_word(&self.toks[prev].lower) {
            prev.checked_sub(1)
        } else {
            Some(prev)
        }
    }

    /// The lower-cased token right before char offset `at`, stepping over one of
    /// `determiners` (`in the Gaza Strip` → `in`, `for the rebels` → `for`).
    pub fn word_before(&self, at: usize, determiners: &crate::rules::PhraseSet) -> Option<&str> {
        let k = self.index_before(at, determiners)?;
        Some(self.toks[k].lower.as_str())
    }

    /// The lower-cased token before the word that [`DocView::word_before`] gives (`struck
    /// targets in Gaza` → `targets`).
    pub fn word_before_that(
        &self,
        at: usize,
        determiners: &crate::rules::PhraseSet,
    ) -> Option<&str> {
        let k = self.index_before(at, determiners)?.checked_sub(1)?;
        Some(self.toks[k].lower.as_str())
    }

    /// Mentions that start before char offset `at`, latest first.
    pub fn before(&self, at: usize) -> impl Iterator<Item = &Placed<'a>> {
        let k = self.placed.partition_point(|p| p.m.span.start < at);
        self.placed[..k].iter().rev()
    }

    /// Mentions inside a char span, in text order.
    pub fn within(&self, span: Span) -> impl Iterator<Item = &Placed<'a>> {
        let from = self.placed.partition_point(|p| p.m.span.start < span.start);
        self.placed[from..]
            .iter()
            .take_while(move |p| p.m.span.start < span.end)
            .filter(move |p| span.contains(&p.m.span))
    }

    /// Whether token `i` lies inside a mention.
    pub fn in_mention(&self, i: usize) -> bool {
        let k = self.placed.partition_point(|p| p.start <= i);
        k > 0 && self.placed_max_end[k - 1] > i
    }

    /// Char span of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<(usize, usize)> {
        let k = self.sentences.partition_point(|(a, _)| *a <= i);
        let (a, b) = *self.sentences.get(k.checked_sub(1)?)?;
        (a <= i && i < b).then_some((a, b))
    }
}

/// Sentences from punctuation, used only when the NLP stage gave none (tests, bare text).
fn fallback_sentences(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        let end_mark = matches!(t.lower.as_str(), "." | "!" | "?");
        let next_starts = toks.get(i + 1).map(|n| n.cap || !n.is_word).unwrap_or(true);
        if end_mark && next_starts {
            // Keep a closing quotation mark with its sentence.
            let mut end = i + 1;
            while toks
                .get(end)
                .map(|n| n.lower.chars().all(is_quote_mark))
                .unwrap_or(false)
                && toks[end].lower.chars().count() == 1
            {
                end += 1;
            }
            out.push((start, end));
            start = end;
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_compounds_whole() {
        let toks = tokenize("„100.000 US-Truppen, 1,5 Mio“ didn't");
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "„",
                "100.000",
                "us-truppen",
                ",",
                "1,5",
                "mio",
                "“",
                "didn't"
            ]
        );
        assert_eq!(toks[2].span, Span::new(9, 19));
    }
}
