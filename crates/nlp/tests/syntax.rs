//! The syntax layer inside `Reader::annotate`: words over the immutable text, with the
//! shipped models; and the JSON field that carries them.

use armsgraph_kb::DataFiles;
use armsgraph_model::{Document, Extraction, Paragraph, ParagraphKind, Span, TextIndex};
use armsgraph_nlp::Reader;

fn read(text: &str, lang: &str) -> Extraction {
    let reader = Reader::load(&DataFiles::Embedded).expect("embedded data loads");
    let mut ex = Extraction {
        document: Document {
            id: "t".into(),
            text: text.into(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.chars().count()),
                kind: ParagraphKind::Body,
            }],
            language: Some(lang.into()),
            language_source: Some("user".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    reader.annotate(&mut ex);
    ex
}

#[test]
fn every_sentence_gets_tagged_words_over_the_text() {
    let text = "Russia delivered the missiles to Belarus. The ministry denied the report.";
    let ex = read(text, "en");
    assert_eq!(ex.syntax.len(), ex.sentences.len());
    assert_eq!(ex.syntax.len(), 2);
    let index = TextIndex::new(text);
    for s in &ex.syntax {
        for w in &s.words {
            assert_eq!(&text[index.byte_range(w.span)], w.form);
        }
    }
    let first: Vec<(&str, &str, &str)> = ex.syntax[0]
        .words
        .iter()
        .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str()))
        .collect();
    assert_eq!(first[0], ("Russia", "PROPN", "Russia"));
    assert_eq!(first[1], ("delivered", "VERB", "deliver"));
    assert_eq!(first[3], ("missiles", "NOUN", "missile"));
    let json = serde_json::to_value(&ex).expect("serialises");
    assert!(json["syntax"][0]["words"][1]["feats"]
        .as_str()
        .is_some_and(|f| f.contains("Tense=Past")));
}

#[test]
fn multiword_tokens_become_several_words_with_one_span() {
    let text = "Die Panzer fahren zum Hafen.";
    let ex = read(text, "de");
    let words = &ex.syntax[0].words;
    let zum: Vec<&str> = words
        .iter()
        .filter(|w| w.span == Span::new(18, 21))
        .map(|w| w.form.as_str())
        .collect();
    assert_eq!(zum, ["zu", "dem"]);
}

#[test]
fn old_extractions_without_syntax_still_load() {
    let mut json = serde_json::to_value(Extraction::default()).expect("serialises");
    assert!(json.get("syntax").is_none(), "an empty layer is left out");
    json.as_object_mut().expect("an object").remove("syntax");
    let ex: Extraction = serde_json::from_value(json).expect("loads without a syntax field");
    assert!(ex.syntax.is_empty());
}
