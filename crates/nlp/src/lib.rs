//! NLP: language, sentences, entity mentions, people and roles, and time expressions.
//!
//! [`Reader::annotate`] fills an [`Extraction`]'s `sentences`, `entities`, `actors` and
//! `times` (and `document.language` when unknown). The steps, each its own module:
//! - [`language`] and [`segment`]: language id, sentences;
//! - [`entities`]: knowledge-base names with inflection (`data/lang/<lang>.toml` suffix
//!   rules), hyphenated compounds, ambiguity from context, office holders → their state;
//! - [`people`]: people from context (appositions, role nouns, speech verbs) and roles;
//! - [`coref`]: `der Block`, `die beiden Seiten`, pronouns, later surnames;
//! - [`time`]: time expressions;
//! - [`syntax`]: per sentence, words with lemma, UPOS, UD features (and heads and relations
//!   when the language's model has a parser), from `data/syntax/<lang>.bin`.
//! - [`ner`]: names the KB lacks (PER, LOC, ORG) from a statistical recogniser
//!   (`data/ner/<lang>.bin`), added after the KB's mentions in the languages of
//!   `data/ner/extract.toml`.
//!
//! Everything language-specific is data: adding a language is adding
//! `data/lang/<lang>.toml` and `data/kb/names/<lang>.tsv`.

pub mod coref;
pub mod entities;
pub mod language;
pub mod lexicon;
pub mod ner;
pub mod people;
pub mod segment;
pub mod syntax;
pub mod time;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use armsgraph_kb::{DataError, DataFiles, Kb};
use armsgraph_model::{
    Deadline, Document, EntityKind, EntityRecord, Extraction, LinkMethod, Mention, Role, Sentence,
    SentenceSyntax, Span, TextIndex, Warning, STOPPED_BY_TIME_BUDGET,
};

use crate::entities::Gazetteer;
use crate::lexicon::LangRules;

/// The reading stage, loaded once from the data files.
pub struct Reader {
    kb: Arc<Kb>,
    langs: BTreeMap<String, LangRules>,
    gazetteer: Gazetteer,
    segmenter: segment::Segmenter,
    time: time::TimeReader,
    syntax: syntax::SyntaxModels,
    ner: ner::NerModels,
    /// KB names by spelling key, for linking recognised names (built on first use).
    ner_keys: std::sync::OnceLock<ner::link::KeyIndex>,
    /// Office holders by surname, for `President Bush` (built on first use).
    surnames: std::sync::OnceLock<std::collections::HashMap<String, Vec<String>>>,
}

/// Mentions and actors of one text.
#[derive(Debug, Default, Clone)]
pub struct Entities {
    pub mentions: Vec<Mention>,
    pub actors: Vec<EntityRecord>,
    pub warnings: Vec<Warning>,
}

/// `de-AT` → `de`.
fn base_language(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or(lang).to_lowercase()
}

impl Reader {
    pub fn load(files: &DataFiles) -> Result<Reader, DataError> {
        let kb = Arc::new(Kb::load(files)?);
        let langs = lexicon::load_all(files)?;
        let gazetteer = Gazetteer::build(Arc::clone(&kb), &langs);
        let ner = ner::NerModels::new(files, Arc::clone(&kb));
        Ok(Reader {
            kb,
            langs,
            gazetteer,
            segmenter: segment::Segmenter::load(files)?,
            time: time::TimeReader::load(files)?,
            syntax: syntax::SyntaxModels::new(files),
            ner,
            ner_keys: std::sync::OnceLock::new(),
            surnames: std::sync::OnceLock::new(),
        })
    }

    /// The entity recognisers (`data/ner/`), loaded on first use.
    pub fn ner_models(&self) -> &ner::NerModels {
        &self.ner
    }

    /// Names the recogniser finds where no mention in `known` (sorted) is: empty when the
    /// language has no model or `data/ner/extract.toml` leaves it out.
    fn recognised(
        &self,
        text: &str,
        sentences: &[Sentence],
        lang: &str,
        known: &[Mention],
        rules: &LangRules,
    ) -> Vec<Mention> {
        if !self.ner.enabled(lang) {
            return Vec::new();
        }
        let Some(Ok(rec)) = self.ner.get(lang) else {
            return Vec::new();
        };
        let syntax = if rec.model.header.syntax.is_empty() {
            None
        } else {
            self.syntax.get(lang).and_then(Result::ok)
        };
        let keys = self
            .ner_keys
            .get_or_init(|| ner::link::KeyIndex::build(&self.kb));
        let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        let mut found = ner::link::mentions(
            rec,
            syntax,
            &self.kb,
            keys,
            lang,
            text,
            &spans,
            known,
            Some(rules),
        );
        // `am Montag`, `в январе`: a month or weekday the recogniser took for a name is a date.
        found.retain(|m| !self.time.is_calendar_word(lang, m.text.trim()));
        found
    }

    /// Context persons written in another script than the knowledge base's name take its id
    /// when their spelling keys meet (`Синдзо Абэ` → `person:shinzo-abe`, not the
    /// transliterated `person:sindzo-abe`); their later mentions and roles follow. A name in
    /// an oblique case is tried in each nominative reading of the language's name endings
    /// (`Виктором Януковичем` → `Виктор Янукович` → `person:viktor-yanukovych`), and a German
    /// spelling of a foreign name under its English one (`Janukowitsch`). In every language, a
    /// name whose given name is spelt another way than the knowledge base's, with the same
    /// surname, is that one person (`ner::link::KeyIndex::person_variant`).
    fn link_cross_script(&self, found: &mut people::People, rules: &LangRules) {
        let non_latin = |s: &str| {
            s.chars().any(|c| {
                c.is_alphabetic() && !c.is_ascii() && ('\u{0400}'..='\u{04ff}').contains(&c)
            })
        };
        let mut renamed: HashMap<String, String> = HashMap::new();
        let respelled = rules.code == "de";
        for m in &found.mentions {
            if m.kind != EntityKind::Person
                || renamed.contains_key(&m.entity)
                || self.kb.kind(&m.entity).is_some()
            {
                continue;
            }
            let keys = self
                .ner_keys
                .get_or_init(|| ner::link::KeyIndex::build(&self.kb));
            let readings = rules.name_readings(&m.text);
            let latin = |r: &String| ner::link::transliterate(r, &rules.code);
            let hit = (non_latin(&m.text) || respelled)
                .then(|| {
                    readings
                        .iter()
                        .find_map(|r| keys.find(&latin(r), EntityKind::Person, &rules.code))
                })
                .flatten()
                // Stop 32: a given name spelt another way (`Петр Порошенко` → Petro
                // Poroshenko), in every language.
                .or_else(|| readings.iter().find_map(|r| keys.person_variant(&latin(r))));
            if let Some(id) = hit {
                if id != m.entity {
                    renamed.insert(m.entity.clone(), id.to_string());
                }
            }
        }
        if renamed.is_empty() {
            return;
        }
        for m in &mut found.mentions {
            if let Some(id) = renamed.get(&m.entity) {
                m.entity = id.clone();
                m.rule.push_str(":cross-script");
            }
        }
        for r in &mut found.roles {
            if let Some(id) = renamed.get(&r.entity) {
                r.entity = id.clone();
            }
        }
    }

    /// The knowledge base the reader links against.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The name index (for statistics).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The entity-reading rules of one language (`data/lang/<lang>.toml`).
    pub fn rules(&self, lang: &str) -> Option<&LangRules> {
        self.langs.get(lang)
    }

    /// Languages with entity rules (`data/lang/*.toml`).
    pub fn languages(&self) -> Vec<String> {
        self.langs.keys().cloned().collect()
    }

    /// A page's own language declaration (`<html lang>`, metadata) is often a site-wide
    /// template default; on enough text, a confident detection that disagrees wins, with a
    /// warning. A language the user gave is never second-guessed.
    fn check_declared_language(&self, ex: &mut Extraction) {
        const MIN_CHARS: usize = 400;
        const MIN_CONFIDENCE: f32 = 0.9;
        let Some(declared) = ex.document.language.as_deref().map(base_language) else {
            return;
        };
        if ex.document.language_source.as_deref() == Some("user")
            || ex.document.text.chars().count() < MIN_CHARS
        {
            return;
        }
        let Some(d) = language::detect(&ex.document.text) else {
            return;
        };
        if d.code != declared && d.confidence >= MIN_CONFIDENCE {
            ex.warnings.push(Warning {
                code: "declared_language_overridden".into(),
                message: format!(
                    "the page declares {declared:?} ({}), but its text reads as {:?} ({} {:.2}); read as {:?}",
                    ex.document.language_source.as_deref().unwrap_or("metadata"),
                    d.code,
                    d.method,
                    d.confidence,
                    d.code
                ),
                span: None,
            });
            ex.document.language = Some(d.code.clone());
            ex.document.language_source = Some(d.method);
        }
    }

    /// The syntax models (`data/syntax/`), loaded on first use.
    pub fn syntax_models(&self) -> &syntax::SyntaxModels {
        &self.syntax
    }

    /// Fill `syntax`: the words of every sentence, when `lang` has a syntax model.
    pub fn annotate_syntax(&self, ex: &mut Extraction, lang: &str) {
        self.annotate_syntax_until(ex, lang, Deadline::NONE);
    }

    /// [`Reader::annotate_syntax`] until `deadline`: past it, the sentences not yet read get
    /// no syntax and a `stopped_by_time_budget` warning says where it stopped.
    fn annotate_syntax_until(&self, ex: &mut Extraction, lang: &str, deadline: Deadline) {
        let model = match self.syntax.get(lang) {
            None => return,
            Some(Ok(m)) => m,
            Some(Err(message)) => {
                ex.warnings.push(Warning {
                    code: "syntax_model_unreadable".into(),
                    message: format!("syntax model for {lang:?}: {message}; syntax not read"),
                    span: None,
                });
                return;
            }
        };
        let index = TextIndex::new(&ex.document.text);
        // Looked up once per document; asked only of a word with a period glued to it.
        let abbreviations = self.segmenter.abbreviations(lang);
        let abbreviation = |w: &str| abbreviations.is_some_and(|a| a.contains(&w.to_lowercase()));
        // Words the knowledge base names (read before the syntax): a state, place or armed
        // group named by one word, a person's names, an acronym of an organisation — proper
        // nouns, also where the tagger's treebank never saw them (`Russland` opening a German
        // sentence was an adjective, and the parse lost its subject). Not a nationality
        // adjective, a generic actor or a weapon category (common words), and only a
        // capitalised word.
        let mut names: Vec<(Span, syntax::tagger::NameHint)> = ex
            .entities
            .iter()
            .filter(|m| {
                !m.rule.contains("adjective")
                    && matches!(m.method, LinkMethod::Name | LinkMethod::Inflection)
            })
            .filter_map(|m| {
                use syntax::tagger::NameHint::{Strong, Weak};
                let one_word = !m.text.contains(char::is_whitespace);
                // A gazetteer's place (`Sale`), a surname alone (`Master`) or an acronym
                // (`IS`) may be a common word: only where the tagger does not know the word.
                let hint = match m.kind {
                    EntityKind::State | EntityKind::Group if one_word => Strong,
                    EntityKind::Person if !one_word => Strong,
                    EntityKind::Person | EntityKind::Place if one_word => Weak,
                    EntityKind::Organisation
                        if one_word && m.text.chars().filter(|c| c.is_uppercase()).count() >= 2 =>
                    {
                        Weak
                    }
                    _ => return None,
                };
                Some((m.span, hint))
            })
            .collect();
        // By start, so a word finds the names that may cover it by binary search (a few
        // before it: names do not nest deeply).
        names.sort_by_key(|(m, _)| (m.start, m.end));
        let text = &ex.document.text;
        let name = |w: Span| {
            let capitalised = text
                .get(index.byte_range(w))
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase);
            let upto = names.partition_point(|(m, _)| m.start <= w.start);
            names[..upto]
                .iter()
                .rev()
                .take(4)
                .find(|(m, _)| capitalised && w.end <= m.end)
                .map_or(syntax::tagger::NameHint::None, |(_, h)| *h)
        };
        let mut syntax = Vec::with_capacity(ex.sentences.len());
        for (i, s) in ex.sentences.iter().enumerate() {
            if i % 16 == 0 && deadline.passed() {
                ex.warnings.push(
                    deadline.stopped(&format!("syntax, sentence {i} of {}", ex.sentences.len())),
                );
                break;
            }
            syntax.push(SentenceSyntax {
                sentence: i,
                words: syntax::SyntaxModels::sentence(
                    model,
                    &ex.document.text,
                    &index,
                    s.span,
                    &abbreviation,
                    &name,
                ),
            });
        }
        ex.syntax = syntax;
    }

    /// Fill `sentences`, `syntax`, `entities`, `actors`, `times` (and `document.language`
    /// when unknown).
    pub fn annotate(&self, ex: &mut Extraction) {
        self.annotate_until(ex, Deadline::NONE)
    }

    /// [`Reader::annotate`] until `deadline`: a step that finds it passed stops and leaves a
    /// `stopped_by_time_budget` warning naming where; what is filled then is partial.
    pub fn annotate_until(&self, ex: &mut Extraction, deadline: Deadline) {
        self.check_declared_language(ex);
        let lang = match ex.document.language.as_deref() {
            Some(l) if !l.is_empty() => base_language(l),
            _ => match language::detect(&ex.document.text) {
                Some(d) => {
                    let letters = ex
                        .document
                        .text
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .count();
                    if letters < language::SHORT_TEXT_LETTERS && d.confidence < 0.5 {
                        // Few words, little evidence: the reader should know, and can give
                        // `--language`.
                        ex.warnings.push(Warning {
                            code: "language_uncertain".into(),
                            message: format!(
                                "a short text ({letters} letters): read as {:?} by {} with confidence {:.2}; give --language if that is wrong",
                                d.code, d.method, d.confidence
                            ),
                            span: None,
                        });
                    }
                    ex.document.language = Some(d.code.clone());
                    ex.document.language_source = Some(d.method.clone());
                    d.code
                }
                None => {
                    ex.warnings.push(Warning {
                        code: "language_unknown".into(),
                        message: "language could not be identified; read as English".into(),
                        span: None,
                    });
                    "en".to_string()
                }
            },
        };
        if ex.sentences.is_empty() {
            ex.sentences =
                self.segmenter
                    .sentences(&ex.document.text, &ex.document.paragraphs, &lang);
        }
        let stopped = |ex: &mut Extraction, place: &str| {
            if deadline.passed() {
                if !ex.warnings.iter().any(|w| w.code == STOPPED_BY_TIME_BUDGET) {
                    ex.warnings.push(deadline.stopped(place));
                }
                return true;
            }
            false
        };
        // Entities before the syntax: the tagger takes the names they read as proper nouns.
        let found = self.read_entities_until(&ex.document, &ex.sentences, &lang, deadline);
        ex.entities = found.mentions;
        ex.actors = found.actors;
        ex.warnings.extend(found.warnings);
        if stopped(ex, "entities and coreference") {
            return;
        }
        self.annotate_syntax_until(ex, &lang, deadline);
        if stopped(ex, "syntax") {
            return;
        }
        // Capitals the parse makes a verb's subject or object stand for their state (stop 42).
        let institution_heads = self
            .langs
            .get(&lang)
            .map_or(&[][..], |r| &r.metonymy.institution_heads[..]);
        let metonymic =
            entities::metonymy_from_syntax(&self.kb, &ex.syntax, &ex.entities, institution_heads);
        if !metonymic.is_empty() {
            ex.entities.extend(metonymic);
            sort_mentions(&mut ex.entities);
        }
        // A capital's adjective (`минских договорённостей`, `Moskauer`) served the metonymy
        // above; as a place it would locate what it does not (the Minsk agreements are no
        // event in Minsk, their signatories no Belarusians). Stop 45.
        ex.entities
            .retain(|m| !(m.kind == EntityKind::Place && is_adjective_link(&m.rule)));
        let published = ex.document.published.as_ref().map(|d| d.value.as_str());
        let (times, warnings) = self.time.read(&ex.document.text, &lang, published);
        ex.times = times;
        ex.warnings.extend(warnings);
    }

    /// Mentions (text order) and actors of a document whose sentences are known.
    pub fn read_entities(&self, doc: &Document, sentences: &[Sentence], lang: &str) -> Entities {
        self.read_entities_until(doc, sentences, lang, Deadline::NONE)
    }

    fn read_entities_until(
        &self,
        doc: &Document,
        sentences: &[Sentence],
        lang: &str,
        deadline: Deadline,
    ) -> Entities {
        let lang = base_language(lang);
        let mut warnings = Vec::new();
        if !self.gazetteer.has_language(&lang) {
            warnings.push(Warning {
                code: "entities_language_unsupported".into(),
                message: format!(
                    "no entity names or rules for language {lang:?} (data/lang/, data/kb/names/); entities not read"
                ),
                span: None,
            });
        }
        let year = doc
            .published
            .as_ref()
            .and_then(|d| d.value.get(..4)?.parse::<i32>().ok());
        let rules = self.langs.get(&lang);
        let empty = LangRules::default();
        let (mentions, roles) = self.mentions_of(
            &doc.text,
            sentences,
            &lang,
            rules.unwrap_or(&empty),
            year,
            true,
            deadline,
        );
        let mut actors = actors(&self.kb, &mentions, &roles, year);
        if let Some(title) = doc.title.as_deref() {
            let index = TextIndex::new(title);
            let title_sentences = [Sentence {
                span: Span::new(0, index.char_len()),
                paragraph: 0,
            }];
            let (title_mentions, _) = self.mentions_of(
                title,
                &title_sentences,
                &lang,
                rules.unwrap_or(&empty),
                year,
                false,
                deadline,
            );
            for m in title_mentions
                .iter()
                .filter(|m| m.kind != EntityKind::Group)
            {
                let pos = match actors.iter().position(|a| a.id == m.entity) {
                    Some(p) => p,
                    None => {
                        actors.push(new_record(&self.kb, m, year));
                        actors.len() - 1
                    }
                };
                if let Some(a) = actors.get_mut(pos) {
                    a.title_mentions.push(m.span);
                }
            }
        }
        Entities {
            mentions,
            actors,
            warnings,
        }
    }

    /// Mentions of a plain text in `lang` (sentences found by the segmenter): for callers
    /// that have no [`Document`] (evaluation on single sentences).
    pub fn mentions_in(&self, text: &str, lang: &str) -> Vec<Mention> {
        let sentences = self.segmenter.sentences(text, &[], lang);
        let doc = Document {
            text: text.to_string(),
            ..Default::default()
        };
        self.read_entities(&doc, &sentences, lang).mentions
    }

    #[allow(clippy::too_many_arguments)]
    fn mentions_of(
        &self,
        text: &str,
        sentences: &[Sentence],
        lang: &str,
        rules: &LangRules,
        year: Option<i32>,
        with_context: bool,
        deadline: Deadline,
    ) -> (Vec<Mention>, Vec<people::RoleFinding>) {
        let index = TextIndex::new(text);
        let ws = words::words(text, &index, sentences);
        let mut hits = entities::find(&self.kb, &self.gazetteer, lang, text, &ws);
        // Past the time budget the caller drops the document: skip the remaining steps.
        if deadline.passed() {
            return (Vec::new(), Vec::new());
        }
        let sentence_text = |s: usize| {
            sentences
                .get(s)
                .map(|s| {
                    text.get(index.byte_range(s.span))
                        .unwrap_or_default()
                        .to_string()
                })
                .unwrap_or_else(|| text.to_string())
        };
        entities::disambiguate(Some(rules), text, &ws, &mut hits, sentence_text);
        // An undated document (a saved page without its date) is dated for this by the year
        // its text names most often (`entities::text_year`).
        let title_year = year.or_else(|| entities::text_year(&ws));
        let surnames = || {
            self.surnames
                .get_or_init(|| entities::surname_index(&self.kb))
        };
        entities::require_context_for_surnames(
            &self.kb, &surnames, rules, text, &ws, &mut hits, title_year,
        );
        entities::titled_surnames(&self.kb, &surnames, rules, text, &ws, &mut hits, title_year);
        entities::weapon_names_mid_sentence(text, &ws, &mut hits);
        entities::cities_after_given_names(&self.kb, rules, text, &ws, &mut hits);
        entities::states_in_place_names(rules, text, &ws, &mut hits);
        entities::compound_agents(&self.kb, &self.gazetteer, lang, rules, &ws, &mut hits);
        entities::link_agents(&self.kb, rules, text, &ws, &mut hits);
        entities::counted_demonyms(rules, &ws, &mut hits);
        let mut mentions = entities::to_mentions(&self.kb, text, &ws, &hits);
        let mut roles = Vec::new();
        if with_context {
            let mut found = people::find(rules, text, &ws, &mentions);
            self.link_cross_script(&mut found, rules);
            mentions.extend(found.mentions);
            roles = found.roles;
            // Names the KB and the context rules missed, from the statistical recogniser.
            sort_mentions(&mut mentions);
            let recognised = self.recognised(text, sentences, lang, &mentions, rules);
            mentions.extend(recognised);
            entities::drop_states_in_place_names(&self.kb, rules, text, &ws, &mut mentions);
            sort_mentions(&mut mentions);
            entities::surnames_before_cities(&self.kb, &mut mentions);
            entities::surnames_across_scripts(&self.kb, &surnames, &mut mentions, title_year);
            let again = people::later_name_words(rules, text, &ws, &mentions);
            mentions.extend(again);
            sort_mentions(&mut mentions);
            let abbreviated = coref::defined_abbreviations(text, &ws, &mentions);
            mentions.extend(abbreviated);
        }
        let holders = entities::office_holder_mentions(&self.kb, &mentions, year);
        mentions.extend(holders);
        let metonymic = entities::metonymy_mentions(&self.kb, rules, text, &ws, &mentions);
        mentions.extend(metonymic);
        sort_mentions(&mut mentions);
        if with_context {
            let more = coref::find(&self.kb, rules, text, &ws, &mentions, deadline);
            mentions.extend(more);
            sort_mentions(&mut mentions);
        }
        (mentions, roles)
    }
}

/// Was a mention linked by an adjective of its entity (`kb:ru:adjective`,
/// `inflect:ru:adjective:-ий+их`)?
fn is_adjective_link(rule: &str) -> bool {
    let mut parts = rule.split(':');
    matches!(parts.next(), Some("kb" | "inflect")) && parts.nth(1) == Some("adjective")
}

fn sort_mentions(mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| {
        (
            m.span.start,
            m.span.end,
            entities::kind_priority(m.kind) == 0 && m.antecedent.is_some(),
        )
    });
}

fn new_record(kb: &Kb, m: &Mention, year: Option<i32>) -> EntityRecord {
    let mut rec = EntityRecord {
        id: m.entity.clone(),
        kind: m.kind,
        name: m.name.clone(),
        known: kb.contains(&m.entity),
        ..Default::default()
    };
    if m.kind == EntityKind::Person {
        if let Some(office) = entities::office_at(kb, &m.entity, year) {
            rec.roles.push(Role {
                title: office.office.clone(),
                title_en: Some(office.office.clone()),
                affiliation: Some(office.state.clone()),
                years: office.years(),
                ..Default::default()
            });
            rec.affiliations.push(office.state.clone());
        }
    } else if m.kind == EntityKind::Agent {
        // `IND.police` belongs to India, `HEZBOLLAH.militants` to Hezbollah.
        rec.known = m.sector.as_deref().is_some_and(|s| kb.contains(s));
        rec.affiliations
            .extend(m.country.iter().chain(&m.members).cloned());
    } else if let Some(country) = kb.entity(&m.entity).and_then(|e| e.country.clone()) {
        rec.affiliations.push(country);
    }
    rec
}

/// One record per distinct entity (groups excluded), in order of first mention.
fn actors(
    kb: &Kb,
    mentions: &[Mention],
    roles: &[people::RoleFinding],
    year: Option<i32>,
) -> Vec<EntityRecord> {
    let mut out: Vec<EntityRecord> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for m in mentions.iter().filter(|m| m.kind != EntityKind::Group) {
        let i = *at.entry(m.entity.clone()).or_insert_with(|| {
            out.push(new_record(kb, m, year));
            out.len() - 1
        });
        if let Some(rec) = out.get_mut(i) {
            rec.mentions += 1;
        }
    }
    for finding in roles {
        let Some(rec) = at.get(&finding.entity).and_then(|&i| out.get_mut(i)) else {
            continue;
        };
        let duplicate = rec
            .roles
            .iter()
            .any(|r| r.title == finding.role.title && r.span == finding.role.span);
        if duplicate {
            continue;
        }
        if let Some(a) = &finding.role.affiliation {
            if !rec.affiliations.contains(a) {
                rec.affiliations.push(a.clone());
            }
        }
        rec.roles.push(finding.role.clone());
    }
    out
}
