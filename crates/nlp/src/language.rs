//! Language identification.
//!
//! The default detector is `whatlang` restricted to [`CANDIDATES`]: it is tiny and, on whole
//! articles, as accurate as `lingua` (see `docs/notes/nlp-time.md` for the measurement). With
//! the cargo feature `lingua`, `lingua` is used instead: better on headlines and single
//! sentences, at about 5 MB of binary per language.

/// A detected language.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code (`de`).
    pub code: String,
    /// 0..=1, the detector's own confidence.
    pub confidence: f32,
    /// The detector that decided (`whatlang`, `lingua`).
    pub method: String,
}

/// Languages the detectors choose among (ISO 639-1): the six the project reads plus
/// neighbours that are commonly confused with them. Restricting whatlang to these halves its
/// errors on headlines (88.0 % → 93.5 % correct, see `docs/notes/nlp-time.md`).
pub const CANDIDATES: [&str; 12] = [
    "en", "de", "ru", "fr", "uk", "es", "it", "pt", "pl", "be", "tr", "nl",
];

/// Below this many letters there is nothing to identify.
const MIN_LETTERS: usize = 3;

/// Identifies the language of `text` among [`CANDIDATES`]. On short texts, where character
/// statistics are unreliable (`Berlin liefert Panzer.`), the words each language's list
/// knows (`data/langid/`) can overrule the detector; see [`WordLists::vote`].
pub fn detect(text: &str) -> Option<Detected> {
    let d = detect_among(text, &CANDIDATES);
    if text.chars().filter(|c| c.is_alphabetic()).count() >= SHORT_TEXT_LETTERS {
        return d;
    }
    default_word_lists().decide(text, d)
}

/// Below this many letters, word evidence is weighed against the detector.
pub const SHORT_TEXT_LETTERS: usize = 200;

/// Folder of the per-language word lists under `data/`.
pub const LANGID_DIR: &str = "langid";

/// Per-language lists of frequent words (`data/langid/<lang>.txt`, one lowercased word a
/// line; files named `<lang>.<part>.txt` are sources of the build script, not lists).
#[derive(Debug, Default, Clone)]
pub struct WordLists {
    langs: Vec<(String, std::collections::HashSet<String>)>,
}

/// How many words of a text each language's list knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    pub code: String,
    pub known: usize,
}

impl WordLists {
    pub fn load(files: &armsgraph_kb::DataFiles) -> Result<WordLists, armsgraph_kb::DataError> {
        let mut langs = Vec::new();
        let paths = match files.list(LANGID_DIR, ".txt") {
            Ok(p) => p,
            // No folder: no lists (a data directory laid out before they existed).
            Err(_) => return Ok(WordLists::default()),
        };
        for path in paths {
            let stem = armsgraph_kb::DataFiles::stem(&path);
            if stem.contains('.') {
                continue;
            }
            let text = files.read(&path)?;
            let words = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect();
            langs.push((stem, words));
        }
        langs.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(WordLists { langs })
    }

    /// Words of `text` known to each list, best first (ties in code order).
    pub fn vote(&self, text: &str) -> Vec<Vote> {
        let words: Vec<String> = text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut votes: Vec<Vote> = self
            .langs
            .iter()
            .map(|(code, list)| Vote {
                code: code.clone(),
                known: words.iter().filter(|w| list.contains(w.as_str())).count(),
            })
            .collect();
        votes.sort_by(|a, b| b.known.cmp(&a.known).then(a.code.cmp(&b.code)));
        votes
    }

    /// The detector's answer, unless the words clearly say otherwise: the best list must know
    /// at least two words and more than every other list, and more than the detector's
    /// language does (a language without a list, such as Italian, keeps the detector's word
    /// unless a list knows at least two words more than half the text).
    pub fn decide(&self, text: &str, detected: Option<Detected>) -> Option<Detected> {
        let votes = self.vote(text);
        let (Some(best), second) = (votes.first(), votes.get(1)) else {
            return detected;
        };
        let second_known = second.map(|v| v.known).unwrap_or(0);
        if best.known < 2 || best.known <= second_known {
            return detected;
        }
        let detected_known = detected
            .as_ref()
            .and_then(|d| votes.iter().find(|v| v.code == d.code))
            .map(|v| Some(v.known));
        let words = text.split_whitespace().count().max(1);
        let overrule = match (detected.as_ref(), detected_known) {
            (None, _) => true,
            (Some(d), _) if d.code == best.code => false,
            (Some(_), Some(Some(k))) => best.known > k,
            // The detector chose a language we keep no list for.
            (Some(_), _) => best.known * 2 > words,
        };
        if !overrule {
            return detected;
        }
        let confidence = best.known as f32 / words as f32;
        Some(Detected {
            code: best.code.clone(),
            confidence: confidence.min(1.0),
            method: "word lists".to_string(),
        })
    }
}

fn default_word_lists() -> &'static WordLists {
    static LISTS: std::sync::OnceLock<WordLists> = std::sync::OnceLock::new();
    // A broken data file leaves the detector alone; the test suite loads the embedded files.
    LISTS.get_or_init(|| WordLists::load(&armsgraph_kb::DataFiles::default()).unwrap_or_default())
}

/// Identifies the language of `text` among the given ISO 639-1 codes (unknown codes are
/// ignored; an empty or fully unknown list means all languages the detector knows).
pub fn detect_among(text: &str, codes: &[&str]) -> Option<Detected> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    backend::detect(text, codes)
}

#[cfg(not(feature = "lingua"))]
mod backend {
    use super::Detected;
    use whatlang::{Detector, Lang};

    fn lang_of(code: &str) -> Option<Lang> {
        // whatlang speaks ISO 639-3; the codes we use map one to one.
        let three = match code {
            "en" => "eng",
            "de" => "deu",
            "ru" => "rus",
            "fr" => "fra",
            "uk" => "ukr",
            "es" => "spa",
            "it" => "ita",
            "pt" => "por",
            "pl" => "pol",
            "be" => "bel",
            "tr" => "tur",
            "nl" => "nld",
            "cs" => "ces",
            "sk" => "slk",
            "bg" => "bul",
            "sr" => "srp",
            "hr" => "hrv",
            "ro" => "ron",
            "hu" => "hun",
            "el" => "ell",
            "fi" => "fin",
            "sv" => "swe",
            "da" => "dan",
            "nb" => "nob",
            "ar" => "ara",
            "fa" => "pes",
            "he" => "heb",
            "zh" => "cmn",
            "ja" => "jpn",
            "ko" => "kor",
            "hy" => "hye",
            "ka" => "kat",
            "az" => "aze",
            _ => return None,
        };
        Lang::from_code(three)
    }

    fn code_of(lang: Lang) -> String {
        let code = match lang {
            Lang::Eng => "en",
            Lang::Deu => "de",
            Lang::Rus => "ru",
            Lang::Fra => "fr",
            Lang::Ukr => "uk",
            Lang::Spa => "es",
            Lang::Ita => "it",
            Lang::Por => "pt",
            Lang::Pol => "pl",
            Lang::Bel => "be",
            Lang::Tur => "tr",
            Lang::Nld => "nl",
            Lang::Ces => "cs",
            Lang::Slk => "sk",
            Lang::Bul => "bg",
            Lang::Srp => "sr",
            Lang::Hrv => "hr",
            Lang::Ron => "ro",
            Lang::Hun => "hu",
            Lang::Ell => "el",
            Lang::Fin => "fi",
            Lang::Swe => "sv",
            Lang::Dan => "da",
            Lang::Nob => "nb",
            Lang::Ara => "ar",
            Lang::Pes => "fa",
            Lang::Heb => "he",
            Lang::Cmn => "zh",
            Lang::Jpn => "ja",
            Lang::Kor => "ko",
            Lang::Hye => "hy",
            Lang::Kat => "ka",
            Lang::Aze => "az",
            // Languages without a two-letter mapping here keep whatlang's three-letter code.
            other => other.code(),
        };
        code.to_string()
    }

    pub(super) fn detect(text: &str, codes: &[&str]) -> Option<Detected> {
        let allow: Vec<Lang> = codes.iter().filter_map(|c| lang_of(c)).collect();
        let detector = if allow.is_empty() {
            Detector::new()
        } else {
            Detector::with_allowlist(allow)
        };
        let info = detector.detect(text)?;
        Some(Detected {
            code: code_of(info.lang()),
            confidence: info.confidence() as f32,
            method: "whatlang".to_string(),
        })
    }
}

#[cfg(feature = "lingua")]
mod backend {
    use super::Detected;
    use lingua::{Language, LanguageDetectorBuilder};

    pub(super) fn detect(text: &str, codes: &[&str]) -> Option<Detected> {
        // Only languages compiled in (cargo features of lingua) can be chosen.
        let mut langs: Vec<Language> = Language::all()
            .into_iter()
            .filter(|l| codes.contains(&l.iso_code_639_1().to_string().as_str()))
            .collect();
        if langs.len() < 2 {
            langs = Language::all().into_iter().collect();
        }
        let detector = LanguageDetectorBuilder::from_languages(&langs).build();
        let values = detector.compute_language_confidence_values(text);
        let (lang, confidence) = values.first()?;
        Some(Detected {
            code: lang.iso_code_639_1().to_string(),
            confidence: *confidence as f32,
            method: "lingua".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<String> {
        detect(text).map(|d| d.code)
    }

    #[test]
    fn identifies_the_six_languages_on_one_sentence() {
        let cases = [
            (
                "de",
                "Die Ministerin reiste am Montag zu Gesprächen über Waffenlieferungen nach Kiew.",
            ),
            (
                "en",
                "The minister travelled to Kyiv on Monday for talks about arms deliveries.",
            ),
            (
                "ru",
                "Министр в понедельник прибыл в Киев для переговоров о поставках оружия.",
            ),
            (
                "uk",
                "Міністр у понеділок прибув до Києва на переговори щодо постачання зброї.",
            ),
            (
                "fr",
                "La ministre s'est rendue lundi à Kiev pour discuter des livraisons d'armes.",
            ),
            (
                "es",
                "La ministra viajó el lunes a Kiev para hablar sobre el envío de armas.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(code(text).as_deref(), Some(lang), "{text}");
        }
    }

    #[test]
    fn too_little_text_is_not_identified() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("12, 13 — ?"), None);
    }

    #[test]
    fn reports_method_and_confidence() {
        let d = detect("Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später vor, seine Verpflichtungen nicht einzuhalten.");
        let d = d.expect("German sentence is identified");
        assert_eq!(d.code, "de");
        assert!(d.confidence > 0.5 && d.confidence <= 1.0);
        assert!(!d.method.is_empty());
    }
}
