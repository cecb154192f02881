//! The per-language rule files (`data/events/<lang>.toml`): their schema and a compiled form
//! that matches lowercased words quickly.

use std::collections::{HashMap, HashSet};

use armsgraph_model::{EntityKind, EventType};
use serde::Deserialize;

/// One word pattern: exact (`bat`) or a prefix (`liefer*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordPat {
    Exact(String),
    Prefix(String),
}

impl WordPat {
    pub fn parse(s: &str) -> WordPat {
        let s = s.trim().to_lowercase();
        match s.strip_suffix('*') {
            Some(p) => WordPat::Prefix(p.to_string()),
            None => WordPat::Exact(s),
        }
    }
    pub fn matches(&self, word: &str) -> bool {
        match self {
            WordPat::Exact(w) => w == word,
            WordPat::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

/// A sequence of word patterns that must match consecutive words (`heißt es`, `arms deal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase(pub Vec<WordPat>);

impl Phrase {
    pub fn parse(s: &str) -> Phrase {
        Phrase(s.split_whitespace().map(WordPat::parse).collect())
    }
    /// Does the phrase match the words starting at `i`? Returns the number of words matched.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        if self.0.is_empty() || i + self.0.len() > words.len() {
            return None;
        }
        self.0
            .iter()
            .zip(&words[i..])
            .all(|(p, w)| p.matches(w))
            .then_some(self.0.len())
    }
}

/// A list of phrases; `matches_word` is the single-word fast path.
///
/// One-word exact entries live in a hash set: the generated vocabularies
/// (`data/events/vocab/`) hold hundreds of lemmas per rule, and scanning them at every token
/// would make trigger matching grow with the vocabulary.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// Prefix patterns and phrases of several words, tried in turn.
    patterns: Vec<Phrase>,
    /// One-word exact entries.
    words: HashSet<String>,
    /// One-word entries that are no compound head (`[[rule]] not_compound_heads`).
    not_heads: HashSet<String>,
}

impl PhraseSet {
    pub fn new(items: &[String]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for p in items.iter().map(|s| Phrase::parse(s)) {
            match p.0.as_slice() {
                [] => {}
                [WordPat::Exact(w)] => {
                    set.words.insert(w.clone());
                }
                _ => set.patterns.push(p),
            }
        }
        set
    }
    /// Length of the longest phrase matching at `i`.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let single = words
            .get(i)
            .is_some_and(|w| self.words.contains(*w))
            .then_some(1);
        self.patterns
            .iter()
            .filter_map(|p| p.match_at(words, i))
            .chain(single)
            .max()
    }
    /// Is `word` one of the set's one-word entries, exactly (no prefix patterns), read as the
    /// head of a closed compound (`Raketenangriff` → `angriff`)? Not when the rule lists it in
    /// `not_compound_heads` (`kampf` of `Wahlkampf`, `haft` of `Botschaft`): only the compound
    /// pass asks this.
    pub fn contains_word(&self, word: &str) -> bool {
        self.words.contains(word) && !self.not_heads.contains(word)
    }
    /// The set with `heads` read as words but never as compound heads.
    pub fn without_heads(mut self, heads: &[String]) -> PhraseSet {
        self.not_heads = heads.iter().map(|h| h.trim().to_lowercase()).collect();
        self
    }
    pub fn matches_word(&self, word: &str) -> bool {
        if word.contains(' ') {
            // A lexeme of several words (`rule out`): an entry of exactly those words.
            let parts: Vec<&str> = word.split(' ').collect();
            return self
                .patterns
                .iter()
                .any(|p| p.0.len() == parts.len() && p.match_at(&parts, 0) == Some(parts.len()));
        }
        self.words.contains(word)
            || self
                .patterns
                .iter()
                .any(|p| p.0.len() == 1 && p.0[0].matches(word))
    }
    /// Does any phrase occur anywhere in `words`?
    pub fn occurs_in(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|i| self.match_at(words, i).is_some())
    }
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.words.is_empty()
    }
}

/// Word → value map with `*` prefix keys.
#[derive(Debug, Clone, Default)]
pub struct WordMap<V> {
    pub entries: Vec<(WordPat, V)>,
}

impl<V: Clone> WordMap<V> {
    pub fn new(map: &HashMap<String, V>) -> WordMap<V> {
        let mut entries: Vec<(WordPat, V)> = map
            .iter()
            .map(|(k, v)| (WordPat::parse(k), v.clone()))
            .collect();
        // Exact keys before prefixes, longer prefixes first, so the most specific entry wins.
        entries.sort_by_key(|(p, _)| match p {
            WordPat::Exact(_) => (0, 0),
            WordPat::Prefix(s) => (1, usize::MAX - s.len()),
        });
        WordMap { entries }
    }
    pub fn get(&self, word: &str) -> Option<&V> {
        self.entries
            .iter()
            .find(|(p, _)| p.matches(word))
            .map(|(_, v)| v)
    }
}

// ---------------------------------------------------------------------------------------------
// File schema
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub language: String,
    #[serde(default)]
    pub grammar: GrammarFile,
    #[serde(default)]
    pub factuality: FactualityFile,
    #[serde(default)]
    pub numbers: NumbersFile,
    #[serde(default)]
    pub outcome: OutcomeFile,
    #[serde(default)]
    pub weapons: HashMap<String, String>,
    #[serde(default)]
    pub quotes: QuotesFile,
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GrammarFile {
    #[serde(default)]
    pub verb_final: bool,
    /// Let the dependency parse decide roles, adjectival triggers, factuality and speakers
    /// (`events::clause`). Only for languages whose parser is good enough on held-out data
    /// (core-argument F1 ≥ 0.75 with predicted tags, see the README's syntax table); the
    /// others keep the word-window rules until their parser is.
    #[serde(default)]
    pub read_parse: bool,
    /// Where `read_parse` is off, still read the factuality layer (`[factuality] *_under`)
    /// from the parse: a governing verb's lemma and the complement relation are surer than
    /// the roles the parse gives.
    #[serde(default)]
    pub mood_from_parse: bool,
    /// Where `read_parse` is off, still take a quotation's speaker from a personal name in
    /// the speech verb's subject (`quotes::speakers_from_parse`, names only); nothing else of the parse.
    #[serde(default)]
    pub quote_names_from_parse: bool,
    /// Where `read_parse` is off, a sentence whose surface patterns give no report still
    /// takes a speech verb's clausal complement (`ccomp`) in the parse as one
    /// (`quotes::complement_from_parse`; stop 42: `Selenskyj erklärte in seiner
    /// Videoansprache, die Front halte`, where a phrase stands between cue and comma).
    #[serde(default)]
    pub quote_complements_from_parse: bool,
    /// Where `read_parse` is off, still read a party the word-window rules left empty from
    /// the parse of the trigger's clause (stop 28): the actor from the active subject or a
    /// passive's agent, the recipient from the objects, a passive's subject or an oblique
    /// with one of the rule's `recipient_preps`; and a clause the parse marks passive by its
    /// auxiliary (`aux:pass`) is read as a passive. Names only (mentions the pipeline found).
    #[serde(default)]
    pub missing_parties_from_parse: bool,
    /// Triggers are lower-case words (capitalised ones are names: `Freedom`, `Cooperation`),
    /// except at the start of a sentence. Not for German, where nouns are capitalised.
    #[serde(default)]
    pub lowercase_triggers: bool,
    #[serde(default)]
    pub agent_preps: Vec<String>,
    #[serde(default)]
    pub passive_aux: Vec<String>,
    /// Words joined by a hyphen after a state that make it where a thing was made, not a
    /// party (`Iranian-made`, `US-supplied`).
    #[serde(default)]
    pub origin_words: Vec<String>,
    /// Auxiliaries of the passive that with an infinitive make the future instead (German
    /// `wird`/`werden`: `wird … geliefert` is a passive, `wird … liefern` a future).
    #[serde(default)]
    pub future_aux: Vec<String>,
    /// Modals that with a perfect infinitive report what others say happened (German `soll
    /// … geliefert haben`: reportedly delivered; not a plan), and the infinitives of the
    /// perfect that follow the participle (`haben`, `sein`). Stop 44.
    #[serde(default)]
    pub reportative_modals: Vec<String>,
    #[serde(default)]
    pub perfect_infinitives: Vec<String>,
    #[serde(default)]
    pub perfect_aux: Vec<String>,
    #[serde(default)]
    pub prepositions: Vec<String>,
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub clause_words: Vec<String>,
    /// Relative pronouns not in `clause_words` (German `denen`, `dessen`: the articles `der`,
    /// `die` are relative pronouns too, so the list holds only unambiguous forms). A comma
    /// and one of them open a relative clause, never a postposed report (`…, denen Spionage
    /// vorgeworfen wird`). Stop 44.
    #[serde(default)]
    pub relative_pronouns: Vec<String>,
    #[serde(default)]
    pub coordinators: Vec<String>,
    #[serde(default)]
    pub between_preps: Vec<String>,
    /// Prepositions of attendance (`during a visit`, `auf einem Treffen`, `на встрече`): a
    /// meeting noun (CONSULT) in a phrase they open, modifying a verb, is attended by that
    /// verb's active subject (`agents` of the meeting; stop 32).
    #[serde(default)]
    pub attendance_preps: Vec<String>,
    /// Lemmas of light verbs whose object meeting noun their subject holds (`paid a visit`,
    /// `held talks`, `провели переговоры`; stop 32).
    #[serde(default)]
    pub attendance_verbs: Vec<String>,
    /// A name after a `genitive_articles` word right after another party is that party's
    /// genitive attribute (`der Sicherheitsrat der Vereinten Nationen`): the head before it
    /// is the party, the attribute no party of its own (stop 26).
    #[serde(default)]
    pub genitive_attribute_heads: bool,
    /// A party read from a hyphenated role compound with a determiner before it (`der
    /// UN-Generalsekretär`) and no person after it is the person an earlier use of the same
    /// compound introduced (`UN-Generalsekretär Kofi Annan`), not the organisation in the
    /// compound (stop 26).
    #[serde(default)]
    pub role_compound_antecedents: bool,
    #[serde(default)]
    pub location_preps: Vec<String>,
    #[serde(default)]
    pub place_anaphors: Vec<String>,
    #[serde(default)]
    pub unnamed_party: Vec<String>,
    #[serde(default)]
    pub ally_words: Vec<String>,
    #[serde(default)]
    pub first_person: Vec<String>,
    /// A verb rule's trigger right after a determiner, a possessive mark or a preposition other
    /// than an infinitive marker is a noun (`the blame`, `their release`, `under threat`) and
    /// does not fire: its parties are not the clause's subject and objects.
    #[serde(default)]
    pub nominal_markers_block_verbs: bool,
    /// Infinitive markers (`to`): a preposition that may stand before a verb trigger.
    #[serde(default)]
    pub infinitive_markers: Vec<String>,
    /// Words opening a clause whose unnamed subject is never a name before them: relative
    /// pronouns (`police, who fired`: the antecedent noun) and subordinators (`before the
    /// administration would agree`).
    #[serde(default)]
    pub subject_barriers: Vec<String>,
    /// Words that open a non-finite clause controlled by the governing verb's object
    /// (`accused the army of shelling`, `blamed Iran for arming`): its actor is that object,
    /// not the governing verb's subject.
    #[serde(default)]
    pub object_control_marks: Vec<String>,
    /// Prepositions of time, cause or circumstance (`after the attacks`, `since the war`):
    /// an event noun they govern sets the scene of another act and is no new event of its
    /// own (`SentenceParse::background_noun`). Empty: off.
    #[serde(default)]
    pub background_case_marks: Vec<String>,
    /// Words whose complement did not happen, or not yet (`failed to release`, `struggling
    /// to defeat`, `likely to pledge`): a trigger that is their `xcomp` is no event. Lemmas.
    #[serde(default)]
    pub unrealised_governors: Vec<String>,
    /// A clause the parse gives an active subject (`nsubj`) is active even where the tagger
    /// wrote `Voice=Pass` on its verb (English finite past forms: `Police detained …`).
    #[serde(default)]
    pub voice_from_relations: bool,
    /// An event noun's own dependents in the parse name its parties (stop 27): a name or
    /// generic actor before it (`a Taliban attack`, `the U.S.-led invasion`) or in its agent
    /// phrase (`a protest by lawyers`) acts; one in an `nmod` with a recipient preposition of
    /// its rule (`an attack on the hotel`, `a protest against the president`) is acted on.
    #[serde(default)]
    pub noun_roles_from_parse: bool,
    /// With `noun_roles_from_parse`: the case words of a noun's `nmod` that name whom an act
    /// of `noun_patient_events` is done to (`the arrest of …`, `the assassination of …`).
    #[serde(default)]
    pub noun_patient_preps: Vec<String>,
    #[serde(default)]
    pub noun_patient_events: Vec<String>,
    /// Nouns whose `of` phrase names who they belong to (`a group of Moroccan diplomats`,
    /// `the president of Armenia`): a name after `<head> of` is marked by whatever marks
    /// the head, not by `of`.
    #[serde(default)]
    pub collective_heads: Vec<String>,
    /// The prepositions of such phrases (`of`).
    #[serde(default)]
    pub partitive_preps: Vec<String>,
    /// A preposition's look-back for a name stops at a phrase that closes before the name (a
    /// time expression, a noun of its own: `am Samstag Demonstranten`), read from the syntax
    /// layer's parts of speech and cases.
    #[serde(default)]
    pub phrase_bounded_lookback: bool,
    /// Articles that open a genitive attribute (`der`, `des`): a noun followed by one does not
    /// close the phrase (`mit dem Präsidenten der Ukraine`).
    #[serde(default)]
    pub genitive_articles: Vec<String>,
    /// Articles and determiners never nominative (`den`, `dem`, `des`, `einen`): a name
    /// whose noun phrase opens with one is no subject, whatever the tagger's case says — the
    /// article is the surer sign (`den amtierenden Präsidenten Tandja Mamadou`).
    #[serde(default)]
    pub object_articles: Vec<String>,
    /// UD cases (`Gen`) of a name right after a noun trigger that make it the act's
    /// undergoer (`Festnahme des Journalisten`, `арест оппозиционера`), read from the syntax
    /// layer's features on the name's words.
    #[serde(default)]
    pub noun_object_cases: Vec<String>,
    /// UD cases (`Dat`, `Acc`) of a name right after a verb trigger that make it the act's
    /// undergoer (`warf der Ukraine vor`, `атаковали Украину`), and never its subject.
    #[serde(default)]
    pub verb_object_cases: Vec<String>,
    /// UD cases of a subject (`Nom`): a name in another case is never taken as the actor,
    /// and one in this case after the verb is its subject (`заявил МИД России`). A genitive
    /// attribute (`МИД России`) stands in the case of the noun it belongs to.
    #[serde(default)]
    pub subject_cases: Vec<String>,
    /// UD cases of a passive's agent without a preposition (`Ins`: `был атакован
    /// боевиками`). Also makes a trigger tagged `Voice=Pass` passive without an auxiliary.
    #[serde(default)]
    pub agent_cases: Vec<String>,
    /// Prepositional phrases naming an act's author in any voice (`со стороны`, `seitens`):
    /// a name they govern is the actor.
    #[serde(default)]
    pub agent_phrases: Vec<String>,
    /// UD cases of a name right after a noun trigger that make it the act's author when no
    /// name stands before the noun (`визит президента Франции`): only for noun rules with no
    /// object (`recipient` not `object`), where the genitive is the subject's.
    #[serde(default)]
    pub noun_agent_cases: Vec<String>,
    /// UD cases in which a noun trigger is an argument of another verb (`verurteilte den
    /// Putsch`, `в связи с подавлением протестов`): the clause's subject and objects are that
    /// verb's, not the noun's parties; only the noun's own modifier, genitive author or agent
    /// phrase are. Empty: off.
    #[serde(default)]
    pub argument_noun_cases: Vec<String>,
    /// For languages without case (stop 33): a noun trigger the parse makes the direct object
    /// of a verb that is no support verb is that verb's argument, as `argument_noun_cases`
    /// reads by case (`condenaron el ataque ruso`: the condemners are not the attackers).
    #[serde(default)]
    pub argument_noun_objects: bool,
    /// Lemmas of support (light) verbs, whose subject is the author of the event noun they
    /// take (`verübten einen Anschlag`, `провели переговоры`, `выразила протест`).
    #[serde(default)]
    pub support_verbs: Vec<String>,
    /// Coordinated names (`X и Y`, `X und Y`) share the role the first one has.
    #[serde(default)]
    pub coordinated_parties: bool,
    /// Subject words that refer to the sides named before (`стороны`, `the two sides`): a
    /// clause with one as its subject and no named actor takes the parties of the last
    /// earlier event that named two (`agents::resolve_sides`).
    #[serde(default)]
    pub party_anaphors: Vec<String>,
    /// Reciprocal markers (`each other`, `sich gegenseitig`, `друг друга`): an act of two or
    /// more coordinated sides on each other is two acts with the roles swapped
    /// (`agents::reciprocal_acts`).
    #[serde(default)]
    pub reciprocals: Vec<String>,
    /// An act whose actors or recipients are names coordinated in the text is one act per
    /// conjunct (`extract::distribute_conjuncts`; stop 30).
    #[serde(default)]
    pub distribute_conjuncts: bool,
    /// Sectors of generic actors who are the targets of force, never its authors (`civilians`):
    /// such an actor of an act of force is a misreading and is dropped (`lib::noncombatants`;
    /// stop 35).
    #[serde(default)]
    pub noncombatant_sectors: Vec<String>,
    /// Words that may stand between coordinated names besides commas, coordinators and
    /// articles (`а также`, `as well as`): `extract::distribute_conjuncts`.
    #[serde(default)]
    pub conjunct_words: Vec<String>,
    /// Head-of-state and government titles (`president`, `лидер*`, `Premierminister`): with a
    /// nationality and no name (`the French president`), the holder named earlier in the story
    /// (`extract::role_phrase_holders`; stop 30).
    #[serde(default)]
    pub state_role_nouns: Vec<String>,
    /// Lemmas of words for a state after a title (`глава украинского государства`).
    #[serde(default)]
    pub state_nouns: Vec<String>,
    /// Plural personal pronouns (`they`, `sie`, `они`): as a subject with plural number, the
    /// last plural party named before (`extract::plural_antecedents`).
    #[serde(default)]
    pub plural_pronouns: Vec<String>,
    /// Singular personal pronouns of a grammatical gender that also stands for bodies (`sie` →
    /// `Fem`: `die Opposition … Sie fordert`; `она`, `elle`, `ella`): as a subject with no
    /// person for it, the last organisation, group, generic actor or state before whose head
    /// noun has that gender (`extract::gendered_antecedent`). Lower case → UD `Gender` value.
    #[serde(default)]
    pub gendered_pronouns: std::collections::BTreeMap<String, String>,
    /// The language has no articles: a bare role noun subject with no name of its own
    /// (`Президент заявил`) is the last person named, as `the president` is
    /// (`extract::role_antecedent`).
    #[serde(default)]
    pub bare_role_anaphors: bool,
    /// A demonstrative act phrase as the object of a reaction (`condemned these actions`,
    /// `осудили эти действия`): it points back at the latest earlier act of the document,
    /// whose actor is the recipient (`recipients_from_object_events`).
    #[serde(default)]
    pub act_anaphors: Vec<String>,
    /// A request, threat, accusation or rejection with an actor and no addressee answers the
    /// other side of the act its actor took part in in the sentence before
    /// (`agents::reply_recipients`).
    #[serde(default)]
    pub reply_recipients: bool,
    /// Possessives that point at the clause's subject (`its`, `seine`, `своих`): a force
    /// without a state behind one (`withdrew its troops`) is the actor's own, not a party
    /// acted on (`agents::locate`; stop 41).
    #[serde(default)]
    pub own_possessives: Vec<String>,
    /// Prepositions of cause (`for`, `over`, `wegen`, `за`): an act in such a phrase of a
    /// sanction is what the sanctioned did (`lib::sanctioned_causes`; stop 41).
    #[serde(default)]
    pub cause_marks: Vec<String>,
    /// Words for accidents and disasters (`car crash`, `Verkehrsunfall`, `ДТП`,
    /// `землетрясение`): an assault trigger in a sentence naming one is a death nobody
    /// inflicted, no act (stop 41).
    #[serde(default)]
    pub accident_words: Vec<String>,
    /// Cases of the agent of a demanded act's noun (Russian `Ins`: `настаивать на
    /// возвращении островов Россией`): a request with no addressee is addressed to that agent,
    /// who is asked to do the act (`agents::demanded_act_addressee`; stop 26).
    #[serde(default)]
    pub demanded_act_agent_cases: Vec<String>,
    /// Endings of a noun in that case, read where the tagger gave another case (it tags
    /// `Россией` genitive): Russian instrumental `-ой`, `-ей`, `-ом`, `-ем`, `-ами`, `-ями`.
    #[serde(default)]
    pub demanded_act_agent_endings: Vec<String>,
    /// Lemmas of verbs of occurrence (`состояться`, `пройти`): an event noun that is their
    /// subject reports the act, as a verb does (a protest with no named side gets its
    /// place's protesters).
    #[serde(default)]
    pub occurrence_verbs: Vec<String>,
    /// Verbs of occurrence whose event noun follows a preposition, as `lemma preposition`
    /// (`es kam zu Ausschreitungen` → `kommen zu`, `дошло до столкновений` → `дойти до`).
    #[serde(default)]
    pub occurrence_prep_verbs: Vec<String>,
    /// Verbs of occurrence with a particle, as `lemma particle` (`Krawalle brachen aus` →
    /// `brechen aus`, `protests broke out` → `break out`, `talks took place` → `take place`):
    /// the verb's lemma and, later in the clause, the particle.
    #[serde(default)]
    pub occurrence_particle_verbs: Vec<String>,
    /// An institution noun of `[quotes] institutions` with no name of its own (`Die
    /// Regierung forderte`, `МИД призвал`) fills an empty actor or object slot as the state
    /// it serves (`agents::resolve_unnamed`).
    #[serde(default)]
    pub unnamed_institutions: bool,
    /// An attack with an author and no named target is aimed at the state of its place
    /// (`атаковали Одесскую область`).
    #[serde(default)]
    pub target_from_place: bool,
    /// Words before a place that make it the attack's scene, not its target, for
    /// `target_from_place` (`the war in Iraq`; stop 42: English takes its target from a place
    /// it names as object or after `at`, `on`, `against`, never after `in`).
    #[serde(default)]
    pub place_not_target_after: Vec<String>,
    /// Nouns naming what an attack hits (`targets`, `positions`, `residential areas`): a place
    /// after a scene preposition right after one of them locates the target, not the scene
    /// (`struck targets in Gaza`; stop 43).
    #[serde(default)]
    pub target_nouns: Vec<String>,
    /// Nouns that count or bundle acts (`a package of sanctions`, `a wave of strikes`, `пакет
    /// санкций`): an act noun hung on one of them takes its place in the clause, so the
    /// support verb whose object the measure is gives the act its author (stop 44).
    #[serde(default)]
    pub measure_nouns: Vec<String>,
    /// Possessive pronouns that refer to the clause's subject by grammar, by lemma, for
    /// taggers that give them no `Poss=Yes` (Russian `свой`: `объявила о своём выходе`).
    /// Stop 45.
    #[serde(default)]
    pub reflexive_possessives: Vec<String>,
    /// Verbs of announcing one's own decision, and the prepositions that hang the decided act
    /// on them (Russian `объявила о выходе из ОДКБ`, `объявили о введении санкций`): the act
    /// noun in that phrase is the announcer's act, as a support verb's object is (stop 45).
    #[serde(default)]
    pub announce_verbs: Vec<String>,
    #[serde(default)]
    pub announce_preps: Vec<String>,
    /// Words that open a subordinate clause standing first in a German sentence (`Wie die
    /// Ukraine mitteilte, griffen …`, `Als …, nahm …`): the main clause after its comma opens
    /// with the finite verb and has its subject after it (stop 45). A sentence opened by a main
    /// clause (`Armenien bat …, warf … vor`) keeps its subject for the clause after the comma.
    #[serde(default)]
    pub fronted_clause_openers: Vec<String>,
    /// A protest whose only side is a located crowd (`DEU.protesters`) and that names no target
    /// is aimed at that crowd's state (stop 25).
    #[serde(default)]
    pub protest_target_from_crowd: bool,
    /// A converb (`VerbForm=Conv`: `обвинив`, `поддержав`) set off by commas belongs to the
    /// clause it hangs on, whose subject is its subject (`Правительство уволило врачей,
    /// обвинив их …`; Russian grammar; stop 27). Off unless set.
    #[serde(default)]
    pub converb_joins_clause: bool,
    /// People of the civilians' sector who protest are protesters (`Tausende Menschen
    /// demonstrierten` → `S.protesters`): PLOVER and ACLED code the side of a protest as its
    /// protesters (stop 27).
    #[serde(default)]
    pub protest_side_protesters: bool,
    /// An arrest or crackdown by a state's authorities that names no one acted on, in a
    /// document reporting a protest by that state's crowd (or any protest, for a state the
    /// knowledge base knows), is aimed at that crowd (`S.protesters`), as PLOVER/ACLED code
    /// protest policing (stop 25, second pass).
    #[serde(default)]
    pub arrest_target_from_crowd: bool,
    /// A clause opened by a relative pronoun in a subject case (UD `PronType=Rel`) takes the
    /// nearest party before it as its subject (stop 25).
    #[serde(default)]
    pub relative_antecedent_subject: bool,
    /// Closed compound nouns read by their head (stop 26): a noun no rule takes whose lemma
    /// ends in a one-word lemma or form of a noun rule, after a modifier of at least this many
    /// letters (`Raketenangriff` → `angriff`, `Waffenlieferungen` → `lieferung`). 0: off.
    #[serde(default)]
    pub compound_min_modifier: usize,
    /// A word the tagger calls an adjective where no attribute can stand — right after a
    /// noun, name or pronoun, not inside an agent phrase (`Rebellen töteten zwölf Zivilisten`,
    /// `Im Norden Malis töteten Rebellen …`) — is read as the finite verb a verb rule
    /// (`pos = ["VERB"]`) asks for. German: the tagger, trained on few sentences, takes
    /// weak past forms (`-te`, `-ten`) for inflected adjectives. Stop 31.
    #[serde(default)]
    pub finite_after_noun: bool,
    /// Separable verb particles (`an`, `auf`, `ein`): one closing a finite verb's clause
    /// joins its lemma (`kündigte … an` → `ankündigen`) for the event rules (stop 25).
    #[serde(default)]
    pub separable_particles: Vec<String>,
    /// Endings taken off a rule's lemma to get the stem its inflected forms start with
    /// (`demonstrier|en`, `задержа|ть`); the longest that leaves 4 letters is taken.
    #[serde(default)]
    pub lemma_endings: Vec<String>,
    /// Endings an inflected form adds to that stem (`demonstrier|ten`, `предупреди|л`); a word
    /// is a form of the lemma when it is the stem plus one of these. Empty: no stem matching.
    #[serde(default)]
    pub form_endings: Vec<String>,
    /// Prefixes of participles (`ge` in `gestürmt`), tried off the word's start.
    #[serde(default)]
    pub participle_prefixes: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FactualityFile {
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub reported: Vec<String>,
    #[serde(default)]
    pub hypothetical: Vec<String>,
    #[serde(default)]
    pub future: Vec<String>,
    /// Lemmas whose complement act is part of their own act and no event of its own, read
    /// through the parse only (`threatened to strike`, `demanded the release`, `must pay`):
    /// the threat, demand or obligation is the event.
    #[serde(default)]
    pub subsumed_under: Vec<String>,
    /// Lemmas that say their complement act did not happen (`refused to pay`, `denied that it
    /// struck`): factuality `denied`, through the parse only.
    #[serde(default)]
    pub denied_under: Vec<String>,
    /// Lemmas that make their complement act possible, not done (`is considering sending`,
    /// `may drive`): `hypothetical`, through the parse only.
    #[serde(default)]
    pub hypothetical_under: Vec<String>,
    /// Lemmas that make their complement act one to come (`plans to buy`, `pledged to
    /// resume`): `future`, through the parse only.
    #[serde(default)]
    pub future_under: Vec<String>,
    /// Words of commitment among `future_under` (`pledged to supply fuel`, `promised to
    /// deliver`): the act committed to is the event (`future`); the commitment's own event
    /// (an AGREE) gives way to it — the gold's "announced acts keep their own type".
    #[serde(default)]
    pub commitments: Vec<String>,
    /// Words of decision among `future_under`: an act named as their object is enacted by
    /// them (`beschließt Sanktionen`: asserted); only an act in their complement clause is to
    /// come (`decided to impose sanctions`). Not words of agreement: `agreed on deliveries`
    /// puts the deliveries ahead.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Lemmas of accusation: the act they govern is the accuser's claim and its actor is
    /// the accused, their object (`warf Washington vor, … zu beliefern`, `обвинил Вашингтон в
    /// поставках`): `claimed`, through the parse only.
    #[serde(default)]
    pub alleged_under: Vec<String>,
    #[serde(default)]
    pub secret: Vec<String>,
    #[serde(default)]
    pub cited_documents: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    #[serde(default)]
    pub thousands_sep: String,
    #[serde(default)]
    pub decimal_sep: String,
    #[serde(default)]
    pub multipliers: HashMap<String, u64>,
    #[serde(default)]
    pub vague: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OutcomeFile {
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct QuotesFile {
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    #[serde(default)]
    pub complementizers: Vec<String>,
    #[serde(default)]
    pub impersonal: Vec<String>,
    #[serde(default)]
    pub according_to: Vec<String>,
    /// Reported-speech markers after their source (`X zufolge`).
    #[serde(default)]
    pub according_to_postposed: Vec<String>,
    /// `nach Polizeiangaben`, `nach Meinung Russlands`: a preposition (`according_preps`) before
    /// a noun ending in one of `according_nouns` (suffix match, so compounds count).
    #[serde(default)]
    pub according_preps: Vec<String>,
    #[serde(default)]
    pub according_nouns: Vec<String>,
    /// Words that make a source phrase the clause's own account (`nach eigenen Angaben`, `by
    /// its own account`, `по собственным данным`): its subject is the source (stop 40).
    #[serde(default)]
    pub own_account: Vec<String>,
    /// Endings of lower-case adjectives inside a speaker noun phrase (`saudi-arabischen`).
    #[serde(default)]
    pub np_adjective_endings: Vec<String>,
    /// Words never starting a speaker noun phrase (`Wie der Sprecher mitteilte`).
    #[serde(default)]
    pub np_trim: Vec<String>,
    /// A sentence-initial pronoun + speech verb whose message is the sentence before
    /// (`Dies bestätigte der Sprecher.`).
    #[serde(default)]
    pub anaphoric_message: Vec<String>,
    /// Cues whose source was named before (`demnach`, `wonach`).
    #[serde(default)]
    pub sourceless: Vec<String>,
    /// Cues valid only after a comma right before the source at the sentence end (`…, so X.`).
    #[serde(default)]
    pub postposed_cues: Vec<String>,
    #[serde(default)]
    pub pronouns: HashMap<String, String>,
    /// Possessive pronouns inside an according-to cue (`по её словам`) and the kind of
    /// speaker they stand for.
    #[serde(default)]
    pub possessive_pronouns: HashMap<String, String>,
    #[serde(default)]
    pub document_nouns: HashMap<String, String>,
    #[serde(default)]
    pub document_adjectives: HashMap<String, String>,
    /// Prepositions marking the addressee of a speech act (`gegenüber`, `to`).
    #[serde(default)]
    pub addressee_preps: Vec<String>,
    /// Lemmas of speech verbs (`declarar`, `dejar claro`), matched on the syntax layer's
    /// lemma of a word it tags VERB, so every tense and person counts (`ha declarado`, `a
    /// déclaré`) beside the surface forms of `speech_verbs`.
    #[serde(default)]
    pub speech_lemmas: Vec<String>,
    /// Indefinite articles (`a`, `ein`): `a spokesman said` is someone new, never the person
    /// introduced before with that title (stop 29, [`crate::quotes`] titled speakers).
    #[serde(default)]
    pub indefinite_articles: Vec<String>,
    /// A sentence in the present subjunctive (German Konjunktiv I: `Es gehe nicht darum`, `Dort
    /// sei man sich einig`) right after a report goes on reporting its speaker (stop 29).
    #[serde(default)]
    pub subjunctive_reports: bool,
    /// Words naming a state's institutions (`ministry`, `government`, `Außenministerium`):
    /// a speaker phrase holding one speaks for that state. `x*` is a prefix, `*x` a compound
    /// head (suffix).
    #[serde(default)]
    pub institutions: Vec<String>,
    /// Role nouns (`minister`, `ministro`, `президент`): a speaker named only by one is the
    /// last person named before it. Same patterns as `institutions`.
    #[serde(default)]
    pub role_nouns: Vec<String>,
    /// Nouns naming an organisation (`group`, `movement`): a speaker named only by one (`the
    /// group said`) is the last organisation or armed group named before it, outside the
    /// quotations. Same patterns as `institutions`.
    #[serde(default)]
    pub organisation_nouns: Vec<String>,
    /// Prepositions naming what was spoken of (`sprach von …`, `заявил о том, что …`): within
    /// four words after a speech verb, they open the message.
    #[serde(default)]
    pub topic_preps: Vec<String>,
    /// Speech-verb forms that are cues only with one of their companions in the same
    /// sentence: the particle of a separable verb (`gab … bekannt`, `teilte … mit`, `führte
    /// … aus`) or the verb of a phrase (`bekannt` only in `gab/wurde … bekannt`). Without it
    /// the form is another verb (`gab es`, `geht es ihm gut`, `ist nicht bekannt`).
    #[serde(default)]
    pub cue_companions: HashMap<String, Vec<String>>,
    /// Lemmas of speech verbs that take no noun as object (`say`): when the parse gives one a
    /// noun object directly followed by a finite verb (`said the strikes destroyed …`), the
    /// parser has split a clausal complement, and that clause is the report.
    #[serde(default)]
    pub object_reports: Vec<String>,
    /// Words that open a source clause (`Wie der Sprecher mitteilte, …`, `…, wie es hieß, …`):
    /// the clause ends in its verb before a comma, and what stands outside it is the report.
    #[serde(default)]
    pub source_clause_openers: Vec<String>,
    /// `X quoted Y as saying`, `X zitierte Y mit den Worten` (stop 28): the verb of quoting
    /// (`quoting_verbs`) and the words after the quoted person (`quoted_as`); the person
    /// between them is the speaker, not the one who quotes.
    #[serde(default)]
    pub quoting_verbs: Vec<String>,
    #[serde(default)]
    pub quoted_as: Vec<String>,
    /// Verbs by which a news outlet reports a sentence (`сообщает`, `berichtet`, `reported`)
    /// and nouns describing an outlet (`newspaper`, `Zeitung`, `газета`): `quotes::
    /// outlet_reports` (stop 30).
    #[serde(default)]
    pub outlet_verbs: Vec<String>,
    #[serde(default)]
    pub outlet_nouns: Vec<String>,
    /// Verbs that close such a clause besides the speech verbs (`hieß`, `ausführte`,
    /// `veröffentlichte`).
    #[serde(default)]
    pub source_clause_verbs: Vec<String>,
    /// The cue forms `topic_preps` open a message after (`sprach von …`, not `forderte von
    /// …`); empty: every cue.
    #[serde(default)]
    pub topic_cues: Vec<String>,
    /// Verbs of naming (`bezeichnete`, `described`) and the word that introduces the name
    /// (`als`, `as`): `X bezeichnete die Anschläge als Selbstverteidigung` reports what X
    /// called them; the message runs from the object to the end of the clause (stop 41).
    #[serde(default)]
    pub naming_cues: Vec<String>,
    #[serde(default)]
    pub naming_preps: Vec<String>,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub event: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    /// Trigger lemmas (the syntax layer's lemma of each word, lowercased): one entry covers
    /// every inflection (`demonstrieren` → demonstrierten, demonstriert …).
    #[serde(default)]
    pub lemmas: Vec<String>,
    #[serde(default)]
    pub with: Vec<String>,
    #[serde(default)]
    pub any_of: Vec<String>,
    /// One of these must occur in the trigger's clause (`sold arms`, `deliver aid`), not just
    /// anywhere in the sentence.
    #[serde(default)]
    pub object_any_of: Vec<String>,
    /// The trigger's grammatical subject in the parse must be (`subject_any_of`) or must not
    /// be (`subject_none_of`) one of these words, by form, lemma or compound head: `Drohnen
    /// trafen Odessa` is a strike, `Scholz traf Macron` a meeting (stop 43).
    #[serde(default)]
    pub subject_any_of: Vec<String>,
    #[serde(default)]
    pub subject_none_of: Vec<String>,
    /// Words one of which must be the trigger's direct object in the parse (its head word, by
    /// form or lemma): `forderte zehn Tote` (lives claimed), not `forderten Aufklärung über die
    /// Toten` (a demand). Stop 43.
    #[serde(default)]
    pub object_heads: Vec<String>,
    /// Kinds of entity (`organisation`, `state`) one of which the trigger's object or oblique
    /// must name: leaving or quitting an organisation is a break of relations (`Armenia will
    /// leave the CSTO`), leaving a room is not (stop 43).
    #[serde(default)]
    pub object_kinds: Vec<EntityKind>,
    #[serde(default)]
    pub none_of: Vec<String>,
    #[serde(default)]
    pub noun: bool,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub recipient: Option<String>,
    #[serde(default)]
    pub recipient_preps: Vec<String>,
    #[serde(default)]
    pub recipient_fallback: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub weapons: Option<String>,
    #[serde(default)]
    pub count: bool,
    #[serde(default)]
    pub ignore_negation: bool,
    /// A noun trigger whose verb takes no direct object (`визит`, `протест`, `призыв`): a
    /// name right after it in one of the language's `noun_agent_cases` is its author.
    #[serde(default)]
    pub agent_genitive: bool,
    /// An act only a state's authorities perform (arrest, sentence, expel): a passive that
    /// names no agent was done by the state where it happened.
    #[serde(default)]
    pub authority: bool,
    /// A visit (`прибыл в Москву`): with no host named, the host is the state of the first
    /// place of its clause that is not the visitor's own (as `target_from_place` for attacks).
    #[serde(default)]
    pub host_from_place: bool,
    /// Universal parts of speech the trigger word must have where the syntax layer tagged it
    /// (`["VERB"]`: a verb vocabulary does not fire on the same word used as a noun).
    #[serde(default)]
    pub pos: Vec<String>,
    /// Words right after the trigger that give it another sense (`denied that …`, `denied
    /// the charge`: a statement denied, not a demand rejected).
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// The rule's words are bare verbs: the same verb with a particle (`broke down`, `taking
    /// over`) is another lexeme and is not matched (PETRARCH lists particle verbs as entries
    /// of their own, `+BLOW_UP`; the generated CAMEO vocabulary sets this).
    #[serde(default)]
    pub bare_verb: bool,
    /// The trigger counts only with an infinitive complement in the parse (`предложил
    /// Северной обсудить …`: a proposal that someone act is a request; `предложил помощь`,
    /// an offer, is not). Stop 35.
    #[serde(default)]
    pub with_infinitive: bool,
    /// A claim of responsibility (`claimed responsibility for`, `bekannte sich zu`, `взяла на
    /// себя ответственность`): the claimant is the author of the act claimed, and the act is
    /// `claimed`, never asserted; with no target of its own it takes the target of the act of
    /// that type reported before it in the document (`agents::claimed_targets`). Stop 36.
    #[serde(default)]
    pub claim: bool,
    /// The verb's grammatical subject is the one it happens to (`policemen died`): as for a
    /// passive, the subject is the recipient and the actor comes only from an agent phrase.
    /// Set by the generated CAMEO vocabulary for verbs whose dictionary patterns code the
    /// event towards the subject (`[:190]`, stop 28).
    #[serde(default)]
    pub subject_undergoes: bool,
    /// Coordinated subjects act on each other (`Armenia and Azerbaijan agreed`): with no
    /// recipient of its own, the first is the actor and the others its recipients.
    #[serde(default)]
    pub reciprocal: bool,
    /// Each coordinated subject acts alone (`pledged`, `promised`): a meeting's or an
    /// agreement's coordinated sides are otherwise coded as a dyad (`reciprocal_dyad`).
    #[serde(default)]
    pub unilateral: bool,
    /// In a clause of purpose the act is only an aim (`forces trained to fight insurgents`).
    /// Not for acts a purpose clause names the kind of (`marched to protest`, `summoned the
    /// ambassador to complain`), which PLOVER codes.
    #[serde(default)]
    pub purpose_is_aim: bool,
    /// The verb names the act from its recipient's side (`received tanks from Germany`,
    /// `erhielt … von`, `получила от`): the subject is the recipient and the name after one of
    /// `recipient_preps` the actor (stop 41).
    #[serde(default)]
    pub swap_roles: bool,
    /// With `swap_roles`: a recipient after one of these (`bought arms for the rebels`, `für`,
    /// `для`) is the beneficiary of a purchase — the buyer supplies it and no roles swap
    /// (stop 42).
    #[serde(default)]
    pub beneficiary_preps: Vec<String>,
    /// Cases of a name right after the trigger that make it the recipient, for this rule
    /// (`продажу оружия Тайваню`: a dative after a transfer noun); the language's
    /// `noun_object_cases`/`verb_object_cases` otherwise (stop 42).
    #[serde(default)]
    pub object_cases: Vec<String>,
    /// One-word forms or lemmas of the rule that the compound pass (`[grammar]
    /// compound_min_modifier`) must not read as the head of a longer noun: heads that end
    /// common words of another sense (`haft` of `Botschaft`, `Staatsanwaltschaft`; `kampf` of
    /// `Wahlkampf`; `einigung` of `Vereinigung`). Stop 29.
    #[serde(default)]
    pub not_compound_heads: Vec<String>,
}

/// A vocabulary file (`data/events/vocab/<lang>.<source>.toml`): more trigger rules for a
/// language whose rule file is in `data/events/`, appended after its hand rules so that a hand
/// rule always wins and the vocabulary only fills in.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    pub language: String,
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

// ---------------------------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------------------------

/// How the actor of a rule is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorFrame {
    /// The grammatical subject (nearest unmarked name before, else after the trigger).
    Subject,
    /// The nearest name before a noun trigger (`aserbaidschanische Offensive`).
    Before,
    /// Every party after `zwischen`/`between` (two-sided fights), else subject + object.
    Between,
    /// Every state/organisation before the trigger (`Weder die A noch die B Regierung reagierten`).
    AllBefore,
    /// The actor of the previous event in the sentence (`… und löste einen Exodus aus`).
    Inherit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientFrame {
    /// Unmarked objects plus names after the rule's recipient prepositions.
    Object,
    /// Every name after the trigger in its clause (noun triggers: `Vereinbarung … EU-…`).
    After,
    None,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub event: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub forms: PhraseSet,
    pub lemmas: PhraseSet,
    /// Stems of the one-word lemmas, for words the lemmatiser missed (`stem_match`).
    pub lemma_stems: Vec<String>,
    pub with: Vec<PhraseSet>,
    pub any_of: PhraseSet,
    pub object_any_of: PhraseSet,
    pub subject_any_of: PhraseSet,
    pub subject_none_of: PhraseSet,
    pub object_heads: PhraseSet,
    pub object_kinds: Vec<EntityKind>,
    pub none_of: PhraseSet,
    pub noun: bool,
    pub actor: ActorFrame,
    pub recipient: RecipientFrame,
    pub recipient_preps: PhraseSet,
    pub recipient_from_other_actor: bool,
    pub status: Option<String>,
    pub weapons: bool,
    pub count: bool,
    pub ignore_negation: bool,
    pub agent_genitive: bool,
    pub authority: bool,
    pub host_from_place: bool,
    /// Universal parts of speech the trigger must have (empty: any).
    pub pos: Vec<String>,
    pub not_followed_by: PhraseSet,
    pub bare_verb: bool,
    pub with_infinitive: bool,
    /// A claim of responsibility ([`RuleSpec::claim`]).
    pub claim: bool,
    pub subject_undergoes: bool,
    pub reciprocal: bool,
    pub unilateral: bool,
    pub purpose_is_aim: bool,
    pub swap_roles: bool,
    pub beneficiary_preps: PhraseSet,
    pub object_cases: Vec<String>,
}

impl Rule {
    /// May a word of this part of speech (empty: untagged) trigger the rule?
    pub fn accepts_pos(&self, upos: &str) -> bool {
        self.pos.is_empty() || upos.is_empty() || self.pos.iter().any(|p| p == upos)
    }
}

/// Everything one language file says, compiled.
#[derive(Debug, Clone, Default)]
pub struct LanguageRules {
    pub language: String,
    pub verb_final: bool,
    pub read_parse: bool,
    pub mood_from_parse: bool,
    pub quote_names_from_parse: bool,
    pub quote_complements_from_parse: bool,
    pub missing_parties_from_parse: bool,
    pub lowercase_triggers: bool,
    pub agent_preps: PhraseSet,
    pub passive_aux: PhraseSet,
    pub future_aux: PhraseSet,
    pub reportative_modals: PhraseSet,
    pub perfect_infinitives: PhraseSet,
    pub origin_words: PhraseSet,
    pub perfect_aux: PhraseSet,
    pub prepositions: PhraseSet,
    pub determiners: PhraseSet,
    pub clause_words: PhraseSet,
    pub relative_pronouns: PhraseSet,
    pub coordinators: PhraseSet,
    pub between_preps: PhraseSet,
    pub attendance_preps: PhraseSet,
    pub attendance_verbs: PhraseSet,
    pub genitive_attribute_heads: bool,
    pub role_compound_antecedents: bool,
    pub location_preps: PhraseSet,
    pub place_anaphors: PhraseSet,
    pub unnamed_party: PhraseSet,
    pub ally_words: PhraseSet,
    pub first_person: PhraseSet,
    pub nominal_markers_block_verbs: bool,
    pub infinitive_markers: PhraseSet,
    pub subject_barriers: PhraseSet,
    pub object_control_marks: PhraseSet,
    pub background_case_marks: PhraseSet,
    pub unrealised_governors: PhraseSet,
    pub voice_from_relations: bool,
    pub noun_roles_from_parse: bool,
    pub noun_patient_preps: PhraseSet,
    pub noun_patient_events: Vec<EventType>,
    pub collective_heads: PhraseSet,
    pub partitive_preps: PhraseSet,
    pub phrase_bounded_lookback: bool,
    pub genitive_articles: PhraseSet,
    pub object_articles: PhraseSet,
    pub noun_object_cases: Vec<String>,
    pub verb_object_cases: Vec<String>,
    pub subject_cases: Vec<String>,
    pub agent_cases: Vec<String>,
    pub agent_phrases: PhraseSet,
    pub noun_agent_cases: Vec<String>,
    pub argument_noun_cases: Vec<String>,
    pub argument_noun_objects: bool,
    pub support_verbs: PhraseSet,
    pub coordinated_parties: bool,
    pub party_anaphors: PhraseSet,
    pub reciprocals: PhraseSet,
    pub distribute_conjuncts: bool,
    pub noncombatant_sectors: Vec<String>,
    pub conjunct_words: PhraseSet,
    pub state_role_nouns: Affixes,
    pub state_nouns: PhraseSet,
    pub plural_pronouns: PhraseSet,
    pub gendered_pronouns: std::collections::BTreeMap<String, String>,
    pub bare_role_anaphors: bool,
    pub act_anaphors: PhraseSet,
    pub reply_recipients: bool,
    pub own_possessives: PhraseSet,
    pub cause_marks: PhraseSet,
    pub accident_words: PhraseSet,
    pub demanded_act_agent_cases: Vec<String>,
    pub demanded_act_agent_endings: Vec<String>,
    pub occurrence_verbs: PhraseSet,
    /// `(verb lemma, preposition)` pairs of `occurrence_prep_verbs`.
    pub occurrence_prep_verbs: Vec<(String, String)>,
    /// `(verb lemma, particle)` pairs of `occurrence_particle_verbs`.
    pub occurrence_particle_verbs: Vec<(String, String)>,
    pub unnamed_institutions: bool,
    pub target_from_place: bool,
    pub place_not_target_after: PhraseSet,
    pub target_nouns: PhraseSet,
    pub measure_nouns: PhraseSet,
    pub reflexive_possessives: PhraseSet,
    pub announce_verbs: PhraseSet,
    pub announce_preps: PhraseSet,
    pub fronted_clause_openers: PhraseSet,
    pub protest_target_from_crowd: bool,
    pub converb_joins_clause: bool,
    pub protest_side_protesters: bool,
    pub arrest_target_from_crowd: bool,
    pub relative_antecedent_subject: bool,
    pub compound_min_modifier: usize,
    pub finite_after_noun: bool,
    pub separable_particles: PhraseSet,
    pub lemma_endings: Vec<String>,
    pub form_endings: Vec<String>,
    pub participle_prefixes: Vec<String>,
    /// `separable_particles` as plain lowercased words, for the participle of a separable
    /// verb in `stem_match` (`an|ge|klagt`).
    pub separable_prefixes: Vec<String>,
    pub negation: PhraseSet,
    pub reported: PhraseSet,
    pub hypothetical: PhraseSet,
    pub future: PhraseSet,
    pub subsumed_under: PhraseSet,
    pub denied_under: PhraseSet,
    pub hypothetical_under: PhraseSet,
    pub future_under: PhraseSet,
    pub commitments: PhraseSet,
    pub decisions: PhraseSet,
    pub alleged_under: PhraseSet,
    pub secret: PhraseSet,
    pub cited_documents: PhraseSet,
    pub thousands_sep: String,
    pub decimal_sep: String,
    pub multipliers: WordMap<u64>,
    pub vague_counts: PhraseSet,
    pub outcome_verbs: PhraseSet,
    pub weapons: WordMap<String>,
    pub speech_verbs: PhraseSet,
    pub complementizers: PhraseSet,
    pub impersonal: PhraseSet,
    pub according_to: PhraseSet,
    pub according_to_postposed: PhraseSet,
    pub sourceless: PhraseSet,
    pub postposed_cues: PhraseSet,
    pub according_preps: PhraseSet,
    pub np_adjective_endings: Vec<String>,
    pub np_trim: PhraseSet,
    pub anaphoric_message: PhraseSet,
    /// Lowercased noun endings.
    pub according_nouns: Vec<String>,
    pub own_account: PhraseSet,
    pub pronouns: WordMap<String>,
    pub possessive_pronouns: WordMap<String>,
    pub document_nouns: WordMap<String>,
    pub document_adjectives: WordMap<String>,
    pub addressee_preps: PhraseSet,
    pub speech_lemmas: PhraseSet,
    pub indefinite_articles: PhraseSet,
    pub subjunctive_reports: bool,
    pub institutions: Affixes,
    pub role_nouns: Affixes,
    pub organisation_nouns: Affixes,
    pub topic_preps: PhraseSet,
    pub cue_companions: WordMap<PhraseSet>,
    pub object_reports: PhraseSet,
    pub topic_cues: PhraseSet,
    pub naming_cues: PhraseSet,
    pub naming_preps: PhraseSet,
    pub source_clause_openers: PhraseSet,
    pub source_clause_verbs: PhraseSet,
    pub quoting_verbs: PhraseSet,
    pub quoted_as: PhraseSet,
    pub outlet_verbs: PhraseSet,
    pub outlet_nouns: PhraseSet,
    pub rules: Vec<Rule>,
}

/// Words as exact forms, `x*` prefixes or `*x` suffixes (compound heads).
#[derive(Debug, Clone, Default)]
pub struct Affixes {
    exact: HashSet<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

impl Affixes {
    pub fn new(items: &[String]) -> Affixes {
        let mut a = Affixes::default();
        for item in items.iter().map(|i| i.to_lowercase()) {
            if let Some(s) = item.strip_prefix('*') {
                a.suffixes.push(s.to_string());
            } else if let Some(p) = item.strip_suffix('*') {
                a.prefixes.push(p.to_string());
            } else {
                a.exact.insert(item);
            }
        }
        a
    }

    /// Does the lower-case `word` match: exactly, by a prefix, or by a suffix with at least
    /// two letters before it (a compound's modifier)?
    pub fn matches(&self, word: &str) -> bool {
        self.exact.contains(word)
            || self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
            || self.suffixes.iter().any(|s| {
                word.strip_suffix(s.as_str())
                    .is_some_and(|m| m.chars().count() >= 2)
            })
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty() && self.suffixes.is_empty()
    }
}

/// The stems of a rule's one-word lemmas: each lemma less the longest of `endings` that
/// leaves at least four letters (the lemma itself when none does).
fn lemma_stems(lemmas: &[String], endings: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for lemma in lemmas
        .iter()
        .filter(|l| !l.contains(' ') && !l.ends_with('*'))
    {
        let lemma = lemma.to_lowercase();
        let letters = lemma.chars().count();
        let stem = endings
            .iter()
            .filter(|e| lemma.ends_with(e.as_str()) && letters >= e.chars().count() + 4)
            .max_by_key(|e| e.chars().count())
            .map_or(lemma.as_str(), |e| &lemma[..lemma.len() - e.len()]);
        if !out.iter().any(|s: &String| s == stem) {
            out.push(stem.to_string());
        }
    }
    out
}

impl LanguageRules {
    /// Is `word` (lowercased) an inflected form of one of `rule`'s lemmas: its stem plus one
    /// of the language's form endings, after a participle prefix or not?
    pub fn stem_match(&self, rule: &Rule, word: &str) -> bool {
        if rule.lemma_stems.is_empty() {
            return false;
        }
        let unprefixed = self
            .participle_prefixes
            .iter()
            .filter_map(|p| word.strip_prefix(p.as_str()));
        let ending = |rest: &str| self.form_endings.iter().any(|e| e == rest);
        if std::iter::once(word).chain(unprefixed).any(|w| {
            rule.lemma_stems
                .iter()
                .any(|stem| w.strip_prefix(stem.as_str()).is_some_and(ending))
        }) {
            return true;
        }
        // A separable verb takes its participle prefix after its particle (German grammar:
        // `an|ge|klagt`, `fest|ge|stellt`, `ab|ge|lehnt`): the word is particle + prefix + the
        // rest of the stem (`anklag`) + an ending. The lemmatiser often misreads these
        // (`angeklagt` → `anfragen`), so the stem is the reliable reading. Issue 12, stop 27.
        self.separable_prefixes.iter().any(|particle| {
            let Some(after) = word.strip_prefix(particle.as_str()) else {
                return false;
            };
            self.participle_prefixes.iter().any(|pre| {
                after.strip_prefix(pre.as_str()).is_some_and(|inner| {
                    rule.lemma_stems.iter().any(|stem| {
                        stem.strip_prefix(particle.as_str())
                            .filter(|base| base.chars().count() >= 3)
                            .and_then(|base| inner.strip_prefix(base))
                            .is_some_and(ending)
                    })
                })
            })
        })
    }
}

/// A problem in a rule file, with the rule id when it concerns one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem(pub String);

impl LanguageRules {
    pub fn parse(text: &str) -> Result<LanguageRules, RuleProblem> {
        let file: RuleFile = toml::from_str(text).map_err(|e| RuleProblem(e.to_string()))?;
        LanguageRules::compile(file)
    }

    /// Append the rules of a vocabulary file after this language's own rules.
    pub fn append_vocabulary(&mut self, text: &str) -> Result<usize, RuleProblem> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| RuleProblem(e.to_string()))?;
        if file.language != self.language {
            return Err(RuleProblem(format!(
                "vocabulary for {:?} given to the rules of {:?}",
                file.language, self.language
            )));
        }
        for spec in &file.rule {
            let mut rule = compile_rule(spec)?;
            if !self.form_endings.is_empty() {
                rule.lemma_stems = lemma_stems(&spec.lemmas, &self.lemma_endings);
            }
            self.rules.push(rule);
        }
        Ok(file.rule.len())
    }

    /// The language a vocabulary file is for, read before the whole file is compiled.
    pub fn vocabulary_language(text: &str) -> Result<String, RuleProblem> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| RuleProblem(e.to_string()))?;
        Ok(file.language)
    }

    pub fn compile(f: RuleFile) -> Result<LanguageRules, RuleProblem> {
        let g = &f.grammar;
        let mut rules = Vec::with_capacity(f.rule.len());
        for spec in &f.rule {
            let mut rule = compile_rule(spec)?;
            if !g.form_endings.is_empty() {
                rule.lemma_stems = lemma_stems(&spec.lemmas, &g.lemma_endings);
            }
            rules.push(rule);
        }
        Ok(LanguageRules {
            language: f.language.clone(),
            verb_final: g.verb_final,
            read_parse: g.read_parse,
            mood_from_parse: g.mood_from_parse,
            quote_names_from_parse: g.quote_names_from_parse,
            quote_complements_from_parse: g.quote_complements_from_parse,
            missing_parties_from_parse: g.missing_parties_from_parse,
            lowercase_triggers: g.lowercase_triggers,
            agent_preps: PhraseSet::new(&g.agent_preps),
            passive_aux: PhraseSet::new(&g.passive_aux),
            future_aux: PhraseSet::new(&g.future_aux),
            reportative_modals: PhraseSet::new(&g.reportative_modals),
            perfect_infinitives: PhraseSet::new(&g.perfect_infinitives),
            origin_words: PhraseSet::new(&g.origin_words),
            perfect_aux: PhraseSet::new(&g.perfect_aux),
            prepositions: PhraseSet::new(&g.prepositions),
            determiners: PhraseSet::new(&g.determiners),
            clause_words: PhraseSet::new(&g.clause_words),
            relative_pronouns: PhraseSet::new(&g.relative_pronouns),
            coordinators: PhraseSet::new(&g.coordinators),
            between_preps: PhraseSet::new(&g.between_preps),
            attendance_preps: PhraseSet::new(&g.attendance_preps),
            attendance_verbs: PhraseSet::new(&g.attendance_verbs),
            genitive_attribute_heads: g.genitive_attribute_heads,
            role_compound_antecedents: g.role_compound_antecedents,
            location_preps: PhraseSet::new(&g.location_preps),
            place_anaphors: PhraseSet::new(&g.place_anaphors),
            unnamed_party: PhraseSet::new(&g.unnamed_party),
            ally_words: PhraseSet::new(&g.ally_words),
            first_person: PhraseSet::new(&g.first_person),
            nominal_markers_block_verbs: g.nominal_markers_block_verbs,
            infinitive_markers: PhraseSet::new(&g.infinitive_markers),
            subject_barriers: PhraseSet::new(&g.subject_barriers),
            object_control_marks: PhraseSet::new(&g.object_control_marks),
            background_case_marks: PhraseSet::new(&g.background_case_marks),
            unrealised_governors: PhraseSet::new(&g.unrealised_governors),
            voice_from_relations: g.voice_from_relations,
            noun_roles_from_parse: g.noun_roles_from_parse,
            noun_patient_preps: PhraseSet::new(&g.noun_patient_preps),
            noun_patient_events: g
                .noun_patient_events
                .iter()
                .filter_map(|e| EventType::from_label(e))
                .collect(),
            collective_heads: PhraseSet::new(&g.collective_heads),
            partitive_preps: PhraseSet::new(&g.partitive_preps),
            phrase_bounded_lookback: g.phrase_bounded_lookback,
            genitive_articles: PhraseSet::new(&g.genitive_articles),
            object_articles: PhraseSet::new(&g.object_articles),
            noun_object_cases: g.noun_object_cases.clone(),
            verb_object_cases: g.verb_object_cases.clone(),
            subject_cases: g.subject_cases.clone(),
            agent_cases: g.agent_cases.clone(),
            agent_phrases: PhraseSet::new(&g.agent_phrases),
            noun_agent_cases: g.noun_agent_cases.clone(),
            argument_noun_cases: g.argument_noun_cases.clone(),
            argument_noun_objects: g.argument_noun_objects,
            support_verbs: PhraseSet::new(&g.support_verbs),
            coordinated_parties: g.coordinated_parties,
            party_anaphors: PhraseSet::new(&g.party_anaphors),
            reciprocals: PhraseSet::new(&g.reciprocals),
            distribute_conjuncts: g.distribute_conjuncts,
            noncombatant_sectors: g.noncombatant_sectors.clone(),
            conjunct_words: PhraseSet::new(&g.conjunct_words),
            state_role_nouns: Affixes::new(&g.state_role_nouns),
            state_nouns: PhraseSet::new(&g.state_nouns),
            plural_pronouns: PhraseSet::new(&g.plural_pronouns),
            gendered_pronouns: g.gendered_pronouns.clone(),
            bare_role_anaphors: g.bare_role_anaphors,
            act_anaphors: PhraseSet::new(&g.act_anaphors),
            reply_recipients: g.reply_recipients,
            own_possessives: PhraseSet::new(&g.own_possessives),
            cause_marks: PhraseSet::new(&g.cause_marks),
            accident_words: PhraseSet::new(&g.accident_words),
            demanded_act_agent_cases: g.demanded_act_agent_cases.clone(),
            demanded_act_agent_endings: g.demanded_act_agent_endings.clone(),
            occurrence_verbs: PhraseSet::new(&g.occurrence_verbs),
            occurrence_prep_verbs: verb_word_pairs(&g.occurrence_prep_verbs),
            occurrence_particle_verbs: verb_word_pairs(&g.occurrence_particle_verbs),
            unnamed_institutions: g.unnamed_institutions,
            target_from_place: g.target_from_place,
            place_not_target_after: PhraseSet::new(&g.place_not_target_after),
            target_nouns: PhraseSet::new(&g.target_nouns),
            measure_nouns: PhraseSet::new(&g.measure_nouns),
            reflexive_possessives: PhraseSet::new(&g.reflexive_possessives),
            announce_verbs: PhraseSet::new(&g.announce_verbs),
            announce_preps: PhraseSet::new(&g.announce_preps),
            fronted_clause_openers: PhraseSet::new(&g.fronted_clause_openers),
            protest_target_from_crowd: g.protest_target_from_crowd,
            protest_side_protesters: g.protest_side_protesters,
            arrest_target_from_crowd: g.arrest_target_from_crowd,
            converb_joins_clause: g.converb_joins_clause,
            relative_antecedent_subject: g.relative_antecedent_subject,
            compound_min_modifier: g.compound_min_modifier,
            finite_after_noun: g.finite_after_noun,
            separable_particles: PhraseSet::new(&g.separable_particles),
            lemma_endings: g.lemma_endings.clone(),
            form_endings: g.form_endings.clone(),
            participle_prefixes: g.participle_prefixes.clone(),
            separable_prefixes: g
                .separable_particles
                .iter()
                .filter(|p| !p.contains(' ') && !p.ends_with('*'))
                .map(|p| p.to_lowercase())
                .collect(),
            negation: PhraseSet::new(&f.factuality.negation),
            reported: PhraseSet::new(&f.factuality.reported),
            hypothetical: PhraseSet::new(&f.factuality.hypothetical),
            future: PhraseSet::new(&f.factuality.future),
            subsumed_under: PhraseSet::new(&f.factuality.subsumed_under),
            denied_under: PhraseSet::new(&f.factuality.denied_under),
            hypothetical_under: PhraseSet::new(&f.factuality.hypothetical_under),
            future_under: PhraseSet::new(&f.factuality.future_under),
            commitments: PhraseSet::new(&f.factuality.commitments),
            decisions: PhraseSet::new(&f.factuality.decisions),
            alleged_under: PhraseSet::new(&f.factuality.alleged_under),
            secret: PhraseSet::new(&f.factuality.secret),
            cited_documents: PhraseSet::new(&f.factuality.cited_documents),
            thousands_sep: f.numbers.thousands_sep.clone(),
            decimal_sep: f.numbers.decimal_sep.clone(),
            multipliers: WordMap::new(&f.numbers.multipliers),
            vague_counts: PhraseSet::new(&f.numbers.vague),
            outcome_verbs: PhraseSet::new(&f.outcome.verbs),
            weapons: WordMap::new(&f.weapons),
            speech_verbs: PhraseSet::new(&f.quotes.speech_verbs),
            complementizers: PhraseSet::new(&f.quotes.complementizers),
            impersonal: PhraseSet::new(&f.quotes.impersonal),
            according_to: PhraseSet::new(&f.quotes.according_to),
            according_to_postposed: PhraseSet::new(&f.quotes.according_to_postposed),
            sourceless: PhraseSet::new(&f.quotes.sourceless),
            according_preps: PhraseSet::new(&f.quotes.according_preps),
            np_adjective_endings: f.quotes.np_adjective_endings.clone(),
            np_trim: PhraseSet::new(&f.quotes.np_trim),
            anaphoric_message: PhraseSet::new(&f.quotes.anaphoric_message),
            according_nouns: f
                .quotes
                .according_nouns
                .iter()
                .map(|n| n.to_lowercase())
                .collect(),
            own_account: PhraseSet::new(&f.quotes.own_account),
            postposed_cues: PhraseSet::new(&f.quotes.postposed_cues),
            pronouns: WordMap::new(&f.quotes.pronouns),
            possessive_pronouns: WordMap::new(&f.quotes.possessive_pronouns),
            document_nouns: WordMap::new(&f.quotes.document_nouns),
            document_adjectives: WordMap::new(&f.quotes.document_adjectives),
            addressee_preps: PhraseSet::new(&f.quotes.addressee_preps),
            speech_lemmas: PhraseSet::new(&f.quotes.speech_lemmas),
            indefinite_articles: PhraseSet::new(&f.quotes.indefinite_articles),
            subjunctive_reports: f.quotes.subjunctive_reports,
            institutions: Affixes::new(&f.quotes.institutions),
            role_nouns: Affixes::new(&f.quotes.role_nouns),
            organisation_nouns: Affixes::new(&f.quotes.organisation_nouns),
            topic_preps: PhraseSet::new(&f.quotes.topic_preps),
            cue_companions: WordMap::new(
                &f.quotes
                    .cue_companions
                    .iter()
                    .map(|(k, v)| (k.clone(), PhraseSet::new(v)))
                    .collect(),
            ),
            object_reports: PhraseSet::new(&f.quotes.object_reports),
            topic_cues: PhraseSet::new(&f.quotes.topic_cues),
            naming_cues: PhraseSet::new(&f.quotes.naming_cues),
            naming_preps: PhraseSet::new(&f.quotes.naming_preps),
            source_clause_openers: PhraseSet::new(&f.quotes.source_clause_openers),
            quoting_verbs: PhraseSet::new(&f.quotes.quoting_verbs),
            quoted_as: PhraseSet::new(&f.quotes.quoted_as),
            outlet_verbs: PhraseSet::new(&f.quotes.outlet_verbs),
            outlet_nouns: PhraseSet::new(&f.quotes.outlet_nouns),
            source_clause_verbs: PhraseSet::new(&f.quotes.source_clause_verbs),
            rules,
        })
    }
}

fn compile_rule(spec: &RuleSpec) -> Result<Rule, RuleProblem> {
    let event = EventType::from_label(&spec.event).ok_or_else(|| {
        RuleProblem(format!(
            "rule {}: unknown event type {}",
            spec.id, spec.event
        ))
    })?;
    let actor = match spec.actor.as_deref() {
        None | Some("subject") => ActorFrame::Subject,
        Some("before") => ActorFrame::Before,
        Some("between") => ActorFrame::Between,
        Some("all_before") => ActorFrame::AllBefore,
        Some("inherit") => ActorFrame::Inherit,
        Some(other) => {
            return Err(RuleProblem(format!(
                "rule {}: unknown actor frame {other}",
                spec.id
            )))
        }
    };
    let recipient = match spec.recipient.as_deref() {
        None if spec.noun => RecipientFrame::After,
        None | Some("object") => RecipientFrame::Object,
        Some("after") => RecipientFrame::After,
        Some("none") => RecipientFrame::None,
        Some(other) => {
            return Err(RuleProblem(format!(
                "rule {}: unknown recipient frame {other}",
                spec.id
            )))
        }
    };
    if spec.forms.is_empty() && spec.lemmas.is_empty() {
        return Err(RuleProblem(format!("rule {}: no forms or lemmas", spec.id)));
    }
    let actor = if spec.noun && actor == ActorFrame::Subject && spec.actor.is_none() {
        ActorFrame::Before
    } else {
        actor
    };
    Ok(Rule {
        id: spec.id.clone(),
        event,
        mode: spec.mode.clone().filter(|m| !m.is_empty()),
        context: spec.context.clone(),
        forms: PhraseSet::new(&spec.forms).without_heads(&spec.not_compound_heads),
        lemmas: PhraseSet::new(&spec.lemmas).without_heads(&spec.not_compound_heads),
        lemma_stems: Vec::new(),
        with: spec
            .with
            .iter()
            .map(|w| PhraseSet::new(std::slice::from_ref(w)))
            .collect(),
        any_of: PhraseSet::new(&spec.any_of),
        object_any_of: PhraseSet::new(&spec.object_any_of),
        subject_any_of: PhraseSet::new(&spec.subject_any_of),
        subject_none_of: PhraseSet::new(&spec.subject_none_of),
        object_heads: PhraseSet::new(&spec.object_heads),
        object_kinds: spec.object_kinds.clone(),
        none_of: PhraseSet::new(&spec.none_of),
        noun: spec.noun,
        actor,
        recipient,
        recipient_preps: PhraseSet::new(&spec.recipient_preps),
        recipient_from_other_actor: spec.recipient_fallback.as_deref() == Some("other_actor"),
        status: spec.status.clone(),
        weapons: spec.weapons.is_some() || event == EventType::Aid,
        count: spec.count,
        ignore_negation: spec.ignore_negation,
        agent_genitive: spec.agent_genitive,
        authority: spec.authority,
        host_from_place: spec.host_from_place,
        pos: spec.pos.iter().map(|p| p.trim().to_uppercase()).collect(),
        not_followed_by: PhraseSet::new(&spec.not_followed_by),
        bare_verb: spec.bare_verb,
        with_infinitive: spec.with_infinitive,
        claim: spec.claim,
        subject_undergoes: spec.subject_undergoes,
        reciprocal: spec.reciprocal,
        unilateral: spec.unilateral,
        purpose_is_aim: spec.purpose_is_aim,
        swap_roles: spec.swap_roles,
        beneficiary_preps: PhraseSet::new(&spec.beneficiary_preps),
        object_cases: spec.object_cases.clone(),
    })
}

/// `lemma word` entries (`kommen zu`, `brechen aus`) as lowercased `(lemma, word)` pairs; an
/// entry without a space is no pair and is skipped.
fn verb_word_pairs(entries: &[String]) -> Vec<(String, String)> {
    entries
        .iter()
        .filter_map(|e| {
            let (verb, word) = e.trim().rsplit_once(' ')?;
            Some((verb.trim().to_lowercase(), word.to_lowercase()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemma_rules_match_inflections_the_lemmatiser_missed() {
        let rules = LanguageRules::parse(
            r#"
language = "de"
[grammar]
lemma_endings = ["en", "n", "e"]
form_endings = ["", "e", "t", "en", "te", "ten"]
participle_prefixes = ["ge"]
[[rule]]
id = "de.protest.demonstrieren"
event = "PROTEST"
lemmas = ["demonstrieren", "stürmen"]
"#,
        )
        .expect("rules");
        let rule = &rules.rules[0];
        assert!(rules.stem_match(rule, "demonstrierten"));
        assert!(rules.stem_match(rule, "gestürmt"));
        assert!(!rules.stem_match(rule, "demonstrierende"));
        assert!(!rules.stem_match(rule, "stürmisch"));
    }

    #[test]
    fn separable_participles_match_their_lemma() {
        // Stop 27: the participle prefix follows a separable verb's particle (`an|ge|klagt`).
        let rules = LanguageRules::parse(
            r#"
language = "de"
[grammar]
separable_particles = ["an", "ab", "fest"]
lemma_endings = ["en", "n", "e"]
form_endings = ["", "e", "t", "en", "te", "ten"]
participle_prefixes = ["ge"]
[[rule]]
id = "de.accuse.anklagen"
event = "ACCUSE"
lemmas = ["anklagen", "ablehnen"]
"#,
        )
        .expect("rules");
        let rule = &rules.rules[0];
        assert!(rules.stem_match(rule, "angeklagt"));
        assert!(rules.stem_match(rule, "abgelehnt"));
        assert!(!rules.stem_match(rule, "klagten"));
        assert!(!rules.stem_match(rule, "angefragt"));
        assert!(!rules.stem_match(rule, "festgeklagt"));
    }

    #[test]
    fn word_patterns_match_prefixes_and_phrases() {
        let set = PhraseSet::new(&["liefer*".into(), "heißt es".into()]);
        let words = ["es", "heißt", "es", "lieferten"];
        assert_eq!(set.match_at(&words, 1), Some(2));
        assert_eq!(set.match_at(&words, 3), Some(1));
        assert_eq!(set.match_at(&words, 0), None);
    }

    #[test]
    fn unknown_event_type_is_an_error() {
        let text =
            "language = \"xx\"\n[[rule]]\nid = \"xx.a\"\nevent = \"FIGHT\"\nforms = [\"a\"]\n";
        assert!(LanguageRules::parse(text).is_err());
    }
}
