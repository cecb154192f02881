//! Per-language entity-reading rules, read from `data/lang/<lang>.toml`.
//!
//! Every language file has the same shape (see `data/lang/README.md`); the set of languages is
//! whatever files the folder holds, so a new language needs no Rust change.

use std::collections::BTreeMap;

use armsgraph_kb::{DataError, DataFiles};
use serde::Deserialize;

pub const LANG_DIR: &str = "lang";

/// The rules of one language.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LangRules {
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub inflection: Vec<InflectionRule>,
    /// Role noun as written → English title.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    #[serde(default)]
    pub people: PeopleRules,
    #[serde(default)]
    pub coref: CorefRules,
    #[serde(default)]
    pub ambiguous: Vec<Ambiguity>,
    #[serde(default)]
    pub agents: AgentRules,
    #[serde(default)]
    pub metonymy: MetonymyRules,
    /// Endings of person names in an oblique case and their nominative (`[[name_lemma]]`):
    /// `Виктором Януковичем` → `Виктор Янукович`, so an id is never an inflected surface.
    #[serde(default)]
    pub name_lemma: Vec<NameLemmaRule>,
    /// Given names (`lang/given_names/<code>.tsv`, built by `scripts/given_names.py`): form
    /// as written → (nominative, case the form shows). Read by the `people:given-name` rule.
    #[serde(skip)]
    pub given_names: std::collections::HashMap<String, (String, String)>,
    /// Lower-cased role noun → (as in the file, English); built by [`load_all`].
    #[serde(skip)]
    role_index: std::collections::HashMap<String, (String, String)>,
}

/// One ending of a person's name in an oblique case (`[[name_lemma]]`): a word ending in
/// `ending` (and longer than it by at least two letters) has the nominative `base` in its
/// place. `sure` rules are endings no nominative name has (`-ом`, `-ым`, `-ы`); the others
/// (`-а`, `-у`) are taken only when a sure rule of the same `case` fits another word of the
/// same name, or when the knowledge base knows the result.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NameLemmaRule {
    pub ending: String,
    #[serde(default)]
    pub base: String,
    pub case: String,
    #[serde(default)]
    pub sure: bool,
    /// The letter before the ending must be a consonant (`Виктора`, not `Сайкыа`).
    #[serde(default)]
    pub after_consonant: bool,
}

/// A suffix rule (`[[inflection]]`); the knowledge base's name index is compiled with them.
pub use armsgraph_kb::forms::InflectionRule;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeopleRules {
    /// Words that may open an apposition after a name (`ein`, `der`, `a`, `the`).
    #[serde(default)]
    pub appositive_articles: Vec<String>,
    /// Case endings to strip from a role noun before looking it up (`президента`).
    #[serde(default)]
    pub role_suffixes: Vec<String>,
    /// Prepositions attaching an organisation to a role (`am`, `at`).
    #[serde(default)]
    pub affiliation_prepositions: Vec<String>,
    /// Prepositions attaching a place (`in`).
    #[serde(default)]
    pub place_prepositions: Vec<String>,
    /// Lower-case words allowed inside an organisation's name (`für`, `and`).
    #[serde(default)]
    pub name_connectors: Vec<String>,
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Capitalised words that never begin or form a person's name.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words after which a capitalised word is a common noun, not a later mention of a
    /// person's surname: German articles, where every noun is capitalised and some surnames
    /// are nouns (`Thomas Koch` … `der Koch des Hotels`). Empty where nouns are lower case.
    #[serde(default)]
    pub common_noun_after: Vec<String>,
    /// Word glossary for English organisation names (used only when every word is known).
    #[serde(default)]
    pub org_words: BTreeMap<String, String>,
    /// Words after which a given name is no person's (`Clark County`, `Stanford University`):
    /// a run ending in one is not taken by the `people:given-name` rule.
    #[serde(default)]
    pub given_name_not_before: Vec<String>,
    /// Lower-case particles inside a person's name (`de`, `van`, `al`).
    #[serde(default)]
    pub name_particles: Vec<String>,
    /// The language writes compound nouns as one word, so a role noun may be the last part
    /// of a longer word (German `Sicherheitsexperte`).
    #[serde(default)]
    pub compound_roles: bool,
    /// Nouns that say a name next to them is an organisation's (`broadcaster`, `company`,
    /// `*agentur` = any compound ending so): an unknown name right after one (`Broadcaster
    /// CNN`), or right before one with at most one word between (`F-Secure antivirus
    /// company`), becomes an organisation.
    #[serde(default)]
    pub organisation_nouns: Vec<String>,
    /// Such nouns that say the organisation is a news medium (`broadcaster`, `*zeitung`): its
    /// mention gets the sector `media`.
    #[serde(default)]
    pub media_nouns: Vec<String>,
    /// Words for a geographic feature that end a place's name (`Bonny River`, `Niger
    /// Delta`): a name of two or three capitalised words ending in one is a place, whatever
    /// kind the recogniser gave it (stop 34).
    #[serde(default)]
    pub place_head_words: Vec<String>,
    /// Such words that open a place's name (`Río Bravo`, `Lac Kivu`, `Golf von …` is not one).
    #[serde(default)]
    pub place_lead_words: Vec<String>,
    /// Words that join a geographic word to the name after it (`Sea of Japan`, `Golf von
    /// Mexiko`, `Mer du Japon`), one or two words each (`of the`): a state's name after them
    /// names the feature, not the state (stop 45).
    #[serde(default)]
    pub place_name_connectors: Vec<String>,
}

impl PeopleRules {
    /// Whether a name whose first and last words these are is a geographic feature's
    /// (`Bonny River`, `Lac Kivu`): by `place_head_words` and `place_lead_words`.
    pub fn names_a_place(&self, first: &str, last: &str) -> bool {
        self.place_head_words.iter().any(|w| w == last)
            || self.place_lead_words.iter().any(|w| w == first)
    }
}

/// How a generic actor (`police`, `Rebellen`) takes the state the text gives it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgentRules {
    /// A state or group name right after the actor words gives its country (`la police
    /// indienne`, `полиция Индии`, `Polizei Indiens`); a state before it always does.
    #[serde(default)]
    pub country_after: bool,
    /// Words linking the actor to a following state (`of`, `der`, `de`).
    #[serde(default)]
    pub of: Vec<String>,
    /// Closed compounds: a generic actor as the head of a compound word (`Gegendemonstranten`)
    /// needs a modifier of at least this many letters; 0 (the default): no compound reading.
    #[serde(default)]
    pub compound_min_modifier: usize,
    /// Linking elements between a compound's modifier and head (`s` in `Regierungstruppen`),
    /// not counted as the modifier's letters.
    #[serde(default)]
    pub linking: Vec<String>,
    /// Words that count people (`hunderte`, `two`, `dozens`): a state's demonym right after
    /// one of them, or after a number (`143 Briten`), is people of that state — civilians —
    /// not the state (`hunderte Osttimoresen demonstrierten`; stop 30). Empty: no such reading.
    #[serde(default)]
    pub counted: Vec<String>,
}

/// When a capital or seat of power acts for its state (`Kyiv said`, `Москва заявила`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MetonymyRules {
    /// Words that make the capital a place (`in`, `from`, `в`): never metonymy after them.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Articles skipped when looking back for `not_after` (`in the Kremlin`).
    #[serde(default)]
    pub articles: Vec<String>,
    /// Verbs (lower-case, as written) that make the capital before them the actor.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Endings of lower-case verbs (`-ed`, `-ла`).
    #[serde(default)]
    pub verb_endings: Vec<String>,
    /// Any lower-case next word counts as a verb (German: nouns are capitalised) unless listed
    /// in `not_verbs`.
    #[serde(default)]
    pub any_lowercase: bool,
    #[serde(default)]
    pub not_verbs: Vec<String>,
    /// Coordinators (lower-case) joining a capital to a following one that stands for its
    /// state (`Москва и Вашингтон договорились`): the first stands for its state too.
    #[serde(default)]
    pub coordinators: Vec<String>,
    /// Verbs (lower-case, as written) whose object is a party, not a place: the capital right
    /// after one stands for its state (`accused Tehran of`, `urged Kyiv to`, `обвинил Киев`).
    #[serde(default)]
    pub object_after: Vec<String>,
    /// Nouns of a state's institutions (lower-case, as written): a capital that modifies one
    /// in the parse (`a Moscow court`, `Kyiv authorities`) stands for its state when the noun
    /// is a verb's subject or object (stop 44).
    #[serde(default)]
    pub institution_heads: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CorefRules {
    /// Lower-case word stems that mark a sentence as being about armed conflict.
    #[serde(default)]
    pub conflict_cues: Vec<String>,
    #[serde(default)]
    pub description: Vec<Description>,
    #[serde(default)]
    pub group: Vec<GroupRule>,
    #[serde(default)]
    pub pronoun: Vec<PronounRule>,
}

/// A definite description pointing back to the last entity of a type (`der Block`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Description {
    pub words: Vec<String>,
    /// Organisation type it refers to (`alliance`), as in `kb/entities.tsv`'s category.
    pub target: String,
    #[serde(default)]
    pub gender: String,
    /// Words right before the phrase that make it no party (`leave the country`, `in the
    /// country`, `of the country`: a place or a possessor), lower case.
    #[serde(default)]
    pub not_after: Vec<String>,
}

/// `die beiden Seiten`: a trigger, at most one word, a head noun.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GroupRule {
    pub triggers: Vec<String>,
    pub heads: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PronounRule {
    pub words: Vec<String>,
    #[serde(default)]
    pub gender: String,
    #[serde(default = "default_confidence")]
    pub confidence: f32,
}

fn default_confidence() -> f32 {
    0.6
}

/// A name that can mean something else, with the context that decides.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Ambiguity {
    pub surface: String,
    pub entity: String,
    #[serde(default)]
    pub drop_near: Vec<String>,
    #[serde(default)]
    pub keep_near: Vec<String>,
    /// Drop when adjacent capitalised words make it part of a person's name (`Michael Jordan`).
    #[serde(default)]
    pub drop_in_person_name: bool,
    /// Keep when one of these words stands right before the name (`the Security Council`,
    /// `im Sicherheitsrat`): a bare definite names the one body every reader knows; another
    /// body of that name has its qualifier there (`the National Security Council`, `der
    /// russische Sicherheitsrat`). Stop 41.
    #[serde(default)]
    pub keep_after: Vec<String>,
    /// `keep` or `drop` when no context word is found.
    #[serde(default)]
    pub default: String,
    #[serde(default)]
    pub reason_keep: String,
    #[serde(default)]
    pub reason_drop: String,
}

/// Reads every `lang/*.toml`, keyed by language code.
pub fn load_all(files: &DataFiles) -> Result<BTreeMap<String, LangRules>, DataError> {
    let mut out = BTreeMap::new();
    for path in files.list(LANG_DIR, ".toml")? {
        let text = files.read(&path)?;
        let mut rules: LangRules = toml::from_str(&text).map_err(|e| DataError::Invalid {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if rules.code.is_empty() {
            rules.code = DataFiles::stem(&path);
        }
        rules.index_roles();
        // The given-name list is optional: a language without one has no such rule.
        if let Ok(text) = files.read(&format!("{LANG_DIR}/given_names/{}.tsv", rules.code)) {
            rules.given_names = parse_given_names(&text);
        }
        out.insert(rules.code.clone(), rules);
    }
    Ok(out)
}

/// Rows `form, nominative, case` of a given-name list (`#` comments).
pub fn parse_given_names(text: &str) -> std::collections::HashMap<String, (String, String)> {
    let mut out = std::collections::HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(form), Some(nom)) = (cols.next(), cols.next()) else {
            continue;
        };
        let case = cols.next().unwrap_or("nom");
        if !form.is_empty() && !nom.is_empty() {
            out.entry(form.to_string())
                .or_insert_with(|| (nom.to_string(), case.to_string()));
        }
    }
    out
}

/// The nominative of `word` by one `[[name_lemma]]` rule, when the rule fits.
fn name_lemma_apply(rule: &NameLemmaRule, word: &str) -> Option<String> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let stem = word.strip_suffix(rule.ending.as_str())?;
    if stem.chars().count() < 2 {
        return None;
    }
    if rule.after_consonant {
        let last = stem.chars().last()?.to_lowercase().next()?;
        if "аеёиоуыэюяйьъaeiouy".contains(last) {
            return None;
        }
    }
    Some(format!("{stem}{}", rule.base))
}

impl LangRules {
    /// Builds the lower-cased role lookup; call after changing `roles`.
    pub fn index_roles(&mut self) {
        self.role_index = self
            .roles
            .iter()
            .map(|(k, v)| (k.to_lowercase(), (k.clone(), v.clone())))
            .collect();
    }

    /// Inflected variants of one word of a name of `form` (without the word itself), each with
    /// the rule that made it (`-ий+ого`).
    pub fn inflect_word(&self, word: &str, form: &str) -> Vec<(String, String)> {
        armsgraph_kb::forms::inflect_word(&self.inflection, word, form)
    }

    /// Readings of a person's name (words as written, space-separated) in the nominative, most
    /// likely first, by the `[[name_lemma]]` rules: the name itself comes first when no sure
    /// rule fits it. The first reading is the lemma to mint an id from; the others are for a
    /// knowledge-base lookup only. At most 16 readings.
    pub fn name_readings(&self, name: &str) -> Vec<String> {
        self.name_readings_in(name, None)
    }

    /// The case a role noun right before a name shows by its ending (`лидера` → `gen`,
    /// `президентом` → `ins`); the name in apposition stands in the same case. `None` for a
    /// word in the nominative or one no `[[name_lemma]]` ending fits.
    pub fn case_of_role_noun(&self, word: &str) -> Option<&str> {
        let mut cs = word.chars();
        let capitalised: String = cs
            .next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default();
        self.name_lemma
            .iter()
            .find(|r| name_lemma_apply(r, &capitalised).is_some())
            .map(|r| r.case.as_str())
    }

    /// [`Self::name_readings`] with the case the context gives (`hint`, from
    /// [`Self::case_of_role_noun`]) when no sure ending of the name's own words does.
    pub fn name_readings_in(&self, name: &str, hint: Option<&str>) -> Vec<String> {
        if self.name_lemma.is_empty() {
            return vec![name.to_string()];
        }
        let words: Vec<&str> = name.split(' ').collect();
        // Per word: (rule index, base form) of each rule that fits.
        let fits: Vec<Vec<(usize, String)>> = words
            .iter()
            .map(|w| {
                self.name_lemma
                    .iter()
                    .enumerate()
                    .filter_map(|(k, r)| name_lemma_apply(r, w).map(|b| (k, b)))
                    .collect()
            })
            .collect();
        // The case a sure rule gives; a name whose words disagree gets none.
        let mut sure_case: Option<&str> = None;
        let mut agree = true;
        for f in &fits {
            if let Some((k, _)) = f.iter().find(|(k, _)| self.name_lemma[*k].sure) {
                let c = self.name_lemma[*k].case.as_str();
                match sure_case {
                    Some(s) if s != c => agree = false,
                    _ => sure_case = Some(c),
                }
            }
        }
        let case = if sure_case.is_some() {
            sure_case.filter(|_| agree)
        } else {
            hint
        };
        let first: Vec<String> = words
            .iter()
            .zip(&fits)
            .map(|(w, f)| {
                f.iter()
                    .find(|(k, _)| case.is_some_and(|c| self.name_lemma[*k].case == c))
                    .map_or_else(|| w.to_string(), |(_, b)| b.clone())
            })
            .collect();
        let mut out = vec![first.join(" ")];
        if out[0] != name {
            out.push(name.to_string());
        }
        // Every combination of the words' readings (the word itself or one base), capped.
        let options: Vec<Vec<String>> = words
            .iter()
            .zip(&fits)
            .map(|(w, f)| {
                std::iter::once(w.to_string())
                    .chain(f.iter().map(|(_, b)| b.clone()))
                    .collect()
            })
            .collect();
        let mut combos: Vec<String> = vec![String::new()];
        for opts in &options {
            let mut next = Vec::new();
            for c in &combos {
                for o in opts {
                    if next.len() >= 16 {
                        break;
                    }
                    next.push(if c.is_empty() {
                        o.clone()
                    } else {
                        format!("{c} {o}")
                    });
                }
            }
            combos = next;
        }
        for c in combos {
            if out.len() >= 16 {
                break;
            }
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// English title of a role noun, trying the word, then the word without case endings,
    /// then the longest known role the word ends with (German compounds: `Sicherheitsexperte`).
    pub fn role_title(&self, word: &str) -> Option<(String, String)> {
        let lower = word.to_lowercase();
        let find = |w: &str| self.role_index.get(w).cloned();
        if let Some(hit) = find(&lower) {
            return Some(hit);
        }
        for suffix in &self.people.role_suffixes {
            if let Some(stem) = lower.strip_suffix(suffix.as_str()) {
                if let Some(hit) = find(stem) {
                    return Some(hit);
                }
            }
        }
        // Compound nouns: the head is the last part and must leave a real modifier (≥ 3 chars).
        if !self.people.compound_roles || lower.contains([' ', '-']) {
            return None;
        }
        self.role_index
            .iter()
            .filter(|(k, _)| !k.contains(' '))
            .filter(|(k, _)| lower.len() >= k.len() + 3 && lower.ends_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, hit)| hit.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_language_file_parses_and_inflects() {
        let langs = load_all(&DataFiles::Embedded).unwrap();
        for code in ["de", "en", "ru", "fr", "uk", "es"] {
            assert!(langs.contains_key(code), "{code}");
        }
        let de = &langs["de"];
        let forms: Vec<String> = de
            .inflect_word("aserbaidschanisch", "adjective")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert!(forms.contains(&"aserbaidschanischen".to_string()));
        let ru = &langs["ru"];
        let forms: Vec<String> = ru
            .inflect_word("Россия", "short")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert!(forms.contains(&"России".to_string()));
        assert!(!forms.contains(&"Россиюи".to_string()));
        assert_eq!(
            de.role_title("Sicherheitsexperte").map(|(_, en)| en),
            Some("expert".to_string())
        );
        assert_eq!(
            ru.role_title("президента").map(|(_, en)| en),
            Some("president".to_string())
        );
    }
}
