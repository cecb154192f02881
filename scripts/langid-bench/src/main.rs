//! Compares lingua and whatlang on the cases written by `scripts/langid_cases.py`.
//! Prints accuracy per case kind and the time per text; see docs/notes/nlp-time.md.

use std::time::Instant;

use lingua::{IsoCode639_1, Language, LanguageDetectorBuilder};

const SET: [&str; 12] = [
    "en", "de", "ru", "fr", "uk", "es", "it", "pt", "pl", "be", "tr", "nl",
];

fn whatlang_code(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Deu => "de",
        Rus => "ru",
        Fra => "fr",
        Ukr => "uk",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Pol => "pl",
        Bel => "be",
        Tur => "tr",
        Nld => "nl",
        _ => "other",
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/langid-cases.tsv".into());
    let text = std::fs::read_to_string(&path).expect("cases file");
    let cases: Vec<(String, String, String)> = text
        .lines()
        .filter_map(|l| {
            let mut it = l.splitn(3, '\t');
            Some((it.next()?.into(), it.next()?.into(), it.next()?.into()))
        })
        .filter(|(lang, _, _): &(String, String, String)| SET.contains(&lang.as_str()))
        .collect();

    let langs: Vec<Language> = SET
        .iter()
        .map(|c| Language::from_iso_code_639_1(&c.parse::<IsoCode639_1>().unwrap()))
        .collect();
    let t = Instant::now();
    let lingua = LanguageDetectorBuilder::from_languages(&langs)
        .with_preloaded_language_models()
        .build();
    println!("lingua model load: {:?}", t.elapsed());
    let wl_allow: Vec<whatlang::Lang> = [
        whatlang::Lang::Eng,
        whatlang::Lang::Deu,
        whatlang::Lang::Rus,
        whatlang::Lang::Fra,
        whatlang::Lang::Ukr,
        whatlang::Lang::Spa,
        whatlang::Lang::Ita,
        whatlang::Lang::Por,
        whatlang::Lang::Pol,
        whatlang::Lang::Bel,
        whatlang::Lang::Tur,
        whatlang::Lang::Nld,
    ]
    .to_vec();
    let wl_restricted = whatlang::Detector::with_allowlist(wl_allow);
    let wl_all = whatlang::Detector::new();

    type Det<'a> = (&'a str, Box<dyn Fn(&str) -> String + 'a>);
    let detectors: Vec<Det> = vec![
        (
            "lingua-12",
            Box::new(|s: &str| {
                lingua
                    .detect_language_of(s)
                    .map(|l| l.iso_code_639_1().to_string())
                    .unwrap_or_default()
            }),
        ),
        (
            "whatlang-all",
            Box::new(|s: &str| {
                wl_all
                    .detect_lang(s)
                    .map(whatlang_code)
                    .unwrap_or("")
                    .to_string()
            }),
        ),
        (
            "whatlang-12",
            Box::new(|s: &str| {
                wl_restricted
                    .detect_lang(s)
                    .map(whatlang_code)
                    .unwrap_or("")
                    .to_string()
            }),
        ),
    ];
    for kind in ["short", "aeb-first", "aeb-long"] {
        let subset: Vec<_> = cases.iter().filter(|c| c.1 == kind).collect();
        let chars: usize = subset.iter().map(|c| c.2.chars().count()).sum();
        for (name, det) in &detectors {
            let t = Instant::now();
            let mut ok = 0;
            let mut errors = Vec::new();
            for (lang, _, text) in &subset {
                let got = det(text);
                if &got == lang {
                    ok += 1;
                } else if errors.len() < 6 {
                    errors.push(format!(
                        "{lang}->{got}: {}",
                        text.chars().take(50).collect::<String>()
                    ));
                }
            }
            let el = t.elapsed();
            println!(
                "{kind:10} {name:13} {ok}/{} = {:.1}%  {:.3} ms/text ({} chars avg)",
                subset.len(),
                100.0 * ok as f64 / subset.len() as f64,
                el.as_secs_f64() * 1000.0 / subset.len() as f64,
                chars / subset.len().max(1)
            );
            for e in errors {
                println!("    {e}");
            }
        }
    }
}
