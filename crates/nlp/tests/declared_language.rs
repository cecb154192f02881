//! A page's declared language gives way to a confident detection on enough text; a language
//! the user gave does not.

use armsgraph_kb::DataFiles;
use armsgraph_model::{Document, Extraction, Paragraph, ParagraphKind, Span};
use armsgraph_nlp::Reader;

const GERMAN: &str = "Die Bundesregierung hat am Dienstag neue Waffenlieferungen an die Ukraine \
genehmigt. Nach Angaben des Verteidigungsministeriums umfasst das Paket Artilleriemunition, \
Flugabwehrsysteme und gepanzerte Fahrzeuge. Der Minister sagte, Deutschland werde seine \
Unterstützung fortsetzen, solange es nötig sei. Kritiker in der Opposition forderten dagegen \
mehr Transparenz bei den Exportgenehmigungen und eine Debatte im Bundestag über die Folgen.";

fn page(source: &str) -> Extraction {
    Extraction {
        document: Document {
            id: "t".into(),
            text: GERMAN.into(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, GERMAN.chars().count()),
                kind: ParagraphKind::Body,
            }],
            language: Some("en".into()),
            language_source: Some(source.into()),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn a_wrong_html_lang_is_overridden_with_a_warning() {
    let reader = Reader::load(&DataFiles::Embedded).unwrap();
    let mut ex = page("html lang");
    reader.annotate(&mut ex);
    assert_eq!(ex.document.language.as_deref(), Some("de"));
    assert!(ex
        .warnings
        .iter()
        .any(|w| w.code == "declared_language_overridden"));
    assert!(
        ex.entities.iter().any(|m| m.entity == "UKR"),
        "read as German"
    );
}

#[test]
fn a_language_the_user_gave_is_kept() {
    let reader = Reader::load(&DataFiles::Embedded).unwrap();
    let mut ex = page("user");
    reader.annotate(&mut ex);
    assert_eq!(ex.document.language.as_deref(), Some("en"));
    assert!(!ex
        .warnings
        .iter()
        .any(|w| w.code == "declared_language_overridden"));
}
