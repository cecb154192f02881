//! Events and quotes, from trigger rules in `data/events/<lang>.toml`.
//!
//! Input: an [`Extraction`] whose NLP fields (sentences, entity mentions, actors, times) are
//! filled. Output: `events` (PLOVER types with actor/recipient lists, time, place, evidence,
//! factuality, arms-transfer details, inferred roles) and `quotes` (cue, speaker, message,
//! addressee), plus warnings such as `unbalanced_quote`.
//!
//! Steps per document: quotations → sentence rules (trigger + role frames) → quotes claim the
//! events inside their message → document-level inference of unnamed roles (alliance
//! reference data + document evidence) → arms-transfer completion → ids and summaries.
//!
//! Invariants: every language specific word lives in the rule file (adding a language is
//! adding a file); the text is never edited, every role and quote is a span into it;
//! annotation never fails — an unknown language yields a warning and no events.

// The hand-built extractions of `tests/common` (also read by unit tests, `infer.rs`) name
// this crate as the integration tests do.
#[cfg(test)]
extern crate self as armsgraph_events;

mod agents;
mod clause;
mod extract;
mod infer;
mod merge;
pub mod numbers;
mod quotes;
pub mod rules;
pub mod text;

use std::collections::BTreeMap;

use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::{DataError, DataFiles, Kb};
use armsgraph_model::{
    Deadline, Event, EventType, Extraction, Factuality, Participant, Quote, Span, Warning,
};

pub use merge::merge_across_documents;
pub use rules::LanguageRules;
use rules::RuleProblem;

use extract::{sentence_events, Found, SentenceCtx};
use text::DocView;

/// The event and quote reader, loaded once from the data files.
pub struct EventReader {
    langs: BTreeMap<String, LanguageRules>,
    kb: Kb,
    refs: ReferenceData,
}

impl EventReader {
    /// Read every `events/*.toml` file, and the knowledge base and alliance reference data
    /// from the same folder. Those two are optional: a data directory with only rule files
    /// (tests, a new language) still works, and unnamed roles then stay unnamed. A file that
    /// exists but cannot be read is an error, never silently an empty knowledge base.
    pub fn load(files: &DataFiles) -> Result<EventReader, DataError> {
        let kb = optional(Kb::load(files))?;
        let refs = optional(ReferenceData::load(files))?;
        Self::with_knowledge(files, kb, refs)
    }

    /// Read the rule files and use a knowledge base and reference data already loaded (the
    /// pipeline shares the ones the other stages use instead of parsing them twice).
    pub fn with_knowledge(
        files: &DataFiles,
        kb: Kb,
        refs: ReferenceData,
    ) -> Result<EventReader, DataError> {
        let mut langs = BTreeMap::new();
        for rel in files.list("events", ".toml")? {
            let text = files.read(&rel)?;
            let rules = LanguageRules::parse(&text).map_err(|p| DataError::Invalid {
                path: rel.clone(),
                message: p.0,
            })?;
            let code = if rules.language.is_empty() {
                DataFiles::stem(&rel)
            } else {
                rules.language.clone()
            };
            langs.insert(code, rules);
        }
        // Vocabulary files fill in after the hand rules of their language (a hand rule is
        // tried first at every word); one for a language without a rule file is an error.
        for rel in files.list("events/vocab", ".toml")? {
            let text = files.read(&rel)?;
            let invalid = |p: RuleProblem| DataError::Invalid {
                path: rel.clone(),
                message: p.0,
            };
            let code = LanguageRules::vocabulary_language(&text).map_err(invalid)?;
            let Some(rules) = langs.get_mut(&code) else {
                return Err(invalid(RuleProblem(format!(
                    "no events/{code}.toml for this vocabulary"
                ))));
            };
            rules.append_vocabulary(&text).map_err(invalid)?;
        }
        Ok(EventReader { langs, kb, refs })
    }

    /// Languages with a rule file.
    pub fn languages(&self) -> Vec<&str> {
        self.langs.keys().map(String::as_str).collect()
    }

    pub fn rules(&self, language: &str) -> Option<&LanguageRules> {
        self.langs.get(language)
    }

    /// Fill `events` and `quotes` from an extraction whose NLP fields are filled. Events that
    /// name no party (except displacement) are dropped.
    pub fn annotate(&self, ex: &mut Extraction) {
        self.annotate_with(ex, false, Deadline::NONE)
    }

    /// [`EventReader::annotate`] until `deadline`: past it, the sentence loop and the
    /// inferences stop and a `stopped_by_time_budget` warning says where (what is filled
    /// then is partial; the pipeline drops such a document).
    pub fn annotate_until(&self, ex: &mut Extraction, deadline: Deadline) {
        self.annotate_with(ex, false, deadline)
    }

    /// Like [`EventReader::annotate`], but keep the events that name no party: sentence-type
    /// classification (the PLOVER GSR evaluation) scores the type of every act.
    pub fn annotate_unanchored(&self, ex: &mut Extraction) {
        self.annotate_with(ex, true, Deadline::NONE)
    }

    fn annotate_with(&self, ex: &mut Extraction, keep_unanchored: bool, deadline: Deadline) {
        let code = ex.document.language.clone().unwrap_or_default();
        let Some(lang) = self.langs.get(&code) else {
            ex.warnings.push(Warning {
                code: "no_event_rules".into(),
                message: format!("no event rules for language `{code}`; no events or quotes read"),
                span: None,
            });
            return;
        };
        let (events, quotes, warnings) = self.read(ex, lang, keep_unanchored, deadline);
        ex.events = events;
        ex.quotes = quotes;
        ex.warnings.extend(warnings);
    }

    /// An attack with an author and no target named is aimed at the state where it struck
    /// (`атаковали Одесскую область`, `Ziele im Süden des Libanon angegriffen`): the state of
    /// the first place of its clause, unless that is the author's own state (fighting inside
    /// one state names its sides, not its ground).
    /// A visit's rule (`host_from_place`) reads its host the same way: the state visited.
    fn target_from_place(
        &self,
        event: &mut Event,
        visit: bool,
        view: &DocView,
        not_after: &rules::PhraseSet,
        target_nouns: &rules::PhraseSet,
        determiners: &rules::PhraseSet,
    ) {
        if (event.event_type != EventType::Assault && !visit)
            || event.actors.is_empty()
            || !event.recipients.is_empty()
        {
            return;
        }
        let own: Vec<&str> = event
            .actors
            .iter()
            .filter_map(|a| self.kb.country_of(&a.entity))
            .collect();
        // The word before the place (over an article): a scene's preposition leaves it.
        // Not right after a noun naming what is hit (`struck targets in Gaza`): there the
        // phrase locates the target.
        let scene = |span: Option<Span>| {
            span.is_some_and(|sp| {
                view.word_before(sp.start, determiners)
                    .is_some_and(|w| not_after.matches_word(w))
                    && !view
                        .word_before_that(sp.start, determiners)
                        .is_some_and(|w| target_nouns.matches_word(w))
            })
        };
        let target = event.locations.iter().find_map(|place| {
            if !visit && !not_after.is_empty() && scene(place.span) {
                return None;
            }
            let state = self.kb.country_of(&place.entity)?;
            (!own.contains(&state)).then(|| (state.to_string(), place.span))
        });
        if let Some((state, span)) = target {
            event.recipients.push(Participant {
                name: self.kb.name(&state).unwrap_or(&state).to_string(),
                entity: state,
                span,
                how: "location".to_string(),
            });
        }
    }

    /// Only the quotations of a document (evaluation of the quote layer on its own).
    pub fn quotes_only(&self, ex: &Extraction, language: &str) -> Vec<Quote> {
        let Some(lang) = self.langs.get(language) else {
            return Vec::new();
        };
        let view = DocView::with_origin_words(ex, &lang.origin_words);
        let parses = clause::sentence_parses(ex, &view, lang.read_parse, lang.voice_from_relations);
        let lemma_strings = view.lemmas();
        let lemmas: Vec<&str> = lemma_strings.iter().map(String::as_str).collect();
        self.read_quotes(&view, lang, &parses, None, &lemmas, &mut Vec::new())
    }

    /// The quote passes, in order: quotations and their cues, speakers from the parse,
    /// referring speakers, institutions as their state, and once institutions speak as their
    /// state, a pronoun after one continues it (`…, заявила пресс-служба армии. По её словам,
    /// …`). Ids are `<document>:q<n>`.
    fn read_quotes(
        &self,
        view: &DocView,
        lang: &LanguageRules,
        parses: &[Option<clause::SentenceParse>],
        side_parses: Option<&[Option<clause::SentenceParse>]>,
        lemmas: &[&str],
        warnings: &mut Vec<Warning>,
    ) -> Vec<Quote> {
        // The syntax layer's parses where roles are not read from them (`side_parses`, built
        // by the caller, or here when it has none).
        let built;
        let full_parses = if !lang.read_parse
            && (lang.quote_names_from_parse || lang.quote_complements_from_parse)
        {
            match side_parses {
                Some(p) => Some(p),
                None => {
                    built = clause::sentence_parses(view.ex, view, true, lang.voice_from_relations);
                    Some(&built[..])
                }
            }
        } else {
            None
        };
        let complement_parses = full_parses
            .filter(|_| lang.quote_complements_from_parse)
            .unwrap_or(parses);
        let mut found = quotes::extract_quotes(view, lang, parses, complement_parses, warnings);
        quotes::speakers_from_parse(view, parses, &mut found, false);
        let name_parses = full_parses.filter(|_| lang.quote_names_from_parse);
        if let Some(name_parses) = name_parses {
            // Only the personal names of speech verbs' subjects (data flag, de/ru): the parse
            // is read for nothing else where `read_parse` is off.
            quotes::speakers_from_parse(view, name_parses, &mut found, true);
        }
        quotes::resolve_referring_speakers(view, lang, &mut found);
        quotes::institution_speakers(view, lang, &self.kb, lemmas, &mut found);
        quotes::resolve_referring_speakers(view, lang, &mut found);
        // A name in the genitive after a report noun is the source (`laut einem Artikel der
        // Nachrichtenagentur X`; stop 30).
        quotes::source_genitive_names(view, lang, &mut found);
        quotes::own_account_speakers(view, lang, name_parses.unwrap_or(parses), &mut found);
        quotes::stable_speaker_ids(view, lang, lemmas, &mut found);
        // A news outlet reporting a sentence speaks for it (data lists, stop 30).
        quotes::outlet_reports(view, lang, &self.kb, &mut found);
        // Konjunktiv I sentences after a report go on with it (data flag, de; stop 29).
        quotes::subjunctive_reports(view, lang, &mut found);
        let mut qs: Vec<Quote> = found.into_iter().map(|q| q.quote).collect();
        agents::locate_speakers(&mut qs, view, &self.kb, lang);
        for (n, q) in qs.iter_mut().enumerate() {
            q.id = format!("{}:q{}", view.ex.document.id, n + 1);
        }
        qs
    }

    fn read(
        &self,
        ex: &Extraction,
        lang: &LanguageRules,
        keep_unanchored: bool,
        deadline: Deadline,
    ) -> (Vec<Event>, Vec<Quote>, Vec<Warning>) {
        let doc_id = ex.document.id.as_str();
        let view = DocView::with_origin_words(ex, &lang.origin_words);
        let mut warnings = Vec::new();
        let parses = clause::sentence_parses(ex, &view, lang.read_parse, lang.voice_from_relations);
        // Where roles are not read from the parse, the syntax layer's parses are still read
        // by the factuality layer, for the missing parties (stop 28) and by the quotes that
        // ask for them: built once for all of them.
        let side_parses = if !lang.read_parse
            && (lang.mood_from_parse
                || lang.missing_parties_from_parse
                || lang.quote_names_from_parse
                || lang.quote_complements_from_parse)
        {
            clause::sentence_parses(ex, &view, true, lang.voice_from_relations)
        } else {
            Vec::new()
        };
        let none: &[Option<clause::SentenceParse>] = &[];
        let mood_parses = if lang.mood_from_parse {
            &side_parses[..]
        } else {
            none
        };
        let fill_parses = if lang.missing_parties_from_parse {
            &side_parses[..]
        } else {
            none
        };
        let lemma_strings = view.lemmas();
        let lemmas: Vec<&str> = lemma_strings.iter().map(String::as_str).collect();
        let side = (!side_parses.is_empty()).then_some(&side_parses[..]);
        let mut quotes = self.read_quotes(&view, lang, &parses, side, &lemmas, &mut warnings);

        let words = view.words(0, view.toks.len());
        let morphology = view.morphology();
        let event_lemma_strings =
            extract::separable_lemmas(&view, lang, &lemma_strings, &words, &morphology);
        let lemmas: Vec<&str> = event_lemma_strings.iter().map(String::as_str).collect();
        let particles: Vec<String> = event_lemma_strings
            .iter()
            .zip(&lemma_strings)
            .map(|(e, l)| e.strip_suffix(l.as_str()).unwrap_or_default().to_string())
            .collect();
        let mut found: Vec<Found> = Vec::new();
        for (n, &sent) in view.sentences.iter().enumerate() {
            if n % 16 == 0 && deadline.passed() {
                warnings.push(
                    deadline.stopped(&format!("events, sentence {n} of {}", view.sentences.len())),
                );
                return (Vec::new(), quotes, warnings);
            }
            let ctx = SentenceCtx {
                view: &view,
                lang,
                sent,
                words: &words,
                lemmas: &lemmas,
                morphology: &morphology,
                particles: &particles,
                parse: parses.get(n).and_then(Option::as_ref),
                mood: parses
                    .get(n)
                    .and_then(Option::as_ref)
                    .or_else(|| mood_parses.get(n).and_then(Option::as_ref)),
                fill: fill_parses.get(n).and_then(Option::as_ref),
            };
            sentence_events(&ctx, doc_id, &mut found);
        }
        found.sort_by_key(|f| f.trigger_tok);
        recipients_from_object_events(&mut found);
        if !lang.cause_marks.is_empty() {
            let cause_parses = if mood_parses.is_empty() {
                &parses
            } else {
                mood_parses
            };
            sanctioned_causes(&mut found, &view, cause_parses, &lang.cause_marks);
        }
        for f in found
            .iter_mut()
            .filter(|f| (lang.target_from_place && f.takes_recipient) || f.host_from_place)
        {
            let visit = f.host_from_place;
            self.target_from_place(
                &mut f.event,
                visit,
                &view,
                &lang.place_not_target_after,
                &lang.target_nouns,
                &lang.determiners,
            );
        }

        // Events inside a quotation are claims of its speaker. Quotes by message start, with
        // the furthest end reached so far, so finding the quote around a trigger walks back
        // only over quotes that can still hold it (not over every quote of the document).
        let mut by_start: Vec<usize> = (0..quotes.len()).collect();
        by_start.sort_by_key(|&i| quotes[i].message.start);
        let reach: Vec<usize> = by_start
            .iter()
            .scan(0, |max, &i| {
                *max = quotes[i].message.end.max(*max);
                Some(*max)
            })
            .collect();
        let quote_around = |trigger: &Span| -> Option<usize> {
            let mut k = by_start.partition_point(|&i| quotes[i].message.start <= trigger.start);
            let mut first: Option<usize> = None;
            while k > 0 && reach[k - 1] > trigger.start {
                k -= 1;
                let i = by_start[k];
                if quotes[i].message.contains(trigger) {
                    first = Some(first.map_or(i, |f| f.min(i)));
                }
            }
            first
        };
        for f in found.iter_mut() {
            let Some(trigger) = f.event.evidence.first().map(|e| e.trigger) else {
                continue;
            };
            let Some(q) = quote_around(&trigger).map(|i| &quotes[i]) else {
                continue;
            };
            f.event.quote = Some(q.id.clone());
            // A denied act stays denied, and an announced one stays future: the speaker
            // states an intent (PLOVER codes it AGREE or THREATEN), the quote link says who.
            // A possible one stays hypothetical (`may drive Canada out`, says Layton: the
            // speaker claims no act).
            if !matches!(
                f.event.factuality,
                Factuality::Denied | Factuality::Future | Factuality::Hypothetical
            ) {
                f.event.factuality = Factuality::Claimed;
            }
            let speech_act = matches!(
                f.event.event_type,
                EventType::Accuse
                    | EventType::Request
                    | EventType::Reject
                    | EventType::Threaten
                    | EventType::Agree
            );
            if f.event.actors.is_empty() && speech_act && !f.nominal {
                // Only a speaker the knowledge base knows can be a party (`the statement said`
                // names a document, not an actor), and not a news organisation: it reports
                // the act, it does not do it (`Как пишет Лента.ру, … не удалось договориться`).
                let media = |e: &str| {
                    self.kb.is_org_type(e, "media")
                        || view
                            .placed
                            .iter()
                            .any(|p| p.m.entity == e && p.m.sector.as_deref() == Some("media"))
                };
                if let Some((sp, entity)) = q
                    .speaker
                    .as_ref()
                    .and_then(|sp| sp.entity.clone().map(|e| (sp, e)))
                    // A speaker named only by its words (`source:…`) is no party either.
                    .filter(|(_, e)| {
                        !e.is_empty() && !media(e) && !e.starts_with(quotes::DESCRIBED_SPEAKER)
                    })
                {
                    f.event.actors.push(Participant {
                        entity,
                        name: sp.name.clone(),
                        span: sp.span,
                        how: "quote_speaker".into(),
                    });
                }
            }
        }

        // The document-level passes below are each near-linear by construction (indexes and
        // bounded look-backs, not walks over every earlier event); the deadline is still
        // checked between them, so a slow pass cannot start another past the budget.
        type Pass<'p> = (&'p str, &'p dyn Fn(&mut Vec<Found>));
        let passes: [Pass; 9] = [
            ("locate", &|f| agents::locate(f, &view, &self.kb, lang)),
            ("own_ground", &|f| agents::own_ground(f, &view, &self.kb)),
            ("claimed_targets", &|f| agents::claimed_targets(f)),
            ("resolve_unnamed", &|f| {
                agents::resolve_unnamed(f, &view, &self.kb, lang)
            }),
            ("role_compound_antecedents", &|f| {
                if lang.role_compound_antecedents {
                    agents::role_compound_antecedents(f, &view, lang);
                }
            }),
            ("resolve_sides", &|f| agents::resolve_sides(f)),
            ("reciprocal_acts", &|f| agents::reciprocal_acts(f)),
            ("demanded_act_addressee", &|f| {
                if !lang.demanded_act_agent_cases.is_empty() {
                    agents::demanded_act_addressee(
                        f,
                        &view,
                        &lang.demanded_act_agent_cases,
                        &lang.demanded_act_agent_endings,
                    );
                }
            }),
            ("reply_recipients", &|f| {
                if lang.reply_recipients {
                    agents::reply_recipients(f, &view);
                }
            }),
        ];
        for (name, pass) in passes {
            if deadline.passed() {
                warnings.push(deadline.stopped(&format!("events, before pass {name}")));
                return (Vec::new(), quotes, warnings);
            }
            pass(&mut found);
        }
        infer::infer_roles(&mut found, &view, lang, &self.kb, &self.refs, deadline);
        if deadline.passed() {
            warnings.push(deadline.stopped("event inference"));
            return (Vec::new(), quotes, warnings);
        }
        infer::complete_transfers(&mut found, &view, lang);
        // A noun naming an act already reported is that act again (stop 30).
        merge_nominal_rementions(&mut found, &view, &morphology);
        // Last, once every pass has filled the parties: a title's holder named before, and
        // one act per coordinated name.
        extract::role_phrase_holders(
            &mut found,
            &view,
            &self.kb,
            lang,
            &lemma_strings,
            &morphology,
        );
        extract::distribute_conjuncts(&mut found, &view, lang);
        noncombatants(&mut found, lang);
        // An act nobody is named in (`?: reject`, `?: support`) tells an analyst nothing and is
        // mostly a trigger word in passing; only a dated or counted displacement is a fact
        // without a named party.
        if !keep_unanchored {
            found.retain(|f| stands_alone(&f.event));
        }

        let quote_index: std::collections::HashMap<String, usize> = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let mut events: Vec<Event> = Vec::with_capacity(found.len());
        for (n, f) in found.into_iter().enumerate() {
            let mut e = f.event;
            e.id = format!("{doc_id}:e{}", n + 1);
            fill_names(&mut e, &self.kb, &view);
            let trigger = e
                .evidence
                .first()
                .map(|ev| view.text(ev.trigger))
                .unwrap_or_default();
            e.summary = summary(&e, &trigger);
            if let Some(qi) = e
                .quote
                .as_ref()
                .and_then(|qid| quote_index.get(qid.as_str()))
            {
                quotes[*qi].events.push(e.id.clone());
            }
            events.push(e);
        }
        (events, quotes, warnings)
    }
}

/// How many earlier acts of the kind an object event (`condemned the attack`) may point back
/// to: the act it names is a recent one, and the bound keeps the pass linear.
const OBJECT_EVENT_REACH: usize = 64;

/// `Iraq condemned the raids`: an act whose object is an event noun and that names no
/// recipient is aimed at the author of the last such event reported before it (found sorted
/// by trigger).
fn recipients_from_object_events(found: &mut [Found]) {
    // Each kind's events, in text order (`found` is sorted), built once.
    let mut by_kind: std::collections::HashMap<EventType, Vec<usize>> =
        std::collections::HashMap::new();
    if found.iter().any(|f| f.object_event.is_some()) {
        for (j, f) in found.iter().enumerate() {
            by_kind.entry(f.event.event_type).or_default().push(j);
        }
    }
    for i in 0..found.len() {
        if found[i].object_act_anaphor && found[i].event.recipients.is_empty() {
            act_anaphor_recipients(found, i);
            continue;
        }
        let Some(kind) = found[i].object_event else {
            continue;
        };
        if !found[i].event.recipients.is_empty() {
            continue;
        }
        let own: Vec<String> = found[i]
            .event
            .actors
            .iter()
            .map(|a| a.entity.clone())
            .collect();
        // The latest earlier act of that kind by someone else; only the last
        // `OBJECT_EVENT_REACH` acts of the kind are candidates, so a long document whose
        // acts are all the reacting party's own stays linear.
        let author = by_kind
            .get(&kind)
            .into_iter()
            .flat_map(|idx| idx[..idx.partition_point(|&j| j < i)].iter().rev())
            .take(OBJECT_EVENT_REACH)
            .map(|&j| &found[j])
            .find_map(|f| {
                (!f.event.actors.is_empty()
                    && !f.event.actors.iter().any(|a| own.contains(&a.entity)))
                .then(|| f.event.actors.clone())
            });
        if let Some(actors) = author {
            found[i].event.recipients = actors
                .into_iter()
                .map(|mut a| {
                    a.how = "coreference".to_string();
                    a
                })
                .collect();
        }
    }
}

/// How many heads up from an act's word its cause phrase may reach the sanction it gives the
/// reason of (`санкции … за поставки`: one; `verhängt … wegen Lieferungen`: one; a phrase
/// under an object of the sanction's verb: two).
const CAUSE_REACH: usize = 3;

/// `sanctions on Iran over drone deliveries to Russia`, `санкции против Ирана за поставки
/// дронов России`, `Sanktionen gegen Iran wegen Drohnenlieferungen`: an act in a cause phrase
/// (`[grammar] cause_marks`) of a sanction is what the sanctioned are punished for — they are
/// its actors, on the sanctioning side's word (`claimed`), as the accused act in what they
/// are accused of (stop 41). Events are looked up by their sentence's parse only, so the
/// pass costs each event a few parent steps.
fn sanctioned_causes(
    found: &mut [Found],
    view: &text::DocView,
    parses: &[Option<clause::SentenceParse>],
    marks: &rules::PhraseSet,
) {
    let sanctions: Vec<usize> = (0..found.len())
        .filter(|&i| {
            found[i].event.event_type == EventType::Sanction
                && !found[i].event.recipients.is_empty()
        })
        .collect();
    if sanctions.is_empty() {
        return;
    }
    let sentence = |f: &Found| view.sentences.partition_point(|&(_, b)| b <= f.trigger_tok);
    let word = |ps: &clause::SentenceParse, f: &Found| {
        f.event.evidence.first().and_then(|e| ps.head_of(e.trigger))
    };
    for i in 0..found.len() {
        if found[i].event.event_type == EventType::Sanction {
            continue;
        }
        let n = sentence(&found[i]);
        let Some(ps) = parses.get(n).and_then(Option::as_ref) else {
            continue;
        };
        let Some(w) = word(ps, &found[i]) else {
            continue;
        };
        let caused = ps.children(w).any(|c| {
            matches!(ps.deprel(c).split(':').next(), Some("case" | "mark"))
                && marks.matches_word(&ps.words[c].form.to_lowercase())
        });
        if !caused {
            continue;
        }
        let mut heads = Vec::with_capacity(CAUSE_REACH);
        let mut cur = w;
        for _ in 0..CAUSE_REACH {
            let Some(p) = ps.parent(cur) else { break };
            heads.push(p);
            cur = p;
        }
        let by = sanctions.iter().copied().find(|&j| {
            sentence(&found[j]) == n
                && word(ps, &found[j]).is_some_and(|sw| {
                    heads.contains(&sw) || ps.parent(sw).is_some_and(|v| heads.contains(&v))
                })
        });
        let Some(j) = by else { continue };
        // A party inside the cause phrase is the act's, not the sanction's (`санкции против
        // Ирана за поставки дронов России`: Russia is not sanctioned).
        let in_cause = |p: &Participant| {
            p.span
                .and_then(|sp| ps.head_of(sp))
                .is_some_and(|h| ps.within(h, w))
        };
        let (inside, kept): (Vec<Participant>, Vec<Participant>) = found[j]
            .event
            .recipients
            .iter()
            .cloned()
            .partition(in_cause);
        if kept.is_empty() {
            continue;
        }
        found[j].event.recipients = kept;
        for p in inside {
            if !found[i]
                .event
                .recipients
                .iter()
                .any(|r| r.entity == p.entity)
            {
                found[i].event.recipients.push(p);
            }
        }
        let actors: Vec<Participant> = found[j]
            .event
            .recipients
            .iter()
            .cloned()
            .map(|mut p| {
                p.how = "sanctioned".to_string();
                p
            })
            .collect();
        let e = &mut found[i].event;
        e.recipients
            .retain(|r| !actors.iter().any(|a| a.entity == r.entity));
        e.actors = actors;
        if e.factuality == Factuality::Asserted {
            e.factuality = Factuality::Claimed;
        }
    }
}

/// `Kyiv, the US and the EU condemned these actions`: the act phrase points back at the
/// latest earlier act of the document by someone else (at most [`OBJECT_EVENT_REACH`] acts
/// back, so the pass stays linear); its actors are the recipients, as coreference.
fn act_anaphor_recipients(found: &mut [Found], i: usize) {
    let own: Vec<&str> = found[i]
        .event
        .actors
        .iter()
        .map(|a| a.entity.as_str())
        .collect();
    let author = found[..i]
        .iter()
        .rev()
        .take(OBJECT_EVENT_REACH)
        .find(|f| {
            !f.event.actors.is_empty()
                && !f
                    .event
                    .actors
                    .iter()
                    .any(|a| own.contains(&a.entity.as_str()))
        })
        .map(|f| f.event.actors.clone());
    if let Some(actors) = author {
        found[i].event.recipients = extract::as_coreference(actors);
    }
}

/// How many earlier events of its type a nominal mention is compared with: the act it names
/// again is a recent one, and the bound keeps the pass linear.
const COREFERENCE_REACH: usize = 16;

/// Event coreference (stop 30). News reports an act once and then names it again by a noun:
/// `Twenty-two policemen died in the attack`, `die Hamas bezeichnete die Anschläge als …`,
/// `в результате теракта`. The analysts code each act once, so a noun trigger (not reported by
/// a verb of occurrence, not after an indefinite determiner: `a second attack`, `ein neuer
/// Anschlag` is a new act) of a type already coded earlier in the document, whose parties do not
/// contradict that event's, is merged into it: its evidence is added, no new event is made.
/// A verb reports a new act and always stays. Only the last [`COREFERENCE_REACH`] events of the
/// type are candidates, so the pass is linear in the number of events.
fn merge_nominal_rementions(found: &mut Vec<Found>, view: &DocView, morphology: &[text::Morph]) {
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    let mut by_kind: std::collections::HashMap<EventType, Vec<usize>> =
        std::collections::HashMap::new();
    for f in found.drain(..) {
        let sentence_end = view
            .sentences
            .get(
                view.sentences
                    .partition_point(|&(_, end)| end <= f.trigger_tok),
            )
            .map_or(view.toks.len(), |&(_, end)| end);
        let antecedent = if renames_an_act(&f, morphology, &view.toks, sentence_end) {
            by_kind
                .get(&f.event.event_type)
                .into_iter()
                .flat_map(|idx| idx.iter().rev())
                .take(COREFERENCE_REACH)
                .copied()
                .find(|&j| {
                    let a = &kept[j].event;
                    a.mode == f.event.mode
                        && stands_alone(a)
                        && merge::times_compatible(&a.time, &f.event.time)
                        && compatible_parties(&a.actors, &f.event.actors)
                        && compatible_parties(&a.recipients, &f.event.recipients)
                })
        } else {
            None
        };
        match antecedent {
            Some(j) => {
                let a = &mut kept[j].event;
                for ev in f.event.evidence {
                    if !a.evidence.contains(&ev) {
                        a.evidence.push(ev);
                    }
                }
            }
            None => {
                by_kind
                    .entry(f.event.event_type)
                    .or_default()
                    .push(kept.len());
                kept.push(f);
            }
        }
    }
    *found = kept;
}

/// A noun trigger that can name an act already reported: not a verb, not a noun reported as
/// taking place (`состоялась акция`), and a phrase that adds nothing of its own: no indefinite
/// determiner (`a second attack`, `ein neuer Anschlag` is a new act), no number of its own
/// (`the 2001 invasion`, `после ареста в 1990 году`, `об аресте 334 подозреваемых`: a date or
/// a count tells which act, or a new one), no relative clause describing it (`the attack which
/// killed …`: the sentence reports the act with its outcome).
fn renames_an_act(
    f: &Found,
    morphology: &[text::Morph],
    toks: &[text::Tok],
    sentence_end: usize,
) -> bool {
    let t = f.trigger_tok;
    // A verb the tagger read as an adjective (`had shot dead`, `has clashed`) reports an act.
    if f.verb_trigger || f.occurs || morphology.get(t).is_none_or(|m| m.upos != "NOUN") {
        return false;
    }
    // A number is a NUM, or digits the tagger read as an adjective (`в 1990 году`).
    let number = |k: usize| {
        morphology.get(k).is_some_and(|m| m.upos == "NUM")
            || toks
                .get(k)
                .is_some_and(|w| w.lower.chars().all(|c| c.is_ascii_digit()))
    };
    // Back over the noun phrase's modifiers to its determiner, if any (`a new deadly attack`,
    // `in a gun and suicide bomb attack`).
    for k in (t.saturating_sub(6)..t).rev() {
        let Some(m) = morphology.get(k) else {
            break;
        };
        if m.feature("Definite") == Some("Ind") || m.feature("PronType") == Some("Ind") || number(k)
        {
            return false;
        }
        if matches!(m.upos, "ADJ" | "NOUN" | "PROPN" | "ADV" | "CCONJ") {
            continue;
        }
        // Right after an auxiliary the word is a verb the tagger read as a noun (`had shot`);
        // a phrase after a copula is its predicate (`It was the deadliest attack …`), which
        // says something new of the act rather than naming it again.
        let aux = |k: usize| morphology.get(k).is_some_and(|m| m.upos == "AUX");
        if aux(k) || (m.upos == "DET" && k > 0 && aux(k - 1)) {
            return false;
        }
        break;
    }
    // The few words after it: a number or a relative pronoun belongs to its phrase or clause.
    let after = (t + 1)..(t + 4).min(sentence_end);
    !after.clone().any(number)
        && !after
            .filter_map(|k| morphology.get(k))
            .any(|m| m.feature("PronType") == Some("Rel"))
}

/// Parties of two mentions agree when either names none or both share one (a state's generic
/// side, `PAK.civilians`, agrees with the state `PAK`).
fn compatible_parties(a: &[Participant], b: &[Participant]) -> bool {
    let state = |e: &str| e.split('.').next().unwrap_or(e).to_string();
    a.is_empty()
        || b.is_empty()
        || a.iter()
            .any(|p| b.iter().any(|q| state(&p.entity) == state(&q.entity)))
}

/// Whether an event is worth keeping: it names a party, or it is a displacement with a count
/// or a time (`Syrians fleeing … in 2014`; not `the refugees must not be forced`).
fn stands_alone(e: &Event) -> bool {
    !e.actors.is_empty()
        || !e.recipients.is_empty()
        || (e.event_type == EventType::Displacement
            && (e.displaced.is_some() || e.time.is_some() || !e.notes.is_empty()))
}

/// Every participant gets a display name: the knowledge base's canonical name, else the text
/// of its mention, else its id (members of a group and coreference links arrive without one).
fn fill_names(e: &mut Event, kb: &Kb, view: &DocView) {
    let lists = [&mut e.actors, &mut e.recipients, &mut e.locations];
    for list in lists {
        for p in list.iter_mut() {
            if !p.name.is_empty() && p.name != p.entity {
                continue;
            }
            p.name = kb
                .name(&p.entity)
                .map(str::to_string)
                .or_else(|| {
                    p.span
                        .map(|s| view.text(s))
                        .filter(|t| !t.trim().is_empty() && p.how == "explicit")
                })
                .unwrap_or_else(|| p.entity.clone());
        }
    }
}

/// A short line for people: `Belarus → Azerbaijan: arms transfer (Ausrüstung)`,
/// `Armenia, Nikol Pashinyan → European Union: agree “Vereinbarung”`.
fn summary(e: &Event, trigger: &str) -> String {
    let side = |ps: &[Participant]| {
        if ps.is_empty() {
            "?".to_string()
        } else {
            ps.iter()
                .map(|p| {
                    // Long organisation names read better as their acronym id (`CSTO`).
                    let acronym =
                        p.entity.len() <= 6 && p.entity.chars().all(|c| c.is_ascii_uppercase());
                    if p.name.is_empty() || (acronym && p.name.chars().count() > 24) {
                        p.entity.as_str()
                    } else {
                        p.name.as_str()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let what = match (e.event_type, &e.arms) {
        (EventType::Aid, Some(_)) => "arms transfer".to_string(),
        (t, _) => {
            let mut s = t.label().to_lowercase().replace('_', " ");
            if let Some(m) = &e.mode {
                s.push_str(&format!(" ({m})"));
            }
            // The trigger word says what kind of act it was (`agree “Vereinbarung”`).
            if !trigger.is_empty() {
                s.push_str(&format!(" “{trigger}”"));
            }
            s
        }
    };
    let mut out = if e.recipients.is_empty() {
        format!("{}: {what}", side(&e.actors))
    } else {
        format!("{} → {}: {what}", side(&e.actors), side(&e.recipients))
    };
    if let Some(a) = &e.arms {
        if !a.weapons.is_empty() {
            let ws: Vec<&str> = a.weapons.iter().map(|w| w.text.as_str()).collect();
            out.push_str(&format!(" ({})", ws.join(", ")));
        }
    }
    if let Some(n) = e.displaced {
        out.push_str(&format!(" — {n} displaced"));
    }
    if let Some(t) = &e.time {
        out.push_str(&format!(" [{}]", t.text));
    }
    out
}

/// A missing optional data file means "none"; any other failure is reported.
fn optional<T: Default>(loaded: Result<T, DataError>) -> Result<T, DataError> {
    match loaded {
        Err(DataError::Missing { .. }) => Ok(T::default()),
        other => other,
    }
}

/// Civilians are the targets of force, never its authors: an actor of an act of force
/// (ASSAULT, COERCE) of a `[grammar] noncombatant_sectors` sector (`LKA.civilians`,
/// `civilians`) is a misreading — a victim in the subject (`our women don't fight`), a
/// clause's other party — and is dropped; the act keeps its other parties (stop 35).
fn noncombatants(found: &mut [extract::Found], lang: &LanguageRules) {
    if lang.noncombatant_sectors.is_empty() {
        return;
    }
    // `civilians`, or `LKA.civilians` (a generic actor placed in its state).
    let noncombatant = |entity: &str| {
        let sector = agents::sector_of(entity);
        lang.noncombatant_sectors.iter().any(|s| s == sector)
    };
    for f in found.iter_mut() {
        if matches!(f.event.event_type, EventType::Assault | EventType::Coerce) {
            f.event.actors.retain(|a| !noncombatant(&a.entity));
        }
    }
}

#[cfg(test)]
mod throughput {
    /// Events-stage speed on the seed with hand-placed mentions:
    /// `cargo test -p armsgraph-events --release -- --ignored throughput --nocapture`.
    #[test]
    #[ignore]
    fn throughput_sentences_per_second() {
        use armsgraph_model::*;
        let text = include_str!("../../../data/corpus/000_79a71588b356f729.txt");
        let reader = super::EventReader::load(&armsgraph_kb::DataFiles::Embedded).unwrap();
        let mut ex = Extraction {
            document: Document {
                id: "t".into(),
                language: Some("de".into()),
                text: text.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        // Mentions for every state adjective the seed uses, placed by search.
        let idx = TextIndex::new(text);
        for (w, id) in [
            ("aserbaidschanische", "AZE"),
            ("Armenien", "ARM"),
            ("OVKS", "CSTO"),
            ("belarussische", "BLR"),
        ] {
            for (b, _) in text.match_indices(w) {
                ex.entities.push(Mention {
                    span: idx.span(b, b + w.len()),
                    text: w.into(),
                    entity: id.into(),
                    ..Default::default()
                });
            }
        }
        ex.entities.sort_by_key(|m| m.span.start);
        let sentences = super::text::DocView::new(&ex).sentences.len();
        let start = std::time::Instant::now();
        let rounds = 300;
        for _ in 0..rounds {
            let mut e = ex.clone();
            reader.annotate(&mut e);
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "events stage: {:.0} sentences/s ({} sentences × {rounds})",
            (sentences * rounds) as f64 / secs,
            sentences
        );
    }
}
