//! Hand-built extractions: the NLP fields filled by string search, so the event rules can be
//! tested without the NLP stage.

#![allow(dead_code)]

use armsgraph_model::*;

pub struct M<'a> {
    pub surface: &'a str,
    pub entity: &'a str,
    pub kind: EntityKind,
    pub members: &'a [&'a str],
    pub coref: bool,
}

pub fn m<'a>(surface: &'a str, entity: &'a str, kind: EntityKind) -> M<'a> {
    M {
        surface,
        entity,
        kind,
        members: &[],
        coref: false,
    }
}

pub fn coref<'a>(surface: &'a str, entity: &'a str, kind: EntityKind) -> M<'a> {
    M {
        surface,
        entity,
        kind,
        members: &[],
        coref: true,
    }
}

pub fn group<'a>(surface: &'a str, members: &'a [&'a str]) -> M<'a> {
    M {
        surface,
        entity: "group",
        kind: EntityKind::Group,
        members,
        coref: true,
    }
}

pub struct T<'a> {
    pub surface: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub kind: TimeKind,
}

pub fn t<'a>(surface: &'a str, start: &'a str, end: &'a str) -> T<'a> {
    T {
        surface,
        start,
        end,
        kind: TimeKind::Absolute,
    }
}

fn char_find_all(text: &str, pat: &str) -> Vec<Span> {
    let idx = TextIndex::new(text);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(b) = text[from..].find(pat) {
        let b = from + b;
        let before_ok = text[..b]
            .chars()
            .next_back()
            .map(|c| !c.is_alphanumeric())
            .unwrap_or(true);
        let after_ok = text[b + pat.len()..]
            .chars()
            .next()
            .map(|c| !c.is_alphanumeric())
            .unwrap_or(true);
        if before_ok && after_ok {
            out.push(idx.span(b, b + pat.len()));
        }
        from = b + pat.len();
    }
    out
}

/// Paragraphs split at blank lines (a paragraph starting with an unclosed `„` and no final
/// full stop is a heading), sentences left to the event crate's fallback splitter.
pub fn extraction(
    id: &str,
    lang: &str,
    title: Option<&str>,
    text: &str,
    mentions: &[M],
    times: &[T],
) -> Extraction {
    let idx = TextIndex::new(text);
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let b = start + part.len();
        let heading = !part.trim_end().ends_with(['.', '“', '"', '»', '!', '?']);
        paragraphs.push(Paragraph {
            span: idx.span(start, b),
            kind: if heading {
                ParagraphKind::Heading
            } else {
                ParagraphKind::Body
            },
        });
        start = b + 2;
    }
    let mut entities = Vec::new();
    for mm in mentions {
        for span in char_find_all(text, mm.surface) {
            entities.push(Mention {
                span,
                text: mm.surface.to_string(),
                entity: mm.entity.to_string(),
                kind: mm.kind,
                name: mm.entity.to_string(),
                method: if mm.coref {
                    LinkMethod::Coreference
                } else {
                    LinkMethod::Name
                },
                members: mm.members.iter().map(|s| s.to_string()).collect(),
                rule: "fixture".into(),
                confidence: 1.0,
                ..Default::default()
            });
        }
    }
    entities.sort_by_key(|m| m.span.start);
    // Longer mentions win over ones nested inside them.
    let mut kept: Vec<Mention> = Vec::new();
    for e in entities {
        if kept.iter().any(|k| k.span.overlaps(&e.span)) {
            continue;
        }
        kept.push(e);
    }
    let mut tx = Vec::new();
    for tt in times {
        for span in char_find_all(text, tt.surface) {
            tx.push(TimeExpr {
                span,
                text: tt.surface.to_string(),
                kind: tt.kind,
                start: Some(tt.start.to_string()),
                end: Some(tt.end.to_string()),
                anchor: "fixture".into(),
                ..Default::default()
            });
        }
    }
    Extraction {
        document: Document {
            id: id.to_string(),
            title: title.map(str::to_string),
            language: Some(lang.to_string()),
            text: text.to_string(),
            paragraphs,
            ..Default::default()
        },
        entities: kept,
        times: tx,
        ..Default::default()
    }
}

/// Attach words written as `form/UPOS[/feats[/lemma]]` (forms found left to right in the
/// text) to a one-sentence extraction; no heads, as from a tagger without a parser.
pub fn with_morphology(mut ex: Extraction, spec: &str) -> Extraction {
    let text = ex.document.text.clone();
    let idx = TextIndex::new(&text);
    let mut from = 0;
    let mut words = Vec::new();
    for w in spec.split(' ') {
        let parts: Vec<&str> = w.split('/').collect();
        let form = parts[0];
        let Some(at) = text[from..].find(form) else {
            panic!("form {form} not in text");
        };
        let b = from + at;
        from = b + form.len();
        words.push(SyntaxWord {
            span: idx.span(b, b + form.len()),
            form: form.to_string(),
            lemma: parts.get(3).map_or(form.to_lowercase(), |l| l.to_string()),
            upos: parts[1].to_string(),
            feats: parts.get(2).copied().unwrap_or("_").to_string(),
            head: None,
            deprel: None,
        });
    }
    ex.syntax = vec![SentenceSyntax { sentence: 0, words }];
    ex
}

/// The entity ids of a role's participants, in order.
pub fn ids(ps: &[Participant]) -> Vec<&str> {
    ps.iter().map(|p| p.entity.as_str()).collect()
}

/// The events of one type, in order.
/// The first event of type `t`; the test fails, listing what was read, when there is none.
pub fn of_type(ex: &Extraction, t: EventType) -> &Event {
    ex.events
        .iter()
        .find(|e| e.event_type == t)
        .unwrap_or_else(|| panic!("no {t:?} in {:#?}", ex.events))
}

pub fn events_of_type(ex: &Extraction, t: EventType) -> Vec<&Event> {
    ex.events.iter().filter(|e| e.event_type == t).collect()
}

/// Attach parses written as `form/UPOS/head/deprel[/feats[/lemma]]` words (separated by spaces) to an
/// extraction, one parsed sentence per `(from, spec)`: its forms are found left to right in
/// the text from the first occurrence of `from` (`""`: the text's start).
pub fn with_parses(mut ex: Extraction, specs: &[(&str, &str)]) -> Extraction {
    let text = ex.document.text.clone();
    let idx = TextIndex::new(&text);
    for (n, (from_text, spec)) in specs.iter().enumerate() {
        let mut from = text.find(from_text).expect("sentence in text");
        let words = spec
            .split(' ')
            .map(|w| {
                let parts: Vec<&str> = w.split('/').collect();
                let form = parts[0];
                let b = from + text[from..].find(form).expect("form in text");
                from = b + form.len();
                SyntaxWord {
                    span: idx.span(b, b + form.len()),
                    form: form.to_string(),
                    lemma: parts.get(5).map_or(form.to_lowercase(), |l| l.to_string()),
                    upos: parts[1].to_string(),
                    feats: parts.get(4).copied().unwrap_or("_").to_string(),
                    head: Some(parts[2].parse().expect("head")),
                    deprel: Some(parts[3].to_string()),
                }
            })
            .collect();
        ex.syntax.push(SentenceSyntax { sentence: n, words });
    }
    ex
}

/// The speaker entities of the quotations whose message holds `words`.
pub fn speakers<'a>(ex: &'a Extraction, words: &str) -> Vec<Option<&'a str>> {
    let found: Vec<Option<&str>> = ex
        .quotes
        .iter()
        .filter(|q| q.message_text.contains(words))
        .map(|q| q.speaker.as_ref().and_then(|s| s.entity.as_deref()))
        .collect();
    assert!(!found.is_empty(), "no quote with {words}: {:#?}", ex.quotes);
    found
}

/// The events' one-line summaries, for assertion messages.
pub fn summaries(ex: &Extraction) -> Vec<&str> {
    ex.events.iter().map(|e| e.summary.as_str()).collect()
}

/// The event stage, with the embedded rules, run over a hand-built extraction.
pub fn annotate(mut ex: Extraction) -> Extraction {
    armsgraph_events::EventReader::load(&armsgraph_kb::DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

/// `text` in `lang` with its hand-placed `mentions`, through the event stage.
pub fn read(lang: &str, text: &str, mentions: &[M]) -> Extraction {
    annotate(extraction("doc", lang, None, text, mentions, &[]))
}
