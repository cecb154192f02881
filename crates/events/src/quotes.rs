//! Quotations: direct (every quotation-mark style) and indirect (speech verb + `dass`/`that`,
//! `heißt es`, postposed `…, sagte X`, `laut X`), with cue, speaker and message spans.

use armsgraph_model::{EntityKind, ParagraphKind, Quote, QuoteKind, Span, Speaker, Warning};

use crate::clause::SentenceParse;
use crate::rules::LanguageRules;
use crate::text::{is_quote_mark, tok_at_or_after, DocView, Placed, Tok};

/// Closing marks that may end a quotation opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '„' => &['“', '”', '"'],
        '»' => &['«'],
        '«' => &['»'],
        '"' => &['"', '“', '”'],
        '“' => &['”', '“'],
        '‚' => &['‘', '’'],
        '‘' => &['’'],
        // Typewriter single quotes (`'…,' she said`, stop 28), read by `direct_quotes` only
        // with a cue; `'` between letters is an apostrophe (`don't`), never a mark.
        '\'' => &['\''],
        '‹' => &['›'],
        '›' => &['‹'],
        '「' => &['」'],
        _ => &[],
    }
}

/// A typewriter `'` that may close a quotation: after a non-space, before a non-letter
/// (`streets,' he said`; not `don't`). `soldiers' lives` also fits: such a quotation needs
/// a cue.
fn single_closer(chars: &[char], j: usize) -> bool {
    j > 0 && !chars[j - 1].is_whitespace() && chars.get(j + 1).is_none_or(|c| !c.is_alphanumeric())
}

fn is_opener(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if closers(c).is_empty() {
        return false;
    }
    let next_ok = chars
        .get(i + 1)
        .map(|n| !n.is_whitespace())
        .unwrap_or(false);
    let prev_ok = i == 0 || !chars[i - 1].is_alphanumeric();
    // `‘` and `’` double as apostrophes; `‘` opens only before a letter after a non-letter.
    next_ok && prev_ok
}

/// One quotation found, before ids.
#[derive(Debug, Clone)]
pub struct FoundQuote {
    pub quote: Quote,
    /// Whole extent including marks (direct) or the sentence part (indirect).
    pub extent: Span,
}

/// Every quotation of the document. `parses` holds the syntax layer's parse of each of the
/// view's sentences where the language reads one (`clause::sentence_parses`): with it, a
/// speech verb's clausal complement is a report even without a complementizer.
/// `complement_parses` are the parses that last reading takes (`parses`, or the syntax
/// layer's where `[grammar] quote_complements_from_parse` asks for them).
pub fn extract_quotes(
    view: &DocView,
    lang: &LanguageRules,
    parses: &[Option<SentenceParse>],
    complement_parses: &[Option<SentenceParse>],
    warnings: &mut Vec<Warning>,
) -> Vec<FoundQuote> {
    let words = view.words(0, view.toks.len());
    let cues = speech_cues(view, lang, &words);
    let mut out = direct_quotes(view, lang, &words, &cues, warnings);
    let direct_spans: Vec<Span> = out.iter().map(|q| q.extent).collect();
    let mut indirect = indirect_quotes(
        view,
        lang,
        &words,
        &cues,
        &direct_spans,
        (parses, complement_parses),
    );
    // `„…“, sagte er.` is one direct quotation, not also an indirect one (its cue and speaker go
    // to the direct quotation when that has none); an indirect report that quotes a fragment
    // (`heißt es, … „bei der …“ …`) stays.
    indirect.retain(|q| {
        let m = q.quote.message;
        let Some(d) = out.iter_mut().find(|d| {
            d.extent.overlaps(&m) && !(m.contains(&d.extent) && m.len() > d.extent.len())
        }) else {
            return true;
        };
        if d.quote.cue.is_none() {
            d.quote.cue = q.quote.cue;
            d.quote.cue_text = q.quote.cue_text.clone();
            if d.quote.speaker.is_none() {
                d.quote.speaker = q.quote.speaker.clone();
            }
        }
        false
    });
    // A direct fragment inside an indirect report (`heißt es, … „bei der …“`) takes its source.
    for d in out.iter_mut() {
        if d.quote.speaker.is_some() && d.quote.cue.is_some() {
            continue;
        }
        if let Some(ind) = indirect
            .iter()
            .find(|i| i.quote.message.contains(&d.extent))
        {
            d.quote.speaker = ind.quote.speaker.clone();
            d.quote.cue = ind.quote.cue;
            d.quote.cue_text = ind.quote.cue_text.clone();
            d.quote.rule = format!("{}.inside_indirect", lang.language);
        }
    }
    out.append(&mut indirect);
    out.sort_by_key(|q| (q.quote.message.start, q.quote.message.end));
    referring_speakers(view, lang, &words, &mut out);
    continued_speakers(&mut out);
    out
}

/// The speech verb starting at each token, as its length in tokens: a surface form of
/// `speech_verbs` (`said`, `a déclaré`), or a word the syntax layer tags VERB whose lemma is
/// in `speech_lemmas` (`ha declarado`, `a répondu`: every tense counts), taking the auxiliary
/// right before it (`ha`, `a`) into the cue so the words around the cue are read as for a
/// simple form. One pass over the document.
fn speech_cues(view: &DocView, lang: &LanguageRules, words: &[&str]) -> Vec<Option<usize>> {
    let mut cues: Vec<Option<usize>> = (0..words.len())
        .map(|j| lang.speech_verbs.match_at(words, j))
        .collect();
    // A form that is a cue only with a companion in its sentence (`gab … bekannt`, `teilte
    // … mit`; `bekannt` in `gab/wurde … bekannt`): without one it is another verb (`gab es`,
    // `geht es ihm gut`, `ist nicht bekannt`).
    for &(s0, s1) in &view.sentences {
        for j in s0..s1.min(words.len()) {
            if cues[j] != Some(1) {
                continue;
            }
            if let Some(companions) = lang.cue_companions.get(words[j]) {
                if !(s0..s1).any(|k| k != j && companions.match_at(words, k).is_some()) {
                    cues[j] = None;
                }
            }
        }
    }
    let morph = view.morphology();
    // A one-word form the tagger reads as a noun is no cue (`Gulf Arab states`, `his
    // claims`): the surface lists hold forms that are nouns too (stop 28).
    for (j, m) in morph.iter().enumerate() {
        if cues[j] == Some(1) && matches!(m.upos, "NOUN" | "PROPN") {
            cues[j] = None;
        }
    }
    if lang.speech_lemmas.is_empty() {
        return cues;
    }
    let lemma_strings = view.lemmas();
    let lemmas: Vec<&str> = lemma_strings.iter().map(String::as_str).collect();
    for j in 0..words.len() {
        if cues[j].is_some() || morph[j].upos != "VERB" {
            continue;
        }
        let Some(len) = lang.speech_lemmas.match_at(&lemmas, j) else {
            continue;
        };
        cues[j] = Some(len);
        if j > 0 && morph[j - 1].upos == "AUX" && cues[j - 1].is_none() {
            cues[j - 1] = Some(len + 1);
        }
    }
    cues
}

fn direct_quotes(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cues: &[Option<usize>],
    warnings: &mut Vec<Warning>,
) -> Vec<FoundQuote> {
    let chars = &view.chars;
    let paragraphs: Vec<(Span, ParagraphKind)> = if view.ex.document.paragraphs.is_empty() {
        vec![(Span::new(0, chars.len()), ParagraphKind::Body)]
    } else {
        view.ex
            .document
            .paragraphs
            .iter()
            .map(|p| (p.span, p.kind))
            .collect()
    };
    let morph = view.morphology();
    let mut out = Vec::new();
    for (pspan, kind) in paragraphs {
        let end = pspan.end.min(chars.len());
        let mut i = pspan.start;
        while i < end {
            let single = chars[i] == '\'';
            if !(is_quote_mark(chars[i]) || single) || !is_opener(chars, i) {
                i += 1;
                continue;
            }
            let close = (i + 1..end).find(|&j| {
                closers(chars[i]).contains(&chars[j])
                    && !is_opener_only(chars, j, chars[i])
                    && (!single || single_closer(chars, j))
            });
            // The same opening mark again before the close: the first one is never closed
            // (quotations do not nest with the same mark).
            let close = close.filter(|&c| {
                closers(chars[i]).contains(&chars[i])
                    || !(i + 1..c).any(|j| chars[j] == chars[i] && is_opener(chars, j))
            });
            let Some(close) = close else {
                warnings.push(Warning {
                    code: "unbalanced_quote".to_string(),
                    message: format!(
                        "quotation mark `{}` is never closed in its {}; not read as a quotation",
                        chars[i],
                        if kind == ParagraphKind::Heading {
                            "heading"
                        } else {
                            "paragraph"
                        }
                    ),
                    span: Some(Span::new(i, i + 1)),
                });
                i += 1;
                continue;
            };
            if kind == ParagraphKind::Heading {
                i = close + 1;
                continue;
            }
            let (ms, me) = trim(chars, i + 1, close);
            let message = Span::new(ms, me);
            let n_words = view.toks
                [tok_at_or_after(&view.toks, ms)..tok_at_or_after(&view.toks, me)]
                .iter()
                .filter(|t| t.is_word)
                .count();
            let extent = Span::new(i, close + 1);
            let (cue, speaker, addressee) = direct_cue(view, lang, words, cues, &morph, extent);
            // Scare quotes and titles (`„befreiten Gebiete“`) are not speech.
            // A cue before a short quotation is usually a scare quote inside reported speech;
            // right after it (`„Nein“, sagte er`) it is speech.
            let cue_after = cue.is_some_and(|c| c.start >= extent.end);
            // A title or name (`bekannt als „Forte Village“`) is not speech either, unless a
            // speech verb follows it (`„Forte Village“, sagte er`).
            if !cue_after && (n_words < 4 || is_title(view, ms, me)) {
                i = close + 1;
                continue;
            }
            // A quotation in typewriter single quotes (`'…,' she said`) counts only with a
            // cue: the mark is also an apostrophe.
            if single && cue.is_none() {
                i += 1;
                continue;
            }
            out.push(FoundQuote {
                quote: Quote {
                    kind: QuoteKind::Direct,
                    cue,
                    cue_text: cue.map(|c| view.text(c)),
                    message,
                    message_text: view.text(message),
                    speaker,
                    addressee,
                    rule: format!("{}.quote.direct", lang.language),
                    confidence: if cue.is_some() { 0.9 } else { 0.6 },
                    ..Default::default()
                },
                extent,
            });
            i = close + 1;
        }
    }
    out
}

/// A quoted name or title (`„Red Bull Racing Teams“`, `„Cobra II – die wirkliche
/// Geschichte …“`), not speech: no sentence punctuation, and mostly capitalised words or a
/// dash between a name and a subtitle.
fn is_title(view: &DocView, ms: usize, me: usize) -> bool {
    let toks = &view.toks[tok_at_or_after(&view.toks, ms)..tok_at_or_after(&view.toks, me)];
    if toks
        .iter()
        .any(|t| matches!(t.lower.as_str(), "." | "!" | "?" | ":" | ";"))
    {
        return false;
    }
    let words: Vec<_> = toks.iter().filter(|t| t.is_word).collect();
    let caps = words.iter().filter(|t| t.cap).count();
    let dash = toks.iter().any(|t| matches!(t.lower.as_str(), "–" | "—"));
    !words.is_empty() && (caps * 4 >= words.len() * 3 || dash)
}

/// `"` both opens and closes; a `“` right before a letter after a space opens the next quote.
fn is_opener_only(chars: &[char], j: usize, open: char) -> bool {
    open == '„' && chars[j] == '“' && j > 0 && chars[j - 1].is_whitespace()
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

type CueSpeaker = (Option<Span>, Option<Speaker>, Option<Speaker>);

/// Find a speech verb right after (`“, sagte er`) or before (`X sagte: „`) a direct quote.
fn direct_cue(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cues: &[Option<usize>],
    morph: &[crate::text::Morph],
    extent: Span,
) -> CueSpeaker {
    let toks = &view.toks;
    let after = tok_at_or_after(toks, extent.end);
    let before = tok_at_or_after(toks, extent.start);
    let sent_end = view
        .sentence_of(after)
        .map(|s| s.1)
        .unwrap_or(toks.len())
        .max(after);
    // After: up to 4 tokens, not crossing a new quotation or sentence end. A quotation that
    // ends its own sentence (`… voraus.“` then a new sentence or paragraph) has no cue after
    // it; `„…“, sagte er` continues with a comma or dash.
    let inside_end = (extent.start..extent.end.saturating_sub(1))
        .rev()
        .map(|i| view.chars[i])
        .find(|c| !c.is_whitespace() && !is_quote_mark(*c));
    let continues = toks
        .get(after)
        .is_some_and(|t| matches!(t.lower.as_str(), "," | "–" | "—" | "-"));
    let closes_sentence = matches!(inside_end, Some('.' | '!' | '?' | '…'));
    let same_paragraph = view.ex.document.paragraphs.iter().any(|p| {
        p.span.start <= extent.start && toks.get(after).is_some_and(|t| t.span.end <= p.span.end)
    }) || view.ex.document.paragraphs.is_empty();
    let after_limit = if (closes_sentence && !continues) || !same_paragraph {
        after
    } else {
        // Up to 5 tokens; up to 8 when every token before the cue is a word of one noun
        // phrase (`'…,' senior opposition leader Salome Zurabishvili told`, stop 28).
        let np_run = (after..sent_end.min(after + 8))
            .take_while(|&k| {
                np_word(view, lang, words, k)
                    || morph
                        .get(k)
                        .is_some_and(|m| matches!(m.upos, "NOUN" | "ADJ" | "PROPN"))
            })
            .count();
        sent_end.min(after + 5.max(np_run + 1))
    };
    // `“…,” Akhtar Zamin, the home minister for …, said.`: a person named right after the
    // comma with an apposition after the name holds the cue further off; the person speaks.
    if (continues || inside_end == Some(',')) && same_paragraph {
        let p0 = if continues { after + 1 } else { after };
        if let Some(cue) = cue_after_apposition(view, lang, cues, p0, sent_end) {
            return cue;
        }
    }
    let mut j = after;
    while j < after_limit {
        if toks[j].lower.chars().all(is_quote_mark) || toks[j].lower == "." {
            break;
        }
        if let Some(len) = cues[j] {
            let cue = view.span_of(j, j + len);
            let speaker = speaker_near(view, lang, words, j, j + len, sent_end, extent);
            let addressee = addressee_near(view, lang, words, j + len, sent_end);
            return (Some(cue), speaker, addressee);
        }
        j += 1;
    }
    // Before: the same sentence up to the quote, ending with `:` or `,`.
    if before > 0 {
        let sent_start = view
            .sentence_of(before.saturating_sub(1))
            .map(|s| s.0)
            .unwrap_or(0);
        for j in (sent_start..before).rev() {
            if let Some(len) = cues[j] {
                // A postposed-only cue (`so`) before a quotation needs its source between
                // (`So Müller: „…“`); `So „…“`, `nannte ihn so „…“` are no reports.
                let sourceless = lang.postposed_cues.match_at(words, j).is_some()
                    && !toks.get(j + len).is_some_and(|t| {
                        t.is_word && (t.cap || lang.determiners.matches_word(&t.lower))
                    });
                if j + len > before || sourceless {
                    continue;
                }
                let cue = view.span_of(j, j + len);
                let speaker = speaker_near(view, lang, words, j, j + len, before, extent);
                let addressee = addressee_near(view, lang, words, j + len, before);
                return (Some(cue), speaker, addressee);
            }
        }
    }
    (None, None, None)
}

/// A person starting at token `p0` (or after a lower-case role phrase and a comma there), a
/// comma after the name, and the first speech cue after
/// it in the sentence (before any quotation mark): that cue, with the person as speaker.
fn cue_after_apposition(
    view: &DocView,
    lang: &LanguageRules,
    cues: &[Option<usize>],
    p0: usize,
    sent_end: usize,
) -> Option<CueSpeaker> {
    // The name may follow its role and a comma (`“…,” the minister, Abdul-Qader al-Obeidi,
    // was quoted as saying`); a role of up to six words (`a foreign ministry spokesman,`;
    // stop 43, four before).
    let role_first = (p0 + 1..(p0 + 8).min(sent_end)).find(|&k| {
        view.toks[k - 1].lower == ","
            && k - 1 > p0
            && (p0..k - 1).all(|j| view.toks[j].is_word && !view.toks[j].cap)
            && (p0..k - 1).any(|j| lang.role_nouns.matches(&view.toks[j].lower))
    });
    let person = [Some(p0), role_first].into_iter().flatten().find_map(|k| {
        view.starting_in(k, k)
            .find(|p| p.m.kind == EntityKind::Person)
    });
    // No person mention (the recogniser misses many foreign names, and a surname alone): a
    // run of one to three capitalised words no mention covers, then a comma (`“…,” Hazare,
    // who arrived on Monday, said`); `name_part_speakers` may link it to the full name.
    let (speaker, name_end) = match person {
        Some(p) => (speaker_of(view, p), p.end),
        None => {
            let cap_free = |k: usize| {
                view.toks.get(k).is_some_and(|t| {
                    t.is_word
                        && t.cap
                        && !lang.determiners.matches_word(&t.lower)
                        && lang.pronouns.get(&t.lower).is_none()
                }) && !view.in_mention(k)
                    && !view
                        .ex
                        .times
                        .iter()
                        .any(|t| t.span.contains(&view.toks[k].span))
            };
            let e = (p0..(p0 + 3).min(sent_end))
                .take_while(|&k| cap_free(k))
                .last()?
                + 1;
            (unknown_speaker(view, p0, e), e)
        }
    };
    if view.toks.get(name_end).is_none_or(|t| t.lower != ",") {
        return None;
    }
    let limit = sent_end.min(view.toks.len());
    for (j, cue) in cues.iter().enumerate().take(limit).skip(name_end + 1) {
        if view.toks[j].lower.chars().all(is_quote_mark) {
            return None;
        }
        if let Some(len) = *cue {
            return Some((Some(view.span_of(j, j + len)), Some(speaker), None));
        }
    }
    None
}

/// The speaker of a cue at tokens `[c0, c1)`: a name or pronoun right after the cue
/// (`sagte er`), else the nearest person (then any party) before it in the sentence.
fn speaker_near(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    c0: usize,
    c1: usize,
    limit: usize,
    exclude: Span,
) -> Option<Speaker> {
    let sent = view.sentence_of(c0).unwrap_or((0, view.toks.len()));
    let outside = |p: &&Placed| !exclude.overlaps(&p.m.span);
    // A time phrase right after the cue is not the speaker (`afirmó hoy, jueves, el
    // viceministro …`, `sagte der Minister am Montag`): the subject is looked for after it.
    let a0 = skip_time(view, words, c1, limit);
    // A person in the noun phrase right after the cue, apposition included, before anything
    // else in it (`afirmó el viceministro británico de Asuntos Exteriores, Peter Hain`: the
    // state names the office, the person speaks).
    let mut e = a0;
    while e < limit.min(a0 + 14).min(view.toks.len())
        && (words[e] == "," || np_word(view, lang, words, e))
    {
        e += 1;
    }
    if e > a0 && np_word(view, lang, words, a0) {
        let persons: Vec<&Placed> = view
            .mentions_in(a0, e)
            .filter(outside)
            .filter(|p| p.m.kind == EntityKind::Person)
            .collect();
        // A person in an oblique case is the complement of an office (`сообщил пресс-секретарь
        // Владимира Путина Дмитрий Песков`, `sagte der Sprecher des Kanzlers …`): the first
        // person whose last word the tagger does not mark oblique speaks (stop 30; languages
        // whose tagger marks no case are unchanged).
        if let Some(p) = persons
            .iter()
            .find(|p| !oblique_case(view, p.end.saturating_sub(1)))
            .or(persons.first())
        {
            return Some(speaker_of(view, p));
        }
    }
    // A party opening the sentence, in no oblique case, is the cue's subject (`Die USA
    // forderten Israel auf, …`, `Russland hat der Ukraine vorgeworfen, …`): a name after the
    // cue is then its object, not an inverted subject (stop 38). Only determiners may stand
    // before it.
    let opening_subject = view
        .mentions_in(sent.0, c0)
        .filter(outside)
        .filter(|p| p.is_party() && !oblique_case(view, p.end.saturating_sub(1)))
        .find(|p| {
            (sent.0..p.start)
                .all(|k| !view.toks[k].is_word || lang.determiners.matches_word(words[k]))
        });
    // Or a noun phrase naming no party that fills the sentence up to the cue, its first word
    // in no oblique case (`Источник в правительстве сообщил ТАСС, что …`): the subject too, so
    // the agency after the cue is the one told (stop 39).
    let opening_phrase = (opening_subject.is_none() && c0 > sent.0)
        .then(|| np_before(view, lang, words, sent.0, c0))
        .flatten()
        .filter(|&(s, e)| s == sent.0 && e == c0 && view.toks[s].is_word && !oblique_case(view, s));
    // Right after the cue (V2 inversion), within 3 tokens.
    let inversion_end = if opening_subject.is_some() || opening_phrase.is_some() {
        a0
    } else {
        (a0 + 3).min(limit.max(a0)).min(view.toks.len())
    };
    for j in a0..inversion_end {
        if let Some(p) = view
            .starting_in(j, j)
            .filter(outside)
            .find(|p| p.is_party())
        {
            return Some(speaker_of(view, p));
        }
        if let Some(kind) = lang.pronouns.get(words[j]) {
            return Some(resolve_pronoun(view, j, kind));
        }
        if lang.document_nouns.get(words[j]).is_some() {
            return document_speaker(view, lang, words, sent.0, c0.max(j + 1));
        }
        // A name in quotation marks (`передаёт «Интерфакс»`) is still right after the cue.
        if !view.toks[j].is_word && !words[j].chars().all(is_quote_mark) {
            break;
        }
    }
    // An inverted cue right after a comma or quotation mark (`“, sagte ein Polizeisprecher`):
    // the noun phrase after it is the speaker.
    let inverted = c0 > sent.0 && {
        let w = words[c0 - 1];
        w == "," || w.chars().all(is_quote_mark)
    };
    if inverted {
        if let Some(sp) = noun_phrase_speaker(view, lang, words, c0, c0, a0, limit) {
            return Some(described_person(view, lang, sp));
        }
    }
    // Before the cue: prefer a person, then any party, in the sentence.
    let before: Vec<&Placed> = view
        .mentions_in(sent.0, c0)
        .filter(outside)
        .filter(|p| p.is_party())
        .collect();
    // The nearest person, then party, in no oblique case (`der Ukraine vorgeworfen`: the
    // dative is the one addressed), else the nearest as before.
    let subject_like = |p: &&&Placed| !oblique_case(view, p.end.saturating_sub(1));
    if let Some(p) = opening_subject
        .as_ref()
        .filter(|p| p.m.kind == EntityKind::Person)
        .or_else(|| {
            before
                .iter()
                .rev()
                .filter(subject_like)
                .find(|p| p.m.kind == EntityKind::Person)
        })
        .or(opening_subject.as_ref())
        .or_else(|| before.iter().rev().find(|p| p.m.kind == EntityKind::Person))
        .or(before.last())
    {
        let mut sp = speaker_of(view, p);
        // The whole noun phrase before the cue when the name is part of it
        // (`Die US Botschaft in Riad teilte mit`).
        if let Some((s, e)) = np_before(view, lang, words, sent.0, c0) {
            if s <= p.start && p.end <= e {
                sp.span = Some(view.span_of(s, e));
            }
        }
        return Some(sp);
    }
    for j in (sent.0..c0).rev() {
        if exclude.contains(&view.toks[j].span) {
            continue;
        }
        if let Some(kind) = lang.pronouns.get(words[j]) {
            return Some(resolve_pronoun(view, j, kind));
        }
    }
    if let Some(d) = document_speaker(view, lang, words, sent.0, c0) {
        return Some(d);
    }
    if let Some((s, e)) = opening_phrase {
        return Some(described_person(view, lang, unknown_speaker(view, s, e)));
    }
    noun_phrase_speaker(view, lang, words, sent.0, c0, a0, limit)
        .map(|sp| described_person(view, lang, sp))
}

/// Whether the syntax layer marks token `k` with an oblique case (`Case=Gen|Dat|Acc|Ins|Loc`):
/// a word in one is no subject. Binary searches over the sentences and their words, so a
/// lookup costs a logarithm of the document, not a scan of it.
fn oblique_case(view: &DocView, k: usize) -> bool {
    let Some(tok) = view.toks.get(k) else {
        return false;
    };
    let start = tok.span.start;
    let syntax = &view.ex.syntax;
    let sentence_start =
        |s: &armsgraph_model::SentenceSyntax| s.words.first().map_or(0, |w| w.span.start);
    let i = syntax.partition_point(|s| sentence_start(s) <= start);
    let Some(sent) = i.checked_sub(1).and_then(|i| syntax.get(i)) else {
        return false;
    };
    let w = sent.words.partition_point(|w| w.span.start < start);
    sent.words
        .get(w)
        .filter(|w| w.span.start == start)
        .is_some_and(|w| {
            w.feats.split('|').any(|kv| {
                matches!(
                    kv,
                    "Case=Gen" | "Case=Dat" | "Case=Acc" | "Case=Ins" | "Case=Loc"
                )
            })
        })
}

/// Token `j` advanced over a time phrase (and the commas around it) right after a cue.
fn skip_time(view: &DocView, words: &[&str], mut j: usize, limit: usize) -> usize {
    let limit = limit.min(view.toks.len());
    let in_time = |k: usize| {
        let span = view.toks[k].span;
        view.ex.times.iter().any(|t| t.span.contains(&span))
    };
    let start = j;
    while j < limit
        && (in_time(j)
            || (words[j] == ","
                && ((j + 1 < limit && in_time(j + 1)) || (j > start && in_time(j - 1)))))
    {
        j += 1;
    }
    j
}

/// How far back (in characters) a role noun looks for the person it describes.
const DESCRIPTION_REACH: usize = 1500;

/// The word tokens inside `span`.
fn words_in<'a>(view: &'a DocView, span: Span) -> Vec<&'a Tok> {
    let (t0, t1) = (
        tok_at_or_after(&view.toks, span.start),
        tok_at_or_after(&view.toks, span.end),
    );
    view.toks[t0..t1.min(view.toks.len())]
        .iter()
        .filter(|t| t.is_word)
        .collect()
}

/// A speaker named only by a role (`the minister`, `el oficial`, `Президент`, words of
/// `role_nouns`) with no name in its phrase is the last person named before it, within
/// `DESCRIPTION_REACH` characters, as a reader resolves it; otherwise it stays as it is.
fn described_person(view: &DocView, lang: &LanguageRules, sp: Speaker) -> Speaker {
    let Some(span) = sp.span else { return sp };
    // A place in the phrase is where the office is (`Мэр города Немуро`), not a name of it.
    if sp.entity.is_some() || view.within(span).any(|p| p.m.kind != EntityKind::Place) {
        return sp;
    }
    let words = words_in(view, span);
    if words.is_empty()
        || words.len() > 4
        || !words.iter().any(|t| lang.role_nouns.matches(&t.lower))
        || words.iter().any(|t| lang.institutions.matches(&t.lower))
    {
        return sp;
    }
    let ante = view.before(span.start).find(|p| {
        p.m.kind == EntityKind::Person
            && p.m.span.end <= span.start
            && span.start - p.m.span.end <= DESCRIPTION_REACH
            && p.m.method != armsgraph_model::LinkMethod::Coreference
    });
    match ante {
        Some(p) if span.start - p.m.span.end <= DESCRIPTION_REACH => Speaker {
            entity: Some(p.m.entity.clone()),
            name: p.m.name.clone(),
            kind: "person".into(),
            span: Some(span),
            antecedent: Some(p.m.span),
        },
        _ => sp,
    }
}

/// Can token `j` be inside a speaker noun phrase (`Ein Sprecher des saudi-arabischen
/// Gesundheitsministeriums`, `Das „National Hurricane Centre“ der USA`)?
fn np_word(view: &DocView, lang: &LanguageRules, words: &[&str], j: usize) -> bool {
    let t = &view.toks[j];
    if !t.is_word {
        return t.lower.chars().all(is_quote_mark);
    }
    t.cap
        || lang.determiners.matches_word(words[j])
        || lang.prepositions.matches_word(words[j])
        || lang.role_nouns.matches(words[j])
        || lang.institutions.matches(words[j])
        || lang
            .np_adjective_endings
            .iter()
            .any(|e| words[j].ends_with(e.as_str()) && words[j].len() > e.len() + 2)
}

/// Trim a noun-phrase run `[s, e)` to start and end on a name-like word.
fn trim_np(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    mut s: usize,
    mut e: usize,
) -> Option<(usize, usize)> {
    let toks = &view.toks;
    while s < e
        && (!toks[s].is_word
            || lang.prepositions.matches_word(words[s])
            || lang.np_trim.matches_word(words[s])
            || lang.clause_words.matches_word(words[s]))
    {
        s += 1;
    }
    while e > s
        && (!toks[e - 1].is_word
            || lang.prepositions.matches_word(words[e - 1])
            || lang.determiners.matches_word(words[e - 1]))
    {
        e -= 1;
    }
    // A name, or a role or institution noun written in lower case (`el ministro`).
    (s < e
        && (s..e).any(|j| {
            toks[j].cap || lang.role_nouns.matches(words[j]) || lang.institutions.matches(words[j])
        }))
    .then_some((s, e))
}

/// The noun-phrase run ending right before `c0` (at most ten tokens back, not before `s0`).
fn np_before(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    s0: usize,
    c0: usize,
) -> Option<(usize, usize)> {
    let mut s = c0;
    while s > s0 && c0 - s < 10 && np_word(view, lang, words, s - 1) {
        s -= 1;
    }
    trim_np(view, lang, words, s, c0)
}

/// The source right after `laut` / `according to`: determiners, names and the adjectives
/// before them, and a genitive or `von` phrase attached to them — and nothing after the first
/// other word. The general noun-phrase run also takes verbs that look like adjectives
/// (`Laut Polizei wurden …` would give "Polizei wurden"), and after `laut X` the clause's
/// verb comes right after the source.
fn source_np_after(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    k: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let toks = &view.toks;
    let limit = end.min(k + 10).min(toks.len());
    let adjective = |j: usize| {
        toks[j].is_word
            && !toks[j].cap
            && lang
                .np_adjective_endings
                .iter()
                .any(|e| words[j].ends_with(e.as_str()) && words[j].len() > e.len() + 2)
    };
    // An adjective counts only when a name-like word follows the adjectives.
    let leads_to_noun = |mut j: usize| {
        while j < limit && adjective(j) {
            j += 1;
        }
        j < limit
            && toks[j].is_word
            && (toks[j].cap
                || lang.role_nouns.matches(words[j])
                || lang.institutions.matches(words[j]))
    };
    let mut e = k;
    let mut seen_noun = false;
    while e < limit {
        // A name the pipeline found, in whatever case it is written (`einem Bericht der
        // Menschenrechtsorganisation amnesty international`): the whole name (stop 36).
        if let Some(p) = view
            .starting_in(e, e)
            .find(|p| p.is_party() && p.start == e && p.end > e)
        {
            if p.end <= end {
                seen_noun = true;
                e = p.end;
                continue;
            }
        }
        let w = words[e];
        let t = &toks[e];
        let take = if !t.is_word {
            // Hyphens and apostrophes inside names (`US-Armee` is one token already).
            false
        } else if t.cap || lang.role_nouns.matches(w) || lang.institutions.matches(w) {
            // A role or institution noun written in lower case is a source too (`по словам
            // дипломата`, `по данным местных властей`).
            true
        } else if lang.determiners.matches_word(w) {
            // `laut einem Sprecher`, `Angaben der Polizei`.
            e + 1 < limit
                && (toks[e + 1].cap
                    || lang.role_nouns.matches(words[e + 1])
                    || leads_to_noun(e + 1))
        } else if adjective(e) {
            // A finite verb ending like an adjective (`Angaben des Militärs griffen Kämpfer
            // …`) closes the phrase (stop 40).
            !matches!(view.upos_at(e), Some("VERB" | "AUX")) && leads_to_noun(e)
        } else if seen_noun && lang.agent_preps.matches_word(w) {
            // `Angaben von Experten`.
            e + 1 < limit && (toks[e + 1].cap || lang.determiners.matches_word(words[e + 1]))
        } else {
            false
        };
        if !take {
            break;
        }
        seen_noun |= t.cap || lang.role_nouns.matches(w) || lang.institutions.matches(w);
        e += 1;
    }
    (seen_noun && e > k).then_some((k, e))
}

/// A speaker known only as the words of tokens `[s, e)` (`ein Sprecher der Regierung`).
fn unknown_speaker(view: &DocView, s: usize, e: usize) -> Speaker {
    let span = view.span_of(s, e);
    Speaker {
        name: view.text(span),
        kind: "unknown".into(),
        span: Some(span),
        ..Default::default()
    }
}

/// With no name known, a noun phrase next to the cue (`der Sprecher`, `Ministeriumssprecher X`).
fn noun_phrase_speaker(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    s0: usize,
    c0: usize,
    c1: usize,
    limit: usize,
) -> Option<Speaker> {
    // After the cue: the run starting right after it.
    let mut e = c1;
    while e < limit.min(c1 + 10).min(view.toks.len()) && np_word(view, lang, words, e) {
        e += 1;
    }
    if let Some((s, e)) = trim_np(view, lang, words, c1, e) {
        // A preposition may open it only before an institution (`сообщили в Воздушных
        // силах Украины`); `said in Moscow` names a place, not a speaker.
        let institution_after_prep = lang.prepositions.matches_word(words[c1])
            && (s..e).any(|j| lang.institutions.matches(words[j]));
        if s == c1 || lang.determiners.matches_word(words[c1]) || institution_after_prep {
            return Some(unknown_speaker(view, s, e));
        }
    }
    np_before(view, lang, words, s0, c0)
        .or_else(|| {
            // `Мэр города, в свою очередь, отметил`: a short phrase between commas right
            // before the cue is inserted; the subject stands before it.
            if c0 == 0 || words[c0 - 1] != "," {
                return None;
            }
            let open = (c0.saturating_sub(6).max(s0)..c0 - 1)
                .rev()
                .find(|&k| words[k] == ",")?;
            let inserted = open + 1..c0 - 1;
            (inserted
                .clone()
                .all(|k| view.toks[k].is_word && !view.toks[k].cap))
            .then(|| np_before(view, lang, words, s0, open))
            .flatten()
        })
        .map(|(s, e)| unknown_speaker(view, s, e))
}

/// With a parse, the speaker is the subject of the speech verb (`…, sagte der Minister`,
/// `Washington accused …`): a speaker the window rules found outside that subject gives way
/// to a name inside it; one inside it stays (it may be the better-resolved of two).
/// `names_only`: only a personal name in the subject ([`subject_name`]) is taken.
pub fn speakers_from_parse(
    view: &DocView,
    parses: &[Option<SentenceParse>],
    quotes: &mut [FoundQuote],
    names_only: bool,
) {
    let sentence_starts: Vec<usize> = view
        .sentences
        .iter()
        .map(|&(a, b)| view.span_of(a, b).start)
        .collect();
    for q in quotes.iter_mut() {
        let Some(cue) = q.quote.cue else { continue };
        let n = sentence_starts.partition_point(|&st| st <= cue.start);
        let Some((k, ps)) = n
            .checked_sub(1)
            .and_then(|k| Some((k, parses.get(k)?.as_ref()?)))
        else {
            continue;
        };
        let (s_lo, s_hi) = view.sentences[k];
        let Some(pw) = ps.word_at(cue) else { continue };
        let Some(subject) = ps.arguments(pw, &|_| false).actor else {
            continue;
        };
        let in_subject = |span: Span| ps.head_of(span).is_some_and(|w| ps.within(w, subject));
        // A personal name that heads the subject or stands in apposition inside it (`Vitali
        // Klitschko, a champion boxer, said`, `sagte der EU-Außenbeauftragte Javier Solana`,
        // `сообщил представитель комитета Владимир Маркин`) is who speaks, before a state or
        // an organisation named in the role's words around it, and also where no mention
        // covers it (the name recogniser misses many foreign names; the parse still marks a
        // name as a proper-noun head with `flat` parts).
        let already_person = q.quote.speaker.as_ref().is_some_and(|sp| {
            sp.kind == "person" && sp.entity.is_some() && sp.span.is_some_and(in_subject)
        });
        if !already_person {
            if let Some(sp) = subject_name(view, ps, subject) {
                q.quote.speaker = Some(sp);
                q.quote.rule.push_str(".subject_name");
                continue;
            }
        }
        if names_only {
            continue;
        }
        if let Some(sp) = &q.quote.speaker {
            if sp.span.is_some_and(in_subject) {
                continue;
            }
        }
        // Only the sentence's mentions: a quote costs what its sentence holds.
        let candidates: Vec<&Placed> = view
            .mentions_in(s_lo, s_hi)
            .filter(|p| p.is_party() && in_subject(p.m.span))
            .collect();
        // The subject's own head word first, then a person, then the first name in it.
        let best = candidates
            .iter()
            .find(|p| ps.head_of(p.m.span) == Some(subject))
            .or_else(|| candidates.iter().find(|p| p.m.kind == EntityKind::Person))
            .or_else(|| candidates.first());
        if let Some(p) = best {
            q.quote.speaker = Some(speaker_of(view, p));
            continue;
        }
        // The window's speaker is the one told (`A government source told Reuters …`: the
        // cue's object): the subject speaks, named by its words though it names no party
        // (stop 39).
        let told = q
            .quote
            .speaker
            .as_ref()
            .and_then(|sp| sp.span)
            .is_some_and(|span| {
                ps.head_of(span).is_some_and(|w| {
                    ps.parent(w) == Some(pw) && matches!(ps.deprel(w), "obj" | "iobj")
                })
            });
        if told {
            let words: Vec<usize> = (0..ps.words.len())
                .filter(|&k| ps.within(k, subject))
                .collect();
            if let (Some(&lo), Some(&hi)) = (words.first(), words.last()) {
                let (t0, t1) = (
                    tok_at_or_after(&view.toks, ps.words[lo].span.start),
                    tok_at_or_after(&view.toks, ps.words[hi].span.end),
                );
                if t0 < t1 && hi - lo + 1 == words.len() {
                    q.quote.speaker = Some(unknown_speaker(view, t0, t1));
                    q.quote.rule.push_str(".subject");
                }
            }
        }
    }
}

/// How many tokens before a span a mention covering it may start (names and descriptions
/// run a few words): bounds the lookups of mentions over a speaker's words.
const MENTION_REACH: usize = 16;

/// The personal name heading the subject `subject` or in apposition inside it: a proper noun
/// with at least one `flat` (`flat:name`) proper-noun part, the parts next to each other. A
/// person mention on it gives the speaker; a mention of a known state or organisation keeps
/// the name from being read as a person (`Human Rights Watch`); with no mention, or only an
/// organisation the knowledge base lacks (`org:…`, the recogniser's guess), the name is a
/// person with the id the recogniser gives unknown people (`person:` and the slug of the
/// romanised name).
fn subject_name(view: &DocView, ps: &SentenceParse, subject: usize) -> Option<Speaker> {
    let proper = |k: usize| ps.words[k].upos == "PROPN";
    let flat = |k: usize| ps.deprel(k).split(':').next() == Some("flat");
    for k in 0..ps.words.len() {
        if !(proper(k) && ps.within(k, subject) && (k == subject || ps.deprel(k) == "appos")) {
            continue;
        }
        // The name's parts: `flat` proper nouns under it, at any depth of `flat` links.
        let mut chain = vec![k];
        let mut i = 0;
        while i < chain.len() {
            let parts: Vec<usize> = ps
                .children(chain[i])
                .filter(|&c| flat(c) && proper(c))
                .collect();
            chain.extend(parts);
            i += 1;
        }
        let (mut lo, hi) = (*chain.iter().min()?, *chain.iter().max()?);
        if hi - lo + 1 != chain.len() {
            continue;
        }
        // A title abbreviation opening the name (`Lt. Col. Chakkrote Nongmanee`, `Gen.`,
        // `Dr.`: two to four letters and its period) is no part of it; an initial (`W.`)
        // inside is (stop 36).
        while lo < hi && {
            let form = view.text(ps.words[lo].span);
            form.strip_suffix('.').is_some_and(title_abbreviation)
        } {
            lo += 1;
        }
        if hi - lo + 1 < 2 {
            continue;
        }
        let span = Span::new(ps.words[lo].span.start, ps.words[hi].span.end);
        let name = view.text(span);
        if !(lo..=hi).all(|c| {
            view.text(ps.words[c].span)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        }) {
            continue;
        }
        // Mentions over the name: only those starting near it are looked at (a mention
        // runs a few words), so a document's quotes do not each scan all its mentions.
        let (t0, t1) = (
            tok_at_or_after(&view.toks, span.start),
            tok_at_or_after(&view.toks, span.end),
        );
        let on_name: Vec<&Placed> = view
            .starting_in(t0.saturating_sub(MENTION_REACH), t1)
            .filter(|p| p.is_party() && p.m.span.start < span.end && span.start < p.m.span.end)
            .collect();
        if let Some(p) = on_name.iter().find(|p| p.m.kind == EntityKind::Person) {
            return Some(speaker_of(view, p));
        }
        if on_name.iter().any(|p| !p.m.entity.starts_with("org:")) {
            return None;
        }
        let slug = armsgraph_nlp::people::latin_slug(&name);
        if slug.is_empty() {
            continue;
        }
        return Some(Speaker {
            entity: Some(format!("person:{slug}")),
            name,
            kind: "person".into(),
            span: Some(span),
            antecedent: None,
        });
    }
    None
}

fn speaker_of(view: &DocView, p: &Placed) -> Speaker {
    let kind = match p.m.kind {
        EntityKind::Person => "person",
        EntityKind::State => "state",
        EntityKind::Organisation | EntityKind::Group => "organisation",
        _ => "unknown",
    };
    let mut sp = Speaker {
        entity: Some(p.m.entity.clone()),
        name: p.m.name.clone(),
        kind: kind.to_string(),
        span: Some(p.m.span),
        antecedent: p.m.antecedent,
    };
    if sp.name.is_empty() {
        sp.name = view.text(p.m.span);
    }
    sp
}

/// `er` → the last person mentioned before it. A pronoun of another kind (`it`) stays
/// unresolved here; `referring_speakers` resolves it once every quotation is known.
fn resolve_pronoun(view: &DocView, j: usize, kind: &str) -> Speaker {
    let span = view.toks[j].span;
    let ante = view.before(span.start).find(|p| {
        kind == "person"
            && p.m.kind == EntityKind::Person
            && p.m.span.end <= span.start
            && p.m.method != armsgraph_model::LinkMethod::Coreference
    });
    match ante {
        Some(p) => Speaker {
            entity: Some(p.m.entity.clone()),
            name: p.m.name.clone(),
            kind: "person".into(),
            span: Some(span),
            antecedent: Some(p.m.span),
        },
        None => Speaker {
            entity: None,
            name: view.text(span),
            kind: "unknown".into(),
            span: Some(span),
            antecedent: None,
        },
    }
}

/// `In einer diplomatischen Mitteilung, die POLITICO vorliegt, heißt es` → a document speaker.
fn document_speaker(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    s0: usize,
    c0: usize,
) -> Option<Speaker> {
    let j = (s0..c0).find(|&j| lang.document_nouns.get(words[j]).is_some())?;
    let noun_en = lang.document_nouns.get(words[j])?.clone();
    let mut start = j;
    let mut adjs = Vec::new();
    while start > s0
        && (lang.determiners.matches_word(words[start - 1])
            || lang.document_adjectives.get(words[start - 1]).is_some())
    {
        if let Some(a) = lang.document_adjectives.get(words[start - 1]) {
            adjs.insert(0, a.clone());
        }
        start -= 1;
    }
    // The author named right after the document (`В заявлении КНДР говорится`, `a statement
    // from the army`): that party speaks.
    let hi = if c0 > j { c0 } else { view.toks.len() };
    if let Some(p) = (j + 1..(j + 4).min(hi))
        .take_while(|&k| view.toks[k].is_word)
        .find_map(|k| view.starting_in(k, k).find(|p| p.is_party()))
    {
        return Some(speaker_of(view, p));
    }
    let span = view.span_of(start, j + 1);
    let name = if adjs.is_empty() {
        noun_en
    } else {
        format!("{} {}", adjs.join(" "), noun_en)
    };
    Some(Speaker {
        entity: None,
        name,
        kind: "document".into(),
        span: Some(span),
        antecedent: None,
    })
}

fn addressee_near(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    from: usize,
    limit: usize,
) -> Option<Speaker> {
    let hi = (from + 4).min(limit).min(words.len());
    for (j, w) in words.iter().enumerate().take(hi).skip(from) {
        if lang.addressee_preps.matches_word(w) {
            let p = view.starting_in(j + 1, j + 3).find(|p| p.is_party())?;
            return Some(speaker_of(view, p));
        }
    }
    None
}

fn indirect_quotes(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cues: &[Option<usize>],
    direct: &[Span],
    (parses, complement_parses): (&[Option<SentenceParse>], &[Option<SentenceParse>]),
) -> Vec<FoundQuote> {
    let toks = &view.toks;
    let mut out = Vec::new();
    let inside_direct = |j: usize| direct.iter().any(|d| d.contains(&toks[j].span));
    for (si, &(s0, s1)) in view.sentences.iter().enumerate() {
        // `„…“ Dies bestätigte der Sprecher.`, `Об этом заявил …`: the message is the
        // sentence before.
        let anaphor = lang
            .anaphoric_message
            .match_at(words, s0)
            .filter(|&a| si > 0 && s1 > s0 + a + 1);
        if let Some((a, len)) = anaphor.and_then(|a| cues[s0 + a].map(|len| (a, len))) {
            let (p0, p1) = view.sentences[si - 1];
            let (c0, c1) = (s0 + a, s0 + a + len);
            let mut pe = p1;
            while pe > p0 && !toks[pe - 1].is_word && !toks[pe - 1].lower.chars().all(is_quote_mark)
            {
                pe -= 1;
            }
            if pe > p0 + 2 {
                let sp = noun_phrase_speaker(view, lang, words, c1, c1, c1, s1)
                    .map(|sp| {
                        // A person named inside the phrase is the speaker (`заявил замглавы
                        // МИДа Григорий Карасин`), not the phrase.
                        let span = sp.span.unwrap_or_default();
                        view.within(span)
                            .filter(|p| p.m.kind == EntityKind::Person)
                            .last()
                            .map(|p| speaker_of(view, p))
                            .unwrap_or(sp)
                    })
                    .or_else(|| speaker_near(view, lang, words, c0, c1, s1, Span::default()));
                out.push(indirect(
                    view,
                    lang,
                    (c0, c1),
                    sp,
                    None,
                    (p0, pe),
                    "anaphoric",
                ));
                continue;
            }
        }
        // The sentence end without its final punctuation.
        let mut end = s1;
        while end > s0 && !toks[end - 1].is_word && !toks[end - 1].lower.chars().all(is_quote_mark)
        {
            end -= 1;
        }
        let mut j = s0;
        let mut found = false;
        let first_here = out.len();
        while j < s1 {
            if inside_direct(j) {
                j += 1;
                continue;
            }
            // Every cue of the sentence reports (`bestätigte X laut Reuters, dass …` has two
            // cues, `sagte, … habe gesagt, dass …` a nested one): after a report, the scan goes
            // on after its cue. A later report whose message would hold an earlier cue is no
            // report of its own (`räumte ein, es könnten …, sprach aber …`: what stands before
            // `sprach` is the first report, not the second's message).
            // A source phrase inside another report (`bestätigte X laut Reuters, dass …`),
            // whose message is the clause around it, shares that report's message when it
            // follows its own cue.
            let parse = parses.get(si).and_then(Option::as_ref);
            if let Some(mut q) = indirect_at(
                view,
                lang,
                words,
                cues,
                (s0, s1, end),
                j,
                &inside_direct,
                parse,
            ) {
                let cue = q.quote.cue.unwrap_or_default();
                let next = tok_at_or_after(toks, cue.end).max(j + 1);
                let earlier = out[first_here..]
                    .iter()
                    .rev()
                    .find(|e| e.quote.cue.is_some_and(|c| q.quote.message.overlaps(&c)))
                    .map(|e| e.quote.message);
                // The second word of one speech verb (`gab … bekannt`: each is the other's
                // companion) is no second report of the same message.
                let same_verb = out[first_here..].iter().any(|e| {
                    e.quote.message == q.quote.message
                        && lang.cue_companions.get(&words[j].to_lowercase()).is_some()
                });
                let keep = !same_verb
                    && match earlier {
                        None => true,
                        Some(m) if q.quote.message.contains(&cue) && m.start >= cue.end => {
                            q.quote.message = m;
                            q.quote.message_text = view.text(m);
                            q.extent = Span::new(cue.start.min(m.start), cue.end.max(m.end));
                            true
                        }
                        Some(_) => q.quote.message.contains(&cue),
                    };
                if keep {
                    out.push(q);
                    found = true;
                }
                j = next;
                continue;
            }
            j += 1;
        }
        if !found {
            if let Some(ps) = complement_parses.get(si).and_then(Option::as_ref) {
                out.extend(complement_from_parse(
                    view,
                    lang,
                    words,
                    cues,
                    (s0, s1, end),
                    ps,
                    &inside_direct,
                ));
            }
        }
    }
    out
}

/// `Rice said Tuesday the administration will fight …`, `the ministry said the strikes
/// destroyed …`: English and French report without a complementizer as often as with one, so
/// the surface patterns miss it; the parse gives the speech verb's clausal complement
/// (`ccomp`) whatever introduces it. The message is that clause, when it follows the cue and
/// holds no direct quotation (those are read as direct quotations).
fn complement_from_parse(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cues: &[Option<usize>],
    (s0, s1, end): (usize, usize, usize),
    ps: &SentenceParse,
    inside_direct: &dyn Fn(usize) -> bool,
) -> Option<FoundQuote> {
    let toks = &view.toks;
    let in_sentence = cues.iter().enumerate().take(s1).skip(s0);
    for (j, len) in in_sentence.filter_map(|(j, c)| c.map(|len| (j, len))) {
        if inside_direct(j) {
            continue;
        }
        let c1 = (j + len).min(s1);
        let Some(verb) = ps.word_at(toks[c1 - 1].span) else {
            continue;
        };
        // The first clausal complement after the cue: a parser may also hang a clause before
        // it there (`X, who heads a unit, said …` with `heads` as a second `ccomp`).
        let cue_end = toks[c1 - 1].span.end;
        let Some((first, last)) = ps
            .children(verb)
            .filter(|&c| ps.deprel(c).split(':').next() == Some("ccomp"))
            .map(|c| subtree_bounds(ps, c))
            .chain(object_report(lang, ps, verb))
            .filter_map(|(a, b)| Some((ps.words.get(a)?, ps.words.get(b)?)))
            .find(|(first, _)| first.span.start >= cue_end)
        else {
            continue;
        };
        let mut ms = tok_at_or_after(toks, first.span.start).max(c1);
        let mut me = tok_at_or_after(toks, last.span.end).min(end);
        // The comma a parser hangs on the complement opens no message (`sagte, die Lage …`).
        while ms < me && !toks[ms].is_word {
            ms += 1;
        }
        while me > ms && !toks[me - 1].is_word {
            me -= 1;
        }
        let content = (ms..me).filter(|&k| toks[k].is_word).count();
        if content < 3 || (ms..me).any(inside_direct) {
            continue;
        }
        // Nothing after the cue but the subject of an inversion and a time phrase may be the
        // speaker; the message is not (`said Tuesday the Bush administration …`).
        let sp = speaker_near(view, lang, words, j, c1, ms, view.span_of(ms, me));
        return Some(indirect(
            view,
            lang,
            (j, c1),
            sp,
            None,
            (ms, me),
            "complement_parse",
        ));
    }
    None
}

/// `The ministry said the strikes destroyed shelters …`: a verb of `object_reports` (`say`
/// takes a clause, not a noun) whose parse gives it a noun object directly followed by a
/// finite or past verb form has a clausal complement the parser split (`strikes` as object,
/// `destroyed` as an attribute): the report runs from the object to the sentence end.
fn object_report(lang: &LanguageRules, ps: &SentenceParse, verb: usize) -> Option<(usize, usize)> {
    if !lang
        .object_reports
        .matches_word(&ps.words.get(verb)?.lemma.to_lowercase())
    {
        return None;
    }
    let obj = ps.children(verb).find(|&c| {
        ps.deprel(c).split(':').next() == Some("obj")
            && matches!(ps.words[c].upos.as_str(), "NOUN" | "PROPN")
    })?;
    let next = ps.words.get(obj + 1)?;
    let finite = next.feats.contains("VerbForm=Fin") || next.feats.contains("Tense=Past");
    (next.upos == "VERB" && finite && obj > verb).then(|| {
        let (first, _) = subtree_bounds(ps, obj);
        (first, ps.words.len() - 1)
    })
}

/// The first and last word (0-based) of the phrase headed by `top`.
fn subtree_bounds(ps: &SentenceParse, top: usize) -> (usize, usize) {
    let n = ps.words.len();
    let dominated = |mut k: usize| {
        for _ in 0..=n {
            if k == top {
                return true;
            }
            match ps.parent(k) {
                Some(p) => k = p,
                None => return false,
            }
        }
        false
    };
    let mut lo = top;
    let mut hi = top;
    for k in 0..n {
        if dominated(k) {
            lo = lo.min(k);
            hi = hi.max(k);
        }
    }
    (lo, hi)
}

/// The comma that starts a postposed cue (`…, sagte X` / `…, Nikol Pashinyan said` / `…, the
/// Turkish defence ministry said`): at most six words between it and the cue, none of them a
/// clause word or a coordinator (`…, but the army said nothing` is no report of what came
/// before the comma).
fn postposed_comma(
    toks: &[crate::text::Tok],
    lang: &LanguageRules,
    words: &[&str],
    s0: usize,
    j: usize,
) -> Option<usize> {
    let k = (j.saturating_sub(7).max(s0)..j)
        .rev()
        .find(|&k| words[k] == ",")?;
    let between = k + 1..j;
    let short = between.len() <= 3;
    // `Rebel commander X, who heads a unit, said …`: a cue right after a comma that closes an
    // inserted clause (its opening comma after a name and before a clause word) has its
    // subject before that clause, so nothing before the comma is a report. (`…, da …
    // hätten, so die FIFA` keeps its reading: no name before that clause.)
    let closes_inserted_clause = between.is_empty()
        && (s0..k)
            .rev()
            .find(|&i| words[i] == ",")
            .is_some_and(|open| {
                open > s0
                    && toks[open - 1].is_word
                    && toks[open - 1].cap
                    && words
                        .get(open + 1)
                        .is_some_and(|w| lang.clause_words.matches_word(w))
            });
    // `…, denen Spionage vorgeworfen wird`: a relative clause on the last noun.
    // A word that is an article or a relative pronoun, followed by an article, is the
    // pronoun (`…, die eine sofortige Waffenruhe fordert`, `…, der den Angriff verurteilte`:
    // two articles do not open one noun phrase; stop 45).
    let relative = words
        .get(k + 1)
        .is_some_and(|w| lang.relative_pronouns.matches_word(w))
        || (words
            .get(k + 1)
            .is_some_and(|w| lang.determiners.matches_word(w))
            && words
                .get(k + 2)
                .is_some_and(|w| lang.determiners.matches_word(w)));
    (k > s0 + 2
        && !closes_inserted_clause
        && !relative
        && between.clone().all(|i| toks[i].is_word)
        && (short
            || between.clone().all(|i| {
                !lang.clause_words.matches_word(words[i])
                    && !lang.coordinators.matches_word(words[i])
                    && !lang.complementizers.matches_word(words[i])
            })))
    .then_some(k)
}

/// The report around a cue and its source, tokens `[lo, hi)` of the sentence `[s0, end)`:
/// the rest of the sentence when they open it (`Laut BKA liegen …`), the part before them when
/// they close it or follow a comma (`…, laut BKA.`), else the whole clause (`Die Lage ist laut
/// BKA seit Jahren stabil`: a message is one span, so it then includes the cue).
fn report_around(
    words: &[&str],
    (s0, end): (usize, usize),
    (lo, hi): (usize, usize),
) -> (usize, usize) {
    if lo <= s0 + 1 {
        let k = if words.get(hi) == Some(&",") {
            hi + 1
        } else {
            hi
        };
        (k, end)
    } else if words[lo - 1] == "," || hi >= end {
        let k = if lo > s0 && words[lo - 1] == "," {
            lo - 1
        } else {
            lo
        };
        (s0, k)
    } else {
        (s0, end)
    }
}

/// Try every indirect-speech pattern with its cue at token `j`.
#[allow(clippy::too_many_arguments)] // the sentence and its cue table, passed as found
fn indirect_at(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cues: &[Option<usize>],
    (s0, s1, end): (usize, usize, usize),
    j: usize,
    inside_direct: &dyn Fn(usize) -> bool,
    parse: Option<&SentenceParse>,
) -> Option<FoundQuote> {
    let toks = &view.toks;
    // `Wie der Sprecher mitteilte, wurde …`, `…, wie es hieß, …`, `…, wie X sagte.`: a source
    // clause opened by `wie` (`as`, `как`) that ends in a speech verb (or one of
    // `source_clause_verbs`) right before a comma or the sentence end. The cue is that verb;
    // the report is the rest of the sentence (one span: with an inserted clause inside it).
    if lang.source_clause_openers.matches_word(words[j])
        && (j == s0 || matches!(words[j - 1], "," | "–" | "—"))
    {
        let stop = (j + 2..(j + 12).min(end + 1))
            .find(|&i| i == end || matches!(words[i], "," | "–" | "—" | ":"));
        let verb = stop.map(|i| i - 1).filter(|&v| {
            v > j
                && toks[v].is_word
                && (j + 1..v).all(|i| !inside_direct(i) && words[i] != "„")
                && (cues[v].is_some()
                    || lang.speech_verbs.matches_word(words[v])
                    || lang.source_clause_verbs.matches_word(words[v]))
        });
        if let (Some(v), Some(stop)) = (verb, stop) {
            let (m0, m1) = if j == s0 {
                (stop + 1, end)
            } else if stop >= end {
                (s0, j - 1)
            } else {
                (s0, end)
            };
            if m1 > m0 + 2 {
                let sp = view
                    .starting_in(j + 1, v)
                    .find(|p| p.is_party() && p.end <= v)
                    .map(|p| speaker_of(view, p))
                    .or_else(|| {
                        let s = (j + 1..v).find(|&i| {
                            !lang.np_trim.matches_word(words[i]) && words[i] != "sich"
                        })?;
                        let e = (s..v)
                            .take_while(|&i| np_word(view, lang, words, i) || words[i] == ",")
                            .last()
                            .map(|i| i + 1)?;
                        let e = if words[e - 1] == "," { e - 1 } else { e };
                        (e > s).then(|| unknown_speaker(view, s, e))
                    });
                return Some(indirect(
                    view,
                    lang,
                    (v, v + 1),
                    sp,
                    None,
                    (m0, m1),
                    "source_clause",
                ));
            }
        }
    }
    // `nach Polizeiangaben …`, `nach Meinung Russlands …`: the source is the noun phrase.
    if lang.according_preps.matches_word(words[j]) {
        // The noun heads the phrase the preposition opens: only determiners and adjectives
        // stand between (`nach neuesten Erkenntnissen`), not another noun or an adverb (`nach
        // Abschluss der Ermittlungen`, `nach den nicht überragenden Ergebnissen` are times
        // and causes, not sources).
        let noun = (j + 1..(j + 5).min(end))
            .take_while(|&n| {
                n == j + 1
                    || toks[n - 1].is_word
                        && !toks[n - 1].cap
                        && (lang.determiners.matches_word(words[n - 1])
                            || lang
                                .np_adjective_endings
                                .iter()
                                .any(|e| words[n - 1].ends_with(e.as_str())))
            })
            .find(|&n| {
                toks[n].cap
                    && lang
                        .according_nouns
                        .iter()
                        .any(|suf| words[n].ends_with(suf.as_str()))
            });
        if let Some(n) = noun {
            // A genitive or name after the noun belongs to the source (`Angaben der Polizei`),
            // with its adjectives (`Angaben der örtlichen Behörden`; stop 40).
            let src_end = source_np_after(view, lang, words, n + 1, end).map_or(n + 1, |(_, e)| e);
            let sp = unknown_speaker(view, j + 1, src_end);
            let (ms, me) = report_around(words, (s0, end), (j, src_end));
            if me > ms + 2 {
                return Some(indirect(
                    view,
                    lang,
                    (j, j + 1),
                    Some(sp),
                    None,
                    (ms, me),
                    "according_noun",
                ));
            }
        }
    }
    // `laut X`, `nach Angaben X`, `according to X` (source after the cue) and `X zufolge`
    // (source before it). The source may be missing (`nach Angaben von Experten`).
    let after_cue = lang.according_to.match_at(words, j).map(|l| (l, true));
    let before_cue = lang
        .according_to_postposed
        .match_at(words, j)
        .map(|l| (l, false));
    if let Some((len, source_after)) = after_cue.or(before_cue) {
        let source = if source_after {
            view.starting_in(j + len, j + len + 2)
                .find(|p| p.is_party())
                .map(|p| {
                    // The source's noun phrase goes on after a state adjective (`по данным
                    // украинских властей`): the report starts after it.
                    let np_end = source_np_after(view, lang, words, p.end, end)
                        .map_or(p.end, |(_, e)| e.max(p.end));
                    (speaker_of(view, p), np_end)
                })
                .or_else(|| {
                    // A title, its office's genitive and the holder's name (`как заявил спикер
                    // Народного совета ДНР Андрей Пургин`): the person closing the title is
                    // the source, however long the office's name (stop 36).
                    let first =
                        (j + len..end).find(|&k| !lang.determiners.matches_word(words[k]))?;
                    if !lang.role_nouns.matches(words[first]) {
                        return None;
                    }
                    let limit = (first + 9).min(end);
                    let p = view.starting_in(first + 1, limit).find(|p| {
                        p.m.kind == EntityKind::Person
                            && p.end <= end
                            && (first..p.start).all(|k| toks[k].is_word || words[k] == "-")
                    })?;
                    Some((speaker_of(view, p), p.end))
                })
                .or_else(|| {
                    let (s, e) = source_np_after(view, lang, words, j + len, end)?;
                    // `according to the minister` is the minister named before.
                    Some((described_person(view, lang, unknown_speaker(view, s, e)), e))
                })
        } else {
            noun_phrase_speaker(view, lang, words, s0, j, j, j).map(|sp| (sp, j))
        };
        // `По её словам, …`: the source is the possessive inside the cue, read as a pronoun
        // (`referring_speakers` resolves it once every quotation is known).
        let source = source.or_else(|| {
            (j..j + len).find_map(|k| {
                let kind = lang.possessive_pronouns.get(words[k])?;
                let sp = resolve_pronoun(view, k, kind);
                Some((sp, j + len))
            })
        });
        // `как пояснили в милиции`, `как передала радиостанция «Маяк»`: a source clause whose
        // last word is a speech verb and whose source this reading did not find is left to the
        // speech verb's own reading (a preposition before an institution, a title after a
        // noun), as before its forms were listed (stop 27).
        if source.is_none()
            && source_after
            && len > 1
            && lang.speech_verbs.matches_word(words[j + len - 1])
        {
            return None;
        }
        let (src_start, src_end) = match &source {
            Some((sp, e)) => (
                sp.span.map(|x| tok_at_or_after(toks, x.start)).unwrap_or(j),
                *e,
            ),
            None => (j, j + len),
        };
        let (lo, hi) = (j.min(src_start), (j + len).max(src_end));
        let (ms, me) = report_around(words, (s0, end), (lo, hi));
        if me > ms + 2 {
            let sp = source.map(|(sp, _)| sp);
            return Some(indirect(
                view,
                lang,
                (j, j + len),
                sp,
                None,
                (ms, me),
                "according_to",
            ));
        }
    }
    // `Seiner Meinung nach …`, `Dem Vernehmen nach …`: the preposition after its noun.
    if lang.according_preps.matches_word(words[j])
        && j > s0
        && toks[j - 1].cap
        && lang
            .according_nouns
            .iter()
            .any(|suf| words[j - 1].ends_with(suf.as_str()))
    {
        if let Some((ns, ne)) = np_before(view, lang, words, s0, j) {
            // `seiner Meinung nach`: a possessive before the noun is who holds the view, a
            // pronoun for the person named before (stop 27); the phrase starts at it.
            let possessive = (ns..j - 1)
                .rev()
                .find_map(|k| Some((k, lang.possessive_pronouns.get(words[k])?)));
            let (ns, sp) = match possessive {
                Some((k, kind)) => (k, resolve_pronoun(view, k, kind)),
                None => (ns, unknown_speaker(view, ns, ne)),
            };
            let (ms, me) = if possessive.is_some() {
                // Mid-clause (`Ostland besitze seiner Meinung nach …`): the clause around.
                report_around(words, (s0, end), (ns, j + 1))
            } else if ns <= s0 + 1 {
                let k = if words.get(j + 1) == Some(&",") {
                    j + 2
                } else {
                    j + 1
                };
                (k, end)
            } else {
                (s0, ns)
            };
            if me > ms + 2 {
                return Some(indirect(
                    view,
                    lang,
                    (j, j + 1),
                    Some(sp),
                    None,
                    (ms, me),
                    "according_noun",
                ));
            }
        }
    }
    // `demnach`, `wonach`: the source was named before; the message is the rest.
    if let Some(len) = lang.sourceless.match_at(words, j) {
        if end > j + len + 2 {
            return Some(indirect(
                view,
                lang,
                (j, j + len),
                None,
                None,
                (j + len, end),
                "sourceless",
            ));
        }
    }
    // `heißt es, …` / `…, heißt es in dem Bericht`.
    if let Some(len) = lang.impersonal.match_at(words, j) {
        let mut ms = j + len;
        // `heißt es weiter, dass …`, `heißt es im Abschlussbericht, …`: a short adverb or
        // phrase (no clause of its own: no comma, complementizer or speech verb) before the
        // comma that opens the report; a document named there is the source.
        let gap = (ms..(ms + 6).min(end))
            .find(|&i| words[i] == ",")
            .filter(|&c| {
                c > ms
                    && (ms..c).all(|i| {
                        toks[i].is_word
                            && cues[i].is_none()
                            && !lang.complementizers.matches_word(words[i])
                    })
            });
        if let Some(c) = gap.filter(|_| j <= s0 + 2 || words[j - 1] != ",") {
            let (mut m0, m1) = (c + 1, end);
            if m0 < s1 && lang.complementizers.matches_word(words[m0]) {
                m0 += 1;
            }
            if m1 > m0 + 2 {
                let sp = document_speaker(view, lang, words, s0, j)
                    .or_else(|| document_speaker(view, lang, words, ms, c));
                return Some(indirect(
                    view,
                    lang,
                    (j, j + len),
                    sp,
                    None,
                    (m0, m1),
                    "impersonal",
                ));
            }
        }
        if words.get(ms) == Some(&",") {
            ms += 1;
            if ms < s1 && lang.complementizers.matches_word(words[ms]) {
                ms += 1;
            }
            if end > ms + 2 {
                let sp = document_speaker(view, lang, words, s0, j);
                return Some(indirect(
                    view,
                    lang,
                    (j, j + len),
                    sp,
                    None,
                    (ms, end),
                    "impersonal",
                ));
            }
        }
        if j > s0 + 2 && words[j - 1] == "," {
            let sp = document_speaker(view, lang, words, j, end);
            return Some(indirect(
                view,
                lang,
                (j, j + len),
                sp,
                None,
                (s0, j - 1),
                "impersonal",
            ));
        }
    }
    let len = cues[j]?;
    let c1 = j + len;
    let postposed_only = lang.postposed_cues.match_at(words, j).is_some();
    let mut k = c1;
    // Skip the subject of an inverted cue and a comma: `sagte er, dass`.
    let mut hops = 0;
    while k < s1 && hops < 4 && !lang.complementizers.matches_word(words[k]) && words[k] != "," {
        k += 1;
        hops += 1;
    }
    // `sagte der grüne Staatssekretär Matthias Berninger, dass …`: a longer inverted subject.
    if k < s1 && words[k] != "," && !lang.complementizers.matches_word(words[k]) {
        let far = (k..(c1 + 14).min(s1.saturating_sub(1)))
            .take_while(|&i| words[i] == "," || np_word(view, lang, words, i))
            .find(|&i| words[i] == "," && lang.complementizers.matches_word(words[i + 1]));
        if let Some(f) = far {
            k = f;
        }
    }
    let comma_after = words.get(k) == Some(&",");
    if comma_after {
        k += 1;
    }
    let compl = k < s1 && lang.complementizers.matches_word(words[k]);
    if compl && end > k + 2 && !postposed_only {
        let sp = speaker_near(view, lang, words, j, c1, k, Span::default());
        let ad = addressee_near(view, lang, words, c1, k);
        return Some(indirect(
            view,
            lang,
            (j, c1),
            sp,
            ad,
            // The complementizer belongs to the reported clause (`dass …`).
            (k, end),
            "complement",
        ));
    }
    // `X sagte, die Lage sei ernst` (German reported speech without `dass`).
    if lang.verb_final && comma_after && end > k + 3 && !postposed_only {
        let sp = speaker_near(view, lang, words, j, c1, k, Span::default());
        return Some(indirect(view, lang, (j, c1), sp, None, (k, end), "comma"));
    }
    // Postposed cue: `Die Lage sei ernst, sagte X.` / `…, so der Minister.`
    let comma = postposed_comma(toks, lang, words, s0, j).filter(|&k| !inside_direct(k));
    // `Der Präsident sei, so Müller, schuld …`, `… – so Canny –, trotzdem …`: `so` and its
    // source inserted between commas or dashes; the report is the sentence around them (one
    // span, so it holds the insertion).
    if postposed_only && j > s0 && matches!(words[j - 1], "," | "–" | "—" | "-") {
        let np_end = (c1..(c1 + 8).min(end))
            .take_while(|&i| np_word(view, lang, words, i))
            .last()
            .map(|i| i + 1);
        let closed = np_end.filter(|&e| {
            matches!(words.get(e).copied(), Some("," | "–" | "—" | "-")) && end > e + 2
        });
        if let Some(e) = closed.filter(|_| {
            toks[c1].is_word
                && (toks[c1].cap || lang.determiners.matches_word(words[c1]))
                && !lang.complementizers.matches_word(words[c1])
                && j > s0 + 1
        }) {
            let sp = noun_phrase_speaker(view, lang, words, c1, c1, c1, e)
                .or_else(|| speaker_near(view, lang, words, j, c1, e, Span::default()));
            return Some(indirect(
                view,
                lang,
                (j, c1),
                sp,
                None,
                (s0, end),
                "inserted",
            ));
        }
    }
    // `…, the top U.S. commander in Iraq, Gen. David Petraeus, said al-Qaida was becoming …`:
    // a comma before the cue closes the subject's apposition, and the parse gives the cue a
    // clausal complement after it — no postposed cue: [`complement_from_parse`] reads that
    // clause as the report, its source before the cue.
    let complement_after = !postposed_only
        && c1 < end
        && parse.is_some_and(|ps| {
            let after = view.toks[c1].span.start;
            ps.word_at(view.span_of(j, j + 1)).is_some_and(|cw| {
                // A clause: its head a verb or adjective, not a name the parser hung there
                // (`…, said police Lt. Col. Chakkrote Nongmanee.` read `Col.` as `ccomp`).
                ps.children(cw).any(|c| {
                    ps.deprel(c) == "ccomp"
                        && ps.words[c].span.start >= after
                        && !matches!(ps.words[c].upos.as_str(), "PROPN" | "NOUN" | "PRON")
                })
            })
        });
    if comma.is_some() && complement_after {
        return None;
    }
    // A report before the comma is a clause: with no verb there (`Die Regierungspartei
    // Palästinas, die Hamas, bezeichnete …`: a subject and its apposition) the comma closes
    // an apposition, and the cue's subject comes before it. Only where the syntax layer
    // tagged the words (stop 41).
    let verbless = |k: usize| {
        let tags: Vec<&str> = (s0..k).filter_map(|i| view.upos_at(i)).collect();
        !tags.is_empty() && !tags.iter().any(|u| matches!(*u, "VERB" | "AUX"))
    };
    if let Some(k) = comma.filter(|&k| verbless(k) && !postposed_only && end > c1 + 2) {
        // The speaker stands between that comma and the cue (`In a newspaper interview
        // ahead of the visit, Israeli Prime Minister Ehud Olmert said …`), the report after.
        let sp = speaker_near(view, lang, words, j, k + 1, j, view.span_of(c1, end))
            .or_else(|| speaker_near(view, lang, words, j, c1, end, view.span_of(c1, end)));
        return Some(indirect(
            view,
            lang,
            (j, c1),
            sp,
            None,
            (c1, end),
            "after_comma",
        ));
    }
    let comma = comma.filter(|&k| !verbless(k));
    if let Some(k) = comma {
        // `so` is a cue only right before the source at the end of the sentence (or of its
        // clause: `…, so das Ergebnis einer Studie der X, in der …`).
        let source_end = (c1..end).find(|&i| words[i] == ",").unwrap_or(end);
        if postposed_only && (source_end.saturating_sub(c1) > 16 || k + 1 != j) {
            return None;
        }
        // … and only when a noun phrase follows it: a name, a noun or a determiner (`so der
        // Minister`, `so Müller`), never `so dass`, `so lange`, `so „…“` (a conjunction, an
        // adverb, a quoted clause).
        if postposed_only
            && !(c1 < end
                && toks[c1].is_word
                && (toks[c1].cap || lang.determiners.matches_word(words[c1]))
                && !lang.complementizers.matches_word(words[c1]))
        {
            return None;
        }
        let sp = speaker_near(view, lang, words, j, c1, end, view.span_of(s0, k));
        return Some(indirect(
            view,
            lang,
            (j, c1),
            sp,
            None,
            (s0, k),
            "postposed",
        ));
    }
    // `Die Polizei sprach von einer friedlichen Demonstration`, `заявил по телевидению о том,
    // что …`: what was spoken of follows a topic preposition within four words of the cue.
    let topic = (c1..(c1 + 5).min(end))
        .take_while(|&i| words[i] != "," && !inside_direct(i))
        .find(|&i| lang.topic_preps.matches_word(words[i]));
    let topic_cue = lang.topic_cues.is_empty() || lang.topic_cues.match_at(words, j).is_some();
    if let Some(t) = topic.filter(|&t| topic_cue && !postposed_only && end > t + 2) {
        let sp = speaker_near(view, lang, words, j, c1, t, Span::default());
        return Some(indirect(view, lang, (j, c1), sp, None, (t, end), "topic"));
    }
    // `Die Hamas bezeichnete die Anschläge als Selbstverteidigung`: a verb of naming with its
    // name word within eight words of the clause; the message is the object and its name.
    if lang.naming_cues.match_at(words, j).is_some() && !postposed_only {
        let clause_end = (c1..end)
            .find(|&i| words[i] == "," || inside_direct(i))
            .unwrap_or(end);
        let named =
            (c1 + 1..(c1 + 8).min(clause_end)).find(|&i| lang.naming_preps.matches_word(words[i]));
        if let Some(n) = named.filter(|&n| clause_end > n + 1) {
            let sp = speaker_near(view, lang, words, j, c1, n, Span::default());
            return Some(indirect(
                view,
                lang,
                (j, c1),
                sp,
                None,
                (c1, clause_end),
                "naming",
            ));
        }
    }
    None
}

#[allow(clippy::too_many_arguments)] // spans of one quotation, passed as found
fn indirect(
    view: &DocView,
    lang: &LanguageRules,
    cue: (usize, usize),
    speaker: Option<Speaker>,
    addressee: Option<Speaker>,
    msg: (usize, usize),
    how: &str,
) -> FoundQuote {
    let cue_span = view.span_of(cue.0, cue.1);
    let mut message = view.span_of(msg.0, msg.1);
    // Keep the message free of surrounding quotation marks.
    let chars = &view.chars;
    while message.start < message.end && is_quote_mark(chars[message.start]) {
        message.start += 1;
    }
    while message.end > message.start && is_quote_mark(chars[message.end - 1]) {
        message.end -= 1;
    }
    let extent = Span::new(
        message.start.min(cue_span.start),
        message.end.max(cue_span.end),
    );
    FoundQuote {
        quote: Quote {
            kind: QuoteKind::Indirect,
            cue: Some(cue_span),
            cue_text: Some(view.text(cue_span)),
            message,
            message_text: view.text(message),
            confidence: if speaker.is_some() { 0.8 } else { 0.5 },
            speaker,
            addressee,
            rule: format!("{}.quote.indirect.{how}", lang.language),
            ..Default::default()
        },
        extent,
    }
}

/// Speakers that only refer to someone named before — a pronoun (`she said`, `it said`, kind
/// from its `pronouns` entry: `person` or `organisation`) or a description by an
/// `organisation_nouns` word (`the group said`, `said the movement`) — resolved against the
/// mentions before them that lie outside every quotation's message: a person named inside what
/// someone said (`…, while warning President Musharraf he must …`) is talked about, and the one
/// who goes on talking is the last one named outside it. Without such an antecedent the
/// speaker stays as it was.
/// [`referring_speakers`] again after the parse has had its say: the parse's subject of the
/// speech verb is often the pronoun itself, which the NLP stage's coreference may have linked
/// to a person named inside a quotation.
pub fn resolve_referring_speakers(view: &DocView, lang: &LanguageRules, quotes: &mut [FoundQuote]) {
    let words = view.words(0, view.toks.len());
    quoted_as_speakers(view, lang, &words, quotes);
    referring_speakers(view, lang, &words, quotes);
}

/// `"…," Xinhua quoted Erekat as saying`, `the newspaper quoted army chief Sarath Fonseka as
/// saying`, `die Zeitung zitierte den Minister mit den Worten`: the one quoted between the
/// verb of quoting (`quoting_verbs`) and `as saying` (`quoted_as`) speaks, not the outlet that
/// quotes (the subject the parse and the window rules take). A person mention there, else a
/// party, else a run of two or three capitalised words (a name the recogniser missed: the id
/// it gives unknown people). Looked for only in the sentence of a quotation's cue.
fn quoted_as_speakers(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    quotes: &mut [FoundQuote],
) {
    if lang.quoting_verbs.is_empty() || lang.quoted_as.is_empty() {
        return;
    }
    for q in quotes.iter_mut() {
        // The cue's sentence, and for a direct quotation the sentence its closing mark ends
        // in (`"…," the newspaper quoted X as saying` may have taken a cue from before, or
        // none: `quoted` alone is no speech form).
        let mut at: Vec<usize> = q
            .quote
            .cue
            .map(|c| tok_at_or_after(&view.toks, c.start))
            .into_iter()
            .collect();
        if q.quote.kind == QuoteKind::Direct {
            at.push(tok_at_or_after(&view.toks, q.extent.end));
        }
        let found = at.into_iter().find_map(|c| {
            let (s0, s1) = view.sentence_of(c)?;
            let s1 = s1.min(words.len());
            (s0..s1).find_map(|j| {
                let l = lang.quoting_verbs.match_at(words, j)?;
                let k = (j + l + 1..(j + l + 9).min(s1))
                    .find(|&k| lang.quoted_as.match_at(words, k).is_some())?;
                Some((j, j + l, k))
            })
        });
        let Some((v, a, b)) = found else { continue };
        let in_np: Vec<&Placed> = view.mentions_in(a, b).filter(|p| p.is_party()).collect();
        // The last run of capitalised words in the phrase (`army chief Sarath Fonseka`): two
        // or three words are a name the recogniser missed (the id it gives unknown people);
        // one word (`Erekat`) is left to `name_part_speakers`.
        let name_run = || {
            let e = (a..b)
                .rev()
                .find(|&k| view.toks[k].is_word && view.toks[k].cap && !view.in_mention(k))?;
            let mut s = e;
            while s > a && view.toks[s - 1].is_word && view.toks[s - 1].cap {
                s -= 1;
            }
            if e - s > 2 {
                return None;
            }
            if e == s {
                return Some(unknown_speaker(view, s, e + 1));
            }
            let span = view.span_of(s, e + 1);
            let name = view.text(span);
            let slug = armsgraph_nlp::people::latin_slug(&name);
            (!slug.is_empty()).then(|| Speaker {
                entity: Some(format!("person:{slug}")),
                name,
                kind: "person".into(),
                span: Some(span),
                antecedent: None,
            })
        };
        let speaker = in_np
            .iter()
            .find(|p| p.m.kind == EntityKind::Person)
            .map(|p| speaker_of(view, p))
            .or_else(name_run)
            .or_else(|| in_np.first().map(|p| speaker_of(view, p)));
        if let Some(sp) = speaker {
            q.quote.speaker = Some(sp);
            if q.quote.cue.is_none() {
                let cue = view.span_of(v, a);
                q.quote.cue = Some(cue);
                q.quote.cue_text = Some(view.text(cue));
            }
            if !q.quote.rule.ends_with(".quoted_as") {
                q.quote.rule.push_str(".quoted_as");
            }
        }
    }
}

fn referring_speakers(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    quotes: &mut [FoundQuote],
) {
    name_part_speakers(view, lang, words, quotes);
    let messages: Vec<Span> = quotes.iter().map(|q| q.quote.message).collect();
    let in_message = |s: Span| messages.iter().any(|m| m.contains(&s));
    for i in 0..quotes.len() {
        let (earlier, rest) = quotes.split_at_mut(i);
        let Some(q) = rest.first_mut() else { break };
        let referring = match &q.quote.speaker {
            Some(sp) => sp.span.and_then(|span| {
                let text = view.text(span).to_lowercase();
                if let Some(kind) = lang
                    .pronouns
                    .get(&text)
                    .or_else(|| lang.possessive_pronouns.get(&text))
                {
                    Some((span, kind.clone()))
                } else if sp
                    .entity
                    .as_deref()
                    .is_none_or(|e| e.starts_with(DESCRIBED_SPEAKER))
                    && organisation_description(view, lang, span)
                {
                    Some((span, "organisation".to_string()))
                } else {
                    actor_before_organisation_noun(view, lang, sp, span)
                        .map(|whole| (whole, "organisation".to_string()))
                }
            }),
            None => q
                .quote
                .cue
                .and_then(|cue| description_at_cue(view, lang, words, cue))
                .map(|span| (span, "organisation".to_string())),
        };
        let Some((span, kind)) = referring else {
            continue;
        };
        let organisation = kind == "organisation";
        // A person pronoun reaches as far back as before; a description stays near its name.
        let reach = if organisation {
            DESCRIPTION_REACH
        } else {
            usize::MAX
        };
        // The speaker of the quotation just before, when nobody of the pronoun's kind was
        // named since its cue (`…, заявила пресс-служба армии. По её словам, …`): who talked
        // goes on talking, an institution included.
        if !organisation {
            if let Some(prev) = previous_speaker(view, earlier, span, q.extent.start, &in_message) {
                q.quote.speaker = Some(Speaker {
                    span: Some(span),
                    antecedent: prev.span,
                    ..prev
                });
                q.quote.rule.push_str(".previous_speaker");
                continue;
            }
        }
        let ante = view.before(span.start).find(|p| {
            let kind_fits = if organisation {
                matches!(p.m.kind, EntityKind::Organisation | EntityKind::Group)
            } else {
                p.m.kind == EntityKind::Person
            };
            // A news organisation reports; `the group` is never the agency of the dateline.
            kind_fits
                && p.m.sector.as_deref() != Some("media")
                && p.m.method != armsgraph_model::LinkMethod::Coreference
                && p.m.span.end <= span.start
                && span.start - p.m.span.end <= reach
                && !in_message(p.m.span)
        });
        if let Some(p) = ante {
            q.quote.speaker = Some(Speaker {
                entity: Some(p.m.entity.clone()),
                name: p.m.name.clone(),
                kind: if organisation {
                    "organisation"
                } else {
                    "person"
                }
                .into(),
                span: Some(span),
                antecedent: Some(p.m.span),
            });
        }
    }
    document_authors(view, lang, words, quotes);
}

/// A speaker named by one part of a name given in full earlier in the document (`Hazare
/// said` after `Anna Hazare`, `Kannart said` after `Lieutenant Colonel Kannart Nikornyanont`,
/// `Chavez said` after `President Hugo Chavez`): news names a person in full once and by one
/// part after, in every language. The earlier person mention of the full name gives the
/// speaker; where the recogniser made none, a run of two or three capitalised words holding
/// the same word earlier in the text (role nouns and words the document also writes in lower
/// case left off) is the name, with the id the recogniser gives unknown people. Only a speaker
/// nothing resolved, written as one capitalised word the document never writes in lower case,
/// is looked up. One map per document (word → first full name), so a quotation costs a lookup.
fn name_part_speakers(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    quotes: &mut [FoundQuote],
) {
    use std::collections::{HashMap, HashSet};
    let single = |sp: &Speaker| -> Option<usize> {
        if sp.entity.is_some() || !matches!(sp.kind.as_str(), "unknown" | "person") {
            return None;
        }
        let span = sp.span?;
        let (t0, t1) = (
            tok_at_or_after(&view.toks, span.start),
            tok_at_or_after(&view.toks, span.end).min(view.toks.len()),
        );
        let ks: Vec<usize> = (t0..t1).filter(|&k| view.toks[k].is_word).collect();
        let &[k] = ks.as_slice() else { return None };
        let w = words[k];
        let t = &view.toks[k];
        (t.cap
            && t.lower.chars().count() > 2
            && lang.pronouns.get(w).is_none()
            && !lang.determiners.matches_word(w)
            && !lang.role_nouns.matches(w)
            && !lang.institutions.matches(w)
            && !lang.organisation_nouns.matches(w))
        .then_some(k)
    };
    if !quotes
        .iter()
        .any(|q| q.quote.speaker.as_ref().and_then(single).is_some())
    {
        return;
    }
    let lemma_strings = view.lemmas();
    let lemma = |k: usize| -> String {
        lemma_strings
            .get(k)
            .filter(|l| !l.is_empty())
            .map_or_else(|| view.toks[k].lower.clone(), |l| l.to_lowercase())
    };
    // Words the document writes in lower case somewhere are no names (`Police said`).
    let lower_words: HashSet<&str> = view
        .toks
        .iter()
        .filter(|t| t.is_word && !t.cap)
        .map(|t| t.lower.as_str())
        .collect();
    // word (as written, lower-cased, and its lemma) → (where the full name ends, speaker).
    let mut full: HashMap<String, (usize, Speaker)> = HashMap::new();
    for p in &view.placed {
        if p.m.kind != EntityKind::Person || p.m.method == armsgraph_model::LinkMethod::Coreference
        {
            continue;
        }
        let ks: Vec<usize> = (p.start..p.end.min(view.toks.len()))
            .filter(|&k| view.toks[k].is_word)
            .collect();
        if ks.len() < 2 {
            continue;
        }
        for k in ks {
            for key in [view.toks[k].lower.clone(), lemma(k)] {
                full.entry(key)
                    .or_insert_with(|| (p.m.span.end, speaker_of(view, p)));
            }
        }
    }
    // Runs of capitalised words no mention of another kind covers.
    let name_word = |k: usize| {
        let t = &view.toks[k];
        t.is_word
            && t.cap
            && t.lower.chars().count() > 1
            && !lower_words.contains(t.lower.as_str())
            && !lang.role_nouns.matches(&t.lower)
            && !lang.institutions.matches(&t.lower)
            && !lang.organisation_nouns.matches(&t.lower)
            && !lang.determiners.matches_word(&t.lower)
            && !view
                .starting_in(k.saturating_sub(MENTION_REACH), k)
                .any(|p| p.m.kind != EntityKind::Person && p.start <= k && k < p.end)
    };
    let mut k = 0;
    while k < view.toks.len() {
        if !name_word(k) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < view.toks.len() && name_word(e) {
            e += 1;
        }
        // `Secretary of State Christopher Hill`: `State` ends the title (stop 29).
        let k0 = if e - k == 3 && after_title_of(view, lang, k) {
            k + 1
        } else {
            k
        };
        if (2..=3).contains(&(e - k0)) {
            let span = view.span_of(k0, e);
            let name = view.text(span);
            let slug = armsgraph_nlp::people::latin_slug(&name);
            if !slug.is_empty() {
                let sp = Speaker {
                    entity: Some(format!("person:{slug}")),
                    name,
                    kind: "person".into(),
                    span: Some(span),
                    antecedent: None,
                };
                for j in k0..e {
                    for key in [view.toks[j].lower.clone(), lemma(j)] {
                        full.entry(key).or_insert_with(|| (span.end, sp.clone()));
                    }
                }
            }
        }
        k = e;
    }
    for q in quotes.iter_mut() {
        let Some(sp) = q.quote.speaker.as_mut() else {
            continue;
        };
        let Some(k) = single(sp) else { continue };
        if lower_words.contains(view.toks[k].lower.as_str()) {
            continue;
        }
        let at = view.toks[k].span.start;
        let found = full
            .get(&view.toks[k].lower)
            .or_else(|| full.get(&lemma(k)))
            .filter(|(end, _)| *end <= at);
        if let Some((_, named)) = found {
            *sp = Speaker {
                span: sp.span,
                antecedent: named.span,
                ..named.clone()
            };
            q.quote.rule.push_str(".name_part");
        }
    }
}

/// How many sentences back a pronoun speaker may take the last quotation's speaker (stop 28:
/// was 1; `"…," he said` two paragraphs after `Hazare said …` with nobody else named between is
/// still Hazare — the check that no person is named between keeps it safe).
const PREVIOUS_SPEAKER_REACH: usize = 4;

/// The resolved speaker of the last quotation whose cue comes before the pronoun at `span`,
/// when that cue is at most [`PREVIOUS_SPEAKER_REACH`] sentences before the quotation and no
/// person is named
/// outside a quotation's message between that quotation's speaker and the pronoun.
fn previous_speaker(
    view: &DocView,
    earlier: &[FoundQuote],
    span: Span,
    quote_start: usize,
    in_message: &dyn Fn(Span) -> bool,
) -> Option<Speaker> {
    let prev = earlier
        .iter()
        .filter(|q| q.quote.cue.is_some_and(|c| c.end <= span.start))
        .max_by_key(|q| q.quote.cue.map(|c| c.start))?;
    let cue = prev.quote.cue?;
    let sp = prev
        .quote
        .speaker
        .as_ref()
        // An organisation too (`…, заявила пресс-служба Армии обороны Израиля. По её
        // словам, …`: the press office of a named state body; stop 38).
        // Never a news outlet: it reports, and `она заявила` after `New York Times` is the
        // person the report is about.
        .filter(|s| {
            s.entity.is_some()
                && match s.kind.as_str() {
                    "person" | "state" => true,
                    "organisation" => !view.placed.iter().any(|p| {
                        Some(&p.m.entity) == s.entity.as_ref()
                            && p.m.sector.as_deref() == Some("media")
                    }),
                    _ => false,
                }
        })?;
    let sentence = |at: usize| {
        view.sentence_of(tok_at_or_after(&view.toks, at))
            .map(|s| s.0)
    };
    // Sentences are counted up to where the quotation opens: the sentences of a long
    // quotation before its `he said` are the speaker's own words.
    let here_at = span.start.min(quote_start);
    let (Some(cue_sentence), Some(here)) = (sentence(cue.start), sentence(here_at)) else {
        return None;
    };
    let sentence_starts: Vec<usize> = view.sentences.iter().map(|s| s.0).collect();
    let index = |start: usize| sentence_starts.partition_point(|&s| s < start);
    if index(here).saturating_sub(index(cue_sentence)) > PREVIOUS_SPEAKER_REACH {
        return None;
    }
    let from = sp.span.map_or(cue.end, |s| s.end.max(cue.end));
    let person_between = view
        .before(span.start)
        .any(|p| p.m.kind == EntityKind::Person && p.m.span.start >= from && !in_message(p.m.span));
    (!person_between).then(|| sp.clone())
}

/// `the paramilitary group said`: a generic actor (`paramilitary`) qualifying an
/// `organisation_nouns` word right after it is a description of an organisation, not the
/// actor; the whole phrase refers back to one named before.
fn actor_before_organisation_noun(
    view: &DocView,
    lang: &LanguageRules,
    sp: &Speaker,
    span: Span,
) -> Option<Span> {
    let actor = view.within(span).any(|p| p.m.kind == EntityKind::Agent);
    if !actor || !matches!(sp.kind.as_str(), "unknown") {
        return None;
    }
    let t = tok_at_or_after(&view.toks, span.end);
    let next = view.toks.get(t)?;
    (next.is_word && !next.cap && lang.organisation_nouns.matches(&next.lower))
        .then(|| Span::new(span.start, next.span.end))
}

/// How far back (in characters) a document with no author of its own looks for where it was
/// introduced with one.
const DOCUMENT_REACH: usize = 3000;

/// `…, said the report.` with no author named next to it: the report is the one introduced
/// before with its author, as a reader takes it — the last earlier mention of the same
/// document noun (its English gloss) with a party right after it (`the report, by the
/// International Crisis Group`, `a statement from the army`), or the speaker of an earlier
/// quotation whose cue sentence names such a document (`X said in a new report`), whichever
/// is nearer. Without either, the speaker stays the document.
fn document_authors(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    quotes: &mut [FoundQuote],
) {
    let toks = &view.toks;
    let gloss = |k: usize| lang.document_nouns.get(words[k]);
    for i in 0..quotes.len() {
        let Some(sp) = quotes[i].quote.speaker.as_ref() else {
            continue;
        };
        let Some(span) = sp.span else { continue };
        let (t0, t1) = (
            tok_at_or_after(toks, span.start),
            tok_at_or_after(toks, span.end).min(toks.len()),
        );
        // A source that is only a document (`Dem Bericht zufolge`, `according to the report`:
        // articles and document adjectives before one document noun) is a document too
        // (stop 36).
        let only_document = || {
            let ks: Vec<usize> = (t0..t1).filter(|&k| toks[k].is_word).collect();
            ks.split_last().is_some_and(|(&last, before)| {
                gloss(last).is_some()
                    && before.iter().all(|&k| {
                        lang.determiners.matches_word(words[k])
                            || lang.document_adjectives.get(words[k]).is_some()
                    })
            })
        };
        if sp.entity.is_some() || (sp.kind != "document" && !only_document()) {
            continue;
        }
        let Some(noun) = (t0..t1).find_map(gloss).cloned() else {
            continue;
        };
        let reach = |start: usize| span.start >= start && span.start - start <= DOCUMENT_REACH;
        // An earlier mention of the document with a party within four words after it.
        let introduced = (0..t0).rev().find_map(|k| {
            if !reach(toks[k].span.start) || gloss(k) != Some(&noun) {
                return None;
            }
            (k + 1..(k + 5).min(t0))
                .take_while(|&j| !matches!(words[j], "." | "!" | "?"))
                .find_map(|j| {
                    view.starting_in(j, j)
                        .find(|p| p.is_party() && p.m.kind != EntityKind::Agent)
                })
                .map(|p| (toks[k].span.start, speaker_of(view, p)))
        });
        // The speaker of an earlier quotation whose cue sentence names the document.
        let said_in = quotes[..i].iter().rev().find_map(|q| {
            let cue = q.quote.cue?;
            let sp = q
                .quote
                .speaker
                .as_ref()
                .filter(|s| s.entity.is_some() && s.kind != "document")?;
            if !reach(cue.start) || cue.start >= span.start {
                return None;
            }
            let c = tok_at_or_after(toks, cue.start);
            let (s0, s1) = view.sentence_of(c)?;
            (s0..s1.min(t0))
                .any(|k| gloss(k) == Some(&noun))
                .then(|| (cue.start, sp.clone()))
        });
        let best = match (introduced, said_in) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        if let Some((_, author)) = best {
            quotes[i].quote.speaker = Some(Speaker {
                span: Some(span),
                antecedent: author.span,
                ..author
            });
            quotes[i].quote.rule.push_str(".document_author");
        }
    }
}

/// A phrase of at most four words naming an organisation only by an `organisation_nouns`
/// word (`the group`, `the paramilitary group`): no capitalised word after the first, no name.
fn organisation_description(view: &DocView, lang: &LanguageRules, span: Span) -> bool {
    if view.within(span).next().is_some() {
        return false;
    }
    let ws = words_in(view, span);
    // A capital after the first word marks a name only where nouns are written in lower case
    // (`lowercase_triggers`; German capitalises every noun: `der Menschenrechtsorganisation`).
    !ws.is_empty()
        && ws.len() <= 4
        && ws
            .iter()
            .skip(1)
            .all(|t| !t.cap || !lang.lowercase_triggers)
        && ws
            .last()
            .is_some_and(|t| lang.organisation_nouns.matches(&t.lower))
}

/// `…," the group said.` / `said the movement.`: a determiner, at most two lower-case words
/// and an `organisation_nouns` word right before the cue, or right after it at the end of the
/// sentence.
fn description_at_cue(
    view: &DocView,
    lang: &LanguageRules,
    words: &[&str],
    cue: Span,
) -> Option<Span> {
    let toks = &view.toks;
    let c0 = tok_at_or_after(toks, cue.start);
    let c1 = tok_at_or_after(toks, cue.end);
    let plain = |k: usize| toks[k].is_word && !toks[k].cap;
    // Before: `[det] [adj]{0,2} noun | cue`.
    if c0 >= 2 && lang.organisation_nouns.matches(words[c0 - 1]) && plain(c0 - 1) {
        let mut k = c0 - 1;
        while k > 0 && c0 - k <= 3 {
            if lang.determiners.matches_word(words[k - 1]) {
                return Some(view.span_of(k - 1, c0));
            }
            if !plain(k - 1) {
                break;
            }
            k -= 1;
        }
    }
    // After: `cue | det [adj]{0,2} noun` closing the sentence.
    if c1 < toks.len() && lang.determiners.matches_word(words[c1]) {
        let hi = (c1 + 4).min(toks.len());
        for (n, word) in words.iter().enumerate().take(hi).skip(c1 + 1) {
            if !plain(n) {
                break;
            }
            if lang.organisation_nouns.matches(word) && toks.get(n + 1).is_none_or(|t| !t.is_word) {
                return Some(view.span_of(c1, n + 1));
            }
        }
    }
    None
}

/// A direct quotation with no cue right after another one takes the previous speaker
/// (`„…“, sagte er. „…“`), if no other speaker was named in between.
fn continued_speakers(quotes: &mut [FoundQuote]) {
    for i in 1..quotes.len() {
        let (head, tail) = quotes.split_at_mut(i);
        let q = &mut tail[0];
        if q.quote.kind != QuoteKind::Direct || q.quote.speaker.is_some() {
            continue;
        }
        if let Some(prev) = head
            .iter()
            .rev()
            .find(|p| p.quote.kind == QuoteKind::Direct)
        {
            if prev.quote.speaker.is_some() && q.extent.start.saturating_sub(prev.extent.end) < 400
            {
                q.quote.speaker = prev.quote.speaker.clone();
                q.quote.rule.push_str(".continued");
                q.quote.confidence = 0.7;
            }
        }
    }
}

/// Institutions and a state's own forces speak for their state, as analysts code them (`the
/// Turkish defence ministry said` → TUR, `police said` → the state of the report, `сообщило
/// МВД республики` → the state of the place named): a speaker that is a generic actor of a
/// state sector (`agents::is_state_sector`), or a speaker phrase with no name of its own that
/// holds a word of `institutions` (word or lemma) or such an actor, becomes the state. Which
/// state: one named inside the phrase (`Iraq's foreign ministry`, `Seoul's defence ministry`
/// through the capital, `Армии обороны Израиля`), else the actor's own, else the state of a
/// place in the sentence, else the document's focus (`agents::focus`), else the state of the
/// last place named before the quotation. A person, organisation or state already found is
/// kept as it is.
/// `Israeli diplomatic officials said … According to the officials, …`: a definite
/// description (a determiner and at most two words) whose head noun ends the phrase of an
/// earlier quotation's resolved speaker refers to that speaker, as a reader takes it; the
/// places and states around it are only a guess after that.
fn repeated_head(
    view: &DocView,
    lang: &LanguageRules,
    earlier: &[FoundQuote],
    span: Span,
) -> Option<Speaker> {
    let words = words_in(view, span);
    let (first, head) = (words.first()?, words.last()?);
    if !(2..=3).contains(&words.len()) || !lang.determiners.matches_word(&first.lower) {
        return None;
    }
    let prev = earlier.iter().rev().find_map(|q| {
        let sp = q.quote.speaker.as_ref()?;
        let mut ps = sp.span?;
        // The speaker may be a name inside its phrase (`Israeli` of `Israeli diplomatic
        // officials said`): the phrase runs on to the cue right after it.
        if let Some(cue) = q.quote.cue.filter(|c| c.start >= ps.end) {
            let (t0, t1) = (
                tok_at_or_after(&view.toks, ps.end),
                tok_at_or_after(&view.toks, cue.start),
            );
            if t1 <= t0 + 3 && view.toks[t0..t1].iter().all(|t| t.is_word) {
                ps = Span::new(ps.start, cue.start);
            }
        }
        let pw = words_in(view, ps);
        (sp.entity.is_some()
            && ps.end <= span.start
            && pw.len() > 1
            && pw.last().is_some_and(|t| t.lower == head.lower))
        .then(|| sp.clone())
    })?;
    Some(Speaker {
        span: Some(span),
        antecedent: prev.span,
        ..prev
    })
}

/// How many person mentions back a title looks for the person it was given to.
const TITLE_LOOKBACK: usize = 24;
/// How many tokens before a person's name the title given with it may stand
/// (`президент России Владимир Путин`, `Defence Secretary Gotabhaya Rajapakse`).
const TITLE_WINDOW: usize = 5;

/// Stop 29: a speaker named by a title without a name (`the defence secretary said`,
/// `российский президент подчеркнул`, `по словам политика`) is the person the document
/// introduced with that title (`Defence Secretary X`, `президента России X`, `оппозиционный
/// политик X`): news names a person once with title and name and by the title alone after, in
/// every language. Titles are compared by lemma, so the case does not matter; a state in the
/// description (`президент России`, `российский президент`) must stand in the introduction
/// too, so two presidents named before are told apart. The latest of the last
/// [`TITLE_LOOKBACK`] persons named that fits wins; nothing fits, the speaker stays as it was.
/// A phrase opening with an indefinite article (`a spokesman`) is someone new, and one holding
/// a name or a capitalised word of its own is no bare title: both are left alone. A phrase
/// that is a title and then a name the recogniser missed (`Assistant Secretary of State
/// Christopher Hill`) is that name ([`name_after_title`]). Runs before the institution pass,
/// which would make the office its state.
fn titled_speakers(
    view: &DocView,
    lang: &LanguageRules,
    lemmas: &[&str],
    quotes: &mut [FoundQuote],
) {
    let lemma = |k: usize| -> &str {
        lemmas
            .get(k)
            .copied()
            .filter(|l| !l.is_empty())
            .unwrap_or(view.toks[k].lower.as_str())
    };
    let role = |k: usize| {
        let t = &view.toks[k];
        t.is_word
            && !view.in_mention(k)
            && (lang.role_nouns.matches(&t.lower) || lang.role_nouns.matches(lemma(k)))
    };
    let morph = view.morphology();
    // Every state mention the recogniser made, by where it starts: the view leaves out the
    // state of a person's office (`Президент Украины Петр Порошенко`), which is just what an
    // introduction's state is.
    let mut state_spans: Vec<(Span, &str)> = view
        .ex
        .entities
        .iter()
        .filter(|m| m.kind == EntityKind::State)
        .map(|m| (m.span, m.entity.as_str()))
        .collect();
    state_spans.sort_by_key(|(sp, _)| sp.start);
    for q in quotes.iter_mut() {
        let Some(sp) = q.quote.speaker.as_mut() else {
            continue;
        };
        let Some(span) = sp.span else { continue };
        let inside: Vec<&Placed> = view.within(span).collect();
        if inside.iter().any(|p| p.m.kind == EntityKind::Person) {
            continue;
        }
        // Only a speaker no name gave: a phrase, the last person named before a role noun
        // (`described_person`), or a state or agent inside the phrase (the office's state).
        let open = match sp.entity.as_deref() {
            None => true,
            Some(e) if e.starts_with(DESCRIBED_SPEAKER) => true,
            Some(e) => {
                (sp.kind == "person" && sp.antecedent.is_some_and(|a| !span.contains(&a)))
                    || inside.iter().any(|p| {
                        matches!(p.m.kind, EntityKind::State | EntityKind::Agent) && p.m.entity == e
                    })
            }
        };
        if !open {
            continue;
        }
        let (mut t0, mut t1) = (
            tok_at_or_after(&view.toks, span.start),
            tok_at_or_after(&view.toks, span.end).min(view.toks.len()),
        );
        // A state read as the speaker next to its office (`призвал украинский президент`):
        // the role noun right after or before it belongs to the phrase.
        if t1 < view.toks.len() && t1 > t0 && role(t1) {
            t1 += 1;
        }
        if t0 > 0 && t1 > t0 && role(t0 - 1) {
            t0 -= 1;
        }
        let ks: Vec<usize> = (t0..t1).filter(|&k| view.toks[k].is_word).collect();
        if ks.is_empty() || ks.len() > 8 {
            continue;
        }
        if lang
            .indefinite_articles
            .matches_word(&view.toks[ks[0]].lower)
        {
            continue;
        }
        let unresolved = sp
            .entity
            .as_deref()
            .is_none_or(|e| e.starts_with(DESCRIBED_SPEAKER));
        if unresolved {
            if let Some(named) = name_after_title(view, lang, &ks, &role) {
                *sp = named;
                q.quote.rule.push_str(".title_name");
                continue;
            }
        }
        if ks.len() > 5
            || ks
                .iter()
                .skip(1)
                .any(|&k| view.toks[k].cap && !view.in_mention(k) && !role(k))
        {
            continue;
        }
        let titles: Vec<&str> = ks.iter().filter(|&&k| role(k)).map(|&k| lemma(k)).collect();
        if titles.is_empty() {
            continue;
        }
        // `Глава украинского государства`, `head of the Ukrainian state`: a title over a word
        // for the state (`[grammar] state_nouns`, the one after the phrase included) is a head
        // of state or government, whoever was introduced with such a title (`Президент
        // Украины Петр Порошенко`; stop 41).
        let after = |k: usize| view.toks.get(k).is_some_and(|t| t.is_word);
        let head_of_state = ks
            .iter()
            .copied()
            .chain((t1 < view.toks.len() && after(t1)).then_some(t1))
            .any(|k| lang.state_nouns.matches_word(lemma(k)));
        let state_title =
            |k: usize| head_of_state && lang.state_role_nouns.matches(&view.toks[k].lower);
        let state_mentions: Vec<&Placed> = view
            .mentions_in(t0, t1)
            .filter(|p| p.m.kind == EntityKind::State)
            .collect();
        let states: Vec<&str> = state_mentions.iter().map(|p| p.m.entity.as_str()).collect();
        // The state's words too, by lemma: the introduction's state may be no mention of its
        // own (a name read as one with the person's).
        let state_words: Vec<&str> = state_mentions
            .iter()
            .flat_map(|p| p.start..p.end.min(view.toks.len()))
            .filter(|&k| view.toks[k].is_word)
            .map(&lemma)
            .collect();
        let found = view
            .before(span.start)
            .filter(|p| {
                p.m.kind == EntityKind::Person
                    && p.m.method != armsgraph_model::LinkMethod::Coreference
                    && p.m.span.end <= span.start
            })
            .take(TITLE_LOOKBACK)
            .find(|p| {
                // The introduction is the words right before the name, back to a punctuation
                // mark, a verb or another person's name (`Secretary X met Y`: not Y's title).
                let s0 = view.sentence_of(p.start).map_or(0, |s| s.0);
                let mut w0 = p.start;
                while w0 > s0 && p.start - w0 < TITLE_WINDOW {
                    let k = w0 - 1;
                    let t = &view.toks[k];
                    if !t.is_word
                        || matches!(morph.get(k).map(|m| m.upos), Some("VERB" | "AUX"))
                        || view
                            .starting_in(k.saturating_sub(MENTION_REACH), k)
                            .any(|o| o.m.kind == EntityKind::Person && o.end > k)
                    {
                        break;
                    }
                    w0 = k;
                }
                let w1 = p.end.min(view.toks.len());
                (w0..w1)
                    .any(|k| view.toks[k].is_word && (titles.contains(&lemma(k)) || state_title(k)))
                    && (states.is_empty() || {
                        let intro = view.span_of(w0, w1);
                        let from = state_spans.partition_point(|(sp, _)| sp.start < intro.start);
                        state_spans[from..]
                            .iter()
                            .take_while(|(sp, _)| sp.start < intro.end)
                            .any(|(_, e)| states.contains(e))
                            || (w0..p.start).any(|k| state_words.contains(&lemma(k)))
                    })
            });
        if let Some(p) = found {
            *sp = Speaker {
                entity: Some(p.m.entity.clone()),
                name: p.m.name.clone(),
                kind: "person".into(),
                span: Some(view.span_of(t0, t1)),
                antecedent: Some(p.m.span),
            };
            q.quote.rule.push_str(".titled");
        }
    }
}

/// A title abbreviation's letters before its period (`Lt`, `Col`, `Gen`, `Brig`, `Dr`):
/// two to four; one is a name's initial (`W.`), which belongs to the name (stop 36).
fn title_abbreviation(letters: &str) -> bool {
    (2..=4).contains(&letters.chars().count())
}

/// A speaker phrase that is a title and then a name of two or three capitalised words the
/// recogniser missed (`Assistant Secretary of State Christopher Hill`, `Defence Minister Ivo
/// Brandt`): the name, with the id the recogniser gives unknown people. A role noun must come
/// before the name in the phrase; a capitalised word right after a preposition inside a title
/// (`Secretary of State`) belongs to the title ([`after_title_of`]).
fn name_after_title(
    view: &DocView,
    lang: &LanguageRules,
    ks: &[usize],
    role: &dyn Fn(usize) -> bool,
) -> Option<Speaker> {
    // A title abbreviation (`Lt. Col. Chakkrote Nongmanee`, `Gen.`, `Dr.`): a short word with
    // its period glued on is no part of the name; an initial (`W.`) is (stop 36).
    let abbreviation = |k: usize| {
        let t = &view.toks[k];
        match t.lower.strip_suffix('.') {
            Some(letters) => title_abbreviation(letters),
            None => view.chars.get(t.span.end) == Some(&'.') && title_abbreviation(&t.lower),
        }
    };
    let name_word = |k: usize| {
        let t = &view.toks[k];
        t.is_word
            && t.cap
            && t.lower.chars().count() > 1
            && !abbreviation(k)
            && !role(k)
            && !view.in_mention(k)
            && !lang.institutions.matches(&t.lower)
            && !lang.organisation_nouns.matches(&t.lower)
    };
    let mut n = ks.len();
    while n > 0 && name_word(ks[n - 1]) {
        n -= 1;
    }
    // The run must be the phrase's last words, contiguous.
    let run: Vec<usize> = ks[n..].to_vec();
    let mut s = *run.first()?;
    let e = *run.last()? + 1;
    if e - s != run.len() {
        return None;
    }
    if run.len() == 3 && after_title_of(view, lang, s) {
        s += 1;
    }
    if !(2..=3).contains(&(e - s)) || !ks.iter().any(|&k| k < s && role(k)) {
        return None;
    }
    let span = view.span_of(s, e);
    let name = view.text(span);
    let slug = armsgraph_nlp::people::latin_slug(&name);
    (!slug.is_empty()).then(|| Speaker {
        entity: Some(format!("person:{slug}")),
        name,
        kind: "person".into(),
        span: Some(span),
        antecedent: None,
    })
}

/// Stop 29: is the capitalised word at `k` the end of a title with a preposition
/// (`Secretary of State`, `Minister of Defence`): after a lower-case preposition that follows a
/// capitalised word? Then a name run starting at `k` starts one word later (`State
/// Christopher Hill` is `Christopher Hill`).
fn after_title_of(view: &DocView, lang: &LanguageRules, k: usize) -> bool {
    k >= 2 && {
        let p = &view.toks[k - 1];
        p.is_word && !p.cap && lang.prepositions.matches_word(&p.lower) && view.toks[k - 2].cap
    }
}

pub fn institution_speakers(
    view: &DocView,
    lang: &LanguageRules,
    kb: &armsgraph_kb::Kb,
    lemmas: &[&str],
    quotes: &mut [FoundQuote],
) {
    titled_speakers(view, lang, lemmas, quotes);
    let mut doc_focus: Option<Option<String>> = None;
    for i in 0..quotes.len() {
        let (earlier, rest) = quotes.split_at_mut(i);
        let Some(q) = rest.first_mut() else { break };
        let repeated = q
            .quote
            .speaker
            .as_ref()
            .filter(|sp| sp.entity.is_none())
            .and_then(|sp| repeated_head(view, lang, earlier, sp.span?));
        if let Some(prev) = repeated {
            q.quote.speaker = Some(prev);
            q.quote.rule.push_str(".repeated_head");
            continue;
        }
        let Some(sp) = q.quote.speaker.as_mut() else {
            continue;
        };
        let Some(span) = sp.span else { continue };
        let inside: Vec<&Placed> = view.within(span).collect();
        // The sector as the NLP stage wrote it, else as the id spells it (`IND.police`).
        let agent = inside.iter().find(|p| {
            p.m.kind == EntityKind::Agent
                && crate::agents::is_state_sector(
                    p.m.sector
                        .as_deref()
                        .unwrap_or_else(|| p.m.entity.rsplit('.').next().unwrap_or_default()),
                )
        });
        // A speaker known only by its words (`source:…`, `Ein Armeesprecher`) is no name: an
        // institution word in it still gives its state (stop 41).
        let resolved = sp
            .entity
            .as_deref()
            .is_some_and(|e| !e.starts_with(DESCRIBED_SPEAKER));
        let speaker_is_agent = agent.is_some_and(|p| sp.entity.as_deref() == Some(&p.m.entity));
        if resolved && !speaker_is_agent {
            continue;
        }
        if !resolved {
            // A name inside the phrase other than a state (a person, an organisation) is who
            // speaks; the phrase is then no institution of a state.
            if inside.iter().any(|p| {
                matches!(
                    p.m.kind,
                    EntityKind::Person | EntityKind::Organisation | EntityKind::Group
                )
            }) {
                continue;
            }
            let (t0, t1) = (
                crate::text::tok_at_or_after(&view.toks, span.start),
                crate::text::tok_at_or_after(&view.toks, span.end),
            );
            let institution = (t0..t1.min(view.toks.len())).any(|j| {
                view.toks[j].is_word
                    && (lang.institutions.matches(&view.toks[j].lower)
                        || lemmas.get(j).is_some_and(|l| lang.institutions.matches(l)))
            });
            if !institution && agent.is_none() {
                continue;
            }
        }
        let named = inside
            .iter()
            .find_map(|p| crate::agents::state_named(kb, p.m));
        // A state right after an agent (`пресс-служба Армии обороны Израиля`, `the army of
        // Mali`): its genitive or `of` complement.
        let following = agent.and_then(|a| {
            view.starting_in(a.end, a.end + 1)
                .find(|p| p.m.kind == EntityKind::State)
                .map(|p| p.m.entity.clone())
        });
        let state = named
            .or_else(|| agent.and_then(|p| p.m.country.clone()))
            .or(following)
            // The same force named with its state before (`The Israeli army confirmed …` …
            // `the army said`).
            .or_else(|| {
                agent.and_then(|a| {
                    crate::agents::antecedent_state(view, &a.m.entity, a.m.span.start)
                })
            })
            .or_else(|| crate::agents::sentence_place_state(view, kb, lang, span.start))
            .or_else(|| {
                doc_focus
                    .get_or_insert_with(|| crate::agents::focus(view, kb))
                    .clone()
            })
            .or_else(|| {
                view.before(span.start)
                    .filter(|p| p.m.kind == EntityKind::Place)
                    .find_map(|p| kb.country_of(&p.m.entity).map(str::to_string))
            })
            // The scene of the sentences just before (`Im Norden Syriens kam es zu Kämpfen.
            // Ein Armeesprecher erklärte …`; stop 41).
            .or_else(|| crate::agents::recent_place_state(view, kb, lang, span.start));
        let Some(state) = state else { continue };
        if kb.kind(&state) != Some(EntityKind::State) {
            continue;
        }
        sp.entity = Some(state);
        sp.kind = "state".into();
        q.quote.rule.push_str(".institution");
    }
}

/// A described source that is a name after all (stop 27), its first `skip` words (articles,
/// the source noun) left aside: the rest is one mention of a party (`nach Meinung Russlands`,
/// `nach Auffassung Österreichs`: the state's genitive), or the phrase is followed right away by
/// a title in quotation marks (`des Magazins „Der Spiegel“`, `радиостанция «Маяк»`): the
/// mention on the title, else an organisation with the id the recogniser gives one the
/// knowledge base lacks (`org:` and the slug of the romanised title).
fn named_source(view: &DocView, lang: &LanguageRules, span: Span, skip: usize) -> Option<Speaker> {
    let (t0, t1) = (
        tok_at_or_after(&view.toks, span.start),
        tok_at_or_after(&view.toks, span.end).min(view.toks.len()),
    );
    let ks: Vec<usize> = (t0..t1).filter(|&k| view.toks[k].is_word).collect();
    let rest = ks.get(skip..).filter(|r| !r.is_empty())?;
    let (r0, r1) = (rest[0], rest[rest.len() - 1] + 1);
    if let Some(p) = view
        .starting_in(r0.saturating_sub(MENTION_REACH), r0)
        .find(|p| p.is_party() && p.start <= r0 && p.end >= r1 && p.end <= t1.max(r1))
    {
        return Some(speaker_of(view, p));
    }
    // A description in apposition to the name that closes the phrase (`der
    // Menschenrechtsorganisation amnesty international`, `the rights group Amnesty
    // International`): every word before the name is an organisation, role or institution
    // noun, an article or a lower-case attribute (stop 36).
    let describing_noun = |k: usize| {
        let w = view.toks[k].lower.as_str();
        lang.organisation_nouns.matches(w)
            || lang.role_nouns.matches(w)
            || lang.institutions.matches(w)
    };
    let describes = |k: usize| {
        let w = view.toks[k].lower.as_str();
        describing_noun(k)
            || lang.determiners.matches_word(w)
            || (!view.toks[k].cap && w.chars().all(char::is_alphabetic))
    };
    if let Some(p) = view
        .starting_in(r0 + 1, r1.saturating_sub(1))
        .find(|p| p.is_party() && p.end == r1)
    {
        let before: Vec<usize> = rest.iter().copied().filter(|&k| k < p.start).collect();
        if before.iter().any(|&k| describing_noun(k)) && before.iter().all(|&k| describes(k)) {
            return Some(speaker_of(view, p));
        }
    }
    // A title in quotation marks right after the phrase.
    let open = view.toks.get(t1)?;
    let chars: Vec<char> = view.text(open.span).chars().collect();
    if chars.len() != 1 || !is_quote_mark(chars[0]) {
        return None;
    }
    let first = t1 + 1;
    if !view.toks.get(first).is_some_and(|t| t.is_word && t.cap) {
        return None;
    }
    let close = (first..(first + 7).min(view.toks.len())).find(|&k| {
        let c: Vec<char> = view.text(view.toks[k].span).chars().collect();
        c.len() == 1 && is_quote_mark(c[0])
    })?;
    if close == first {
        return None;
    }
    if let Some(p) = view
        .starting_in(first, first)
        .find(|p| p.is_party() && p.end == close)
    {
        return Some(speaker_of(view, p));
    }
    let title_span = view.span_of(first, close);
    let name = view.text(title_span);
    let slug = armsgraph_nlp::people::latin_slug(&name);
    (!slug.is_empty()).then(|| Speaker {
        entity: Some(format!("org:{slug}")),
        name,
        kind: "organisation".into(),
        span: Some(title_span),
        antecedent: None,
    })
}

/// Stop 29 (German, `subjunctive_reports` in the language's data): a sentence with no quotation
/// of its own whose finite verb is in the present subjunctive (Konjunktiv I: `Es gehe nicht
/// darum, …`, `Dort sei man sich einig geworden.`) right after a sentence holding a report with
/// a speaker goes on with that report: German news writes reported speech on in Konjunktiv I
/// without repeating the verb of saying. The mood is the syntax layer's (`Mood=Sub` with
/// `Tense=Pres`: Konjunktiv II `wäre`, `hätte`, `würde` are conditionals, not reports); the
/// chain goes on sentence by sentence and stops at the first sentence in another mood. One pass
/// over the sentences; the quotations are sorted, so each sentence looks at one quotation.
pub fn subjunctive_reports(view: &DocView, lang: &LanguageRules, quotes: &mut Vec<FoundQuote>) {
    if !lang.subjunctive_reports || quotes.is_empty() {
        return;
    }
    let morph = view.morphology();
    if morph.iter().all(|m| m.upos.is_empty()) {
        return;
    }
    quotes.sort_by_key(|q| (q.extent.start, q.extent.end));
    let mut added: Vec<FoundQuote> = Vec::new();
    // The speaker reporting in the sentence before, if any.
    let mut last: Option<Speaker> = None;
    let mut next_q = 0;
    for &(a, b) in &view.sentences {
        let b = b.min(view.toks.len());
        if a >= b {
            continue;
        }
        let span = view.span_of(a, b);
        // Quotations ending before this sentence are behind us.
        while next_q < quotes.len() && quotes[next_q].extent.end <= span.start {
            next_q += 1;
        }
        let here: Vec<&FoundQuote> = quotes[next_q..]
            .iter()
            .take_while(|q| q.extent.start < span.end)
            .collect();
        // A quotation opened before and still running covers this sentence too.
        let covered = next_q > 0
            && quotes[..next_q]
                .iter()
                .rev()
                .take(4)
                .any(|q| q.extent.end > span.start);
        if covered || !here.is_empty() {
            last = here
                .iter()
                .rev()
                .find_map(|q| q.quote.speaker.clone())
                .filter(|sp| sp.entity.is_some());
            continue;
        }
        // The tagger often reads a Konjunktiv I form as a first person indicative (`Es gehe
        // nicht darum`: `gehe` Person=1): a first person singular present in a sentence with
        // no first person pronoun is that subjunctive (the two share the form; stop 39).
        let first_person = (a..b).any(|k| lang.first_person.matches_word(&view.toks[k].lower));
        let verb = (a..b).find(|&k| {
            let f = morph[k].feats;
            matches!(morph[k].upos, "VERB" | "AUX")
                && f.contains("Tense=Pres")
                && (f.contains("Mood=Sub")
                    || (!first_person
                        && f.contains("Person=1")
                        && f.contains("Number=Sing")
                        && f.contains("VerbForm=Fin")))
        });
        let (Some(k), Some(sp)) = (verb, last.clone()) else {
            last = None;
            continue;
        };
        let mut message = span;
        while message.end > message.start
            && matches!(view.chars[message.end - 1], '.' | '!' | '?' | ' ')
        {
            message.end -= 1;
        }
        let cue = view.toks[k].span;
        added.push(FoundQuote {
            quote: Quote {
                kind: QuoteKind::Indirect,
                cue: Some(cue),
                cue_text: Some(view.text(cue)),
                message,
                message_text: view.text(message),
                confidence: 0.6,
                speaker: Some(sp),
                rule: format!("{}.quote.indirect.subjunctive", lang.language),
                ..Default::default()
            },
            extent: span,
        });
    }
    if !added.is_empty() {
        quotes.append(&mut added);
        quotes.sort_by_key(|q| (q.quote.message.start, q.quote.message.end));
    }
}

/// The id prefix of a speaker the knowledge base lacks (see [`stable_speaker_ids`]).
pub const DESCRIBED_SPEAKER: &str = "source:";

/// Speakers the knowledge base lacks — a person named only by a role (`ein Sprecher des
/// Ministeriums`), a place or an organisation no gazetteer holds, written as a noun phrase —
/// still come out as speakers, with an id made of their words: `source:` and the lemmas of the
/// phrase's words without its articles and determiners, joined by `-`
/// (`ein Sprecher des Ministeriums`, `eines Sprechers des Ministeriums` →
/// `source:sprecher-ministerium`). Lemmas, not the words as written, because an id must not
/// depend on the case the sentence put the phrase in (issue 12: never an inflected surface);
/// where the syntax layer gave no lemma the lower-cased word stands in. The same words give the
/// same id in every document, so such a source's quotations gather under one node. The kind
/// follows the phrase's head word where the language's lists know it (a role noun: `person`;
/// an institution or organisation noun: `organisation`). Runs after every other speaker pass, so only what none of them
/// resolved is named this way; documents (`the statement`) keep their kind and no id.
pub fn stable_speaker_ids(
    view: &DocView,
    lang: &LanguageRules,
    lemmas: &[&str],
    quotes: &mut [FoundQuote],
) {
    for q in quotes.iter_mut() {
        let Some(sp) = q.quote.speaker.as_mut() else {
            continue;
        };
        if sp.entity.is_some() || sp.kind == "document" {
            continue;
        }
        // (word as written, lower-cased; its lemma): the tokens of the speaker's span where it
        // has one, else the words of its name.
        let pairs: Vec<(String, String)> = match sp.span {
            Some(span) => {
                let (t0, t1) = (
                    tok_at_or_after(&view.toks, span.start),
                    tok_at_or_after(&view.toks, span.end),
                );
                (t0..t1.min(view.toks.len()))
                    .filter(|&k| view.toks[k].is_word)
                    .map(|k| {
                        let lower = view.toks[k].lower.clone();
                        let lemma = lemmas
                            .get(k)
                            .filter(|l| !l.is_empty())
                            .map_or_else(|| lower.clone(), |l| l.to_lowercase());
                        (lower, lemma)
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let pairs = if pairs.is_empty() {
            sp.name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .map(|w| (w.to_lowercase(), w.to_lowercase()))
                .collect()
        } else {
            pairs
        };
        let words: Vec<&str> = pairs.iter().map(|(w, _)| w.as_str()).collect();
        let mut start = words
            .iter()
            .take_while(|w| lang.determiners.matches_word(w))
            .count();
        // `Angaben eines Sprechers`: the source phrase's noun (`according_nouns`) names what
        // was said, not who; the one who said it follows.
        if words.len() > start + 1
            && lang
                .according_nouns
                .iter()
                .any(|n| words[start].ends_with(n.as_str()))
        {
            start += 1;
            start += words[start..]
                .iter()
                .take_while(|w| lang.determiners.matches_word(w))
                .count();
        }
        let start = start.min(words.len());
        let words = &words[start..];
        if words.is_empty() || words.iter().all(|w| w.chars().all(char::is_numeric)) {
            continue;
        }
        if let Some(named) = sp
            .span
            .and_then(|span| named_source(view, lang, span, start))
        {
            // The id and name of the party; the source's words stay its span.
            sp.entity = named.entity;
            sp.name = named.name;
            sp.kind = named.kind;
            continue;
        }
        // The id: lemmas of the words that are no article or determiner.
        let id_words: Vec<&str> = pairs[start..]
            .iter()
            .filter(|(w, _)| !lang.determiners.matches_word(w))
            .map(|(_, l)| l.as_str())
            .collect();
        if sp.kind == "unknown" {
            let head = words.iter().copied().find(|w| {
                lang.role_nouns.matches(w)
                    || lang.institutions.matches(w)
                    || lang.organisation_nouns.matches(w)
            });
            if let Some(h) = head {
                sp.kind = if lang.role_nouns.matches(h) {
                    "person".into()
                } else {
                    "organisation".into()
                };
            }
        }
        // Latin letters in every script (`source:rbk`, not `source:рбк`): ids are one
        // spelling across languages (issue 11).
        let id = armsgraph_nlp::people::latin_slug(&id_words.join(" "));
        sp.entity = Some(format!("{DESCRIBED_SPEAKER}{id}"));
    }
}

/// A news outlet reporting the sentence (stop 30): a verb of reporting (`outlet_verbs`) with a
/// news organisation right after it in a parenthesis or at the end of the sentence (`…,
/// сообщает «Интерфакс».`, `Между тем, пишет NEWSru.com, …`, `…, meldet Reuters.`), or the
/// outlet as the sentence's opening subject right before it (`Die Deutsche Welle berichtet
/// …`, `The daily reported …`), or a description of one (`outlet_nouns`: `the newspaper
/// said`) pointing back to the last outlet named (bounded look-back). The outlet speaks for
/// the sentence: a quotation there with no speaker takes it; one whose speaker is named keeps
/// it, and the outlet's report of the sentence is a quotation of its own (`Министерство …
/// заявило, что …, сообщает France-Presse`: the ministry says, and the agency reports its
/// saying; the gold codes both). A sentence with no quotation by the outlet gets one, the
/// whole sentence reported by the outlet. A media
/// organisation is never a party of an event (`lib.rs` filters it), so events keep their
/// actors. One pass over the sentences; each looks at its own mentions and quotations only.
pub fn outlet_reports(
    view: &DocView,
    lang: &LanguageRules,
    kb: &armsgraph_kb::Kb,
    quotes: &mut Vec<FoundQuote>,
) {
    if lang.outlet_verbs.is_empty() {
        return;
    }
    let words = view.words(0, view.toks.len());
    let media = |p: &Placed| {
        p.m.kind == EntityKind::Organisation
            && (p.m.sector.as_deref() == Some("media") || kb.is_org_type(&p.m.entity, "media"))
    };
    let mut added: Vec<FoundQuote> = Vec::new();
    // The quotations whose cue or message starts in each sentence, so that a sentence with an
    // outlet looks at its own quotations only (a document of many reported sentences stays
    // linear, not sentences × quotations).
    let sentence_starts: Vec<usize> = view
        .sentences
        .iter()
        .map(|&(s0, _)| view.toks.get(s0).map_or(usize::MAX, |t| t.span.start))
        .collect();
    let sentence_of = |at: usize| {
        sentence_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    };
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); view.sentences.len()];
    for (qi, q) in quotes.iter().enumerate() {
        let m = sentence_of(q.quote.message.start);
        if let Some(list) = by_sentence.get_mut(m) {
            list.push(qi);
        }
        if let Some(c) = q
            .quote
            .cue
            .map(|c| sentence_of(c.start))
            .filter(|&c| c != m)
        {
            if let Some(list) = by_sentence.get_mut(c) {
                list.push(qi);
            }
        }
    }
    for (si, &(s0, s1)) in view.sentences.iter().enumerate() {
        let s1 = s1.min(words.len());
        let mut found: Option<(usize, usize, Speaker)> = None;
        for j in s0..s1 {
            let Some(l) = lang.outlet_verbs.match_at(&words, j) else {
                continue;
            };
            // After the verb, past quotation marks: `сообщает «Лента.ру»`; only in a
            // parenthesis or at the end (a comma before the verb).
            let parenthetical = j > s0 && words[j - 1] == ",";
            let after = view
                .starting_in(j + l, (j + l + 2).min(s1.saturating_sub(1)))
                .find(|p| p.end <= s1 && media(p));
            if let (true, Some(p)) = (parenthetical, after) {
                found = Some((j, j + l, speaker_of(view, p)));
                break;
            }
            // The outlet opening the sentence as the verb's subject (an article and at most
            // one more word before it).
            let before = view
                .mentions_in(s0, j)
                .find(|p| p.end == j && p.start <= s0 + 2 && media(p));
            if let Some(p) = before {
                found = Some((j, j + l, speaker_of(view, p)));
                break;
            }
            // `the newspaper said`: the last outlet named before, within a bounded look-back.
            // At the sentence's opening or after a comma (`…, the daily said`).
            let described = j >= s0 + 2
                && (j <= s0 + 3 || (j >= s0 + 3 && words[j - 3] == ","))
                && lang.outlet_nouns.matches_word(words[j - 1])
                && lang.determiners.matches_word(words[j - 2]);
            if described {
                let at = view.toks[j - 1].span.start;
                if let Some(p) = view.before(at).take(MENTION_REACH * 4).find(|p| media(p)) {
                    let mut sp = speaker_of(view, p);
                    sp.antecedent = Some(p.m.span);
                    sp.span = Some(view.span_of(j - 2, j));
                    found = Some((j, j + l, sp));
                    break;
                }
            }
        }
        let Some((c0, c1, outlet)) = found else {
            continue;
        };
        let sentence = view.span_of(s0, s1);
        // Whether a quotation of the sentence already has the outlet as its speaker.
        let mut by_outlet = false;
        for &qi in by_sentence.get(si).map_or(&[][..], Vec::as_slice) {
            let Some(q) = quotes.get_mut(qi) else {
                continue;
            };
            let m = q.quote.message;
            let in_sentence = q
                .quote
                .cue
                .is_some_and(|c| sentence.start <= c.start && c.start < sentence.end)
                || (m.start < sentence.end && sentence.start < m.end && m.start >= sentence.start);
            if !in_sentence {
                continue;
            }
            let resolved = q.quote.speaker.as_ref().and_then(|sp| sp.entity.as_deref());
            match resolved {
                Some(e) => by_outlet |= Some(e) == outlet.entity.as_deref(),
                None => {
                    q.quote.speaker = Some(outlet.clone());
                    q.quote.rule.push_str(".outlet");
                    by_outlet = true;
                }
            }
        }
        if !by_outlet {
            let cue = view.span_of(c0, c1);
            added.push(FoundQuote {
                quote: Quote {
                    kind: QuoteKind::Indirect,
                    cue: Some(cue),
                    cue_text: Some(view.text(cue)),
                    message: sentence,
                    message_text: view.text(sentence),
                    speaker: Some(outlet),
                    rule: format!("{}.quote.indirect.outlet", lang.language),
                    confidence: 0.6,
                    ..Default::default()
                },
                extent: sentence,
            });
        }
    }
    if !added.is_empty() {
        quotes.append(&mut added);
        quotes.sort_by_key(|q| (q.quote.message.start, q.quote.message.end));
    }
}

/// `Israel hat nach eigenen Angaben … bombardiert`, `by its own account`, `по собственным
/// данным`: a source phrase marked as the clause's own account (`[quotes] own_account`) names
/// no source of its own — the subject of the verb it modifies is the source. Overrides what
/// the phrase's words gave (`Ziele der Hisbollah` after it is no source). Stop 40.
pub fn own_account_speakers(
    view: &DocView,
    lang: &LanguageRules,
    parses: &[Option<SentenceParse>],
    quotes: &mut [FoundQuote],
) {
    if lang.own_account.is_empty() {
        return;
    }
    let words = view.words(0, view.toks.len());
    for q in quotes.iter_mut() {
        if !q.quote.rule.contains(".according") {
            continue;
        }
        let Some(cue) = q.quote.cue else { continue };
        let c0 = tok_at_or_after(&view.toks, cue.start);
        let si = view.sentences.partition_point(|&(_, b)| b <= c0);
        let Some(&(s_lo, s_hi)) = view.sentences.get(si).filter(|&&(a, _)| a <= c0) else {
            continue;
        };
        let own = (c0..(c0 + 4).min(s_hi)).any(|j| lang.own_account.match_at(&words, j).is_some());
        if !own {
            continue;
        }
        let Some(ps) = parses.get(si).and_then(|p| p.as_ref()) else {
            continue;
        };
        let Some(mut w) = ps.word_at(view.span_of(c0, c0 + 1)) else {
            continue;
        };
        // Up from the preposition to the verb its phrase modifies.
        let mut verb = None;
        for _ in 0..4 {
            let Some(p) = ps.parent(w) else { break };
            if !ps.nominal(p) {
                verb = Some(p);
                break;
            }
            w = p;
        }
        let Some(verb) = verb else { continue };
        // Every subject the parser hung on the verb (German parses often give two, one of
        // them the object): the first that names a party, in text order.
        // A subject hung on the verb's auxiliary (`Die Armee hat … abgewehrt` parsed with
        // `Armee` under `hat`) is the verb's.
        let subjects: Vec<usize> = ps
            .children(verb)
            .flat_map(|c| {
                let aux = matches!(ps.deprel(c), "aux" | "aux:pass");
                std::iter::once(c).chain(ps.children(c).filter(move |_| aux))
            })
            .filter(|&c| matches!(ps.deprel(c), "nsubj" | "nsubj:pass"))
            .collect();
        let in_subject = |span: Span| {
            ps.head_of(span)
                .is_some_and(|h| subjects.iter().any(|&sj| ps.within(h, sj)))
        };
        let best = view
            .mentions_in(s_lo, s_hi)
            .find(|p| p.is_party() && in_subject(p.m.span));
        if let Some(p) = best {
            q.quote.speaker = Some(speaker_of(view, p));
            q.quote.rule.push_str(".own_account");
        }
    }
}

/// A described source whose name stands in the genitive after a report noun (stop 30): `laut
/// einem Artikel der Nachrichtenagentur Reuters`, `nach Angaben des stellvertretenden
/// Gouverneurs Karim Haddad`, `according to Colonel X, …`. In the source's noun phrase after
/// the cue (`source_np_after`: names, determiners, adjectives before a noun, role and
/// institution nouns), the last person named speaks, else the last party the knowledge base
/// knows; it replaces a speaker the phrase's head noun gave (unresolved, or the recogniser's
/// `org:` guess from a report noun), and a person replaces a state read off an institution
/// noun. Each quotation looks at its own phrase only (at most ten tokens).
pub fn source_genitive_names(view: &DocView, lang: &LanguageRules, quotes: &mut [FoundQuote]) {
    let words = view.words(0, view.toks.len());
    for q in quotes.iter_mut() {
        if !q.quote.rule.contains(".according") {
            continue;
        }
        let Some(cue) = q.quote.cue else { continue };
        let k = tok_at_or_after(&view.toks, cue.end);
        let end = view
            .sentence_of(k)
            .map_or(view.toks.len(), |(_, b)| b.min(view.toks.len()));
        let Some((s, e)) = source_np_after(view, lang, &words, k, end) else {
            continue;
        };
        let inside: Vec<&Placed> = view
            .mentions_in(s, e)
            .filter(|p| p.is_party() && p.m.kind != EntityKind::Agent)
            .collect();
        let person = inside.iter().rev().find(|p| p.m.kind == EntityKind::Person);
        let known = inside
            .iter()
            .rev()
            .find(|p| !p.m.entity.starts_with("org:") && p.m.kind != EntityKind::Person);
        let current = q.quote.speaker.as_ref();
        let weak = current.is_none_or(|sp| {
            sp.entity
                .as_deref()
                .is_none_or(|e| e.is_empty() || e.starts_with("org:"))
        });
        let not_person = current.is_none_or(|sp| sp.kind != "person");
        let pick = match (person, known) {
            (Some(p), _) if weak || not_person => Some(p),
            (None, Some(p)) if weak => Some(p),
            _ => None,
        };
        let Some(p) = pick else { continue };
        if current.and_then(|sp| sp.entity.as_deref()) == Some(p.m.entity.as_str()) {
            continue;
        }
        q.quote.speaker = Some(speaker_of(view, p));
        q.quote.rule.push_str(".genitive_name");
    }
}
