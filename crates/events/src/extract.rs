//! Sentence-level event extraction: find triggers, then fill roles from the mentions around
//! them using the language's role frames.

use armsgraph_model::{
    ArmsTransfer, EntityKind, Event, EventType, Evidence, Factuality, Participant, Span, TimeExpr,
    TransferStatus, Weapon,
};

use crate::clause::{Arguments, SentenceParse};
use crate::numbers::{read_count, Count};
use crate::rules::{ActorFrame, LanguageRules, RecipientFrame, Rule};
use crate::text::{is_quote_mark, DocView, Morph, Placed};

/// What one fired rule found, before ids and document-level steps.
#[derive(Debug, Clone)]
pub struct Found {
    pub event: Event,
    /// Trigger token index (sorting, quote linking).
    pub trigger_tok: usize,
    /// Phrase standing for an unnamed agent (`von einem Land …`), for inference.
    pub unnamed_actor_cue: Option<Span>,
    /// Weapon words named in the sentence (lowercased), for linking uses to transfers.
    pub weapon_words: Vec<String>,
    /// A state institution with no name of its own that acts (`Die Regierung forderte`,
    /// `МИД призвал`, `von der Regierung verboten`) or is acted on (`forderten die Regierung
    /// auf`) where no party fills that role: its token, for `institutions::resolve` to turn into
    /// the state it serves.
    pub institution_actor: Option<usize>,
    pub institution_recipient: Option<usize>,
    /// The rule's act is one only a state's authorities perform (`authority` in the rule
    /// file: arrests, sentences, expulsions), so a passive naming no agent was done by the
    /// state where it happened (`Elf Personen wurden festgenommen`; PLOVER codes the police's
    /// state).
    pub authority_passive: bool,
    /// The rule names a visit whose host is the state of the place visited
    /// (`host_from_place` in the rule file).
    pub host_from_place: bool,
    /// The trigger is a verb (a verb rule's word the syntax layer did not tag as a noun).
    pub verb_trigger: bool,
    /// The word of commitment (`[factuality] commitments`) that governs this act in the
    /// parse (`pledged to supply fuel`): an event triggered by that word in the same sentence
    /// is the commitment to this act, and gives way to it.
    pub committed_by: Option<Span>,
    /// The rule is a claim of responsibility (`claim` in the rule file): the claimant is the
    /// author, and a claim naming no target takes the one of the act reported before.
    pub claim: bool,
    /// An event noun that is the subject of a verb of occurrence (`состоялась акция
    /// протеста`, `[grammar] occurrence_verbs`): it reports the act, as a verb does.
    pub occurs: bool,
    /// The recipients are sides of a coordinated subject (`rule.reciprocal`), not objects.
    pub recipients_from_subject: bool,
    /// Its subject is a word for the sides named before (`Стороны договорились`) and no
    /// actor is named: `agents::resolve_sides` gives it those sides.
    pub sides_anaphor: bool,
    /// A verb rule's word used as a noun (`the blame`, `their release`): its parties come only
    /// from its own noun phrase, never from the clause's subject or the quote's speaker.
    pub nominal: bool,
    /// The rule reads materiel (`eingesetzt`, `deliver`): its weapons are what the act is about,
    /// not just words in the same sentence.
    pub materiel_rule: bool,
    /// The rule's frame has a recipient slot (not `recipient = "none"`: a two-sided fight names
    /// its sides, not a target), so a missing target may be read from the place.
    pub takes_recipient: bool,
    /// The object is an event noun of this type (`condemned the raids`): with no party named
    /// as recipient, the recipient is the author of the last such event before it.
    pub object_event: Option<EventType>,
    /// The object is a demonstrative act phrase (`condemned these actions`, `[grammar]
    /// act_anaphors`): with no party named as recipient, the recipient is the author of the
    /// latest earlier act of any kind.
    pub object_act_anaphor: bool,
    /// A reciprocal marker (`accused each other`, `[grammar] reciprocals`) next to the
    /// trigger: `agents::reciprocal_acts` codes one act per side, the roles swapped.
    pub reciprocal: bool,
    /// A request whose verb has an object in the parse (`asked allies to speed up …`) names
    /// its addressee, though no party the knowledge base knows: it answers no one before
    /// (`agents::reply_recipients`).
    pub addressee_named: bool,
}

/// How a mention is marked in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marking {
    None,
    /// Governed by a preposition (token index of the preposition).
    Prep(usize),
}

struct Clause {
    /// Strong clause (between `,` `;` `:` or subordinators).
    c: (usize, usize),
    /// Conjunct inside it (split further at coordinators).
    k: (usize, usize),
}

pub struct SentenceCtx<'v, 'a> {
    pub view: &'v DocView<'a>,
    pub lang: &'v LanguageRules,
    pub sent: (usize, usize),
    /// Lowercased words of the whole document (`view.words(0, len)`), computed once.
    pub words: &'v [&'v str],
    /// Lowercased lemma of each token (`view.lemmas`; the word itself where the syntax layer
    /// gave none).
    pub lemmas: &'v [&'v str],
    /// Part of speech and UD features of each token (`view.morphology`).
    pub morphology: &'v [Morph<'a>],
    /// The separable particle each token's lemma was joined with ([`separable_lemmas`]; empty
    /// for none): the form is the base verb's, so it is read as an inflection of a rule's
    /// lemma with the particle before it (`forderten … auf` → `aufforderten`, of `auffordern`).
    pub particles: &'v [String],
    /// The sentence's dependency parse, where the syntax layer gave one.
    pub parse: Option<&'v SentenceParse>,
    /// The parse the factuality layer reads: `parse`, or with `[grammar] mood_from_parse`
    /// the syntax layer's parse where roles are not read from it.
    pub mood: Option<&'v SentenceParse>,
    /// With `[grammar] missing_parties_from_parse` where `read_parse` is off: the parse the
    /// parties the word-window rules leave empty are read from (stop 28).
    pub fill: Option<&'v SentenceParse>,
}

impl<'v, 'a> SentenceCtx<'v, 'a> {
    fn w(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn is_strong_boundary(&self, i: usize) -> bool {
        let w = self.w(i);
        matches!(w, "," | ";" | ":" | "(" | ")" | "–" | "—")
            || (w.chars().count() == 1 && w.chars().all(is_quote_mark) && !self.name_quote(i))
            || self.lang.clause_words.matches_word(w)
    }

    /// Is the quotation mark at `i` one of a pair around a short name or title (`ОАО
    /// «Белтрансгаз»`, `„Tagesschau“`): at most three words between the marks, none of them
    /// punctuation? Such marks quote a name, not speech, and do not end a clause.
    fn name_quote(&self, i: usize) -> bool {
        let (a, b) = self.sent;
        let is_mark = |k: usize| {
            let w = self.w(k);
            w.chars().count() == 1 && w.chars().all(is_quote_mark)
        };
        let words_between = |from: usize, to: usize| {
            to > from + 1 && to - from <= 4 && (from + 1..to).all(|k| self.view.toks[k].is_word)
        };
        let after = (i + 1..(i + 5).min(b)).find(|&k| is_mark(k));
        let before = (a.max(i.saturating_sub(4))..i).rev().find(|&k| is_mark(k));
        after.is_some_and(|k| words_between(i, k)) || before.is_some_and(|k| words_between(k, i))
    }

    fn is_weak_boundary(&self, i: usize) -> bool {
        self.lang.coordinators.matches_word(self.w(i))
    }

    fn clause_of(&self, t: usize) -> Clause {
        let (a, b) = self.sent;
        let mut cs = t;
        while cs > a && !self.is_strong_boundary(cs - 1) {
            cs -= 1;
        }
        let mut ce = t + 1;
        while ce < b && !self.is_strong_boundary(ce) {
            ce += 1;
        }
        // A converb set off by commas belongs to the clause it hangs on (`converb_joins_clause`):
        // its subject is that clause's subject. Only across commas, not across clause words.
        if self.lang.converb_joins_clause
            && self.morphology.get(t).and_then(|m| m.feature("VerbForm")) == Some("Conv")
        {
            if cs > a && self.w(cs - 1) == "," {
                cs -= 1;
                while cs > a && !self.is_strong_boundary(cs - 1) {
                    cs -= 1;
                }
            }
            if ce < b && self.w(ce) == "," {
                ce += 1;
                while ce < b && !self.is_strong_boundary(ce) {
                    ce += 1;
                }
            }
        }
        let mut ks = t;
        while ks > cs && !self.is_weak_boundary(ks - 1) {
            ks -= 1;
        }
        let mut ke = t + 1;
        while ke < ce && !self.is_weak_boundary(ke) {
            ke += 1;
        }
        Clause {
            c: (cs, ce),
            k: (ks, ke),
        }
    }

    /// Is the word at `t` used as a noun (`the blame`, `their release`, `under threat`)? Only
    /// for languages whose rule file asks for it.
    fn nominal_use(&self, t: usize) -> bool {
        if !self.lang.nominal_markers_block_verbs || t <= self.sent.0 {
            return false;
        }
        // Skip a date inside the noun phrase (`a July 10 meeting`): digits, then one word.
        let is_number =
            |k: usize| !self.w(k).is_empty() && self.w(k).chars().all(|c| c.is_ascii_digit());
        let mut i = t - 1;
        if is_number(i) && i > self.sent.0 {
            i -= 1;
            if !self.mention_token(i) && self.view.toks.get(i).is_some_and(|tok| tok.cap) {
                i = i.saturating_sub(1).max(self.sent.0);
            }
        }
        let prev = self.w(i);
        let possessive = matches!(prev, "’" | "'" | "’s" | "'s");
        possessive
            || self.lang.determiners.matches_word(prev)
            || (self.lang.prepositions.matches_word(prev)
                && !self.lang.infinitive_markers.matches_word(prev))
    }

    /// Is the noun trigger at `t` an argument of another verb of its clause `c` (`verurteilte
    /// den Putsch`, `в связи с подавлением протестов`)? By its case (`argument_noun_cases`),
    /// when the clause has a verb that is not a support verb (`verübten einen Anschlag`,
    /// `провели переговоры` keep their subject as the noun's author); a noun outside the
    /// accusative is no support verb's object, so it is always another word's argument.
    fn argument_noun(&self, t: usize, len: usize, c: (usize, usize)) -> bool {
        let cases = &self.lang.argument_noun_cases;
        // A trigger of an adjective and its noun (`ракетный удар`, `осудило ракетный удар`) is
        // read at the noun (stop 45).
        let t = if len > 1 && self.morphology.get(t).is_some_and(|m| m.upos == "ADJ") {
            (t + 1..t + len)
                .find(|&i| self.morphology.get(i).is_some_and(|m| m.upos == "NOUN"))
                .unwrap_or(t)
        } else {
            t
        };
        let Some(m) = self.morphology.get(t) else {
            return false;
        };
        if self.lang.argument_noun_objects && (cases.is_empty() || m.feature("Case").is_none()) {
            return m.upos == "NOUN"
                && self
                    .object_of_verb(t, len, self.parse.or(self.fill).or(self.mood))
                    .unwrap_or(false);
        }
        let Some(case) = m.feature("Case") else {
            return false;
        };
        if m.upos != "NOUN" {
            return false;
        }
        // A case the tagger may have misread (`wies die Vorwürfe zurück`: `Vorwürfe` tagged a
        // nominative) yields to the parse when it makes the noun another verb's object.
        if !cases.iter().any(|x| x == case) {
            return self.object_of_verb(t, len, self.parse.or(self.fill)) == Some(true);
        }
        let support =
            |i: usize| self.support_verb(self.lemmas.get(i).copied().unwrap_or(""), self.w(i));
        // Right after a support verb, determiners and adjectives between, the noun is its
        // object whatever case the tagger gave (`нанесла удары`, read as a genitive); after a
        // possessive (`bot seinen Rücktritt an`) the possessor is its author.
        let mut k = t;
        while k > c.0.max(t.saturating_sub(4)) {
            k -= 1;
            let Some(before) = self.morphology.get(k) else {
                break;
            };
            if before.feature("Poss") == Some("Yes") {
                return false;
            }
            if !matches!(before.upos, "DET" | "ADJ" | "NUM") {
                if before.upos == "VERB" && support(k) {
                    return false;
                }
                // `объявила о выходе из ОДКБ`: the act announced is the announcer's (stop 45).
                let announced = k > c.0
                    && self
                        .lang
                        .announce_preps
                        .matches_word(&self.w(k).to_lowercase())
                    && self.morphology.get(k - 1).is_some_and(|m| m.upos == "VERB")
                    && self
                        .lang
                        .announce_verbs
                        .matches_word(self.lemmas.get(k - 1).copied().unwrap_or(""));
                if announced {
                    return false;
                }
                break;
            }
        }
        // A support verb takes its noun as direct object; a noun in another case hangs on
        // something else (`ввёл санкции в связи с подавлением протестов`).
        if case != "Acc" {
            return true;
        }
        // The parse names the verb whose object the noun is (`осудила нападение и потребовала
        // ввести санкции`: the object of `осудить`, not of the support verb `ввести` later in
        // the clause).
        if let Some(argument) = self.object_of_verb(t, len, self.parse.or(self.fill)) {
            return argument;
        }
        let mut verbs = (c.0..c.1).filter(|&i| {
            (i < t || i >= t + len) && self.morphology.get(i).is_some_and(|m| m.upos == "VERB")
        });
        let first = verbs.next();
        first.is_some() && !first.into_iter().chain(verbs).any(support)
    }

    /// The first token of the time expression holding token `i`, if one does.
    fn time_start(&self, i: usize) -> Option<usize> {
        let tok = self.view.toks.get(i)?;
        let t = self
            .view
            .ex
            .times
            .iter()
            .find(|t| t.span.start <= tok.span.start && tok.span.end <= t.span.end)?;
        Some(crate::text::tok_at_or_after(&self.view.toks, t.span.start).min(i))
    }

    /// Does the word at `i` end a phrase of its own before the mention starting at `at`? A
    /// noun that is neither a title right before the name (`Präsident Putin`, same case),
    /// nor followed by a genitive article (`dem Präsidenten der Ukraine`), nor the head of a
    /// genitive name (`die Regierung Myanmars`).
    fn closes_phrase(&self, i: usize, at: usize) -> bool {
        let Some(m) = self.morphology.get(i) else {
            return false;
        };
        // A personal or reflexive pronoun is a whole phrase (`взял на себя Хамас`: `на`
        // governs `себя`, not the name after it). Stop 36.
        if m.upos == "PRON"
            && (m.feature("Reflex") == Some("Yes") || m.feature("PronType") == Some("Prs"))
        {
            return true;
        }
        if !m.is_noun() || self.mention_token(i) {
            return false;
        }
        // A genitive name belongs to the noun before it (`die Regierung Myanmars`).
        if self.morphology.get(at).and_then(|n| n.feature("Case")) == Some("Gen") {
            return false;
        }
        if self.lang.genitive_articles.matches_word(self.w(i + 1)) {
            return false;
        }
        if i + 1 == at {
            // A title or a bare noun right before the name: one phrase unless the cases differ.
            let head = self.morphology.get(at).and_then(|n| n.feature("Case"));
            return matches!((m.feature("Case"), head), (Some(a), Some(b)) if a != b);
        }
        true
    }

    /// The case the syntax layer gives a mention: that of its last word with one (the head
    /// of a German noun phrase, the inflected surname of a Russian name).
    fn case_of(&self, p: &Placed) -> Option<&str> {
        (p.start..p.end)
            .rev()
            .find_map(|k| self.morphology.get(k).and_then(|m| m.feature("Case")))
    }

    /// The case of the phrase a mention stands in, for `subject_cases` and `agent_cases`: the
    /// case of its first noun (Russian names and organisations put their head first: `МИД
    /// России`; German ones their head last, so there the last word's), or, for a genitive
    /// attribute (`министр обороны Украины`, `МИД России`), the case of the noun it belongs
    /// to — never through the trigger (`обстрел Донецка` is not a subject).
    fn phrase_case(&self, p: &Placed, trigger: usize) -> Option<&str> {
        // A bare name right after a coordinator (`Die Ukraine und Russland haben …`) is in the
        // case of the name it is coordinated with: in a language whose names carry no case
        // ending (`verb_final`, German) the tagger's guess for it is no evidence (it made
        // `Russland` a dative recipient; stop 39).
        if self.lang.verb_final
            && p.start > self.sent.0 + 1
            && self.lang.coordinators.matches_word(self.w(p.start - 1))
        {
            if let Some(q) = self
                .view
                .mentions_in(self.sent.0, p.start - 1)
                .find(|q| q.is_party() && q.end + 1 == p.start)
            {
                return self.phrase_case(q, trigger);
            }
        }
        // A phrase whose article follows a noun directly is that noun's genitive attribute
        // (`einem Luftangriff der syrischen Armee`): no preposition, so no dative, whatever the
        // tagger guessed for the words after the article (German grammar; stop 39).
        let mut genitive_attribute = false;
        if self.lang.verb_final {
            let mut k = p.start;
            while k > self.sent.0 && self.morphology.get(k - 1).is_some_and(|m| m.upos == "ADJ") {
                k -= 1;
            }
            let article = k.checked_sub(1).filter(|&a| a > self.sent.0);
            if let Some(a) = article {
                let is_gen_article = self
                    .morphology
                    .get(a)
                    .is_some_and(|m| m.upos == "DET" && m.feature("Case") == Some("Gen"));
                let after_noun = self.morphology.get(a - 1).is_some_and(|m| m.is_noun());
                genitive_attribute = is_gen_article && after_noun;
            }
        }
        let first_noun = (p.start..p.end).find_map(|k| {
            let m = self.morphology.get(k)?;
            if m.is_noun() {
                m.feature("Case")
            } else {
                None
            }
        });
        let own = if genitive_attribute {
            Some("Gen")
        } else if self.lang.verb_final {
            self.case_of(p)
        } else {
            first_noun.or_else(|| self.case_of(p))
        }?;
        if own != "Gen" {
            return Some(own);
        }
        let mut i = p.start;
        let mut steps = 0;
        while steps < 4 {
            if i <= self.sent.0 {
                break;
            }
            i -= 1;
            // A later conjunct of a genitive attribute (`министры России и Турции`) belongs to
            // the noun its first conjunct belongs to: go on from before that conjunct.
            if let Some(q) = self.genitive_conjunct_before(i) {
                i = q;
                continue;
            }
            steps += 1;
            if i == trigger || !self.view.toks[i].is_word {
                break;
            }
            // A generic head (`die Armee Kenias`) is a mention of its own, still the noun the
            // genitive belongs to; a name is not.
            let generic_head = self
                .view
                .placed
                .iter()
                .any(|q| q.start <= i && i < q.end && q.m.kind == EntityKind::Agent);
            if self.mention_token(i) && !generic_head {
                break;
            }
            let Some(m) = self.morphology.get(i) else {
                break;
            };
            match (m.upos, m.feature("Case")) {
                ("ADJ" | "DET" | "NOUN" | "PROPN", Some("Gen")) => {}
                ("NOUN" | "PROPN", Some(c)) => return Some(c),
                _ => break,
            }
        }
        Some(own)
    }

    /// `i` is a comma or coordinator right after a party named in the genitive (`России` in
    /// `России и Турции`): the first token of that party.
    fn genitive_conjunct_before(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if w != "," && !self.lang.coordinators.matches_word(w) {
            return None;
        }
        let q = self
            .view
            .placed
            .iter()
            .find(|q| q.end == i && q.is_party() && q.start >= self.sent.0)?;
        (self.case_of(q) == Some("Gen")).then_some(q.start)
    }

    /// May the mention be the subject by its case? Yes where the language reads no cases or
    /// the syntax layer gave the name none (indeclinable `США`, untagged text).
    fn subject_case_ok(&self, p: &Placed, trigger: usize) -> bool {
        let cases = &self.lang.subject_cases;
        !self.object_article(p)
            && (cases.is_empty()
                || self
                    .phrase_case(p, trigger)
                    .is_none_or(|c| cases.iter().any(|s| s == c)))
    }

    /// Does an article that is never nominative open the mention's noun phrase (`den
    /// amtierenden Präsidenten Tandja Mamadou`, `dem Land`)? Looks back over adjectives,
    /// numbers and an apposed noun, at most four words, to the first determiner.
    fn object_article(&self, p: &Placed) -> bool {
        if self.lang.object_articles.is_empty() {
            return false;
        }
        let mut k = p.start;
        for _ in 0..4 {
            if k <= self.sent.0 {
                return false;
            }
            k -= 1;
            let w = self.w(k);
            if self.lang.object_articles.matches_word(w) {
                return true;
            }
            let upos = self.morphology.get(k).map_or("", |m| m.upos);
            if self.lang.determiners.matches_word(w)
                || !matches!(upos, "ADJ" | "NUM" | "NOUN")
                || self.view.in_mention(k)
            {
                return false;
            }
        }
        false
    }

    /// Is the mention surely no subject: opened by an object article, or in the dative or
    /// genitive by the tagger (which confuses nominative and accusative far more often than
    /// these), its genitive read through the noun it belongs to (`Außenminister Frankreichs`)?
    fn not_subject(&self, p: &Placed, trigger: usize) -> bool {
        self.object_article(p)
            || (!self.lang.object_articles.is_empty()
                && matches!(self.phrase_case(p, trigger), Some("Gen" | "Dat")))
    }

    /// A noun phrase in a subject case, governed by no preposition, among the words from
    /// `from` to the verb at `t` (`Die Regierung in X forderte Y …`, `Sie fordert …`): the
    /// clause's subject stands before its verb, so a name after the verb is no inverted
    /// subject.
    fn fronted_subject(&self, from: usize, t: usize) -> bool {
        let cases = &self.lang.subject_cases;
        !cases.is_empty()
            && (from..t).any(|i| {
                self.morphology.get(i).is_some_and(|m| {
                    matches!(m.upos, "NOUN" | "PROPN" | "PRON")
                        && m.feature("Case")
                            .is_some_and(|c| cases.iter().any(|s| s == c))
                }) && self.governing_preposition(i, from).is_none()
            })
    }

    /// The grammatical number of the phrase a mention heads — its first noun's in a
    /// head-first language, its last word's with a number in a verb-final one (as
    /// [`Self::phrase_case`] reads its case) — where the tagger gives one.
    fn phrase_number(&self, p: &Placed) -> Option<&str> {
        let number = |k: usize| self.morphology.get(k).and_then(|m| m.feature("Number"));
        if self.lang.verb_final {
            (p.start..p.end).rev().find_map(number)
        } else {
            (p.start..p.end)
                .find(|&k| self.morphology.get(k).is_some_and(|m| m.is_noun()))
                .and_then(number)
                .or_else(|| (p.start..p.end).find_map(number))
        }
    }

    /// May a phrase of number `number` be the subject of the finite verb at `t`? A finite
    /// verb and its subject agree in number (`Ученые призвали Министерство юстиции …`: a
    /// plural verb, so the singular neuter noun after it, which the tagger read as nominative,
    /// is its object). True where either carries no number (a participle, an English past
    /// tense, an untagged word). `Ptan` (plural only) counts as plural.
    fn agrees_in_number(&self, number: Option<&str>, t: usize) -> bool {
        let Some(verb) = self.morphology.get(t) else {
            return true;
        };
        if verb.feature("VerbForm") != Some("Fin") {
            return true;
        }
        fn values(n: &str) -> Vec<&str> {
            n.split(',')
                .map(|v| if v == "Ptan" { "Plur" } else { v })
                .collect()
        }
        match (verb.feature("Number"), number) {
            (Some(v), Some(n)) => {
                let n = values(n);
                values(v).iter().any(|x| n.contains(x))
            }
            _ => true,
        }
    }

    /// A subject that names no party before the verb at `t` in its clause from `from`: a
    /// noun, or an adjective standing for one (`Ученые призвали …`), in a subject case,
    /// governed by no preposition and agreeing with the verb in number. A name after the verb
    /// is then its object, whatever case the tagger gave it. Pronouns are left out (`Это
    /// заявил Песков`: the demonstrative is the object).
    fn unnamed_subject_before(&self, from: usize, t: usize) -> bool {
        let cases = &self.lang.subject_cases;
        !cases.is_empty()
            && (from..t).any(|i| {
                let Some(m) = self.morphology.get(i) else {
                    return false;
                };
                let substantive = match m.upos {
                    "NOUN" => true,
                    // An adjective is a noun's attribute when a noun or adjective follows it.
                    "ADJ" => !self
                        .morphology
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.upos, "NOUN" | "PROPN" | "ADJ")),
                    _ => false,
                };
                substantive
                    && !self.mention_token(i)
                    && m.feature("Case")
                        .is_some_and(|c| cases.iter().any(|s| s == c))
                    && self.governing_preposition(i, from).is_none()
                    && self.agrees_in_number(m.feature("Number"), t)
                    && self.agrees_in_gender(m.feature("Gender"), t)
            })
    }

    /// A past-tense singular verb that carries a gender (Russian, Ukrainian) agrees with its
    /// subject in gender: `Нападение осудил …` (neuter noun, masculine verb) has its subject
    /// after the verb (stop 43). True wherever either side has no gender.
    fn agrees_in_gender(&self, gender: Option<&str>, t: usize) -> bool {
        let Some(verb) = self.morphology.get(t) else {
            return true;
        };
        if verb.feature("VerbForm") != Some("Fin") || verb.feature("Number") != Some("Sing") {
            return true;
        }
        match (verb.feature("Gender"), gender) {
            (Some(v), Some(n)) => n.split(',').any(|g| g == v),
            _ => true,
        }
    }

    /// A finite verb before the trigger at `t` in the span `from..t` (`hatten … gestürmt`):
    /// the trigger closes a main clause whose subject stands before it.
    fn finite_before(&self, from: usize, t: usize) -> bool {
        (from..t).any(|i| {
            self.morphology
                .get(i)
                .is_some_and(|m| m.feature("VerbForm") == Some("Fin"))
                || self.lang.perfect_aux.matches_word(self.w(i))
        })
    }

    /// Whether the token `t`, tagged a verb, is the first verb or auxiliary from `from` on
    /// (false where the words have no tags).
    fn first_verb(&self, from: usize, t: usize) -> bool {
        let verb = |i: usize| {
            self.morphology
                .get(i)
                .is_some_and(|m| matches!(m.upos, "VERB" | "AUX"))
        };
        verb(t) && !(from..t).any(verb)
    }

    /// Does the clause starting at token `c0` open with a relative pronoun in a subject case
    /// (`die`/`der` tagged `PronType=Rel`, `Case=Nom`), where the language asks for it?
    fn relative_subject(&self, c0: usize) -> bool {
        let cases = &self.lang.subject_cases;
        self.lang.relative_antecedent_subject
            && c0 > self.sent.0
            && self.morphology.get(c0).is_some_and(|m| {
                m.upos == "PRON"
                    && m.feature("PronType")
                        .is_some_and(|v| v.split(',').any(|x| x == "Rel"))
                    && m.feature("Case")
                        .is_some_and(|c| cases.iter().any(|s| s == c))
            })
    }

    /// Is the mention, by a case the syntax layer gave it, in one of `cases`?
    fn in_case(&self, p: &Placed, trigger: usize, cases: &[String]) -> bool {
        !cases.is_empty()
            && self
                .phrase_case(p, trigger)
                .is_some_and(|c| cases.iter().any(|s| s == c))
    }

    /// Do commas and coordinators join a phrase ending at token `end` to one starting at
    /// `next` (`X, Y`, `X und Y`, `и X, и Y`), with at most an article of the next phrase
    /// between (`die USA und die EU`)?
    fn joins(&self, end: usize, next: usize) -> bool {
        let joiner = |i: usize| {
            let w = self.w(i);
            w == "," || self.lang.coordinators.matches_word(w)
        };
        // Commas and coordinators (`, и` of `и ДНР, и Киев`), then an article of the next
        // name's own phrase (`die USA und die EU`).
        let mut k = end;
        while k < next && joiner(k) {
            k += 1;
        }
        k > end && (k..next).all(|i| self.lang.determiners.matches_word(self.w(i)))
    }

    /// Names of `pool` coordinated with `first` before it (`Mordor, Rohan and | Bree`), in
    /// text order.
    ///
    /// A list ends with its coordinator: the name right before `first` is joined to it by one
    /// (`Rohan and Bree`), not by a comma alone (`Как сообщили в Минобороны Украины, российские
    /// войска атаковали`: a source clause, not a list; stop 45).
    fn conjuncts_before<'p>(&self, first: &Placed, pool: &[&'p Placed<'a>]) -> Vec<&'p Placed<'a>> {
        let mut out = Vec::new();
        let mut cur_start = first.start;
        while let Some(q) = pool.iter().find(|q| self.joins(q.end, cur_start)) {
            let coordinated =
                (q.end..cur_start).any(|i| self.lang.coordinators.matches_word(self.w(i)));
            if out.is_empty() && !coordinated {
                break;
            }
            out.insert(0, *q);
            cur_start = q.start;
        }
        out
    }

    /// Names coordinated with `first` after it (`X и Y`, `X, Y und Z`): each right after a
    /// comma or coordinator, unmarked, and — where both have one — in the same case.
    fn conjuncts_after<'p>(
        &self,
        first: &'p Placed<'a>,
        pool: &[&'p Placed<'a>],
        trigger: usize,
    ) -> Vec<&'p Placed<'a>> {
        let mut out = Vec::new();
        if !self.lang.coordinated_parties {
            return out;
        }
        let mut cur = first;
        while let Some(next) = pool.iter().find(|q| self.joins(cur.end, q.start)) {
            let (a, b) = (
                self.phrase_case(cur, trigger),
                self.phrase_case(next, trigger),
            );
            // The tagger's case of an indeclinable name (`США`, `ЕС`) is often wrong; the
            // parse's coordination of the two overrides it.
            if matches!((a, b), (Some(x), Some(y)) if x != y)
                && !self.parse_conjoined(first, next)
                && !self.parse_conjoined(cur, next)
            {
                break;
            }
            out.push(*next);
            cur = next;
        }
        out
    }

    /// `p` with the names of `pool` coordinated with it, in text order: those before it and
    /// those after it that end by the verb at `t` (`Украина, США и ЕС осудили`).
    fn with_conjuncts<'p>(
        &self,
        p: &'p Placed<'a>,
        pool: &[&'p Placed<'a>],
        t: usize,
    ) -> Vec<&'p Placed<'a>> {
        let mut all = self.conjuncts_before(p, pool);
        all.push(p);
        all.extend(
            self.conjuncts_after(p, pool, t)
                .into_iter()
                .filter(|q| q.end <= t),
        );
        all
    }

    /// Whether the noun at `t`, where `parse` makes it a verb's direct object, is that
    /// verb's argument: the verb is no support verb (`condenaron el ataque`, not `lanzaron un
    /// ataque`). `None` where the parse makes it no verb's object. A trigger of `len` words is
    /// read at its head.
    fn object_of_verb(&self, t: usize, len: usize, parse: Option<&SentenceParse>) -> Option<bool> {
        let ps = parse?;
        let pw = self.through_measure(ps, trigger_word(ps, self.view, t, len)?);
        if ps.deprel(pw) != "obj" {
            return None;
        }
        let w = &ps.words[ps.parent(pw).filter(|&h| ps.words[h].upos == "VERB")?];
        Some(!self.support_verb(&w.lemma, &w.form))
    }

    /// The word standing for the act noun `pw` in its clause: the measure noun it hangs on
    /// (`imposed a new package of sanctions`, `провела серию ударов`, `a sanctions package`),
    /// else `pw` itself.
    fn through_measure(&self, ps: &SentenceParse, pw: usize) -> usize {
        ps.parent(pw)
            .filter(|&h| {
                (ps.deprel(pw).starts_with("nmod") || ps.deprel(pw) == "compound")
                    && ps.words[h].upos == "NOUN"
                    && (self
                        .lang
                        .measure_nouns
                        .matches_word(&ps.words[h].lemma.to_lowercase())
                        || self
                            .lang
                            .measure_nouns
                            .matches_word(&ps.words[h].form.to_lowercase()))
            })
            .unwrap_or(pw)
    }

    /// The parse and actor slot of the support verb whose object is the measure noun the act
    /// noun at `t` hangs on (`imposed a package of sanctions`), if it is one.
    fn measure_support_subject(
        &self,
        t: usize,
        len: usize,
        agent_case: &dyn Fn(&str) -> bool,
    ) -> Option<(&'v SentenceParse, usize)> {
        let ps = self.parse.or(self.fill)?;
        let pw = trigger_word(ps, self.view, t, len)?;
        let m = self.through_measure(ps, pw);
        if m == pw || self.object_of_verb(t, len, Some(ps)) != Some(false) {
            return None;
        }
        let verb = ps.parent(m)?;
        Some((ps, ps.arguments(verb, agent_case).actor?))
    }

    /// The parse and actor slot of the verb whose argument the act noun at `t` is, where a
    /// possessive pronoun of the third person modifies the noun (`announced its withdrawal`,
    /// `launched its offensive`, `объявила о своём выходе`): the pronoun stands for that
    /// verb's subject, as it does in most news sentences (stop 45). Up through at most two
    /// nouns to the verb (`began the start of its offensive`).
    fn possessive_subject(
        &self,
        t: usize,
        len: usize,
        agent_case: &dyn Fn(&str) -> bool,
    ) -> Option<(&'v SentenceParse, usize)> {
        let ps = self.parse.or(self.fill)?;
        let pw = trigger_word(ps, self.view, t, len)?;
        let third_person_possessive = ps.children(pw).any(|c| {
            let feats = &ps.words[c].feats;
            c < pw
                && matches!(ps.words[c].upos.as_str(), "PRON" | "DET")
                && ((crate::clause::has_feat(feats, "Poss=Yes")
                    && !crate::clause::has_feat(feats, "Person=1")
                    && !crate::clause::has_feat(feats, "Person=2"))
                    || self
                        .lang
                        .reflexive_possessives
                        .matches_word(&ps.words[c].lemma.to_lowercase()))
        });
        if !third_person_possessive {
            return None;
        }
        let mut n = self.through_measure(ps, pw);
        for _ in 0..3 {
            let h = ps.parent(n)?;
            match ps.words[h].upos.as_str() {
                "VERB" => {
                    // Not a subject the clause takes from another (`called on Israel to show
                    // its commitment`: object control the parse may not see).
                    let args = ps.arguments(h, agent_case);
                    return (!args.passive && !args.inherited).then_some((ps, args.actor?));
                }
                "NOUN" => n = h,
                _ => return None,
            }
        }
        None
    }

    /// Is a verb of this lemma or form one of `[grammar] support_verbs`? Russian `ё` is
    /// optional in writing and the lemmatiser keeps it where the list may not (`ввёл` →
    /// `ввёсти`): both are read with `е`.
    fn support_verb(&self, lemma: &str, form: &str) -> bool {
        let fold = |w: &str| w.to_lowercase().replace('ё', "е");
        self.lang.support_verbs.matches_word(&fold(lemma))
            || self.lang.support_verbs.matches_word(&fold(form))
    }

    /// Does the parse attach `later`'s head as a conjunct (`conj`) of `first`'s head? UD hangs
    /// every conjunct of a coordination on its first one (the parser at times on the one
    /// before: callers ask for both).
    fn parse_conjoined(&self, first: &Placed, later: &Placed) -> bool {
        let Some(ps) = self.parse.or(self.fill) else {
            return false;
        };
        let head = |p: &Placed| ps.head_of(self.view.span_of(p.start, p.end));
        match (head(first), head(later)) {
            (Some(f), Some(l)) => ps.deprel(l) == "conj" && ps.parent(l) == Some(f),
            _ => false,
        }
    }

    /// A name right after noun trigger `t` (over articles, adjectives, numerals and nouns in
    /// the same case, `визит президента Франции`) in one of `cases`.
    fn after_noun_in_case<'p>(
        &self,
        t: usize,
        cases: &[String],
        parties: &[(&'p Placed<'a>, Marking)],
    ) -> Option<&'p Placed<'a>> {
        if cases.is_empty() {
            return None;
        }
        let limit = (t + 5).min(self.sent.1);
        for i in t + 1..limit {
            if let Some((p, _)) = parties.iter().find(|(p, _)| p.start == i) {
                let case = self.phrase_case(p, t)?;
                return cases.iter().any(|c| c == case).then_some(*p);
            }
            let m = self.morphology.get(i).copied().unwrap_or_default();
            let in_case = m
                .feature("Case")
                .is_some_and(|c| cases.iter().any(|x| x == c));
            let skippable = self.view.toks[i].is_word
                && (matches!(m.upos, "DET" | "ADJ" | "NUM")
                    || (m.is_noun() && in_case && !self.mention_token(i)));
            if !skippable {
                return None;
            }
        }
        None
    }

    /// A name right after `from` (over articles, adjectives and numerals) whose case is one
    /// of `cases`: a local, high-precision read of an undergoer (`Festnahme des Journalisten`,
    /// `warf der Ukraine vor`) that needs no whole parse.
    fn case_object<'p>(
        &self,
        from: usize,
        cases: &[String],
        parties: &[(&'p Placed<'a>, Marking)],
    ) -> Option<&'p Placed<'a>> {
        if cases.is_empty() {
            return None;
        }
        let limit = (from + 4).min(self.sent.1);
        for i in from..limit {
            if let Some((p, _)) = parties.iter().find(|(p, _)| p.start == i) {
                let case = self.case_of(p)?;
                if cases.iter().any(|c| c == case) {
                    return Some(*p);
                }
                // A nationality adjective in another case modifies a word after it
                // (`продажу американского оружия Тайваню`): read on.
                let adjective =
                    p.end == p.start + 1 && self.morphology.get(i).is_some_and(|m| m.upos == "ADJ");
                if !adjective {
                    return None;
                }
                continue;
            }
            let m = self.morphology.get(i).copied().unwrap_or_default();
            // A genitive noun between is the trigger's own attribute (`продажу оружия
            // Тайваню`: what is sold), unless the case sought is the genitive itself.
            let attribute = m.upos == "NOUN"
                && m.feature("Case") == Some("Gen")
                && !cases.iter().any(|c| c == "Gen");
            let skippable = self.view.toks[i].is_word
                && (matches!(m.upos, "DET" | "ADJ" | "NUM")
                    || attribute
                    || self.lang.determiners.matches_word(self.w(i)));
            if !skippable {
                return None;
            }
        }
        None
    }

    /// Token `i` is an institution noun of the language (`Regierung`, `МИД`, `ministry`) that
    /// no recognised name covers.
    fn institution_word(&self, i: usize) -> bool {
        let Some(tok) = self.view.toks.get(i) else {
            return false;
        };
        tok.is_word
            && !self.view.in_mention(i)
            && matches!(
                self.morphology.get(i).map_or("", |m| m.upos),
                "" | "NOUN" | "PROPN"
            )
            && (self.lang.institutions.matches(&tok.lower)
                || self
                    .lemmas
                    .get(i)
                    .is_some_and(|l| self.lang.institutions.matches(l)))
    }

    /// An adjective right before the noun at token `i` that is no recognised name (`die
    /// libanesische Regierung` where the nationality was not read, `the coalition forces`):
    /// the phrase says whose it is in words we cannot read, so it is not guessed from the
    /// place or the document.
    fn qualified(&self, i: usize) -> bool {
        i > self.sent.0
            && !self.view.in_mention(i - 1)
            && self.morphology.get(i - 1).is_some_and(|m| m.upos == "ADJ")
    }

    /// The preposition governing the noun at token `i`: the word before its determiners and
    /// adjectives (`von der Regierung`, `в правительстве`), not before `floor`.
    fn governing_preposition(&self, i: usize, floor: usize) -> Option<usize> {
        let mut k = i;
        while k > floor {
            k -= 1;
            let w = self.w(k);
            let upos = self.morphology.get(k).map_or("", |m| m.upos);
            if self.lang.prepositions.matches_word(w) || upos == "ADP" {
                return Some(k);
            }
            if !(self.lang.determiners.matches_word(w) || matches!(upos, "DET" | "ADJ" | "NUM")) {
                return None;
            }
        }
        None
    }

    /// An unnamed institution acting in clause `c` of the trigger at `t`: for an active verb
    /// its subject — the nearest institution noun before the trigger with no preposition and,
    /// where the tagger gives a case, in a subject case; for a passive its agent (`von der
    /// Regierung`, `судом`).
    fn institution_subject(
        &self,
        c: (usize, usize),
        t: usize,
        len: usize,
        passive: bool,
    ) -> Option<usize> {
        let case = |i: usize| self.morphology.get(i).and_then(|m| m.feature("Case"));
        let in_cases =
            |i: usize, cases: &[String]| case(i).is_some_and(|k| cases.iter().any(|s| s == k));
        if passive {
            return (c.0..c.1).filter(|&i| i < t || i >= t + len).find(|&i| {
                self.institution_word(i)
                    && match self.governing_preposition(i, c.0) {
                        Some(p) => self.lang.agent_preps.matches_word(self.w(p)),
                        None => in_cases(i, &self.lang.agent_cases),
                    }
            });
        }
        let cases = &self.lang.subject_cases;
        let subject = |i: usize| {
            !self.qualified(i)
                && self.institution_word(i)
                && self.governing_preposition(i, c.0).is_none()
                && (cases.is_empty() || case(i).is_none_or(|k| cases.iter().any(|s| s == k)))
        };
        // Only before the verb: after it a neuter object reads as a nominative as often
        // (`предупредил … правительство Белоруссии`, `würdigte die Bundeswehr`) — unless the
        // parse makes it the verb's subject (German inversion: `Am Montag forderte die
        // Regierung in Kairo …`; stop 45).
        (c.0..t).rev().find(|&i| subject(i)).or_else(|| {
            let ps = self.parse.or(self.fill)?;
            let verb = trigger_word(ps, self.view, t, len)?;
            (t + len..c.1).find(|&i| {
                subject(i)
                    && ps
                        .word_at(self.view.span_of(i, i + 1))
                        .is_some_and(|w| ps.deprel(w) == "nsubj" && ps.parent(w) == Some(verb))
            })
        })
    }

    /// An unnamed institution the act at `from` (the word after the trigger) is directed at:
    /// the first institution noun after it in clause `c`, with no preposition and not in a
    /// subject case (`forderten die Regierung auf`, `требовали отставки правительства`).
    fn institution_object(&self, c: (usize, usize), from: usize) -> Option<usize> {
        let cases = &self.lang.subject_cases;
        (from..c.1).find(|&i| {
            !self.qualified(i)
                && self.institution_word(i)
                && self.governing_preposition(i, from).is_none()
                && !self
                    .morphology
                    .get(i)
                    .and_then(|m| m.feature("Case"))
                    .is_some_and(|k| cases.iter().any(|s| s == k))
        })
    }

    fn mention_token(&self, i: usize) -> bool {
        self.view.in_mention(i)
    }

    /// The preposition governing a mention, looking back over at most four words (never
    /// across the trigger at `floor`).
    fn marking(&self, p: &Placed, trigger: usize) -> Marking {
        let floor = if trigger < p.start {
            self.sent.0.max(trigger + 1)
        } else {
            self.sent.0
        };
        // `der Sicherheitsrat der Vereinten Nationen`: a name right after a genitive article
        // that directly follows another party is that party's attribute; the head before it
        // is the party (`[grammar] genitive_attribute_heads`, German).
        if self.lang.genitive_attribute_heads
            && p.start > floor + 1
            && self
                .lang
                .genitive_articles
                .matches_word(self.w(p.start - 1))
            && self
                .view
                .placed
                .iter()
                .any(|q| q.end == p.start - 1 && q.start >= self.sent.0 && q.is_party())
        {
            return Marking::Prep(p.start - 1);
        }
        let mut i = p.start;
        let mut steps: usize = 0;
        while i > floor && steps < 4 {
            i -= 1;
            if self.lang.phrase_bounded_lookback {
                // A time expression is a closed phrase of its own (`против состоявшегося в
                // пятницу визита`): step over it whole; its preposition governs the time.
                if let Some(start) = self.time_start(i) {
                    if start <= floor {
                        return Marking::None;
                    }
                    i = start;
                    continue;
                }
            }
            steps += 1;
            let w = self.w(i);
            if !self.view.toks[i].is_word || self.is_weak_boundary(i) || self.is_strong_boundary(i)
            {
                return Marking::None;
            }
            // `a group of Moroccan diplomats`, `with the president of Armenia`: the name
            // belongs to the head noun's phrase; look on past the head.
            if i > floor
                && self.lang.partitive_preps.matches_word(w)
                && self.lang.collective_heads.matches_word(self.w(i - 1))
            {
                steps = steps.saturating_sub(2);
                continue;
            }
            if self.lang.prepositions.matches_word(w)
                || self.lang.agent_preps.matches_word(w)
                || self.lang.between_preps.matches_word(w)
                || self.lang.agent_phrases.match_at(self.words, i).is_some()
            {
                return Marking::Prep(i);
            }
            if self.lang.phrase_bounded_lookback && self.closes_phrase(i, p.start) {
                // `am Samstag Demonstranten`: the preposition's phrase ended before the name.
                return Marking::None;
            }
            if self.mention_token(i) {
                // Names in a row (`Paschinjan, der armenische …`) stop the look-back, except an
                // adjective name inside the same noun phrase (`der Republik Armenien`).
                return Marking::None;
            }
        }
        Marking::None
    }
}

/// Run every rule of `lang` over one sentence.
/// The lemmas the event rules read: a finite verb whose separable particle closes its clause
/// (`kündigte … eine Offensive an`, `stellte … ein`, `forderten die Regierung auf`) has the
/// particle verb's lemma (`ankündigen`, `einstellen`, `auffordern`), not the base verb's the
/// lemmatiser gives (`kündigen`: a cancellation). The particle is a `separable_particles` word
/// right before punctuation, a coordinator or the sentence's end, with no other finite verb,
/// clause word or punctuation between (German grammar: the Satzklammer).
pub fn separable_lemmas(
    view: &DocView,
    lang: &LanguageRules,
    lemmas: &[String],
    words: &[&str],
    morphology: &[Morph],
) -> Vec<String> {
    let mut out = lemmas.to_vec();
    if lang.separable_particles.is_empty() {
        return out;
    }
    let finite = |i: usize| {
        morphology
            .get(i)
            .is_some_and(|m| m.feature("VerbForm") == Some("Fin"))
    };
    let word = |i: usize| words.get(i).copied().unwrap_or("");
    // A participle's lemma with the participle prefix kept after its particle (`abgeschossen`
    // → `abgeschießen`): the particle verb's lemma is the particle and the rest (`abschießen`).
    // Not where the verb itself begins with the prefix (`abgegeben` → `abgeben`).
    for (t, l) in out.iter_mut().enumerate() {
        if morphology
            .get(t)
            .is_none_or(|m| m.feature("VerbForm") != Some("Part"))
        {
            continue;
        }
        let form = word(t);
        let fixed = lang.separable_prefixes.iter().find_map(|particle| {
            let form_rest = form.strip_prefix(particle.as_str())?;
            let lemma_rest = l.strip_prefix(particle.as_str())?;
            lang.participle_prefixes.iter().find_map(|pre| {
                let stem = form_rest.strip_prefix(pre.as_str())?;
                let base = lemma_rest.strip_prefix(pre.as_str())?;
                (!stem.starts_with(pre.as_str()) && base.chars().count() >= 4)
                    .then(|| format!("{particle}{base}"))
            })
        });
        if let Some(f) = fixed {
            *l = f;
        }
    }
    for &(a, b) in &view.sentences {
        for t in a..b {
            if !finite(t) || morphology.get(t).is_none_or(|m| m.upos != "VERB") {
                continue;
            }
            let mut i = t + 1;
            while i < b {
                if !view.toks[i].is_word || finite(i) || lang.clause_words.matches_word(word(i)) {
                    break;
                }
                let closes = i + 1 == b
                    || !view.toks[i + 1].is_word
                    || lang.coordinators.matches_word(word(i + 1));
                if closes && lang.separable_particles.matches_word(word(i)) {
                    if let Some(l) = out.get_mut(t) {
                        *l = format!("{}{}", word(i), l);
                    }
                    break;
                }
                i += 1;
            }
        }
    }
    out
}

pub fn sentence_events(ctx: &SentenceCtx, doc_id: &str, out: &mut Vec<Found>) {
    let (a, b) = ctx.sent;
    let sent_words = &ctx.words[a..b];
    let first_new = out.len();
    let mut used_tokens: Vec<(usize, usize)> = Vec::new();
    for t in a..b {
        if !ctx.view.toks[t].is_word || used_tokens.iter().any(|(s, e)| *s <= t && t < *e) {
            continue;
        }
        if ctx.lang.lowercase_triggers && ctx.view.toks[t].cap && t > a {
            continue;
        }
        // Second pass: the word read as an inflection of a rule's lemma (`demonstrierten`,
        // `протеста`), for words the syntax layer's lemmatiser got wrong; only when no rule
        // took the word by its form or lemma. A form rule whose conditions fail here
        // (`forderte*` of a request for military help) does not block it: `forderten` with the
        // lemma `forderen` is still a form of `fordern`.
        // Content words only: `einige` (a determiner) is no form of `einigen`.
        let content_word = matches!(
            ctx.morphology.get(t).map_or("", |m| m.upos),
            "" | "NOUN" | "VERB" | "ADJ" | "AUX" | "X"
        );
        let mut taken = false;
        let particle = ctx.particles.get(t).map_or("", String::as_str);
        let stem_word = format!("{particle}{}", ctx.w(t));
        for stem_pass in [false, true] {
            if stem_pass && (taken || !content_word) {
                break;
            }
            for rule in &ctx.lang.rules {
                let len = if stem_pass {
                    ctx.lang.stem_match(rule, &stem_word).then_some(1)
                } else {
                    rule.forms
                        .match_at(ctx.words, t)
                        .or_else(|| rule.lemmas.match_at(ctx.lemmas, t))
                };
                let Some(len) = len else {
                    continue;
                };
                if stem_pass
                    && (rule.forms.match_at(ctx.words, t).is_some()
                        || rule.lemmas.match_at(ctx.lemmas, t).is_some())
                {
                    // Already tried on the first pass.
                    continue;
                }
                if !applies(ctx, rule, t, len, sent_words) {
                    continue;
                }
                taken = true;
                used_tokens.push((t, t + len));
                let prev: Vec<&Found> = out[first_new..].iter().collect();
                if let Some(found) = fire(ctx, rule, t, len, doc_id, &prev) {
                    out.push(found);
                }
                break;
            }
        }
        // Third pass (`[grammar] compound_min_modifier`, German): a closed compound noun no
        // rule took is read by its head, the last part of a compound deciding its meaning
        // (`Raketenangriff` is an `Angriff`, `Waffenlieferungen` are `Lieferungen`). The head
        // is the longest tail of the word's lemma (or of the word) that a noun rule lists as a
        // one-word lemma or form, after a modifier of at least that many letters; the head has
        // at least four letters.
        let min_modifier = ctx.lang.compound_min_modifier;
        if !taken && min_modifier > 0 && ctx.morphology.get(t).map_or("", |m| m.upos) == "NOUN" {
            if let Some(rule) = compound_head_rule(ctx, t, min_modifier) {
                if applies(ctx, rule, t, 1, sent_words) {
                    used_tokens.push((t, t + 1));
                    let prev: Vec<&Found> = out[first_new..].iter().collect();
                    if let Some(found) = fire(ctx, rule, t, 1, doc_id, &prev) {
                        out.push(found);
                    }
                }
            }
        }
    }
    drop_commitments(out, first_new);
    merge_same_sentence(out, first_new);
}

/// The parse word of a trigger at tokens `t..t + len`: a trigger of several words at its
/// head (`an arms sale`: `sale`; stop 42), else the word at its first token.
fn trigger_word(ps: &SentenceParse, view: &DocView, t: usize, len: usize) -> Option<usize> {
    let head = (len > 1)
        .then(|| ps.head_of(view.span_of(t, t + len)))
        .flatten();
    head.or_else(|| ps.word_at(view.span_of(t, t + 1)))
}

/// `The U.S. and Japan pledged to supply fuel oil`: the pledge is the announcement of the
/// supply (AID, `future`), not an agreement of its own — drop the sentence's events whose
/// trigger is a word of commitment another of its events is committed by. A commitment a
/// rule reads as a threat (`пообещал ограничить поставки`, a promise of harm) holds its act
/// instead, as a threat does (`[factuality] subsumed_under`).
fn drop_commitments(out: &mut Vec<Found>, first_new: usize) {
    let trigger = |f: &Found| f.event.evidence.first().map(|e| e.trigger);
    let commits = |c: &Found, by: Span| {
        c.committed_by.is_none()
            && trigger(c).is_some_and(|tr| by.start >= tr.start && by.end <= tr.end)
    };
    let mut drop = vec![false; out.len()];
    for g in first_new..out.len() {
        let Some(by) = out[g].committed_by else {
            continue;
        };
        for c in first_new..out.len() {
            if c != g && commits(&out[c], by) {
                if out[c].event.event_type == EventType::Threaten {
                    drop[g] = true;
                } else {
                    drop[c] = true;
                }
            }
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Does the word at `t`, tagged as an adjective, stand where only a finite verb can
/// (`[grammar] finite_after_noun`)? Right after a noun, name or pronoun of its sentence — an
/// attribute stands before its noun — unless that noun closes an agent phrase (`die von
/// Rebellen ermordeten Zivilisten`: there the participle is the attribute of what follows).
fn finite_after_noun(ctx: &SentenceCtx, t: usize) -> bool {
    let (a, _) = ctx.sent;
    if t <= a {
        return false;
    }
    let upos = |i: usize| ctx.morphology.get(i).map_or("", |m| m.upos);
    if !(matches!(upos(t - 1), "NOUN" | "PROPN" | "PRON") || ctx.mention_token(t - 1)) {
        return false;
    }
    // Back over the noun phrase before the word to what governs it.
    let mut k = t - 1;
    while k > a && matches!(upos(k - 1), "NOUN" | "PROPN" | "DET" | "ADJ" | "NUM") {
        k -= 1;
    }
    !(k > a && upos(k - 1) == "ADP" && ctx.lang.agent_preps.matches_word(ctx.w(k - 1)))
}

/// The tails of `text` that may head it as a closed compound: after at least `min_modifier`
/// letters, at least four letters long (`Raketenangriff`, three letters of modifier: `etenangriff`
/// … `angriff` … `riff`).
fn compound_heads(text: &str, min_modifier: usize) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    let n = starts.len();
    let range = if n >= min_modifier + 4 {
        min_modifier..n - 3
    } else {
        0..0
    };
    range.map(move |i| &text[starts[i]..])
}

/// The noun rule whose one-word lemma or form is the head of the compound at token `t`: the
/// longest tail of its lemma (else of the word) after at least `min_modifier` letters and of
/// at least four letters that a noun rule lists exactly.
fn compound_head_rule<'v>(
    ctx: &SentenceCtx<'v, '_>,
    t: usize,
    min_modifier: usize,
) -> Option<&'v Rule> {
    let lang: &'v LanguageRules = ctx.lang;
    let lemma = ctx.lemmas.get(t).copied().unwrap_or("");
    let word = ctx.w(t);
    for text in [lemma, word] {
        if !text.chars().all(char::is_alphabetic) {
            continue;
        }
        for head in compound_heads(text, min_modifier) {
            if let Some(rule) = lang
                .rules
                .iter()
                .find(|r| r.noun && (r.lemmas.contains_word(head) || r.forms.contains_word(head)))
            {
                return Some(rule);
            }
        }
    }
    None
}

/// Whether `rule`, matched at token `t` over `len` tokens, applies in its sentence: its part
/// of speech, its context words, its particle and object words.
fn applies(ctx: &SentenceCtx, rule: &Rule, t: usize, len: usize, sent_words: &[&str]) -> bool {
    let (_, b) = ctx.sent;
    if t + len > b {
        return false;
    }
    let upos = ctx.morphology.get(t).map_or("", |m| m.upos);
    // A verb the tagger took for an adjective (`finite_after_noun`) is still the verb.
    let verb_read_as_adjective = upos == "ADJ"
        && ctx.lang.finite_after_noun
        && rule.accepts_pos("VERB")
        && finite_after_noun(ctx, t);
    if !(rule.accepts_pos(upos) || verb_read_as_adjective) {
        return false;
    }
    if !rule.any_of.is_empty() && !rule.any_of.occurs_in(sent_words) {
        return false;
    }
    if !rule.none_of.is_empty() && rule.none_of.occurs_in(sent_words) {
        return false;
    }
    if !rule
        .with
        .iter()
        .all(|w| (t + len..b).any(|j| w.match_at(ctx.words, j).is_some()))
    {
        return false;
    }
    if rule.not_followed_by.match_at(ctx.words, t + len).is_some() {
        return false;
    }
    // `peace talks broke down`, `after taking over the neighbourhoods`: a bare verb's rule
    // does not cover the verb with a particle, another lexeme.
    if rule.bare_verb && len == 1 {
        if let Some(ps) = ctx.parse {
            if ps
                .word_at(ctx.view.span_of(t, t + 1))
                .is_some_and(|pw| ps.has_particle(pw))
            {
                return false;
            }
        }
    }
    if ctx.mention_token(t) && !rule.noun {
        // A trigger word that is part of a name (`Export-Import Bank`) is not a trigger.
        return false;
    }
    if rule.with_infinitive {
        let infinitive = |w: &str| ctx.lang.infinitive_markers.matches_word(w);
        let takes = ctx
            .parse
            .or(ctx.fill)
            .or(ctx.mood)
            .and_then(|ps| {
                let pw = ps.word_at(ctx.view.span_of(t, t + 1))?;
                Some(ps.takes_infinitive(pw, &infinitive))
            })
            .unwrap_or(false);
        if !takes {
            return false;
        }
    }
    if !rule.subject_any_of.is_empty() && !subject_in(ctx, t, len, &rule.subject_any_of) {
        return false;
    }
    if !rule.subject_none_of.is_empty() && subject_in(ctx, t, len, &rule.subject_none_of) {
        return false;
    }
    if !rule.object_kinds.is_empty() && !object_of_kind(ctx, t, len, &rule.object_kinds) {
        return false;
    }
    if !rule.object_heads.is_empty() && !object_head_in(ctx, t, len, &rule.object_heads) {
        return false;
    }
    if !rule.object_any_of.is_empty() {
        let cl = ctx.clause_of(t);
        // The clause, not the sentence: passives put the object first (`Artillery shells were
        // delivered`).
        // What is acted on is no subject of the active verb: a listed word before the trigger
        // in a subject case counts only in a passive clause (`Eine Offensive … beendete die
        // Unabhängigkeit` ends no offensive; `Die Angriffe wurden eingestellt` does). Stop 31.
        let cases = &ctx.lang.subject_cases;
        let passive_clause = (cl.k.0..cl.k.1).any(|i| ctx.lang.passive_aux.matches_word(ctx.w(i)));
        // A case the tagger may have misread (`hat die Waffenruhe verletzt`: `Waffenruhe`
        // tagged a nominative) yields to the parse where it makes the word an object.
        let parsed_object = |j: usize| {
            ctx.parse
                .or(ctx.fill)
                .or(ctx.mood)
                .and_then(|ps| {
                    ps.word_at(ctx.view.span_of(j, j + 1))
                        .map(|w| ps.deprel(w) == "obj")
                })
                .unwrap_or(false)
        };
        let subject_before = |j: usize| {
            j < t
                && !passive_clause
                && ctx
                    .morphology
                    .get(j)
                    .and_then(|m| m.feature("Case"))
                    .is_some_and(|c| cases.iter().any(|s| s == c))
                && !parsed_object(j)
        };
        // A rule that reads arms takes a weapon the pipeline named as its object too
        // (`передаст Украине комплексы Patriot`): the knowledge base's weapons are the arms
        // words no list can hold.
        // Not for an adjective or a participle standing alone (`all armed with Kalashnikovs`:
        // equipped, no transfer), only a verb or a participle with an auxiliary before it.
        let bare_participle = || {
            ctx.morphology.get(t).is_some_and(|m| {
                m.upos == "ADJ"
                    || (m.feature("VerbForm") == Some("Part")
                        && !(cl.c.0..t)
                            .any(|i| ctx.morphology.get(i).is_some_and(|m| m.upos == "AUX")))
            })
        };
        let weapon_object = rule.weapons
            && !bare_participle()
            && ctx.view.mentions_in(cl.c.0, cl.c.1).any(|p| {
                matches!(
                    p.m.kind,
                    EntityKind::WeaponSystem | EntityKind::WeaponCategory
                ) && !subject_before(p.start)
            });
        // In a language of closed compounds, a listed word is also the head of one
        // (`Militärhilfe` for `hilfe`): its last part decides.
        let min_modifier = ctx.lang.compound_min_modifier;
        // The word or its lemma: a list names the object once (`hilfe`, not `Hilfen`; stop 40).
        let lemma = |j: usize| ctx.lemmas.get(j).copied().unwrap_or("");
        let compound_head = |j: usize| {
            min_modifier > 0
                && [ctx.w(j), lemma(j)].into_iter().any(|text| {
                    compound_heads(text, min_modifier)
                        .any(|head| rule.object_any_of.contains_word(head))
                })
        };
        if !weapon_object
            && !(cl.c.0..cl.c.1).any(|j| {
                (rule.object_any_of.match_at(ctx.words, j).is_some()
                    || rule.object_any_of.match_at(ctx.lemmas, j).is_some()
                    || compound_head(j))
                    && !subject_before(j)
            })
        {
            return false;
        }
    }
    true
}

/// The trigger's word in whichever parse the sentence has (roles, missing parties or
/// factuality), read at its head.
fn any_parse_trigger<'p>(
    ctx: &SentenceCtx<'p, '_>,
    t: usize,
    len: usize,
) -> Option<(&'p SentenceParse, usize)> {
    let ps = ctx.parse.or(ctx.fill).or(ctx.mood)?;
    Some((ps, trigger_word(ps, ctx.view, t, len)?))
}

/// Is the parse's subject of the trigger at `t` (or, for a participle or infinitive, of the
/// verb it hangs on as a conjunct or auxiliary construction) one of `words`, by form, lemma
/// or the head of a closed compound (`Kamikazedrohnen`)? No parse, no subject: false.
fn subject_in(ctx: &SentenceCtx, t: usize, len: usize, words: &crate::rules::PhraseSet) -> bool {
    let Some((ps, pw)) = any_parse_trigger(ctx, t, len) else {
        return false;
    };
    let min_modifier = ctx.lang.compound_min_modifier;
    let listed = |text: &str| {
        let text = text.to_lowercase();
        words.matches_word(&text)
            || (min_modifier > 0
                && compound_heads(&text, min_modifier).any(|head| words.contains_word(head)))
    };
    // A conjunct verb shares its first conjunct's subject (`Raketen trafen … und zerstörten`).
    let verb =
        if ps.deprel(pw) == "conj" && !ps.children(pw).any(|c| ps.deprel(c).starts_with("nsubj")) {
            ps.parent(pw).unwrap_or(pw)
        } else {
            pw
        };
    ps.children(verb)
        .filter(|&c| ps.deprel(c).starts_with("nsubj"))
        .any(|c| listed(&ps.words[c].form) || listed(&ps.words[c].lemma))
}

/// Is the parse's direct object of the trigger at `t` one of `words`, by form or lemma? No
/// parse, no object: false.
fn object_head_in(
    ctx: &SentenceCtx,
    t: usize,
    len: usize,
    words: &crate::rules::PhraseSet,
) -> bool {
    let Some((ps, pw)) = any_parse_trigger(ctx, t, len) else {
        return false;
    };
    ps.children(pw).filter(|&c| ps.deprel(c) == "obj").any(|c| {
        words.matches_word(&ps.words[c].form.to_lowercase())
            || words.matches_word(&ps.words[c].lemma.to_lowercase())
    })
}

/// Does the trigger at `t` take an object or oblique naming an entity of one of `kinds`? In
/// the parse, a mention over a word the trigger governs as `obj`, `iobj` or `obl` (`nmod`
/// for a noun: `выходом из ОДКБ`); without one, the first party after the trigger in its
/// clause.
fn object_of_kind(ctx: &SentenceCtx, t: usize, len: usize, kinds: &[EntityKind]) -> bool {
    let cl = ctx.clause_of(t);
    let of_kind = |p: &Placed| kinds.contains(&p.m.kind);
    // In the parse's subject (`die US-Botschaft`, `US` a compound of the subject's head).
    let in_subject = |p: &Placed| {
        ctx.parse.or(ctx.fill).is_some_and(|ps| {
            let Some(mut w) = ps.word_at(ctx.view.span_of(p.start, p.start + 1)) else {
                return false;
            };
            for _ in 0..3 {
                if ps.deprel(w).starts_with("nsubj") {
                    return true;
                }
                match ps.parent(w) {
                    Some(h) if ps.words[h].upos == "NOUN" || ps.words[h].upos == "PROPN" => w = h,
                    _ => return false,
                }
            }
            false
        })
    };
    if let Some((ps, pw)) = ctx
        .parse
        .or(ctx.fill)
        .and_then(|ps| Some((ps, trigger_word(ps, ctx.view, t, len)?)))
    {
        let governed = ps
            .children(pw)
            .filter(|&c| {
                matches!(
                    ps.deprel(c).split(':').next(),
                    Some("obj" | "iobj" | "obl" | "nmod")
                )
            })
            .any(|c| {
                let at = ps.words[c].span;
                ctx.view
                    .mentions_in(cl.c.0, cl.c.1)
                    .any(|p| p.m.span.start <= at.start && at.end <= p.m.span.end && of_kind(p))
            });
        if governed {
            return true;
        }
    }
    // The parse may hang the phrase elsewhere (`trat 2022 aus dem Europarat aus`: on the year):
    // the first party after the trigger, with only function words, numbers and adjectives
    // between (not `warnten vor einem Anschlag in Kenia`, a party of another phrase).
    ctx.view
        .mentions_in(t + len, cl.c.1)
        .find(|p| p.is_party())
        .filter(|p| {
            (t + len..p.start).all(|i| {
                matches!(
                    ctx.morphology.get(i).map_or("", |m| m.upos),
                    "ADP" | "DET" | "NUM" | "ADJ" | "PUNCT"
                )
            })
        })
        // Not the subject after its verb (`warnte die US-Botschaft vor Anschlägen`).
        .filter(|p| {
            let case = (p.start..p.end)
                .rev()
                .find_map(|i| ctx.morphology.get(i).and_then(|m| m.feature("Case")));
            !case.is_some_and(|c| ctx.lang.subject_cases.iter().any(|s| s == c)) && !in_subject(p)
        })
        .is_some_and(of_kind)
}

/// Two triggers of one type in a sentence describe one event (`in Kämpfen … eingesetzt`).
fn merge_same_sentence(out: &mut Vec<Found>, first_new: usize) {
    let mut i = first_new;
    while i < out.len() {
        let mut j = i + 1;
        while j < out.len() {
            let (ei, ej) = (&out[i].event, &out[j].event);
            let same_type = ei.event_type == ej.event_type && ei.mode == ej.mode;
            let parties = |e: &Event| -> Vec<String> {
                e.actors
                    .iter()
                    .chain(&e.recipients)
                    .map(|p| p.entity.clone())
                    .collect()
            };
            let (pi, pj) = (parties(ei), parties(ej));
            let compatible =
                ei.actors.is_empty() || ej.actors.is_empty() || pi.iter().any(|p| pj.contains(p));
            if same_type && compatible && ei.factuality == ej.factuality {
                let other = out.remove(j);
                absorb(&mut out[i], other);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

fn absorb(into: &mut Found, other: Found) {
    let e = &mut into.event;
    // The first trigger's reading of who acts wins; the second only adds new parties.
    for p in other.event.actors {
        if !e.actors.iter().any(|q| q.entity == p.entity)
            && !e.recipients.iter().any(|q| q.entity == p.entity)
        {
            e.actors.push(p);
        }
    }
    for p in other.event.recipients {
        if !e.recipients.iter().any(|q| q.entity == p.entity)
            && !e.actors.iter().any(|q| q.entity == p.entity)
        {
            e.recipients.push(p);
        }
    }
    for p in other.event.locations {
        if !e.locations.iter().any(|q| q.entity == p.entity) {
            e.locations.push(p);
        }
    }
    if e.time.is_none() {
        e.time = other.event.time;
    }
    if e.mode.is_none() {
        e.mode = other.event.mode;
    }
    match (&mut e.arms, other.event.arms) {
        (Some(a), Some(b)) => {
            for w in b.weapons {
                if !a.weapons.iter().any(|x| x.span == w.span) {
                    a.weapons.push(w);
                }
            }
        }
        (None, Some(b)) => e.arms = Some(b),
        _ => {}
    }
    e.confidence = e.confidence.max(other.event.confidence);
    if into.unnamed_actor_cue.is_none() {
        into.unnamed_actor_cue = other.unnamed_actor_cue;
    }
    if !e.actors.is_empty() {
        into.unnamed_actor_cue = None;
    }
    if into.institution_actor.is_none() && into.event.actors.is_empty() {
        into.institution_actor = other.institution_actor;
    }
    if into.institution_recipient.is_none() && into.event.recipients.is_empty() {
        into.institution_recipient = other.institution_recipient;
    }
    into.authority_passive |= other.authority_passive;
}

/// The organisation a pronoun subject (`it`, per `[quotes] pronouns` of kind `organisation`)
/// stands for: the [`salient_antecedent`] among organisations and groups (`MEND said it
/// sponsored gunmen who shot at vessels of an oil company. It also threatened …`: MEND).
fn organisation_pronoun<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    word: &crate::clause::DepWord,
) -> Option<&'v Placed<'a>> {
    if word.upos != "PRON"
        || ctx.lang.pronouns.get(&word.form).map(String::as_str) != Some("organisation")
    {
        return None;
    }
    // A state too where it is the subject before the pronoun in the same sentence (`Israel
    // said it had bombed …`: the speaker goes on as the subject of what it says; stop 40).
    let sentence_start = ctx.sent.0;
    // A force named as a body goes on so too (`Pakistan's army said it killed …`; stop 41).
    let state_subject = |p: &Placed| {
        matches!(p.m.kind, EntityKind::State | EntityKind::Agent)
            && p.start >= sentence_start
            && ctx
                .morphology
                .get(p.start..p.end)
                .is_some_and(|ms| ms.iter().any(|m| m.deprel.starts_with("nsubj")))
    };
    salient_antecedent(ctx, word.span.start, &|p: &Placed| {
        matches!(p.m.kind, EntityKind::Organisation | EntityKind::Group) || state_subject(p)
    })
}

/// Of the parties named before char `at` within [`PRONOUN_REACH`] that `accept` takes, the
/// last one the parse made a subject — a subject pronoun continues the subject before it —
/// else the last one. Never a party a coreference link produced; the walk back stops at the
/// reach, so it costs the mentions within it.
fn salient_antecedent<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    at: usize,
    accept: &dyn Fn(&Placed) -> bool,
) -> Option<&'v Placed<'a>> {
    // Any word of the name (its head is the first word of `Movement for the Emancipation …`).
    let subject = |p: &Placed| {
        ctx.morphology
            .get(p.start..p.end)
            .is_some_and(|ms| ms.iter().any(|m| m.deprel.starts_with("nsubj")))
    };
    let mut latest = None;
    for p in ctx
        .view
        .before(at)
        .take_while(|p| p.m.span.end > at || at - p.m.span.end <= PRONOUN_REACH)
    {
        if p.m.span.end > at || p.m.method == armsgraph_model::LinkMethod::Coreference || !accept(p)
        {
            continue;
        }
        if subject(p) {
            return Some(p);
        }
        latest = latest.or(Some(p));
    }
    latest
}

/// The body a singular gendered pronoun subject stands for (`Mit der Opposition kam es zu
/// keiner Einigung. Sie fordert …`, `Россия … Она потребовала`; `[grammar]
/// gendered_pronouns`), where no person was found for it: of the organisations, groups,
/// generic actors and states named before it within [`PRONOUN_REACH`] whose head noun (the
/// first noun or name of the mention) has the pronoun's gender and is not plural, the last
/// one the parse made a subject, else the last. The pronoun and its verb must not be plural
/// (German `sie` with a plural verb is `they`). Never a party a coreference link produced.
fn gendered_antecedent<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    ps: &crate::clause::SentenceParse,
    a: usize,
) -> Option<&'v Placed<'a>> {
    let word = ps.words.get(a)?;
    if word.upos != "PRON" {
        return None;
    }
    let gender = ctx.lang.gendered_pronouns.get(&word.form.to_lowercase())?;
    // The verb's number decides where it has one (the tagger reads a capitalised `Sie` as
    // plural or polite); else the pronoun's.
    let verb = ps.parent(a).and_then(|h| ps.words.get(h));
    if verb.and_then(number_of).or_else(|| number_of(word)) == Some("Plur") {
        return None;
    }
    let head_noun = |p: &Placed| {
        ctx.morphology
            .get(p.start..p.end)?
            .iter()
            .find(|m| matches!(m.upos, "NOUN" | "PROPN"))
    };
    let agrees = |p: &Placed| {
        head_noun(p).is_some_and(|m| {
            m.feature("Gender") == Some(gender.as_str()) && m.feature("Number") != Some("Plur")
        })
    };
    salient_antecedent(ctx, word.span.start, &|p: &Placed| {
        p.is_party() && p.m.kind != EntityKind::Person && agrees(p)
    })
}

/// The person a definite role noun as subject stands for (`the Pentagon chief telephoned …`,
/// `[quotes] role_nouns`): the last person named before it, within the pronoun reach, as for
/// quote speakers named by a role.
fn role_antecedent<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    ps: &crate::clause::SentenceParse,
    a: usize,
) -> Option<&'v Placed<'a>> {
    let word = ps.words.get(a)?;
    let definite = ps
        .children(a)
        .any(|c| ps.deprel(c) == "det" && ctx.lang.determiners.matches_word(&ps.words[c].form));
    // A language without articles (`[grammar] bare_role_anaphors`, Russian) marks no role
    // noun as definite: a bare one (`Президент заявил`, `Оппозиционер предложил`) that has no
    // name of its own in the parse (`президент Иванов`) points back as `the president` does.
    let bare = ctx.lang.bare_role_anaphors
        && !ps.children(a).any(|c| {
            matches!(ps.deprel(c), "flat" | "flat:name" | "appos") || ps.words[c].upos == "PROPN"
        });
    if word.upos != "NOUN" || !(definite || bare) || !ctx.lang.role_nouns.matches(&word.form) {
        return None;
    }
    // Latest first; the walk stops at the reach, so it costs the mentions within it.
    ctx.view
        .before(word.span.start)
        .take_while(|p| {
            p.m.span.end > word.span.start || word.span.start - p.m.span.end <= PRONOUN_REACH
        })
        .find(|p| {
            p.m.kind == EntityKind::Person
                && p.m.method != armsgraph_model::LinkMethod::Coreference
                && p.m.span.end <= word.span.start
        })
}

/// How far back (chars) a pronoun finds its organisation: as for quote speakers.
const PRONOUN_REACH: usize = 1500;

/// The UD `Number` of a parse word (`Plur`, `Sing`), if the tagger gives one.
fn number_of(w: &crate::clause::DepWord) -> Option<&str> {
    w.feats.split('|').find_map(|kv| kv.strip_prefix("Number="))
}

/// The parties a plural pronoun subject stands for (`They decapitated …`, `Sie drängten den
/// Premierminister …`, `Они потребовали …`; `[grammar] plural_pronouns`): the last plural
/// party named before it within [`PRONOUN_REACH`] chars — a group (`die beiden Seiten`), a
/// party whose head word the tagger reads as plural (`rebels`, `Demonstranten`, `боевики`),
/// or two states joined by a comma or coordinator (`Russia and China`). Number decides: the
/// pronoun or its verb must be plural and neither singular, so German `sie` with a singular
/// verb (feminine `she`) is left to the person pronouns. Never a party a coreference link
/// produced; the walk back stops at the reach.
fn plural_antecedents<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    ps: &crate::clause::SentenceParse,
    a: usize,
) -> Vec<&'v Placed<'a>> {
    let Some(word) = ps.words.get(a) else {
        return Vec::new();
    };
    if word.upos != "PRON"
        || !ctx
            .lang
            .plural_pronouns
            .matches_word(&word.form.to_lowercase())
    {
        return Vec::new();
    }
    let verb = ps.parent(a).and_then(|h| ps.words.get(h));
    let numbers = [Some(number_of(word)), verb.map(number_of)];
    let numbers: Vec<&str> = numbers.into_iter().flatten().flatten().collect();
    if !numbers.contains(&"Plur") || numbers.contains(&"Sing") {
        return Vec::new();
    }
    let at = word.span.start;
    let plural_head = |p: &Placed| {
        p.end > p.start
            && ctx
                .morphology
                .get(p.end - 1)
                .and_then(|m| m.feature("Number"))
                == Some("Plur")
    };
    // A subject pronoun continues the subject before it (`Militants attempted to behead
    // eight soldiers. They decapitated …`): the latest plural party the parse read as a
    // subject wins over a later plural object; with no subject among them, the latest.
    let subject = |p: &Placed| {
        p.end > p.start
            && ctx
                .morphology
                .get(p.end - 1)
                .is_some_and(|m| m.deprel.starts_with("nsubj"))
    };
    let mut latest_plural: Option<&'v Placed<'a>> = None;
    let mut later_state: Option<&'v Placed<'a>> = None;
    for p in ctx
        .view
        .before(at)
        .take_while(|p| p.m.span.end > at || at - p.m.span.end <= PRONOUN_REACH)
    {
        if p.m.span.end > at
            || p.m.method == armsgraph_model::LinkMethod::Coreference
            || !p.is_party()
        {
            continue;
        }
        let plural = p.m.kind == EntityKind::Group
            || (p.m.kind != EntityKind::Person && p.m.kind != EntityKind::State && plural_head(p));
        if let Some(object) = latest_plural {
            // Past a plural object, only its own clause's subject is sought (a subject far
            // back is another story).
            if object.m.span.start.saturating_sub(p.m.span.end) > SUBJECT_REACH {
                break;
            }
            if plural && subject(p) {
                return vec![p];
            }
            continue;
        }
        if p.m.kind == EntityKind::State {
            if let Some(q) = later_state {
                let between = ctx.view.text(Span {
                    start: p.m.span.end,
                    end: q.m.span.start.max(p.m.span.end),
                });
                let between = between.trim().to_lowercase();
                if between == "," || ctx.lang.coordinators.matches_word(&between) {
                    return vec![p, q];
                }
            }
            later_state = Some(p);
            continue;
        }
        if later_state.is_some() {
            // The latest party is a single state: not plural.
            return Vec::new();
        }
        if plural {
            if subject(p) {
                return vec![p];
            }
            latest_plural = Some(p);
            continue;
        }
        // A person or a singular body named last: `they` is not about it.
        return Vec::new();
    }
    latest_plural.into_iter().collect()
}

/// How far before a plural object (chars) its clause's subject is sought for a plural
/// pronoun (`Militants attempted to behead all eight soldiers`): about one sentence.
const SUBJECT_REACH: usize = 200;

/// Participants found through an anaphor are marked as coreference.
pub(crate) fn as_coreference(mut list: Vec<Participant>) -> Vec<Participant> {
    for p in list.iter_mut() {
        p.how = "coreference".to_string();
    }
    list
}

pub(crate) fn participant(p: &Placed) -> Vec<Participant> {
    let how = match p.m.method {
        armsgraph_model::LinkMethod::Coreference => "coreference",
        _ => "explicit",
    };
    if p.m.kind == EntityKind::Group && !p.m.members.is_empty() {
        return p
            .m
            .members
            .iter()
            .map(|id| Participant {
                entity: id.clone(),
                name: id.clone(),
                span: Some(p.m.span),
                how: "coreference".to_string(),
            })
            .collect();
    }
    // A state's own forces take part as that state (`Indian police` → IND, named "India
    // police"), so state-level queries and alerts see them; a non-state sector keeps its
    // state as a qualifier (`Syrian rebels` → SYR.rebels: they fight the state, they are not
    // it), and one without an owner takes part as itself (`protesters`).
    let entity = match (p.m.kind, p.m.entity.split_once('.')) {
        (EntityKind::Agent, Some((owner, sector))) if crate::agents::is_state_sector(sector) => {
            owner.to_string()
        }
        _ => p.m.entity.clone(),
    };
    vec![Participant {
        entity,
        name: p.m.name.clone(),
        span: Some(p.m.span),
        how: how.to_string(),
    }]
}

/// A generic actor whose state or group is named right by it (`Indian police`, `police
/// indienne`, `Soldaten der Ukraine`, `Hezbollah fighters`) is not a party of its own: the
/// state or group mention is, with the place and marking the rules already read for it
/// (`zwischen aserbaidschanischen und armenischen Streitkräften`). A generic actor without
/// one (`protesters`, `rebels`) is a party of its own.
fn speaks_through_its_state(p: &Placed, parties: &[&Placed]) -> bool {
    let Some((owner, _)) = p.m.entity.split_once('.') else {
        return false;
    };
    p.m.kind == EntityKind::Agent
        && parties.iter().any(|q| {
            q.m.kind != EntityKind::Agent
                && q.m.entity == owner
                && (q.start.abs_diff(p.end) <= 2 || p.start.abs_diff(q.end) <= 2)
        })
}

/// The parse's arguments of the trigger word `pw` as the rule reads them: the subject of a
/// verb it happens to (`policemen died`, CAMEO `subject_undergoes`) is acted on, not acting.
fn rule_arguments(
    ps: &SentenceParse,
    pw: usize,
    rule: &Rule,
    agent_case: &dyn Fn(&str) -> bool,
) -> Arguments {
    let mut args = ps.arguments(pw, agent_case);
    if rule.subject_undergoes && !args.inherited {
        if let Some(a) = args.actor.take() {
            args.undergoers.push(a);
        }
    }
    args
}

/// The active subject attending a meeting noun at `span`: the noun is an oblique or nominal
/// modifier opened by one of `attendance_preps` and hangs on a verb (one noun between at
/// most: `on the sidelines of a summit`), or the object of one of `attendance_verbs`
/// (`paid a visit`), and that verb has an active subject.
fn attending_subject(ps: &SentenceParse, span: Span, lang: &LanguageRules) -> Option<usize> {
    let noun = ps.word_at(span)?;
    let active_subject = |v: usize| {
        (!ps.passive(v))
            .then(|| ps.children(v).find(|&c| ps.deprel(c) == "nsubj"))
            .flatten()
    };
    // The object of a light verb (`paid a visit to Kyiv`, `held talks`).
    if ps.deprel(noun) == "obj" {
        let v = ps.parent(noun)?;
        let lemma = ps.words[v].lemma.to_lowercase();
        return (ps.words[v].upos == "VERB" && lang.attendance_verbs.matches_word(&lemma))
            .then(|| active_subject(v))
            .flatten();
    }
    let prep = ps
        .children(noun)
        .find(|&c| ps.deprel(c) == "case")
        .map(|c| ps.words[c].form.to_lowercase())?;
    if !lang.attendance_preps.matches_word(&prep) {
        return None;
    }
    let mut cur = noun;
    for _ in 0..2 {
        if !matches!(ps.deprel(cur).split(':').next(), Some("obl" | "nmod")) {
            return None;
        }
        let up = ps.parent(cur)?;
        let w = &ps.words[up];
        // A participle the tagger read as an adjective (`haben sich … geeinigt`) is the verb.
        let participle = w.upos == "ADJ" && w.feats.split('|').any(|f| f == "VerbForm=Part");
        if matches!(w.upos.as_str(), "VERB" | "AUX") || participle {
            return active_subject(up);
        }
        cur = up;
    }
    None
}

/// The state named on the materiel of the transfer noun at `t` (`sale of US weapons`,
/// `Verkauf amerikanischer Waffen`, `продажу американского оружия`): a nationality word or
/// name modifying the noun's nominal dependent, in the parse.
fn materiel_origin<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    parties: &[(&'v Placed<'a>, Marking)],
    t: usize,
    len: usize,
) -> Option<&'v Placed<'a>> {
    let ps = ctx.parse.or(ctx.fill)?;
    let pw = trigger_word(ps, ctx.view, t, len)?;
    // A verb's object only where it names a weapon (`delivered German tanks`; `supplied
    // Ukrainian forces` names the recipient).
    let weapon_at = |c: usize| {
        let at = ps.words[c].span.start;
        ctx.view
            .mentions_in(ctx.sent.0, ctx.sent.1)
            .any(|p| p.is_weapon() && p.m.span.start <= at && at < p.m.span.end)
    };
    let materiel = ps.children(pw).filter(|&c| {
        ps.words[c].upos == "NOUN"
            && (ps.deprel(c).starts_with("nmod") || (ps.deprel(c) == "obj" && weapon_at(c)))
    });
    let modifiers: Vec<usize> = materiel
        .flat_map(|c| ps.children(c))
        .filter(|&d| matches!(ps.deprel(d), "amod" | "compound"))
        .collect();
    parties
        .iter()
        .find(|(p, _)| {
            p.m.kind == EntityKind::State
                && ps.head_of(p.m.span).is_some_and(|w| modifiers.contains(&w))
        })
        .map(|(p, _)| *p)
}

/// The parties whose head word lies in the parse subtree under `slot`.
fn parties_in_slot<'v, 'a>(
    parties: &[(&'v Placed<'a>, Marking)],
    ps: &SentenceParse,
    slot: usize,
) -> Vec<&'v Placed<'a>> {
    parties
        .iter()
        .filter(|(p, _)| ps.head_of(p.m.span).is_some_and(|w| ps.within(w, slot)))
        .map(|(p, _)| *p)
        .collect()
}

/// The parties of the phrase under `slot` nearest its head (stop 28): the head's own name and
/// those in apposition, flat names, compounds or conjuncts of it (`der Anführer …, Radulan
/// Sahiron`, `X und Y`) before names a further modifier brings (`экс-кандидат в президенты
/// Беларуси Андрей Санников` is Sannikov, not Belarus); a name one modifier down where the head
/// names none (`руководство Грузии` → Georgia); none deeper than `max_depth` such steps, nor,
/// unless `through_preps`, behind a word with a case marker of its own. Each
/// walk up is bounded by the sentence.
fn nearest_in_slot<'v, 'a>(
    parties: &[(&'v Placed<'a>, Marking)],
    ps: &SentenceParse,
    slot: usize,
    max_depth: usize,
    through_preps: bool,
) -> Vec<&'v Placed<'a>> {
    let depth = |w: usize| {
        let mut d = 0usize;
        let mut cur = w;
        for _ in 0..ps.words.len() {
            if cur == slot {
                return d;
            }
            let rel = ps.deprel(cur);
            let joins = rel.split(':').next().unwrap_or(rel);
            if !matches!(joins, "appos" | "flat" | "compound" | "conj" | "fixed") {
                // A prepositional modifier (`der Einsatz von Bodentruppen`) is the head's
                // circumstance, not its owner: only where the caller takes those.
                if !through_preps && ps.children(cur).any(|c| ps.deprel(c) == "case") {
                    return usize::MAX;
                }
                d += 1;
            }
            match ps.parent(cur) {
                Some(p) => cur = p,
                None => break,
            }
        }
        usize::MAX
    };
    let found: Vec<(&'v Placed<'a>, usize)> = parties_in_slot(parties, ps, slot)
        .into_iter()
        .filter_map(|p| Some((p, depth(ps.head_of(p.m.span)?))))
        .collect();
    let Some(min) = found
        .iter()
        .map(|(_, d)| *d)
        .min()
        .filter(|&d| d <= max_depth)
    else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter(|(_, d)| *d == min)
        .map(|(p, _)| p)
        .collect()
}

/// `first`'s parties ahead of those already in `list`, each once.
fn put_first(list: &mut Vec<Participant>, first: &[&Placed]) {
    if first.is_empty() {
        return;
    }
    let mut out: Vec<Participant> = Vec::new();
    for p in first {
        push_unique(&mut out, participant(p));
    }
    push_unique(&mut out, std::mem::take(list));
    *list = out;
}

fn push_unique(list: &mut Vec<Participant>, add: Vec<Participant>) {
    for p in add {
        if !p.entity.is_empty() && !list.iter().any(|q| q.entity == p.entity) {
            list.push(p);
        }
    }
}

/// Is the noun at `t` named in passing (`after the Sept. 11, 2001 terrorist attacks`)? By the parse (`SentenceParse::background_noun`), and, where the parse
/// hung the noun elsewhere (dates inside the phrase confuse it), by its phrase: a
/// `background_case_marks` preposition before it with only the words of a noun phrase
/// between (determiners, adjectives, numbers, names, nouns, commas and dots of dates).
fn background_noun(ctx: &SentenceCtx, t: usize) -> bool {
    let lang = ctx.lang;
    let noun = |k: usize| ctx.morphology.get(k).is_some_and(|m| m.upos == "NOUN");
    if let Some(ps) = ctx.parse {
        if let Some(pw) = ps.word_at(ctx.view.span_of(t, t + 1)) {
            let marks = |w: &str| lang.background_case_marks.matches_word(w);
            if ps.background_noun(pw, &marks) {
                return true;
            }
            if !ps.nominal(pw) {
                return false;
            }
        }
    } else if !noun(t) {
        return false;
    }
    let mut k = t;
    while k > ctx.sent.0 && t - k < 8 {
        k -= 1;
        let upos = ctx.morphology.get(k).map_or("", |m| m.upos);
        let w = ctx.w(k);
        if matches!(upos, "ADP" | "SCONJ") {
            return lang.background_case_marks.matches_word(w);
        }
        // Punctuation only inside a date (`Sept. 11, 2001`): a comma elsewhere ends the
        // phrase (`after the vote, protests …`).
        let in_date = matches!(w, "," | "." | "-")
            && ctx.morphology.get(k + 1).is_some_and(|m| m.upos == "NUM");
        let in_phrase = matches!(upos, "DET" | "ADJ" | "NUM" | "PROPN" | "NOUN") || in_date;
        if !in_phrase {
            return false;
        }
    }
    false
}

fn fire<'v, 'a>(
    ctx: &SentenceCtx<'v, 'a>,
    rule: &Rule,
    t: usize,
    len: usize,
    doc_id: &str,
    prev: &[&Found],
) -> Option<Found> {
    let view = ctx.view;
    let lang = ctx.lang;
    let (sa, sb) = ctx.sent;
    let cl = clause_of_trigger(ctx, t);
    let agent_case = |w: &str| lang.agent_preps.matches_word(w);
    // The trigger's word in the parse, for verb rules read as verbs.
    // A trigger of several words at its head (`military exercises`: `exercises`, not the
    // adjective before it; stop 43).
    let parsed = ctx
        .parse
        .and_then(|ps| Some((ps, trigger_word(ps, view, t, len)?)))
        .filter(|(ps, pw)| !rule.noun && !ps.nominal(*pw));
    // Stop 27 (`noun_roles_from_parse`, en): the trigger read as a noun in the parse, whose
    // own dependents name its parties.
    let noun_parsed = ctx
        .parse
        .filter(|_| lang.noun_roles_from_parse)
        .and_then(|ps| Some((ps, ps.head_of(view.span_of(t, t + len))?)))
        .filter(|(ps, pw)| ps.nominal(*pw));
    // Stop 28 (`[grammar] missing_parties_from_parse`; German and Russian, whose roles are
    // read by the word-window rules): the trigger as a verb in the parse, from which only a
    // party those rules leave empty is read, and the passive voice its auxiliary marks.
    let fill = ctx
        .fill
        .filter(|_| parsed.is_none() && !rule.noun)
        // A trigger of several words (`gefangen genommen`) is read at its head in the parse.
        .and_then(|ps| Some((ps, ps.head_of(view.span_of(t, t + len))?)))
        .filter(|(ps, pw)| !ps.nominal(*pw) && !ps.adjectival(*pw));
    if let Some((ps, pw)) = parsed {
        // `occupied territories`, `urgent talks`: an adjective, not an act, unless it names
        // its agent (`die von Belarus gelieferten Waffen`).
        // A participle right after a bare noun is no attribute in English word order
        // (`Turkish warplanes struck suspected positions`, parsed `struck` as `amod` of
        // `positions`): the parser missed a finite verb. Only for languages whose attributes
        // precede their noun (`verb_final` ones put participles anywhere).
        let after_noun = !lang.verb_final
            && pw > 0
            && matches!(ps.words[pw - 1].upos.as_str(), "NOUN" | "PROPN")
            && ps.parent(pw).is_some_and(|h| h > pw);
        if ps.adjectival(pw) && !after_noun && ps.arguments(pw, &agent_case).actor.is_none() {
            return None;
        }
    }
    // `forces trained to fight insurgents`, `troops sent to combat the Taliban`: an aim, not
    // an act that happened — also for a noun rule's word the parse reads as a verb.
    let as_verb = ctx.parse.filter(|_| rule.purpose_is_aim).and_then(|ps| {
        let pw = ps.word_at(view.span_of(t, t + 1))?;
        (!ps.nominal(pw)).then_some((ps, pw))
    });
    if let Some((ps, pw)) = as_verb {
        if ps.purpose_clause(pw, &|w| lang.infinitive_markers.matches_word(w)) {
            return None;
        }
    }
    // `after the Sept. 11 attacks`, `despite warnings`: an event noun under a preposition of
    // time or cause is named in passing — the scene or reason of another act, no new event
    // ([grammar] background_case_marks).
    // `failed to release`, `struggling to defeat`, `are likely to pledge`: the complement of
    // a word of failure, difficulty or likelihood did not happen (yet).
    if let Some((ps, pw)) = parsed {
        if ps
            .xcomp_governor(pw)
            .is_some_and(|g| lang.unrealised_governors.matches_word(&g))
        {
            return None;
        }
    }
    if !lang.background_case_marks.is_empty() && background_noun(ctx, t) {
        return None;
    }
    // Killed in a crash, an earthquake, a flood: nobody's act (stop 41).
    if rule.event == EventType::Assault && lang.accident_words.occurs_in(&ctx.words[sa..sb]) {
        return None;
    }
    // The factuality layer over the parse (all languages; the words are `[factuality] *_under`
    // lists, empty = off): walking up from the trigger — verb or noun — through the heads it
    // is the complement of, the innermost listed word decides. A threat, demand or obligation
    // holds its act (`threatened to shoot down helicopters` is THREATEN, no ASSAULT; `asked
    // allies to speed up deliveries` is REQUEST, no AID); a refusal or denial says it did not
    // happen; a plan or pledge, that it is to come; a consideration, that it may.
    // A trigger of several words at its head (`approved an arms sale`: `sale`, not `arms`).
    let mood_word = ctx
        .mood
        .and_then(|ps| Some((ps, trigger_word(ps, view, t, len)?)));
    let mut governed: Option<Factuality> = None;
    // The word of commitment the act is committed by (`pledged to supply`): its own event
    // gives way to this one (`drop_commitments`).
    let mut committed_by: Option<Span> = None;
    // The word of accusation the act is alleged by (`[factuality] alleged_under`).
    let mut accused_by: Option<(&SentenceParse, usize, usize)> = None;
    if let Some((ps, pw)) = mood_word {
        // A gerund opened by an object-control mark is its governor's complement as an
        // infinitive is (`warned the West against supplying`, `accused Moscow of shelling`;
        // stop 43).
        let infinitive = |w: &str| {
            lang.infinitive_markers.matches_word(w) || lang.object_control_marks.matches_word(w)
        };
        for (gi, g) in ps.mood_governor_words(pw, &infinitive) {
            if lang.subsumed_under.matches_word(&g) {
                return None;
            }
            governed = if gi != pw && lang.alleged_under.matches_word(&g) {
                accused_by = Some((ps, gi, pw));
                Some(Factuality::Claimed)
            } else if lang.denied_under.matches_word(&g) {
                // Rejecting a call, an accusation or a threat presupposes it was made
                // (`rejected UN calls for a ceasefire`, `wies die Vorwürfe zurück`): the
                // speech act named as the refusal's object happened; only an act refused is
                // denied (stop 39).
                let speech_act = matches!(
                    rule.event,
                    EventType::Request | EventType::Accuse | EventType::Threaten
                );
                if speech_act && ps.object_of(pw, gi) {
                    break;
                }
                Some(Factuality::Denied)
            } else if lang.hypothetical_under.matches_word(&g) {
                Some(Factuality::Hypothetical)
            } else if lang.future_under.matches_word(&g)
                && !(lang.decisions.matches_word(&g) && ps.object_of(pw, gi))
            {
                if gi != pw && lang.commitments.matches_word(&g) {
                    committed_by = Some(ps.words[gi].span);
                }
                Some(Factuality::Future)
            } else {
                None
            };
            if governed.is_some() {
                break;
            }
        }
    }
    // `военные учения`, `полицейские машины`: a generic actor's word used as an adjective that
    // agrees in case with the noun after it names no party (the military are not the
    // exercises' author; the clause's subject is). Only where the tagger gives case.
    let attributive_agent = |p: &Placed| {
        let (Some(a), Some(n)) = (ctx.morphology.get(p.start), ctx.morphology.get(p.end)) else {
            return false;
        };
        p.m.kind == EntityKind::Agent
            && p.end == p.start + 1
            && a.upos == "ADJ"
            && n.upos == "NOUN"
            && a.feature("Case").is_some()
            && a.feature("Case") == n.feature("Case")
    };
    // A news organisation is the source of a report, not a party of what it reports.
    let in_sentence: Vec<&'v Placed<'a>> = view
        .mentions_in(sa, sb)
        .filter(|p| p.is_party() && p.m.sector.as_deref() != Some("media"))
        .filter(|p| !attributive_agent(p))
        .collect();
    let parties: Vec<(&'v Placed<'a>, Marking)> = in_sentence
        .iter()
        .copied()
        .filter(|p| !speaks_through_its_state(p, &in_sentence))
        .map(|p| (p, ctx.marking(p, t)))
        .collect();
    let in_range = |p: &Placed, r: (usize, usize)| p.start >= r.0 && p.end <= r.1;
    let prep_word = |m: Marking| match m {
        Marking::Prep(i) => Some(ctx.w(i)),
        Marking::None => None,
    };
    let is_agent = |m: Marking| {
        prep_word(m)
            .map(|w| lang.agent_preps.matches_word(w))
            .unwrap_or(false)
    };
    // `со стороны России`, `seitens der EU`: the author, in any voice.
    let by_agent_phrase = |m: Marking| match m {
        Marking::Prep(i) => lang.agent_phrases.match_at(ctx.words, i).is_some(),
        Marking::None => false,
    };
    let is_between = |m: Marking| {
        prep_word(m)
            .map(|w| lang.between_preps.matches_word(w))
            .unwrap_or(false)
    };
    let is_recipient_prep = |m: Marking| {
        prep_word(m)
            .map(|w| rule.recipient_preps.matches_word(w))
            .unwrap_or(false)
    };
    // Names already taken as someone's object earlier in the sentence are not subjects (a
    // side of coordinated subjects coded as the other's recipient is still a subject:
    // `A und B auf Verhandlungen … einigten sich`).
    let used_as_object: Vec<&str> = prev
        .iter()
        .filter(|f| !f.recipients_from_subject)
        .flat_map(|f| f.event.recipients.iter().map(|r| r.entity.as_str()))
        .collect();

    // In verb-second languages the auxiliary sits right before the participle (`were
    // delivered`, `has been widely criticised`); one further back belongs to another verb
    // (`is willing to withdraw`), and nothing after `to` is passive. Verb-final languages put
    // the auxiliary anywhere before (`wurde … geliefert`).
    let aux_from = if lang.verb_final {
        cl.c.0
    } else {
        t.saturating_sub(3).max(cl.c.0)
    };
    let after_infinitive_marker =
        t > sa && !lang.verb_final && lang.infinitive_markers.matches_word(ctx.w(t - 1));
    // Verb-final clauses put the passive auxiliary right after the participle (German grammar:
    // `ist vor Gericht gestellt worden`, `…, der angegriffen wurde`); stop 27.
    let aux_right_after =
        lang.verb_final && t + len < cl.k.1 && lang.passive_aux.matches_word(ctx.w(t + len));
    let aux_before: Vec<usize> = (aux_from..t)
        .filter(|&i| lang.passive_aux.matches_word(ctx.w(i)))
        .collect();
    let has_aux = !aux_before.is_empty() || aux_right_after;
    let perfect_after = (t + len..cl.k.1).any(|i| lang.perfect_aux.matches_word(ctx.w(i)));
    // A short passive participle needs no auxiliary (`атакован боевиками`): the syntax
    // layer's `Voice=Pass`, in languages that read the agent from its case.
    let voice_passive = !lang.agent_cases.is_empty()
        && ctx.morphology.get(t).and_then(|m| m.feature("Voice")) == Some("Pass");
    // A verb whose subject undergoes it (`policemen died`, stop 28) reads its roles as a
    // passive does.
    // A passive auxiliary the parse hangs on the trigger (`aux:pass`) makes it passive though
    // the clause window misses it: a name with commas around it splits the window (`wurde …
    // der Anführer, Name, festgenommen`), and a perfect passive puts `ist` after `worden`.
    // Only an auxiliary of the passive proper (`passive_aux`: `wurde`, `worden`): a state
    // passive (`ist ausgeschlossen`) says how things stand, and its subject is no patient.
    let fill_passive = fill.is_some_and(|(ps, pw)| {
        ps.children(pw)
            .any(|c| ps.deprel(c) == "aux:pass" && lang.passive_aux.matches_word(&ps.words[c].form))
    });
    // A passive's verb is a participle: `werden` with an infinitive is the future (`Deutschland
    // wird der Ukraine Panzer liefern`: Germany delivers), which the tagger marks `Voice=Pass`
    // on the auxiliary all the same. Only where every auxiliary before the verb is one of
    // the future too (`future_aux`: not `wurde … entlassen`, whose participle is spelt as the
    // infinitive), and none stands right after it (`übergeben werden müsse`).
    let future_infinitive = !aux_right_after
        && !aux_before.is_empty()
        && aux_before
            .iter()
            .all(|&i| lang.future_aux.matches_word(ctx.w(i)))
        && ctx.morphology.get(t).is_some_and(|m| {
            // The tagger errs on a clause-final infinitive after a name (`Deutschland wird
            // Leopard-Panzer an die Ukraine liefern`: `Tense=Past`); an infinitive is spelt as
            // its lemma, a participle is not (unless the tagger said so; stop 42).
            m.feature("VerbForm") == Some("Inf")
                || (m.feature("VerbForm") != Some("Part")
                    && len == 1
                    && ctx.lemmas.get(t).is_some_and(|l| *l == ctx.w(t)))
        });
    let window_passive = rule.subject_undergoes
        || ((has_aux || voice_passive)
            && !after_infinitive_marker
            && !perfect_after
            && !future_infinitive);
    let fill_passive = fill_passive && !future_infinitive;
    // A word tagged as a noun is no passive verb (`Der Angriff wurde von X verurteilt`: the
    // auxiliary after the noun is the condemning verb's; stop 43).
    let tagged_noun = ctx
        .morphology
        .get(t)
        .is_some_and(|m| matches!(m.upos, "NOUN" | "PROPN"));
    let passive = !rule.noun && !tagged_noun && (window_passive || fill_passive);
    // A passive only the parse saw: its agent is the parse's too (`obl:agent`, read below),
    // not a name after any agent preposition in the window (`die Rakete vom Typ X kann …
    // abgeschossen werden`).
    let parse_only_passive = passive && !window_passive;

    let mut actors: Vec<Participant> = Vec::new();
    let mut recipients: Vec<Participant> = Vec::new();
    let mut unnamed_actor_cue = None;

    // --- actors ---
    let mut objects: Vec<&'v Placed<'a>> = Vec::new();
    let subject_frame = |actors: &mut Vec<Participant>, objects: &mut Vec<&'v Placed<'a>>| {
        if passive {
            for (p, m) in &parties {
                let by_case = *m == Marking::None && ctx.in_case(p, t, &lang.agent_cases);
                if (is_agent(*m) || by_case) && in_range(p, cl.c) && !parse_only_passive {
                    push_unique(actors, participant(p));
                }
            }
            // The passive's subject, by its case, is who it is done to.
            let before = objects.len();
            for p in unmarked_in(&parties, cl.c) {
                if ctx.in_case(p, t, &lang.subject_cases) {
                    objects.push(p);
                }
            }
            // A name set off by commas right before the clause is the apposition of its
            // subject (German grammar: `Der frühere Präsident X, Name, ist … gestellt
            // worden`); with no subject of its own in the clause, it is the one acted on.
            // Verb-final languages only (stop 27).
            if lang.verb_final && objects.len() == before && cl.c.0 > sa + 1 {
                let comma = cl.c.0 - 1;
                if ctx.w(comma) == "," {
                    let apposed = unmarked_in(&parties, (sa, comma)).into_iter().find(|p| {
                        p.end == comma
                            && p.start > sa
                            && ctx.w(p.start - 1) == ","
                            && ctx.in_case(p, t, &lang.subject_cases)
                    });
                    objects.extend(apposed);
                }
            }
            return;
        }
        let k_unmarked = unmarked_in(&parties, cl.k);
        let final_trigger = lang.verb_final
            && (t + len >= cl.k.1
                || lang.perfect_aux.matches_word(ctx.w(t + len))
                || (t + len..cl.k.1).all(|i| !view.toks[i].is_word));
        if final_trigger {
            let before: Vec<&Placed> = k_unmarked.iter().copied().filter(|p| p.end <= t).collect();
            // The names coordinated with the subject at `k` (`Frankreich und Deutschland haben
            // … verurteilt`): one subject of several conjuncts (stop 32; the V2 path below
            // chains them too).
            let subject_conjuncts = |k: usize| -> Vec<usize> {
                let joined = |a: usize, b: usize| ctx.joins(before[a].end, before[b].start);
                let mut from = k;
                while from > 0 && joined(from - 1, from) {
                    from -= 1;
                }
                let mut to = k;
                while to + 1 < before.len() && joined(to, to + 1) {
                    to += 1;
                }
                (from..=to).collect()
            };
            // Conjuncts before the clause's first word (`Frankreich und | Deutschland haben …`:
            // the coordinator opened the clause the trigger is read in).
            let sentence_unmarked = unmarked_in(&parties, (sa, t));
            // The subject at `k` with its conjuncts acts; the other names are objects.
            let take_subject =
                |k: usize, actors: &mut Vec<Participant>, objects: &mut Vec<&'v Placed<'a>>| {
                    let subject = subject_conjuncts(k);
                    for q in ctx.conjuncts_before(before[subject[0]], &sentence_unmarked) {
                        push_unique(actors, participant(q));
                    }
                    for (i, p) in before.iter().enumerate() {
                        if subject.contains(&i) {
                            push_unique(actors, participant(p));
                        } else {
                            objects.push(p);
                        }
                    }
                };
            let subordinate = lang.perfect_aux.matches_word(ctx.w(t + len)) || cl.c.0 > sa;
            if subordinate && cl.k.0 == cl.c.0 {
                if !before.is_empty() {
                    take_subject(0, actors, objects);
                }
            } else if !lang.object_articles.is_empty()
                && (ctx.finite_before(cl.k.0, t) || ctx.first_verb(sa, t))
            {
                // A main clause closed by the trigger (`Am Donnerstag hatten Militäreinheiten
                // den Präsidentenpalast gestürmt`): the first name whose article does not
                // mark an object is the subject; the tagger's case is not trusted here (it
                // reads a bare plural as accusative as often as not). The sentence's first
                // verb is its finite verb in second place (`Die Opposition protestierte.`,
                // stop 34: read as the protest's target), and so it is too — not a conjunct
                // sharing an auxiliary before it (`haben … überfallen und acht Soldaten
                // getötet`).
                match before.iter().position(|p| !ctx.not_subject(p, t)) {
                    Some(k) => take_subject(k, actors, objects),
                    None => objects.extend(before.iter().copied()),
                }
            } else {
                objects.extend(before);
            }
        } else {
            let subject_ok = |p: &Placed| ctx.subject_case_ok(p, t);
            let before = k_unmarked
                .iter()
                .rev()
                .find(|p| {
                    p.end <= t && !used_as_object.contains(&p.m.entity.as_str()) && subject_ok(p)
                })
                .or_else(|| {
                    unmarked_in(&parties, cl.c)
                        .into_iter()
                        .rev()
                        .find(|p| {
                            p.end <= t
                                && !used_as_object.contains(&p.m.entity.as_str())
                                && subject_ok(p)
                        })
                        .as_ref()
                        .and_then(|p| k_unmarked.iter().find(|q| q.m.span == p.m.span))
                });
            let after: Vec<&Placed> = k_unmarked
                .iter()
                .copied()
                .filter(|p| p.start >= t + len)
                .collect();
            match before {
                Some(p) => {
                    // Coordinated subjects: `Mordor, Rohan and Bree welcomed …`, over the
                    // commas that end a clause (`Die Ukraine, die USA und die EU …`), and the
                    // later conjuncts the subject's case missed (`Украина, США и ЕС осудили`:
                    // the tagger's `США` is locative).
                    for q in ctx.with_conjuncts(p, &unmarked_in(&parties, (sa, t)), t) {
                        push_unique(actors, participant(q));
                    }
                    objects.extend(after);
                }
                None => {
                    let before_c = unmarked_in(&parties, cl.c).into_iter().rev().find(|p| {
                        p.end <= t
                            && !used_as_object.contains(&p.m.entity.as_str())
                            && subject_ok(p)
                    });
                    // A name in the subject's case after the verb is its subject (`заявил
                    // МИД России`, `осудили Россия и Китай`).
                    // In a verb-final (German) clause the middle field puts a full subject
                    // before the objects (`Zuvor nahmen kenianische Polizeikräfte zwei Iraner
                    // fest`): a later name the tagger reads as nominative is the subject only
                    // when each name before it is surely no subject (an object article, a
                    // dative or genitive; the tagger confuses nominative and accusative of
                    // plurals). Languages with verb_final = false unchanged.
                    // In a language of free word order (verb_final = false) the name must
                    // also agree with the verb in number (coordinated names are plural), and
                    // no subject naming no party may stand before the verb (`Ученые призвали
                    // Министерство юстиции …`).
                    let c_unmarked = unmarked_in(&parties, cl.c);
                    let post_verbal = after
                        .iter()
                        .position(|p| ctx.in_case(p, t, &lang.subject_cases))
                        .filter(|&k| {
                            // Nor the name itself behind an object article (`drängten den
                            // Premierminister Tony Blair`, the name read as nominative; stop 40).
                            !lang.verb_final
                                || (after[..k].iter().all(|p| ctx.not_subject(p, t))
                                    && !ctx.object_article(after[k]))
                        })
                        .filter(|&k| {
                            if lang.verb_final {
                                // A German main clause with a noun subject naming no party
                                // before its verb (`Die Bundesregierung kritisierte Russland
                                // scharf`, the tagger reading `Russland` as nominative): the
                                // name after the verb is its object (stop 38).
                                // The whole field before a German finite verb is one phrase:
                                // a subject there opens with its article (a singular count
                                // noun has one) or is a bare plural; a field opened by a
                                // preposition the tagger missed (`Angesichts der Proteste …
                                // bot X … an`, `Angesichts` read as a noun) holds none.
                                // A personal pronoun in the subject's case is a whole
                                // subject too (`Sie drängten …`; stop 40).
                                let field_opens_noun_phrase =
                                    ctx.morphology.get(cl.c.0).is_some_and(|m| {
                                        m.upos == "DET"
                                            || (matches!(m.upos, "NOUN" | "ADJ")
                                                && m.feature("Number") == Some("Plur"))
                                            || (m.upos == "PRON"
                                                && m.feature("PronType") == Some("Prs")
                                                && m.feature("Case").is_some_and(|c| {
                                                    lang.subject_cases.iter().any(|s| s == c)
                                                }))
                                    });
                                return rule.claim
                                    || !(field_opens_noun_phrase
                                        && ctx.unnamed_subject_before(cl.c.0, t));
                            }
                            let p = after[k];
                            // Coordinated with a name or a noun in the subject's case after
                            // it (`приехали Дмитрий Медведев, Юрий Лужков и …`): plural.
                            let joined_noun = ctx.words.get(p.end).is_some_and(|w| {
                                (*w == "," || lang.coordinators.matches_word(w))
                                    && ctx.morphology.get(p.end + 1).is_some_and(|m| {
                                        m.feature("Case").is_some_and(|c| {
                                            lang.subject_cases.iter().any(|s| s == c)
                                        })
                                    })
                            });
                            let number = if joined_noun
                                || !ctx.conjuncts_after(p, &c_unmarked, t).is_empty()
                            {
                                Some("Plur")
                            } else {
                                ctx.phrase_number(p)
                            };
                            // A claim's fronted word of responsibility (`Ответственность
                            // за теракт взял на себя Хамас`) is its object, whatever case
                            // the tagger reads in it: the claimant follows the verb.
                            ctx.agrees_in_number(number, t)
                                && (rule.claim || !ctx.unnamed_subject_before(cl.c.0, t))
                        });
                    // Words before the verb in its clause: a fronted time or adverb, so the
                    // subject follows the verb. None: a coordinated clause sharing its subject.
                    let fronted = (cl.c.0..t).any(|i| view.toks[i].is_word);
                    if let Some(p) = before_c {
                        for q in ctx.with_conjuncts(p, &unmarked_in(&parties, (sa, t)), t) {
                            push_unique(actors, participant(q));
                        }
                        objects.extend(after);
                    } else if let Some(k) = post_verbal {
                        // Also German V2 after a fronted subordinate clause (`…, fordert
                        // UN-Generalsekretär Kofi Annan`), where the clause holds no word
                        // before the verb.
                        let subject = after[k];
                        let conj = ctx.conjuncts_after(subject, &c_unmarked, t);
                        push_unique(actors, participant(subject));
                        for q in &conj {
                            push_unique(actors, participant(q));
                        }
                        objects.extend(after.iter().enumerate().filter_map(|(i, p)| {
                            (i != k && !conj.iter().any(|q| q.m.span == p.m.span)).then_some(*p)
                        }));
                    } else if lang.verb_final
                        && fronted
                        && !ctx.fronted_subject(cl.c.0, t)
                        && after.first().is_some_and(|p| !ctx.object_article(p))
                    {
                        // V2 inversion: `Im September drangen aserbaidschanische Streitkräfte …`.
                        if let Some((first, rest)) = after.split_first() {
                            let conj = ctx.conjuncts_after(first, &c_unmarked, t);
                            push_unique(actors, participant(first));
                            for q in &conj {
                                push_unique(actors, participant(q));
                            }
                            objects.extend(
                                rest.iter()
                                    .filter(|p| !conj.iter().any(|q| q.m.span == p.m.span)),
                            );
                        }
                    } else {
                        objects.extend(after);
                    }
                }
            }
        }
    };

    match rule.actor {
        ActorFrame::Subject => subject_frame(&mut actors, &mut objects),
        ActorFrame::Before => {
            let near = parties
                .iter()
                .filter(|(p, m)| {
                    // A marked name right before the noun modifies it (`in der russischen
                    // Offensive`, `против российских ударов`); one with a determiner between
                    // stands in a phrase of its own (`über Libyen eine Flugverbotszone`), one
                    // with a verb between is the verb's (`В Аркадии состоялась акция`).
                    let modifies = p.end <= t
                        && t - p.end <= 1
                        && !lang.determiners.matches_word(ctx.w(p.end))
                        && (p.end..t).all(|i| {
                            !matches!(ctx.morphology.get(i).map_or("", |m| m.upos), "VERB" | "AUX")
                        });
                    in_range(p, cl.c)
                        && p.end <= t
                        && (*m == Marking::None || modifies)
                        && (p.end == t || !ctx.not_subject(p, t))
                })
                .map(|(p, _)| *p)
                .next_back();
            // A name modifying the noun itself (`den russischen Angriff`) is its author
            // whatever its case; one further back in an object's phrase (`übergab dem
            // Botschafter eine Note`) is not.
            let near = near.or_else(|| {
                unmarked_in(&parties, (sa, t)).into_iter().rev().find(|p| {
                    !used_as_object.contains(&p.m.entity.as_str())
                        && (p.end == t || !ctx.not_subject(p, t))
                })
            });
            if let Some(p) = near {
                // `Москва и Вашингтон договорились`: names joined to it before it act too.
                if lang.coordinated_parties {
                    let c_unmarked = unmarked_in(&parties, cl.c);
                    for q in ctx.conjuncts_before(p, &c_unmarked) {
                        push_unique(&mut actors, participant(q));
                    }
                }
                push_unique(&mut actors, participant(p));
            }
            // The noun's own agent phrase (`der Angriff von Rebellen`), not a passive verb's
            // after it (`Der Angriff wurde von der Nato verurteilt`; stop 43).
            let no_verb_between = |m: Marking| match m {
                Marking::Prep(i) => (t + len..i).all(|k| {
                    !matches!(ctx.morphology.get(k).map_or("", |m| m.upos), "VERB" | "AUX")
                }),
                Marking::None => false,
            };
            for (p, m) in &parties {
                if is_agent(*m) && p.start >= t && in_range(p, cl.c) && no_verb_between(*m) {
                    push_unique(&mut actors, participant(p));
                }
            }
        }
        ActorFrame::Between => {
            for (p, m) in &parties {
                if in_range(p, cl.c) && p.start >= t {
                    let chained = is_between(*m)
                        || (*m == Marking::None
                            && p.start > 0
                            && ctx.is_weak_boundary(p.start - 1)
                            && !actors.is_empty());
                    if chained {
                        push_unique(&mut actors, participant(p));
                    }
                }
            }
            // `in the fighting`: a fight named in passing has only the sides `between` names.
            // A fight with a subject (`Syrian rebels fought government troops`) has a side
            // that acts and one it acts on; without one both sides are listed as actors.
            if actors.is_empty() && !ctx.nominal_use(t) {
                subject_frame(&mut actors, &mut objects);
                if actors.is_empty() {
                    for o in objects.drain(..) {
                        push_unique(&mut actors, participant(o));
                    }
                }
            }
        }
        ActorFrame::AllBefore => {
            for (p, _) in &parties {
                if p.end <= t {
                    push_unique(&mut actors, participant(p));
                }
            }
        }
        ActorFrame::Inherit => {}
    }
    // A name modifying a trigger noun inside a noun phrase (`against Russian airstrikes`, `for
    // Iranian military aid`) is the act's author, whatever the clause's subject is.
    if !lang.verb_final
        && !passive
        && matches!(rule.actor, ActorFrame::Subject | ActorFrame::Before)
    {
        let modifier = parties.iter().find(|(p, _)| {
            p.end == t
                && p.start > sa
                && (lang.determiners.matches_word(ctx.w(p.start - 1))
                    || lang.prepositions.matches_word(ctx.w(p.start - 1)))
        });
        if let Some((p, _)) = modifier {
            actors = participant(p);
            objects.retain(|o| o.m.entity != p.m.entity);
        }
    }
    // A noun's genitive name followed by its target's preposition (`нападение России на
    // Грузию`, `der Angriff Russlands auf Georgien`): with the target named by the phrase,
    // the genitive is the author, also for nouns whose bare genitive is what they are done
    // to (`обстрел Донецка`).
    let genitive_then_target = rule.noun
        && ctx
            .after_noun_in_case(t + len - 1, &lang.noun_agent_cases, &parties)
            .is_some_and(|g| {
                // The target's preposition right after the genitive, whether a party or a
                // place follows it (`удар России по Харькову`; stop 42).
                g.end < cl.c.1 && rule.recipient_preps.matches_word(ctx.w(g.end))
            });
    let agent_genitive = rule.agent_genitive || genitive_then_target;
    // The author named after a noun trigger in its genitive (`визит президента Франции`,
    // `протест оппозиции`), unless a name right before the noun already is (`российский
    // визит`).
    // Also the noun form of a rule that lists verbs and nouns (`выход Армении из ОДКБ`).
    let noun_form = rule.agent_genitive && ctx.morphology.get(t).is_some_and(|m| m.upos == "NOUN");
    if (rule.noun || noun_form) && agent_genitive {
        if let Some(p) = ctx.after_noun_in_case(t + len - 1, &lang.noun_agent_cases, &parties) {
            if actors.is_empty() || !parties.iter().any(|(q, _)| q.end == t) {
                actors = participant(p);
                for q in ctx.conjuncts_after(p, &unmarked_in(&parties, cl.c), t) {
                    push_unique(&mut actors, participant(q));
                }
                objects.retain(|o| o.m.entity != p.m.entity);
            }
        }
    }
    // `со стороны России`, `seitens der EU` name the author whatever the voice.
    let phrase_agents: Vec<&Placed> = parties
        .iter()
        .filter(|(p, m)| by_agent_phrase(*m) && in_range(p, cl.c))
        .map(|(p, _)| *p)
        .collect();
    if !phrase_agents.is_empty() {
        actors.clear();
        for p in phrase_agents {
            push_unique(&mut actors, participant(p));
            objects.retain(|o| o.m.entity != p.m.entity);
        }
    }
    // Coordinated objects (`атаковали Россию и Китай`): the conjunct ends at the coordinator,
    // the role does not.
    if lang.coordinated_parties {
        let c_unmarked = unmarked_in(&parties, cl.c);
        let mut more: Vec<&'v Placed<'a>> = Vec::new();
        for o in &objects {
            // Also those before it where a coordinator split the clause (`hat die Ukraine und
            // | die Republik Moldau angegriffen`).
            let before = if o.start > t {
                Vec::new()
            } else {
                ctx.conjuncts_before(o, &c_unmarked)
            };
            for q in ctx
                .conjuncts_after(o, &c_unmarked, t)
                .into_iter()
                .chain(before)
            {
                if !objects.iter().chain(&more).any(|x| x.m.span == q.m.span)
                    && !actors.iter().any(|a| a.span == Some(q.m.span))
                {
                    more.push(q);
                }
            }
        }
        objects.extend(more);
    }
    // A relative clause's subject is its antecedent noun (`besieged by police, who fired`), and
    // a subordinate clause names its own (`before the administration would agree`): neither is
    // whatever name came earlier in the sentence.
    let relative_pronoun = ctx.relative_subject(cl.c.0);
    let relative = cl.c.0 > sa
        && (relative_pronoun
            || lang.subject_barriers.matches_word(ctx.w(cl.c.0))
            || lang.subject_barriers.matches_word(ctx.w(cl.c.0 - 1)));
    // A relative clause opened by a pronoun in the subject's case (`…, die gegen die
    // Regierung demonstrierten`) has its antecedent as subject: the nearest party before it
    // that is no place (the clause may stand after the main clause's last word: `gegen
    // Demonstranten in Teheran vor, die …`).
    if relative_pronoun && actors.is_empty() && !passive && !rule.noun {
        let antecedent = in_sentence.iter().rev().find(|p| {
            p.end < cl.c.0
                && p.m.kind != EntityKind::Place
                && !(p.m.kind == EntityKind::State
                    && crate::agents::located_state(view, lang, p.start, sa))
        });
        if let Some(p) = antecedent {
            push_unique(&mut actors, participant(p));
            objects.retain(|o| o.m.entity != p.m.entity);
        }
    }
    // A German main clause whose first field is a subordinate clause opening the sentence
    // (`[grammar] fronted_clause_openers`: `Wie die Ukraine mitteilte, griffen russische
    // Truppen Charkiw an`, `Als …, nahm die Polizei … fest`) opens with its finite verb, so its subject stands after it: the first name there that
    // is surely no object (no object article, no dative or genitive; the tagger reads a bare
    // plural as accusative as often as not), never a name of the clause before the comma
    // nor the previous event's actors (stop 45). Not behind a pronoun subject (`griff sie …`).
    let inverted = lang.verb_final
        && lang
            .fronted_clause_openers
            .matches_word(&ctx.w(sa).to_lowercase())
        && !passive
        && !rule.noun
        && matches!(rule.actor, ActorFrame::Subject)
        && cl.c.0 == t
        && t > sa
        && ctx.w(t - 1) == ","
        && ctx
            .morphology
            .get(t)
            .is_some_and(|m| m.upos == "VERB" && m.feature("VerbForm") == Some("Fin"));
    if inverted && actors.is_empty() {
        let pronoun_subject = ctx
            .morphology
            .get(t + len)
            .is_some_and(|m| m.upos == "PRON" && m.feature("PronType") == Some("Prs"));
        let first = unmarked_in(&parties, cl.c)
            .into_iter()
            .find(|p| p.start >= t + len && !ctx.not_subject(p, t));
        if let Some(p) = first.filter(|_| !pronoun_subject) {
            push_unique(&mut actors, participant(p));
            objects.retain(|o| o.m.entity != p.m.entity);
        }
    }
    // Coordinated clause without its own subject: share the previous event's actors.
    if actors.is_empty()
        && !inverted
        && !passive
        && !relative
        && rule.actor != ActorFrame::AllBefore
    {
        if let Some(last) = prev.last() {
            if rule.actor == ActorFrame::Inherit || !rule.noun {
                actors = last.event.actors.clone();
                // Its subject was coordinated sides, split into actor and recipients.
                if last.recipients_from_subject {
                    actors.extend(last.event.recipients.iter().cloned());
                }
            }
        }
    }
    if actors.is_empty()
        && !inverted
        && !passive
        && !rule.noun
        && !relative
        && rule.actor == ActorFrame::Subject
    {
        // Still nothing: the nearest unmarked name before the trigger in the sentence — in
        // the subject's case where one is; else any (the tagger's case may be wrong on the
        // only name there is: `Gegendemonstranten demonstrierten`).
        // Not a name the frame read as an object, nor one coordinated with it (`Russland hat
        // die Ukraine und die Republik Moldau angegriffen`: the coordinator split the clause,
        // and the object's conjunct is no subject).
        let sentence_unmarked = unmarked_in(&parties, (sa, t));
        let object_spans: Vec<Span> = objects
            .iter()
            .flat_map(|o| {
                let mut all = ctx.conjuncts_before(o, &sentence_unmarked);
                all.push(*o);
                all
            })
            .map(|o| o.m.span)
            .collect();
        let candidates: Vec<&Placed> = sentence_unmarked
            .iter()
            .rev()
            .copied()
            .filter(|p| {
                !used_as_object.contains(&p.m.entity.as_str())
                    && !ctx.object_article(p)
                    && !object_spans.contains(&p.m.span)
            })
            .collect();
        let by_case = candidates.iter().find(|p| ctx.subject_case_ok(p, t));
        if let Some(p) = by_case.or(candidates.first()) {
            // With the names coordinated before it (`Представители КНДР и Южной Кореи …,
            // пришли к соглашению`).
            for q in ctx.with_conjuncts(p, &candidates, t) {
                push_unique(&mut actors, participant(q));
            }
        }
    }
    // A verb rule's word used as a noun: the clause's subject and objects are not its parties
    // (`Robertson said … to deflect the blame`, `pleased … at the hostages’ release`). Only a
    // possessor (`its withdrawal`, `Iraq’s withdrawal`) is its actor.
    // Noun rules too, unless their frame looks elsewhere (`the war between A and B`).
    // A noun with names of its own right after it (`die Festnahme des Journalisten Jan Falk`,
    // `Wiederherstellung der Beziehungen zwischen Belarus und …`) keeps the clause reading:
    // only nouns, names and their determiners between.
    let own_phrase = |o: &Placed| {
        o.start >= t + len
            && (t + len..o.start).all(|i| {
                ctx.view.toks[i].is_word
                    && matches!(
                        ctx.morphology.get(i).map_or("", |m| m.upos),
                        "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM"
                    )
            })
    };
    // A nationality adjective right after the noun (`el ataque ruso`, `l'attaque russe`): the
    // noun's own author in the languages read by their objects (stop 33).
    let adjective_after = lang
        .argument_noun_objects
        .then(|| {
            parties.iter().find(|(p, m)| {
                *m == Marking::None
                    && p.start == t + len
                    && p.end == p.start + 1
                    && ctx.morphology.get(p.start).is_some_and(|m| m.upos == "ADJ")
            })
        })
        .flatten()
        .map(|(p, _)| *p);
    // `den Verkauf amerikanischer Waffen an Taiwan`, `sale of US weapons`: the state that
    // modifies the materiel of a transfer noun is where the arms come from (stop 44).
    let origin = (rule.event == EventType::Aid)
        .then(|| materiel_origin(ctx, &parties, t, len))
        .flatten();
    let argument_noun = ctx.argument_noun(t, len, cl.c)
        && (genitive_then_target
            || lang.argument_noun_objects
            || !parties.iter().any(|(p, m)| {
                // A dative after a transfer noun is its recipient (`поставки оружия
                // Тайваню`), not a party that makes the phrase its own; nor is the
                // materiel's origin.
                *m == Marking::None
                    && own_phrase(p)
                    && ctx.phrase_case(p, t) != Some("Dat")
                    // `verurteilte den Angriff Russlands`: an attack noun's genitive is its
                    // author or its target; it never makes the condemner the attacker (stop
                    // 44). Other nouns' genitives name whom they are done to (`выдала ордер
                    // на арест президента`), which leaves the clause's subject their author.
                    && (rule.event != EventType::Assault
                        || rule.agent_genitive
                        || ctx.phrase_case(p, t) != Some("Gen"))
                    && origin.is_none_or(|o| !std::ptr::eq(o, *p))
            }));
    let nominal = (ctx.nominal_use(t) || argument_noun)
        && (!rule.noun || matches!(rule.actor, ActorFrame::Subject | ActorFrame::Before));
    if nominal {
        actors.clear();
        objects.clear();
        let possessor = parties.iter().find(|(p, _)| {
            (p.end == t && p.start + 1 == t)
                || (p.end + 1 == t && matches!(ctx.w(t - 1), "’" | "'"))
        });
        if let Some((p, _)) = possessor {
            actors = participant(p);
        } else if let Some(p) = adjective_after.filter(|_| argument_noun) {
            actors = participant(p);
        } else if let Some(a) = ctx.measure_support_subject(t, len, &agent_case) {
            // `beschloss ein Paket von Sanktionen`, `ввёл пакет санкций`: the measure noun is
            // the support verb's object, so its subject is the act's author.
            for p in parties_in_slot(&parties, a.0, a.1) {
                push_unique(&mut actors, participant(p));
            }
        } else if let Some(a) = ctx.possessive_subject(t, len, &agent_case) {
            for p in parties_in_slot(&parties, a.0, a.1) {
                push_unique(&mut actors, participant(p));
            }
        }
        if actors.is_empty() {
            if let Some(o) = origin {
                actors = participant(o);
            }
        }
        if argument_noun {
            // The noun's own author: its genitive (`Angriffe Israels`) or agent phrase.
            if agent_genitive {
                if let Some(p) =
                    ctx.after_noun_in_case(t + len - 1, &lang.noun_agent_cases, &parties)
                {
                    push_unique(&mut actors, participant(p));
                }
            }
            for (p, m) in &parties {
                if by_agent_phrase(*m) && in_range(p, cl.c) {
                    push_unique(&mut actors, participant(p));
                }
            }
        }
    }
    // `said during a visit to Kyiv`, `haben sich auf einem Treffen nicht geeinigt`, `на встрече
    // заявил`: a meeting noun in a phrase of attendance is attended by the active subject of
    // the verb the phrase modifies (stop 32).
    let mut attended = false;
    if nominal && actors.is_empty() && rule.event == EventType::Consult {
        if let Some((ps, subj)) = ctx
            .parse
            .or(ctx.fill)
            .and_then(|ps| Some((ps, attending_subject(ps, view.span_of(t, t + 1), lang)?)))
        {
            let mut found = nearest_in_slot(&parties, ps, subj, 1, false);
            if found.is_empty() {
                // A name the parse split (`Olaf Scholz` with `Olaf` attached elsewhere).
                let at = ps.words[subj].span.start;
                found.extend(
                    parties
                        .iter()
                        .filter(|(p, _)| p.m.span.start <= at && at < p.m.span.end)
                        .map(|(p, _)| *p),
                );
            }
            for p in found {
                push_unique(&mut actors, participant(p));
            }
            if actors.is_empty() {
                if let Some(p) = role_antecedent(ctx, ps, subj) {
                    push_unique(&mut actors, as_coreference(participant(p)));
                }
            }
            attended = !actors.is_empty();
        }
    }
    // The parse decides who acts: the subject, or a passive's agent. A subject that names
    // no party (`protesters`, `the drones`) means the heuristics' party is someone else's.
    let mut undergoers: Vec<&'v Placed<'a>> = Vec::new();
    // The act is what someone is accused or blamed of (`accused Ukraine of shelling …`): the
    // accuser's word for it, not an act the sentence asserts (stop 38).
    let mut alleged = false;
    if let Some((ps, pw)) = parsed {
        let mut args = rule_arguments(ps, pw, rule, &agent_case);
        // `accused the RSF of shelling …`: the accused, not the accuser, shells.
        if args.actor.is_none() || args.inherited {
            let marks = |w: &str| lang.object_control_marks.matches_word(w);
            if let Some(c) = ps.object_controller(pw, &marks) {
                // Hung on an oblique that names a party (`sanctions on two companies for
                // supplying …`): that party acts, not the verb's object (stop 41).
                let c = ps
                    .parent(pw)
                    .filter(|&h| {
                        ps.deprel(h).starts_with("obl")
                            && !parties_in_slot(&parties, ps, h).is_empty()
                    })
                    .unwrap_or(c);
                args.actor = Some(c);
                args.inherited = true;
                alleged = true;
            }
        }
        let in_slot = |slot: usize| parties_in_slot(&parties, ps, slot);
        for &u in &args.undergoers {
            undergoers.extend(in_slot(u));
        }
        if let Some(a) = args.actor {
            // `Iranian-made drones hit …`: the weapon's origin is not whoever used it.
            let weapon_head = view.mentions_in(sa, sb).any(|p| {
                let at = ps.words[a].span.start;
                p.is_weapon() && p.m.span.start <= at && at < p.m.span.end
            });
            // `Turkish drones` are flown by Turkey; `Iranian-made drones` only come from Iran.
            let origin = |p: &Placed| {
                view.chars
                    .get(p.m.span.end)
                    .is_some_and(|c| matches!(c, '-' | '‐' | '‑'))
            };
            let mut found: Vec<&Placed> = in_slot(a)
                .into_iter()
                .filter(|p| !(weapon_head && origin(p)))
                .collect();
            // `Police in Georgia arrested …`: the state after a location preposition says where
            // the subject is (it locates a generic actor, `agents::locate`), not a second actor.
            let located = |p: &Placed| {
                p.m.kind == EntityKind::State
                    && crate::agents::located_state(view, lang, p.start, sa)
            };
            if found.iter().any(|p| !located(p)) {
                found.retain(|p| !located(p));
            }
            if !found.is_empty() {
                actors.clear();
                for p in found {
                    push_unique(&mut actors, participant(p));
                }
            } else if let Some(p) = organisation_pronoun(ctx, &ps.words[a])
                .or_else(|| gendered_antecedent(ctx, ps, a))
                .or_else(|| role_antecedent(ctx, ps, a))
            {
                // `It also threatened …`: the organisation named last before the pronoun.
                actors = participant(p);
                for actor in actors.iter_mut() {
                    actor.how = "coreference".to_string();
                }
            } else if let plural @ [_, ..] = plural_antecedents(ctx, ps, a).as_slice() {
                // `They decapitated …`: the plural party named last before the pronoun.
                actors.clear();
                for p in plural {
                    push_unique(&mut actors, as_coreference(participant(p)));
                }
            } else if !args.inherited {
                actors.clear();
            }
        }
        // `…, shelling the town, killing 20 civilians`: a participial adjunct after an act of
        // its own type continues that act (its outcome), whoever the clause's subject is.
        if ps.participial_adjunct(pw) {
            if let Some(before) = prev.iter().rev().find(|f| {
                f.event.event_type == rule.event && f.trigger_tok < t && !f.event.actors.is_empty()
            }) {
                actors = before.event.actors.clone();
            }
        }
        actors.retain(|a| !undergoers.iter().any(|u| u.m.entity == a.entity));
    }
    // An event noun's own dependents (stop 27): `a Taliban militant attack on a hotel`, `a
    // protest by lawyers against the president`, `the assassination of the opposition
    // leader`. Names before the noun or in its agent phrase act — ahead of whatever the
    // clause around the noun offers (`police gathered ahead of a protest by lawyers`: the
    // police do not protest); names in its recipient phrases are acted on.
    let mut noun_undergoers: Vec<&'v Placed<'a>> = Vec::new();
    let mut noun_author_unnamed = false;
    if let Some((ps, pw)) = noun_parsed {
        let in_slot = |slot: usize| parties_in_slot(&parties, ps, slot);
        let patient_type = lang.noun_patient_events.contains(&rule.event);
        let mut own: Vec<&Placed> = Vec::new();
        let mut by_phrase = false;
        // The measure noun's own dependents are the act's (`the EU's new sanctions package
        // against Russia`).
        let measure = ctx.through_measure(ps, pw);
        let of_measure = if measure != pw {
            ps.noun_dependents(measure)
        } else {
            Vec::new()
        };
        let dependents = ps
            .noun_dependents(pw)
            .into_iter()
            .chain(of_measure.into_iter().filter(|(c, _)| *c != pw));
        for (c, case) in dependents {
            match case.as_deref() {
                None => own.extend(in_slot(c)),
                Some(k) if agent_case(k) => {
                    by_phrase = true;
                    own.extend(in_slot(c));
                }
                Some(k)
                    if rule.recipient != RecipientFrame::None
                        && (rule.recipient_preps.matches_word(k)
                            || (patient_type && lang.noun_patient_preps.matches_word(k))) =>
                {
                    noun_undergoers.extend(in_slot(c))
                }
                _ => {}
            }
        }
        // `blamed Moscow for the strike`, `accused Kyiv of the attack`: an act noun in an
        // oblique opened by an object-control mark is the object's act, in the words of the
        // verb's subject (as the gerund is: `accused Ukraine of shelling`; stop 44).
        if own.is_empty() && !by_phrase {
            let marks = |w: &str| lang.object_control_marks.matches_word(w);
            let opened = ps
                .children(pw)
                .any(|c| ps.deprel(c) == "case" && marks(&ps.words[c].form.to_lowercase()));
            let is_verb = |v: usize| ps.words[v].upos == "VERB";
            let controller = ps.parent(pw).filter(|_| opened).and_then(|h| {
                if ps.deprel(pw).starts_with("obl") && is_verb(h) {
                    ps.children(h).find(|&c| ps.deprel(c) == "obj")
                } else {
                    // Hung on the object itself (`accused Ukraine of the attack`).
                    (ps.deprel(pw).starts_with("nmod")
                        && ps.deprel(h) == "obj"
                        && ps.parent(h).is_some_and(is_verb))
                    .then_some(h)
                }
            });
            if let Some(o) = controller {
                // Only a party the object's head names (`Moscow`), not one deeper in it.
                let named: Vec<&Placed> = in_slot(o)
                    .into_iter()
                    .filter(|p| ps.head_of(p.m.span) == Some(o))
                    .collect();
                if !named.is_empty() {
                    own.extend(named);
                    alleged = true;
                }
            }
        }
        // `Russia launched an attack on Ukraine`: the noun as a support verb's object has that
        // verb's subject (or a passive's agent, or a controller's subject) as its author
        // (stop 34: a noun after its article was read with no author at all).
        let support_subject = (own.is_empty() && !by_phrase)
            .then(|| {
                let support = ctx.object_of_verb(t, len, Some(ps)) == Some(false);
                let verb = ps.parent(ctx.through_measure(ps, pw)).filter(|_| support)?;
                ps.arguments(verb, &agent_case).actor
            })
            .flatten();
        if let Some(a) = support_subject {
            own.extend(in_slot(a));
        }
        if !own.is_empty() {
            actors.clear();
            for p in own {
                push_unique(&mut actors, participant(p));
            }
        } else if by_phrase {
            // Its author is named, by words that name no party (`by lawyers`): not the
            // clause's subject either. The noun reports an act as a verb does (`occurs`: a
            // protest's crowd is then placed where it happened).
            actors.clear();
            noun_author_unnamed = true;
        }
        actors.retain(|a| !noun_undergoers.iter().any(|u| u.m.entity == a.entity));
    }
    // Stop 28: the roles of `fill`'s verb. Read only where the window rules found nobody, so
    // their reading stands wherever they give one (the German parse confuses nominative and
    // accusative plurals; the window's case and article checks are surer there).
    let fill_args = fill.map(|(ps, pw)| (ps, rule_arguments(ps, pw, rule, &agent_case)));
    // Stop 41: an infinitive has no subject of its own (`Der Iran bestreitet, Russland mit
    // Drohnen zu beliefern`, `Frankreich kündigte an, … an die Ukraine zu liefern`): a name
    // the window read as its subject inside the infinitive's phrase is its object, and the
    // controller the parse gives (the governing verb's subject, or its object for `forderte
    // … auf`, `warf … vor`) acts.
    if let (Some((ps, args)), Some((_, pw))) = (&fill_args, fill) {
        let infinitive = crate::clause::has_feat(&ps.words[pw].feats, "VerbForm=Inf");
        if infinitive && (args.inherited || args.actor.is_none()) && !actors.is_empty() {
            let in_infinitive = actors.iter().all(|a| {
                a.span
                    .and_then(|sp| ps.head_of(sp))
                    .is_some_and(|h| ps.descends_from(h, pw))
            });
            let mut controller: Vec<&Placed> = args
                .actor
                .map(|a| nearest_in_slot(&parties, ps, a, 1, false))
                .unwrap_or_default();
            // No controller in the parse (`Der Iran bestreitet, …` read with `Iran` as the
            // object): the phrase before the governing verb, a German clause's subject field.
            if controller.is_empty() && args.actor.is_none() {
                if let Some(g) = ps.parent(pw).filter(|&g| g < pw) {
                    let fronted = ps
                        .children(g)
                        .filter(|&c| c < g && !ps.children(c).any(|k| ps.deprel(k) == "case"));
                    for c in fronted {
                        controller.extend(nearest_in_slot(&parties, ps, c, 1, false));
                    }
                }
            }
            if in_infinitive && !controller.is_empty() {
                for moved in std::mem::take(&mut actors) {
                    if !recipients.iter().any(|r| r.entity == moved.entity) {
                        recipients.push(moved);
                    }
                }
                for p in controller {
                    push_unique(&mut actors, participant(p));
                }
                recipients.retain(|r| !actors.iter().any(|a| a.entity == r.entity));
            }
        }
    }
    if let Some((ps, args)) = &fill_args {
        let reads_subject = matches!(rule.actor, ActorFrame::Subject | ActorFrame::Before);
        if actors.is_empty() && !nominal && reads_subject && !args.inherited {
            // The active subject or the passive's agent (`obl:agent`, `von`/`durch`, the
            // instrumental agent): a name the pipeline found in that phrase.
            // At most one modifier down and none behind a preposition (`der Generalsekretär
            // der Vereinten Nationen`, `руководство Грузии`): a name in a prepositional phrase
            // of a subject that names no party is no actor (`der Einsatz von Bodentruppen in
            // dem Land ist ausgeschlossen`, `die Rakete vom Typ X`).
            if let Some(a) = args.actor {
                for p in nearest_in_slot(&parties, ps, a, 1, false) {
                    if !objects.iter().any(|o| o.m.span == p.m.span) {
                        push_unique(&mut actors, participant(p));
                    }
                }
                // `Sie drängten den Premierminister …`: a plural pronoun subject.
                if actors.is_empty() {
                    for p in plural_antecedents(ctx, ps, a) {
                        push_unique(&mut actors, as_coreference(participant(p)));
                    }
                }
                // `Sie fordert …` (`die Opposition`): a singular gendered pronoun subject.
                if actors.is_empty() {
                    if let Some(p) = gendered_antecedent(ctx, ps, a) {
                        push_unique(&mut actors, as_coreference(participant(p)));
                    }
                }
                // `Президент заявил …`: a role noun subject with no name is the last person.
                if actors.is_empty() {
                    if let Some(p) = role_antecedent(ctx, ps, a) {
                        push_unique(&mut actors, as_coreference(participant(p)));
                    }
                }
            }
        }
    }
    if actors.is_empty() {
        unnamed_actor_cue = unnamed_cue(ctx, cl.c, passive);
    }
    let frame_reads_subject = matches!(rule.actor, ActorFrame::Subject | ActorFrame::Before);
    let institution_actor =
        (lang.unnamed_institutions && actors.is_empty() && !nominal && frame_reads_subject)
            .then(|| ctx.institution_subject(cl.c, t, len, passive))
            .flatten();
    // An authority's act named by a noun with no author (`41 Verhaftungen`) is, like its
    // agentless passive, done by the state where it happened.
    let authority_passive = (passive || rule.noun) && rule.authority && actors.is_empty();
    // `состоялась акция протеста`: the noun, in the subject's case, is what took place.
    // Lowercased: a verb opening the sentence keeps its capital in its lemma (`Estallaron`).
    let other_lemma = |i: usize| {
        (i < t || i >= t + len)
            .then(|| ctx.lemmas.get(i).copied())
            .flatten()
            .unwrap_or("")
            .to_lowercase()
    };
    // The noun is the subject: by its case, or by the parse where the tagger gave the other
    // case of a form both share (German plurals: `Proteste` nominative or accusative).
    let parsed_subject = || {
        ctx.parse
            .or(ctx.fill)
            .or(ctx.mood)
            .and_then(|ps| Some((ps, ps.word_at(view.span_of(t, t + 1))?)))
            .is_some_and(|(ps, pw)| ps.deprel(pw).starts_with("nsubj"))
    };
    // A noun trigger, of a noun rule or of a rule whose forms are verbs and nouns (`protests`);
    // only one is read for occurrence (verb triggers skip the clause scans below).
    let noun_trigger = rule.noun
        || matches!(
            ctx.morphology.get(t).map_or("", |m| m.upos),
            "NOUN" | "PROPN"
        );
    // The preposition governing the noun, if any (`zu Ausschreitungen`).
    let governing = noun_trigger
        .then(|| ctx.governing_preposition(t, cl.c.0))
        .flatten();
    let occurs_as_subject = || {
        governing.is_none()
            && (!lang.occurrence_verbs.is_empty() || !lang.occurrence_particle_verbs.is_empty())
            && (ctx
                .morphology
                .get(t)
                .and_then(|m| m.feature("Case"))
                .is_none_or(|c| lang.subject_cases.iter().any(|s| s == c))
                || parsed_subject())
            && (cl.c.0..cl.c.1).any(|i| {
                let lemma = other_lemma(i);
                lang.occurrence_verbs.matches_word(&lemma)
                    || lang
                        .occurrence_particle_verbs
                        .iter()
                        .any(|(verb, particle)| {
                            lemma == *verb
                                && (i + 1..cl.c.1).any(|j| {
                                    (j < t || j >= t + len)
                                        && ctx.w(j).eq_ignore_ascii_case(particle)
                                })
                        })
            })
    };
    // `es kam zu Ausschreitungen`, `дошло до столкновений`: the noun after the verb's
    // preposition is what took place.
    let occurs_after_prep = || {
        let Some(p) = governing else {
            return false;
        };
        let prep = ctx.w(p).to_lowercase();
        lang.occurrence_prep_verbs
            .iter()
            .filter(|(_, pr)| *pr == prep)
            .any(|(verb, _)| (cl.c.0..cl.c.1).any(|i| i != p && other_lemma(i) == *verb))
    };
    let occurs = noun_trigger && (occurs_as_subject() || occurs_after_prep());
    // `Стороны договорились`: the clause's subject is a word for the sides named before.
    let sides_anaphor = actors.is_empty()
        && !passive
        && !nominal
        && frame_reads_subject
        && !lang.party_anaphors.is_empty()
        && (cl.k.0..t).any(|i| {
            lang.party_anaphors.matches_word(ctx.w(i))
                && ctx.governing_preposition(i, cl.k.0).is_none()
        });

    // --- recipients ---
    // A noun's recipient hangs on the noun itself (`aid to Syria`): its preposition is followed
    // only by determiners (`to force the U.S.` is another verb's object).
    // Nor does another verb, a coordinator or a comma stand between the noun and its
    // preposition (`condemned the attack and demanded sanctions against Russia`).
    let attached = |p: &Placed, m: Marking| match m {
        Marking::Prep(i) => {
            p.start > t
                && i >= t + len
                && (t + len..i).all(|k| {
                    !matches!(
                        ctx.morphology.get(k).map_or("", |m| m.upos),
                        "VERB" | "AUX" | "CCONJ" | "PUNCT" | "SCONJ"
                    )
                })
                && (i + 1..p.start).all(|k| lang.determiners.matches_word(ctx.w(k)))
        }
        Marking::None => false,
    };
    match rule.recipient {
        RecipientFrame::None => {}
        RecipientFrame::Object => {
            for p in &objects {
                push_unique(&mut recipients, participant(p));
            }
            let c_unmarked = unmarked_in(&parties, cl.c);
            for (p, m) in &parties {
                if is_recipient_prep(*m) && in_range(p, cl.c) && (!nominal || attached(p, *m)) {
                    push_unique(&mut recipients, participant(p));
                    // `против России и Китая`: the preposition governs both.
                    for q in ctx.conjuncts_after(p, &c_unmarked, t) {
                        push_unique(&mut recipients, participant(q));
                    }
                }
            }
            // `demanded that the United States cancel …`: the subject of the complement
            // clause right after the trigger is who is asked, urged or told.
            if recipients.is_empty() && !nominal {
                let mut k = t + len;
                while k < sb
                    && k < t + len + 3
                    && ctx.view.toks[k].is_word
                    && !lang.complementizers.matches_word(ctx.w(k))
                    && !objects.is_empty()
                {
                    k += 1;
                }
                if k < sb && lang.complementizers.matches_word(ctx.w(k)) {
                    let subject = parties.iter().find(|(p, _)| {
                        p.start > k
                            && p.start <= k + 4
                            && (k + 1..p.start).all(|i| {
                                lang.determiners.matches_word(ctx.w(i)) || ctx.view.toks[i].cap
                            })
                    });
                    if let Some((p, _)) = subject {
                        push_unique(&mut recipients, participant(p));
                    }
                }
            }
        }
        RecipientFrame::After => {
            for (p, m) in &parties {
                let loc = prep_word(*m)
                    .map(|w| lang.location_preps.matches_word(w))
                    .unwrap_or(false)
                    && !is_recipient_prep(*m);
                if in_range(p, cl.k)
                    && (!nominal || (is_recipient_prep(*m) && attached(p, *m)))
                    && p.start >= t + len
                    && !is_between(*m)
                    && !is_agent(*m)
                    && !loc
                {
                    push_unique(&mut recipients, participant(p));
                }
            }
        }
    }
    if recipients.is_empty() && rule.recipient != RecipientFrame::None {
        // No frame found one: a name in an object case right after the trigger.
        let cases = if !rule.object_cases.is_empty() {
            &rule.object_cases
        } else if rule.noun || nominal {
            &lang.noun_object_cases
        } else {
            &lang.verb_object_cases
        };
        if let Some(p) = ctx.case_object(t + len, cases, &parties) {
            push_unique(&mut recipients, participant(p));
        }
    }
    // Stop 28: no recipient from the window rules — the parse's objects, a passive's subject,
    // or an oblique whose case word is one of the rule's recipient prepositions (`gegen`,
    // `против`, `с`), each a name the pipeline found in that phrase.
    if let Some((ps, args)) = &fill_args {
        // Only beside an actor: a recipient alone from the parse revived agentless passives
        // of accidents and background the window rules had let go (dev, old part: 5 of 6 such
        // events were false: `Soldaten … sind bei einem Absturz getötet worden`).
        // Stop 41: an assault's agentless passive may stand alone now that killings in
        // accidents and disasters are no assaults (`[grammar] accident_words`): `In Syrien
        // wurden drei Journalisten getötet` (the window rules miss a subject after the
        // auxiliary).
        let agentless_assault = rule.event == EventType::Assault && passive;
        if recipients.is_empty()
            && (!actors.is_empty() || agentless_assault)
            && rule.recipient != RecipientFrame::None
            && !nominal
        {
            let mut slots: Vec<usize> = args.undergoers.clone();
            slots.extend(args.obliques.iter().filter_map(|(o, case)| {
                case.as_deref()
                    .is_some_and(|k| rule.recipient_preps.matches_word(k))
                    .then_some(*o)
            }));
            for slot in slots {
                for p in nearest_in_slot(&parties, ps, slot, usize::MAX, true) {
                    push_unique(&mut recipients, participant(p));
                }
            }
        }
    }
    // Stop 28: an event noun that is the direct object of its verb (`Россия дала Украине
    // кредит`, `provided a loan to Ukraine`, `verhängte Sanktionen gegen X`): the verb's
    // indirect object, or its oblique with one of the noun rule's recipient prepositions, is
    // whom the act is for. Only where the window rules gave an actor and no recipient; the
    // verb's subject is not read (`condemned the attack`: the condemner did not attack).
    let noun_parse = ctx.parse.or(ctx.fill);
    if let Some(ps) = noun_parse.filter(|_| {
        (rule.noun || nominal)
            && recipients.is_empty()
            && !actors.is_empty()
            && rule.recipient != RecipientFrame::None
    }) {
        let noun = ps
            .head_of(view.span_of(t, t + len))
            .filter(|&n| ps.nominal(n) && ps.deprel(n) == "obj");
        let verb = noun
            .and_then(|n| ps.parent(n))
            .filter(|&v| ps.words[v].upos == "VERB");
        if let (Some(n), Some(v)) = (noun, verb) {
            for c in ps.children(v) {
                let takes = match ps.deprel(c) {
                    // A second object beside the noun is the double object's recipient (the
                    // parsers label the dative `obj` as often as `iobj`).
                    "iobj" => true,
                    "obj" => c != n,
                    rel if rel.split(':').next() == Some("obl") => ps
                        .children(c)
                        .find(|&k| ps.deprel(k) == "case")
                        .is_some_and(|k| {
                            rule.recipient_preps
                                .matches_word(&ps.words[k].lemma.to_lowercase())
                        }),
                    _ => false,
                };
                if takes {
                    for p in nearest_in_slot(&parties, ps, c, usize::MAX, true) {
                        push_unique(&mut recipients, participant(p));
                    }
                }
            }
        }
    }
    // `warf Washington vor, die Ukraine zu beliefern`, `обвинил Вашингтон в поставках`: the
    // accused acts in what it is accused of — the accusing verb's object, not the accuser,
    // whose word the act is (`claimed`). Read over the parse in every language whose
    // factuality layer reads it, roles from the parse or not (stop 39).
    if let Some((ps, g, w)) = accused_by {
        let towards = ps.child_towards(w, g);
        // A second subject is the object the parser missed (`Russland beschuldigte die
        // Ukraine, …` with two `nsubj`: a clause has one).
        let first_subject = ps.children(g).find(|&c| ps.deprel(c) == "nsubj");
        let accused: Vec<&Placed> = ps
            .children(g)
            .filter(|&c| {
                Some(c) != towards
                    && (matches!(ps.deprel(c), "obj" | "iobj")
                        || (ps.deprel(c) == "nsubj" && Some(c) != first_subject)
                        // A bare noun phrase the parser called an oblique is an object
                        // (`hat der Ukraine vorgeworfen`: dative, no preposition; stop 40).
                        || (ps.deprel(c) == "obl"
                            && !ps.children(c).any(|k| ps.deprel(k) == "case")))
            })
            .flat_map(|c| parties_in_slot(&parties, ps, c))
            .collect();
        if !accused.is_empty() {
            actors.clear();
            for p in accused {
                push_unique(&mut actors, participant(p));
            }
            recipients.retain(|r| !actors.iter().any(|a| a.entity == r.entity));
        }
    }
    if parsed.is_some() && rule.recipient != RecipientFrame::None {
        // The objects (or a passive's subject) are who it is done to, ahead of the window
        // guesses.
        put_first(&mut recipients, &undergoers);
    }
    put_first(&mut recipients, &noun_undergoers);
    recipients.retain(|r| !actors.iter().any(|a| a.entity == r.entity));
    // `urged the United States to stop arming Taiwan`, `призвал США прекратить вооружать
    // Тайвань`: a party inside the clause a speech act asks for, threatens or accuses of is
    // that act's, not the addressee (stop 41).
    if matches!(
        rule.event,
        EventType::Request | EventType::Threaten | EventType::Accuse
    ) {
        if let Some((ps, pw)) = parsed.or(fill).or(mood_word) {
            let complements: Vec<usize> = ps
                .children(pw)
                .filter(|&c| {
                    matches!(
                        ps.deprel(c).split(':').next(),
                        Some("xcomp" | "ccomp" | "advcl")
                    )
                })
                .collect();
            if !complements.is_empty() {
                let inside = |r: &Participant| {
                    r.span
                        .and_then(|sp| ps.head_of(sp))
                        .is_some_and(|h| complements.iter().any(|&c| ps.descends_from(h, c)))
                };
                if recipients.iter().any(|r| !inside(r)) {
                    recipients.retain(|r| !inside(r));
                }
            }
        }
    }
    let institution_recipient = (lang.unnamed_institutions
        && recipients.is_empty()
        && !nominal
        && !passive
        && rule.recipient == RecipientFrame::Object)
        .then(|| ctx.institution_object(cl.c, t + len))
        .flatten();
    if recipients.is_empty() && rule.recipient_from_other_actor {
        if let Some(other) = prev
            .iter()
            .rev()
            .flat_map(|f| f.event.actors.iter())
            .find(|p| !actors.iter().any(|a| a.entity == p.entity))
        {
            let mut p = other.clone();
            p.how = "coreference".to_string();
            recipients.push(p);
        }
    }
    // `Armenia and Azerbaijan agreed …`: each acts on the other; coded first → others.
    let mut recipients_from_subject = false;
    if rule.reciprocal
        && recipients.is_empty()
        && institution_recipient.is_none()
        && actors.len() > 1
    {
        recipients = actors.split_off(1);
        recipients_from_subject = true;
    }
    if !rule.unilateral && reciprocal_dyad(ctx, rule.event, &mut actors, &mut recipients) {
        recipients_from_subject = true;
    }
    name_office_holders(ctx, &mut actors);
    // The forces a side mobilises are its own (`deployed additional troops`): a generic
    // army or police of no other state is no target of the mobilisation (stop 39). A state
    // stays (PLOVER GSR codes where forces are sent or whom they are readied against).
    if rule.event == EventType::Mobilize {
        recipients.retain(|r| {
            let own_forces = view.mentions_in(sa, sb).any(|p| {
                Some(p.m.span) == r.span
                    && p.m.kind == EntityKind::Agent
                    && matches!(p.m.sector.as_deref(), Some("military" | "police"))
                    && p.m
                        .country
                        .as_ref()
                        .is_none_or(|c| actors.iter().any(|a| &a.entity == c))
            });
            !own_forces
        });
    }
    // What a transfer hands over is no party to it: `sold 24 Rafale fighters to Egypt`,
    // `bought 36 Rafale jets from France`, `Kampfjets an die Türkei`. A generic force word
    // (`jets`, `fighters`, `helicopters` — the force that flies them in an attack) is the
    // materiel where a weapon is named on its words or right before them, or where the parse
    // makes it the transfer verb's object (or a passive's subject). Stop 42.
    if rule.event == EventType::Aid && (rule.weapons || !rule.object_any_of.is_empty()) {
        let transfer = parsed.or(fill);
        let materiel = |r: &Participant| {
            let Some(span) = r.span else {
                return false;
            };
            let generic = view
                .mentions_in(sa, sb)
                .any(|p| p.m.span == span && p.m.kind == EntityKind::Agent);
            if !generic {
                return false;
            }
            let weapon_named = view.mentions_in(sa, sb).any(|p| {
                let weapon = matches!(
                    p.m.kind,
                    EntityKind::WeaponSystem | EntityKind::WeaponCategory
                );
                let overlaps = p.m.span.start < span.end && span.start < p.m.span.end;
                let right_before = p.m.span.end <= span.start
                    && view
                        .chars
                        .get(p.m.span.end..span.start)
                        .is_some_and(|gap| gap.iter().all(|&c| c == ' ' || c == '-'));
                weapon && (overlaps || right_before)
            });
            let object_of_transfer = transfer.is_some_and(|(ps, pw)| {
                ps.head_of(span).is_some_and(|h| {
                    let mut cur = h;
                    // Up through conjuncts (`tanks and jets`).
                    while ps.deprel(cur) == "conj" {
                        match ps.parent(cur) {
                            Some(p) => cur = p,
                            None => break,
                        }
                    }
                    matches!(ps.deprel(cur), "obj" | "nsubj:pass") && ps.parent(cur) == Some(pw)
                })
            });
            weapon_named || object_of_transfer
        };
        actors.retain(|a| !materiel(a));
        recipients.retain(|r| !materiel(r));
        // `delivered German tanks to Ukraine`: the materiel's origin receives nothing.
        if let Some(o) = origin {
            recipients.retain(|r| r.span != Some(o.m.span));
        }
    }
    name_office_holders(ctx, &mut recipients);
    add_affiliated_people(ctx, &mut actors, t);
    // The same words never name both sides: an office holder's state read on the person's
    // span (`приехали Дмитрий Медведев …` → the person acts; RUS on that span is no
    // recipient), or the same entity twice. Sides split off one group mention (`zwischen den
    // beiden Seiten`, reciprocal) share its words and stay (stop 40).
    recipients.retain(|r| {
        !actors.iter().any(|a| {
            a.entity == r.entity
                || (r.span.is_some() && a.span == r.span && !recipients_from_subject)
        })
    });

    // --- where, when, with what ---
    let mut locations: Vec<Participant> = Vec::new();
    for p in view.mentions_in(cl.c.0, cl.c.1).filter(|p| p.is_place()) {
        push_unique(&mut locations, participant(p));
    }
    // A state after a location preposition (`im Süden des Libanon`, `в Сирии`) is where it
    // happened, when it plays no other role.
    for (p, m) in &parties {
        let at = prep_word(*m).is_some_and(|w| lang.location_preps.matches_word(w));
        let named = |list: &[Participant]| list.iter().any(|x| x.entity == p.m.entity);
        if at
            && p.m.kind == EntityKind::State
            && in_range(p, cl.c)
            && !named(&actors)
            && !named(&recipients)
        {
            push_unique(&mut locations, participant(p));
        }
    }
    if locations.is_empty() {
        if let Some(p) = place_anaphor(ctx, cl.c) {
            locations.push(p);
        }
    }
    if locations.is_empty() && rule.actor == ActorFrame::Inherit {
        if let Some(last) = prev.last() {
            locations = last.event.locations.clone();
        }
    }
    let trigger_span = view.span_of(t, t + len);
    let time = time_for(ctx, cl.c, trigger_span, parsed);

    let sent_words = &ctx.words[sa..sb];
    let k_words = &ctx.words[cl.k.0..cl.k.1];
    let c_words = &ctx.words[cl.c.0..cl.c.1];
    // `Russland soll Nordkorea Waffen geliefert haben`: a modal with the trigger's perfect
    // infinitive reports the act (reportedly done), it plans nothing.
    let reported_perfect = lang.reportative_modals.occurs_in(c_words)
        && (t + len..(t + len + 2).min(cl.c.1))
            .any(|i| lang.perfect_infinitives.matches_word(ctx.w(i)));
    let factuality = if let Some((ps, pw)) = parsed {
        // Negation and mood scope over the predicate, not over the clause's words.
        let governors = ps.governors(pw);
        let governed_by =
            |set: &crate::rules::PhraseSet| governors.iter().any(|g| set.matches_word(g));
        let negation = |w: &str| lang.negation.matches_word(w);
        // A trigger that holds its negation (`not accept`, a refusal) is not denied by it.
        let own_negation = (t..t + len).any(|i| lang.negation.matches_word(ctx.w(i)));
        if !rule.ignore_negation && !own_negation && ps.negated(pw, &negation) {
            Factuality::Denied
        } else if let Some(f) = governed {
            f
        } else if governed_by(&lang.hypothetical) {
            Factuality::Hypothetical
        } else if reported_perfect {
            Factuality::Reported
        } else if (governed_by(&lang.future) || future_infinitive || ps.future_tense(pw))
            && !passive
            // `will not accept` is a refusal now, not one to come.
            && !own_negation
        {
            Factuality::Future
        } else if lang.reported.occurs_in(sent_words) {
            Factuality::Reported
        } else {
            Factuality::Asserted
        }
    } else if !rule.ignore_negation
        // The meeting of an attendance phrase took place whatever its verb denies (`haben
        // sich auf einem Treffen nicht geeinigt`).
        && !attended
        && lang.negation.occurs_in(k_words)
        && !negation_only_in_complement(ctx, cl.k, t, len)
    {
        Factuality::Denied
    } else if let Some(f) = governed {
        f
    } else if lang.hypothetical.occurs_in(k_words) {
        Factuality::Hypothetical
    } else if reported_perfect {
        Factuality::Reported
    } else if (lang.future.occurs_in(c_words)
        || future_infinitive
        || mood_word.is_some_and(|(ps, pw)| ps.future_tense(pw)))
        && !passive
    {
        Factuality::Future
    } else if lang.reported.occurs_in(sent_words) {
        Factuality::Reported
    } else {
        Factuality::Asserted
    };

    // A claim of responsibility is the claimant's word for the act: claimed where the
    // sentence would assert or report it (a denied or planned claim stays so).
    let factuality = match factuality {
        Factuality::Asserted | Factuality::Reported if rule.claim || alleged => Factuality::Claimed,
        f => f,
    };

    let mut weapon_words = Vec::new();
    let weapons = if rule.weapons || rule.event == EventType::Assault {
        sentence_weapons(ctx, &mut weapon_words)
    } else {
        Vec::new()
    };
    let mut context = rule.context.clone();
    let mut mode = rule.mode.clone();
    let arms = if rule.event == EventType::Aid && rule.weapons {
        // Aid is an arms transfer when materiel is named, the deal is secret, or the rule is
        // about military aid; `blocking the delivery of aid` is humanitarian.
        let military_rule = rule.context.iter().any(|c| c == "military");
        if weapons.is_empty()
            && !lang.secret.occurs_in(sent_words)
            && (rule.status.as_deref() == Some("delivered") || !military_rule)
        {
            // `liefern` without materiel is not an arms transfer.
            context.retain(|c| c != "military");
            None
        } else {
            let mut status = Vec::new();
            match rule.status.as_deref() {
                Some("delivered") => status.push(TransferStatus::Delivered),
                Some("agreed") => status.push(TransferStatus::Agreed),
                Some("reported") | None => status.push(TransferStatus::Reported),
                Some(_) => status.push(TransferStatus::Reported),
            }
            if factuality == Factuality::Denied {
                status = vec![TransferStatus::Denied];
            }
            if lang.secret.occurs_in(sent_words) {
                status.push(TransferStatus::Secret);
            }
            Some(ArmsTransfer {
                quantity: quantity_near(ctx, &weapons),
                weapons: weapons.clone(),
                status,
                cited_documents: cited_documents(ctx, (sa, sb)),
                used_in: Vec::new(),
            })
        }
    } else {
        None
    };
    if rule.event == EventType::Assault && mode.is_none() {
        mode = weapons
            .iter()
            .find_map(|w| w.category.as_deref().and_then(assault_mode))
            .map(str::to_string);
    }

    let mut event = Event {
        event_type: rule.event,
        mode,
        context,
        actors,
        recipients,
        locations,
        time,
        evidence: vec![Evidence {
            document: doc_id.to_string(),
            sentence: view.span_of(sa, sb),
            trigger: trigger_span,
            text: view.text(view.span_of(sa, sb)),
            rule: rule.id.clone(),
            url: view.ex.document.url.clone(),
        }],
        factuality,
        arms,
        source_count: 1,
        ..Default::default()
    };
    if rule.count {
        match read_count(lang, &ctx.words[cl.c.0..cl.c.1]) {
            Count::Exact(n) => event.displaced = Some(n),
            Count::Vague(w) => event
                .notes
                .push(format!("vague count `{w}`: not normalised")),
            Count::None => {}
        }
    }
    if rule.event == EventType::Assault {
        event.outcome = outcome(ctx, t + len, cl.c.1.max(t + len));
    }
    if rule.event == EventType::Assault && !weapons.is_empty() && event.arms.is_none() {
        event.notes.push(format!(
            "weapons used: {}",
            weapons
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // Only acts that respond to another's act (condemn, praise, protest against it); the
    // object of a threat, promise or demand is the actor's own act to come (`threatened a
    // bigger attack`).
    let responds = matches!(
        rule.event,
        EventType::Accuse | EventType::Support | EventType::Protest
    );
    let object_event = (responds
        && rule.recipient == RecipientFrame::Object
        && event.recipients.is_empty()
        && !nominal)
        .then(|| object_event_noun(ctx, rule, t + len, cl.c.1))
        .flatten();
    // `осудили эти действия`, `condemned this move`: the object points back at an act.
    let object_act_anaphor = (responds || rule.event == EventType::Reject)
        && rule.recipient == RecipientFrame::Object
        && event.recipients.is_empty()
        && !nominal
        && object_event.is_none()
        && near_trigger(ctx, &lang.act_anaphors, cl.c, t, len);
    // `beschuldigten sich gegenseitig`, `обвиняют друг друга`: each side acts on the other.
    // Only directed acts with a target slot: a meeting or an agreement is already coded as a
    // dyad, and a fight whose frame names sides, not a target, keeps its sides together.
    let reciprocal = !matches!(rule.event, EventType::Consult | EventType::Agree)
        && rule.recipient != RecipientFrame::None
        && near_trigger(ctx, &lang.reciprocals, cl.c, t, len);
    // `Ukraine received tanks from Germany`: the one receiving is the recipient, the source
    // the actor (stop 41).
    // `bought arms for the rebels`: a beneficiary after `for` receives from the buyer, whose
    // roles stay (stop 42).
    let beneficiary = |r: &Participant| {
        r.span
            .and_then(|sp| view.word_before(sp.start, &lang.determiners))
            .is_some_and(|w| rule.beneficiary_preps.matches_word(w))
    };
    if rule.swap_roles && !event.recipients.iter().any(beneficiary) {
        std::mem::swap(&mut event.actors, &mut event.recipients);
    }
    // An event with no party named is worth little on its own: it stays, but low.
    event.confidence = 0.5
        + if event.actors.is_empty() { 0.0 } else { 0.3 }
        + if event.recipients.is_empty() {
            0.0
        } else {
            0.1
        };
    Some(Found {
        event,
        trigger_tok: t,
        unnamed_actor_cue,
        institution_actor,
        institution_recipient,
        authority_passive,
        host_from_place: rule.host_from_place,
        sides_anaphor,
        occurs: occurs || noun_author_unnamed,
        recipients_from_subject,
        verb_trigger: !rule.noun
            && !nominal
            && !matches!(
                ctx.morphology.get(t).map_or("", |m| m.upos),
                "NOUN" | "PROPN" | "ADJ"
            ),
        weapon_words,
        materiel_rule: rule.weapons,
        nominal,
        takes_recipient: rule.recipient != RecipientFrame::None,
        object_event,
        object_act_anaphor,
        reciprocal,
        committed_by,
        claim: rule.claim,
        addressee_named: rule.event == EventType::Request
            && parsed.is_some_and(|(ps, pw)| {
                ps.children(pw)
                    .any(|c| matches!(ps.deprel(c), "obj" | "iobj"))
            }),
    })
}

/// Does every negation word of the trigger's clause `k` (word-window rules) stand, by the
/// parse, on a verb inside the trigger's own complement (`обещает не оставлять`, `призвали
/// Министерство не включать`, `forderten, die Truppen nicht abzuziehen`)? Then it negates
/// what is promised or asked, not the act of the trigger. False without a parse, for a
/// negation on the trigger or on a verb above it (`не собирается поставлять`: the
/// governing verb is negated, so is its complement) or on a noun (`keine Waffen`), and for a
/// negation of several words.
fn negation_only_in_complement(ctx: &SentenceCtx, k: (usize, usize), t: usize, len: usize) -> bool {
    let Some(ps) = ctx.mood.or(ctx.fill).or(ctx.parse) else {
        return false;
    };
    let Some(pw) = ps.head_of(ctx.view.span_of(t, t + len)) else {
        return false;
    };
    let below_trigger = |mut h: usize| {
        for _ in 0..12 {
            match ps.parent(h) {
                Some(p) if p == pw => return true,
                Some(p) => h = p,
                None => return false,
            }
        }
        false
    };
    let mut any = false;
    for i in k.0..k.1.min(ctx.words.len()) {
        if !ctx.lang.negation.matches_word(ctx.w(i)) {
            continue;
        }
        any = true;
        let Some(h) = ps
            .word_at(ctx.view.span_of(i, i + 1))
            .and_then(|nw| ps.parent(nw))
        else {
            return false;
        };
        let verb = ps
            .words
            .get(h)
            .is_some_and(|w| matches!(w.upos.as_str(), "VERB" | "AUX"));
        if !(verb && h != pw && below_trigger(h)) {
            return false;
        }
    }
    any
}

/// How many words either side of a trigger a reciprocal marker or an act anaphor may stand
/// (`haben sich gegenseitig … beschuldigt`, `accused each other`, `verurteilten die USA diese
/// Schritte`): near enough to be the trigger's own object, within its clause.
const MARKER_REACH: usize = 4;

/// Whether a phrase of `set` stands within [`MARKER_REACH`] words of the trigger (`t`, `len`
/// words) inside the clause `c`.
fn near_trigger(
    ctx: &SentenceCtx,
    set: &crate::rules::PhraseSet,
    c: (usize, usize),
    t: usize,
    len: usize,
) -> bool {
    if set.is_empty() {
        return false;
    }
    let from = c.0.max(t.saturating_sub(MARKER_REACH));
    let to = c.1.min(t + len + MARKER_REACH);
    (from..to).any(|i| {
        (i < t || i >= t + len)
            && set
                .match_at(ctx.words, i)
                .is_some_and(|n| i + n <= c.1 && (i + n <= t || i >= t + len))
    })
}

/// The type of the event noun that is the trigger's object (`condemned the deadly raids` →
/// ASSAULT): the first word after the trigger that is no determiner or adjective, read as a
/// noun by the syntax layer, that another type's rule takes.
fn object_event_noun(ctx: &SentenceCtx, rule: &Rule, from: usize, end: usize) -> Option<EventType> {
    let upos = |k: usize| ctx.morphology.get(k).map_or("", |m| m.upos);
    let mut k = from;
    while k < end && (ctx.lang.determiners.matches_word(ctx.w(k)) || upos(k) == "ADJ") {
        k += 1;
    }
    if k >= end || upos(k) != "NOUN" {
        return None;
    }
    ctx.lang
        .rules
        .iter()
        .filter(|r| r.event != rule.event)
        .find(|r| {
            r.forms.match_at(ctx.words, k).is_some() || r.lemmas.match_at(ctx.lemmas, k).is_some()
        })
        .map(|r| r.event)
}

fn unmarked_in<'p, 'a>(
    parties: &[(&'p Placed<'a>, Marking)],
    r: (usize, usize),
) -> Vec<&'p Placed<'a>> {
    parties
        .iter()
        .filter(|(p, m)| *m == Marking::None && p.start >= r.0 && p.end <= r.1)
        .map(|(p, _)| *p)
        .collect()
}

fn clause_of_trigger(ctx: &SentenceCtx, t: usize) -> Clause {
    ctx.clause_of(t)
}

/// `der armenische Staatschef` next to `Paschinjan`: keep the person with the state.
/// A meeting or an agreement of coordinated sides (`Москва и Вашингтон договорились`, `Russia
/// and Turkey held talks`) is coded as a dyad, as PLOVER/CAMEO code reciprocal acts: the first
/// side is the actor, the sides joined to it are its counterparts (before any other recipient).
/// Only sides joined in the text by a comma or coordinator: a state and its own official
/// (`Japan's prime minister Kan`) stay actors together. Whether it split the sides.
fn reciprocal_dyad(
    ctx: &SentenceCtx,
    event: EventType,
    actors: &mut Vec<Participant>,
    recipients: &mut Vec<Participant>,
) -> bool {
    if !matches!(event, EventType::Consult | EventType::Agree) || actors.len() < 2 {
        return false;
    }
    let joined = |a: &Participant, b: &Participant| {
        let (Some(x), Some(y)) = (a.span, b.span) else {
            return false;
        };
        if y.start < x.end {
            return false;
        }
        let between = ctx.view.text(Span {
            start: x.end,
            end: y.start,
        });
        let between = between.trim();
        between == "," || ctx.lang.coordinators.matches_word(&between.to_lowercase())
    };
    let n = actors.len();
    if !(1..n).all(|i| joined(&actors[i - 1], &actors[i])) {
        return false;
    }
    let others: Vec<Participant> = actors.drain(1..).collect();
    let rest = std::mem::take(recipients);
    *recipients = others;
    for r in rest {
        if !recipients.iter().any(|q| q.entity == r.entity) {
            recipients.push(r);
        }
    }
    true
}

/// An office holder read as their state (`Кан осудил` → JPN: the NLP stage puts a mention of
/// the state on the person's span) is named as the person too, before the state: the report
/// names who acted, the state is whom they act for.
fn name_office_holders(ctx: &SentenceCtx, list: &mut Vec<Participant>) {
    let mut out: Vec<Participant> = Vec::with_capacity(list.len());
    for p in list.drain(..) {
        let holder = p.span.and_then(|span| {
            ctx.view.mentions_in(ctx.sent.0, ctx.sent.1).find(|q| {
                q.m.kind == EntityKind::Person && q.m.span == span && q.m.entity != p.entity
            })
        });
        if let Some(q) = holder {
            for person in participant(q) {
                if !out.iter().any(|x| x.entity == person.entity) {
                    out.push(person);
                }
            }
        }
        if !out.iter().any(|x| x.entity == p.entity) {
            out.push(p);
        }
    }
    *list = out;
}

fn add_affiliated_people(ctx: &SentenceCtx, actors: &mut Vec<Participant>, t: usize) {
    let ex = ctx.view.ex;
    let states: Vec<(String, Option<Span>)> = actors
        .iter()
        .filter(|p| !p.entity.contains(':'))
        .map(|p| (p.entity.clone(), p.span))
        .collect();
    for (state, span) in states {
        let Some(span) = span else { continue };
        let person = ctx.view.mentions_in(ctx.sent.0, t).find(|p| {
            p.m.kind == EntityKind::Person
                && p.m.span.end <= span.start
                && span.start - p.m.span.end <= 8
                && ex
                    .actors
                    .iter()
                    .any(|r| r.id == p.m.entity && r.affiliations.contains(&state))
        });
        if let Some(p) = person {
            push_unique(actors, participant(p));
        }
    }
}

/// A determiner + `Region`-like noun with no place named: the last place before it.
fn place_anaphor(ctx: &SentenceCtx, c: (usize, usize)) -> Option<Participant> {
    let lang = ctx.lang;
    for i in c.0..c.1 {
        if lang.place_anaphors.matches_word(ctx.w(i))
            && i > 0
            && lang.determiners.matches_word(ctx.w(i - 1))
        {
            let at = ctx.view.toks[i].span.start;
            let last = ctx
                .view
                .before(at)
                .find(|p| p.is_place() && p.m.span.end <= at)?;
            return Some(Participant {
                entity: last.m.entity.clone(),
                name: last.m.name.clone(),
                span: Some(ctx.view.toks[i].span),
                how: "coreference".to_string(),
            });
        }
    }
    None
}

fn time_for(
    ctx: &SentenceCtx,
    c: (usize, usize),
    trigger: Span,
    parsed: Option<(&SentenceParse, usize)>,
) -> Option<TimeExpr> {
    let times = &ctx.view.ex.times;
    if let Some((ps, pw)) = parsed {
        // With a parse, a time belongs to the predicate whose clause holds it (`said on
        // Monday that X had attacked in May`: May for the attack).
        let own = times.iter().find(|t| {
            ps.head_of(t.span)
                .is_some_and(|w| w != pw && ps.within(w, pw))
        });
        if own.is_some() {
            return own.cloned();
        }
    }
    let cspan = ctx.view.span_of(c.0, c.1);
    let sspan = ctx.view.span_of(ctx.sent.0, ctx.sent.1);
    let dist = |t: &TimeExpr| {
        if t.span.end <= trigger.start {
            trigger.start - t.span.end
        } else {
            t.span.start.saturating_sub(trigger.end)
        }
    };
    times
        .iter()
        .filter(|t| cspan.contains(&t.span))
        .min_by_key(|t| dist(t))
        .or_else(|| {
            times
                .iter()
                .filter(|t| sspan.contains(&t.span))
                .min_by_key(|t| dist(t))
        })
        .cloned()
}

/// Weapons named in the sentence: weapon mentions first, then lexicon words.
fn sentence_weapons(ctx: &SentenceCtx, words_out: &mut Vec<String>) -> Vec<Weapon> {
    let (a, b) = ctx.sent;
    let mut out: Vec<Weapon> = Vec::new();
    for p in ctx.view.mentions_in(a, b).filter(|p| p.is_weapon()) {
        let (category, system) = match p.m.kind {
            EntityKind::WeaponCategory => (Some(p.m.entity.clone()), None),
            _ => (None, Some(p.m.entity.clone())),
        };
        words_out.push(p.m.text.to_lowercase());
        out.push(Weapon {
            category,
            system,
            text: p.m.text.clone(),
            span: Some(p.m.span),
        });
    }
    // `Hamas fighters`, `Kämpfer`: a word the agents layer read as people of an armed group
    // is no weapon (the military's `jets` and `warplanes` are both; stop 40).
    let people: Vec<Span> = ctx
        .view
        .mentions_in(a, b)
        .filter(|p| p.is_party() && p.m.sector.as_deref().is_some_and(|s| s != "military"))
        .map(|p| p.m.span)
        .collect();
    for i in a..b {
        let tok = &ctx.view.toks[i];
        if !tok.is_word
            || out
                .iter()
                .any(|w| w.span.map(|s| s.overlaps(&tok.span)).unwrap_or(false))
            || people.iter().any(|s| s.overlaps(&tok.span))
        {
            continue;
        }
        if let Some(cat) = ctx.lang.weapons.get(&tok.lower) {
            words_out.push(tok.lower.clone());
            out.push(Weapon {
                category: Some(cat.clone()),
                system: None,
                text: ctx.view.text(tok.span),
                span: Some(tok.span),
            });
        }
    }
    out
}

/// PLOVER ASSAULT mode from a weapon category.
fn assault_mode(category: &str) -> Option<&'static str> {
    let c = category.trim_start_matches("weapon-category:");
    match c {
        "artillery" | "missile" | "armoured-vehicle" | "rocket" | "mortar" => Some("heavy-weapons"),
        "drone" | "uav" => Some("drone"),
        "combat-aircraft" | "aircraft" | "helicopter" => Some("aerial"),
        "small-arms" | "firearms" => Some("firearms"),
        "explosives" | "mine" => Some("explosives"),
        _ => None,
    }
}

fn quantity_near(ctx: &SentenceCtx, weapons: &[Weapon]) -> Option<u64> {
    for w in weapons {
        let span = w.span?;
        let i = crate::text::tok_at_or_after(&ctx.view.toks, span.start);
        if i == 0 {
            continue;
        }
        let lo = i.saturating_sub(3).max(ctx.sent.0);
        if let Count::Exact(n) = read_count(ctx.lang, &ctx.words[lo..i]) {
            return Some(n);
        }
    }
    None
}

fn cited_documents(ctx: &SentenceCtx, r: (usize, usize)) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = r.0;
    while i < r.1 {
        if let Some(len) = ctx.lang.cited_documents.match_at(&ctx.words[..r.1], i) {
            out.push(ctx.view.text(ctx.view.span_of(i, i + len)));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The clause after an outcome verb (`beendete die faktische Unabhängigkeit der Region`).
fn outcome(ctx: &SentenceCtx, from: usize, _c_end: usize) -> Option<String> {
    let (_, b) = ctx.sent;
    for i in from..b {
        if ctx.lang.outcome_verbs.matches_word(ctx.w(i)) {
            let mut end = i + 1;
            while end < b
                && !ctx.is_weak_boundary(end)
                && !ctx.is_strong_boundary(end)
                && ctx.w(end) != "."
            {
                end += 1;
            }
            return Some(ctx.view.text(ctx.view.span_of(i, end)));
        }
    }
    None
}

/// The phrase after an agent preposition headed by an unnamed-party noun (`von einem Land, das
/// angeblich ein Verbündeter Armeniens ist`), up to the end of the following relative clause.
fn unnamed_cue(ctx: &SentenceCtx, c: (usize, usize), passive: bool) -> Option<Span> {
    let lang = ctx.lang;
    for i in c.0..c.1 {
        let agentive = lang.agent_preps.matches_word(ctx.w(i));
        if !(agentive && passive) {
            continue;
        }
        for j in i + 1..(i + 4).min(c.1) {
            if lang.unnamed_party.matches_word(ctx.w(j)) {
                // Extend over a following relative clause (`, das …`) up to the sentence end or
                // a closing quotation mark.
                let mut end = j + 1;
                if let Some(comma) = (j + 1..(j + 4).min(ctx.sent.1)).find(|&k| ctx.w(k) == ",") {
                    end = comma + 1;
                    while end < ctx.sent.1 {
                        let w = ctx.w(end);
                        if w == "." || (w.chars().count() == 1 && w.chars().all(is_quote_mark)) {
                            break;
                        }
                        end += 1;
                    }
                }
                return Some(ctx.view.span_of(i + 1, end));
            }
        }
    }
    None
}

/// Most conjuncts one act is distributed over (a list of dozens is no list of acts: the copies
/// would grow with the product of the lists).
const MAX_CONJUNCTS: usize = 8;

/// The sides of a party list with their text spans: parties on one span, or on nested spans
/// (an office holder beside the state read on the same name, a group's members), are one
/// side; a party with no span (inferred) goes with every side.
fn spanned_sides(list: &[Participant]) -> (Vec<(Span, Vec<Participant>)>, Vec<Participant>) {
    let mut sides: Vec<(Span, Vec<Participant>)> = Vec::new();
    let mut floating = Vec::new();
    for p in list {
        let Some(s) = p.span else {
            floating.push(p.clone());
            continue;
        };
        match sides
            .iter_mut()
            .find(|(t, _)| s.start < t.end && t.start < s.end)
        {
            Some((t, side)) => {
                *t = Span::new(t.start.min(s.start), t.end.max(s.end));
                side.push(p.clone());
            }
            None => sides.push((s, vec![p.clone()])),
        }
    }
    sides.sort_by_key(|(s, _)| s.start);
    (sides, floating)
}

/// Whether the text between two names only joins them: commas, coordinators, articles and
/// the language's `[grammar] conjunct_words` (`а также`, `as well as`).
fn only_joins(view: &DocView, lang: &LanguageRules, from: usize, to: usize) -> bool {
    if to < from {
        return false;
    }
    // The period closing a dotted abbreviation the name ends in (`The U.S., China and
    // Russia`: the name is `U.S`) is part of the name, not a word between.
    let dotted_name = from >= 2
        && view.text(Span::new(from, from + 1)) == "."
        && view
            .text(Span::new(from.saturating_sub(4), from))
            .split_whitespace()
            .last()
            .is_some_and(|w| w.contains('.'));
    let from = if dotted_name && from < to {
        from + 1
    } else {
        from
    };
    let between = view
        .text(Span::new(from, to))
        .to_lowercase()
        .replace(',', " , ");
    let words: Vec<&str> = between.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| {
            *w == ","
                || lang.coordinators.matches_word(w)
                || lang.determiners.matches_word(w)
                || lang.conjunct_words.matches_word(w)
        })
        && words
            .iter()
            .any(|w| *w == "," || lang.coordinators.matches_word(w))
}

/// The sides of a list when they are one coordination in the text (`The U.S., China and
/// Russia`, `Меркель и Порошенко`, `Deutschland und Frankreich`), else nothing.
fn coordinated_sides(
    view: &DocView,
    lang: &LanguageRules,
    list: &[Participant],
) -> Option<Vec<Vec<Participant>>> {
    let (sides, floating) = spanned_sides(list);
    if sides.len() < 2 || sides.len() > MAX_CONJUNCTS {
        return None;
    }
    // Persons are coordinated with persons, states and organisations with each other: a
    // person after a state and a comma is its apposition (`Armenien, Nikol Paschinjan`).
    let person = |side: &[Participant]| side.iter().any(|p| p.entity.starts_with("person:"));
    let one_class = sides.iter().all(|(_, s)| person(s)) || !sides.iter().any(|(_, s)| person(s));
    let chained = one_class
        && sides
            .windows(2)
            .all(|w| only_joins(view, lang, w[0].0.end, w[1].0.start));
    chained.then(|| {
        sides
            .into_iter()
            .map(|(_, mut side)| {
                side.extend(floating.iter().cloned());
                side
            })
            .collect()
    })
}

/// `The U.S., China and Russia pledged aid`, `Pakistan blamed al-Qaida and the Taliban`: an
/// act whose actors (or recipients) are names coordinated in the text is one act per
/// conjunct, as PLOVER codes it (each pledging state gives aid; each blamed group is
/// blamed). Parties not joined by a coordination only (a state and its own official, names
/// from two clauses) stay one list, and so do the sides of an act with no target slot (a
/// fight between two sides). Each event is copied at most `MAX_CONJUNCTS`² times.
/// Off unless `[grammar] distribute_conjuncts` is set.
pub fn distribute_conjuncts(found: &mut Vec<Found>, view: &DocView, lang: &LanguageRules) {
    if !lang.distribute_conjuncts {
        return;
    }
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found.drain(..) {
        // A two-sided act whose frame has no target slot (`Kämpfe zwischen A und B`) names
        // its sides together: one act, not one per side.
        let actors = if f.takes_recipient {
            coordinated_sides(view, lang, &f.event.actors)
        } else {
            None
        };
        let recipients = coordinated_sides(view, lang, &f.event.recipients);
        if actors.is_none() && recipients.is_none() {
            out.push(f);
            continue;
        }
        let actors = actors.unwrap_or_else(|| vec![f.event.actors.clone()]);
        let recipients = recipients.unwrap_or_else(|| vec![f.event.recipients.clone()]);
        for a in &actors {
            for r in &recipients {
                // A side is never its own recipient (`A and B accused each other` keeps the
                // other side only).
                let r: Vec<Participant> = r
                    .iter()
                    .filter(|x| !a.iter().any(|y| y.entity == x.entity))
                    .cloned()
                    .collect();
                if r.is_empty() && recipients.len() > 1 {
                    continue;
                }
                let mut g = f.clone();
                g.event.actors = a.clone();
                g.event.recipients = r;
                out.push(g);
            }
        }
    }
    *found = out;
}

/// How many mentions back a role phrase (`the French president`) looks for its holder, and
/// how far (chars): the person is named earlier in the same story, not pages before.
const ROLE_LOOKBACK_MENTIONS: usize = 64;
const ROLE_LOOKBACK_CHARS: usize = 3000;

/// The text's records of entities by id, built once per document.
type Records<'e> = std::collections::HashMap<&'e str, &'e armsgraph_model::EntityRecord>;

/// Whether a person belongs to `state`: by the knowledge base, else by the text.
fn person_of_state(kb: &armsgraph_kb::Kb, records: &Records, id: &str, state: &str) -> bool {
    kb.country_of(id) == Some(state)
        || records
            .get(id)
            .is_some_and(|r| r.affiliations.iter().any(|a| a == state))
}

/// Whether a person holds a leading office: the knowledge base lists an office of theirs, or
/// the text introduced them with a head-of-state or government title (`state_role_nouns`).
fn holds_state_role(
    kb: &armsgraph_kb::Kb,
    records: &Records,
    lang: &LanguageRules,
    id: &str,
) -> bool {
    !kb.offices_of(id).is_empty()
        || records.get(id).is_some_and(|r| {
            r.roles.iter().any(|role| {
                role.title
                    .split_whitespace()
                    .any(|w| lang.state_role_nouns.matches(&w.to_lowercase()))
            })
        })
}

/// The token starting at char `ch`, if one does.
fn token_starting_at(view: &DocView, ch: usize) -> Option<usize> {
    let k = view.toks.partition_point(|t| t.span.start < ch);
    view.toks.get(k).filter(|t| t.span.start == ch).map(|_| k)
}

/// Is the state mention at `span` the nationality of a role phrase with no name of its own
/// (`Украинский лидер`, `российского президента`, `the French president`, `Глава украинского
/// государства`, `президент России`)? The role noun (`[grammar] state_role_nouns`) right after
/// it, or right before it with nothing but a word for the state (`state_nouns`, by lemma) or no
/// noun after; and no person named right after the phrase (`президента Владимира Путина` names
/// the person itself).
fn role_phrase_state(
    view: &DocView,
    lang: &LanguageRules,
    lemmas: &[String],
    morphology: &[Morph],
    span: Span,
) -> bool {
    let Some(i0) = token_starting_at(view, span.start) else {
        return false;
    };
    let i1 = view.toks.partition_point(|t| t.span.start < span.end);
    let word = |i: usize| view.toks.get(i).map_or("", |t| t.lower.as_str());
    let noun = |i: usize| {
        morphology
            .get(i)
            .is_some_and(|m| matches!(m.upos, "NOUN" | "PROPN"))
    };
    // A person mention covering token `i` (the few mentions starting before its end).
    let named_at = |i: usize| {
        view.toks.get(i).is_some_and(|t| {
            view.before(t.span.end).take(4).any(|p| {
                p.m.kind == EntityKind::Person
                    && p.m.span.start <= t.span.start
                    && t.span.start < p.m.span.end
            })
        })
    };
    let role = |i: usize| lang.state_role_nouns.matches(word(i));
    // The recogniser may have read the whole title as the state (`Украинский лидер`).
    if i1 > i0 + 1 && role(i1 - 1) {
        return !named_at(i1) && !named_at(i1 + 1);
    }
    if role(i1) {
        return !named_at(i1 + 1) && !named_at(i1 + 2);
    }
    if i0 > 0 && role(i0 - 1) {
        let next_is_state_word = lemmas
            .get(i1)
            .is_some_and(|l| lang.state_nouns.matches_word(l));
        let k = if next_is_state_word { i1 + 1 } else { i1 };
        return (next_is_state_word || !noun(i1)) && !named_at(k) && !named_at(k + 1);
    }
    false
}

/// `Украинский лидер призвал российского …`, `призвали российского лидера`, `the French
/// president said`: a state read from the nationality of a head-of-state or government title
/// with no name is that office's holder named earlier in the story — the last person within
/// the look-back whose state it is and who holds such an office (the knowledge base's offices,
/// or a title the text gave them). The person goes before the state on the same span, as
/// `name_office_holders` does, `how: "coreference"`; where nobody fits, the state stays alone.
/// Each party looks back over at most `ROLE_LOOKBACK_MENTIONS` mentions.
pub fn role_phrase_holders(
    found: &mut [Found],
    view: &DocView,
    kb: &armsgraph_kb::Kb,
    lang: &LanguageRules,
    lemmas: &[String],
    morphology: &[Morph],
) {
    if lang.state_role_nouns.is_empty() {
        return;
    }
    let records: Records = view.ex.actors.iter().map(|r| (r.id.as_str(), r)).collect();
    for f in found.iter_mut() {
        for list in [&mut f.event.actors, &mut f.event.recipients] {
            let mut add: Vec<(usize, Participant)> = Vec::new();
            for (k, p) in list.iter().enumerate() {
                let Some(span) = p.span else { continue };
                let is_state = view
                    .within(span)
                    .any(|q| q.m.span == span && q.m.kind == EntityKind::State);
                if !is_state
                    || list.iter().any(|q| {
                        q.entity.starts_with("person:")
                            && q.span
                                .is_some_and(|s| s.start < span.end && span.start < s.end)
                    })
                    || !role_phrase_state(view, lang, lemmas, morphology, span)
                {
                    continue;
                }
                let holder = view
                    .before(span.start)
                    .take(ROLE_LOOKBACK_MENTIONS)
                    .take_while(|q| span.start.saturating_sub(q.m.span.end) <= ROLE_LOOKBACK_CHARS)
                    .find(|q| {
                        q.m.kind == EntityKind::Person
                            && q.m.span.end <= span.start
                            && person_of_state(kb, &records, &q.m.entity, &p.entity)
                            && holds_state_role(kb, &records, lang, &q.m.entity)
                    });
                if let Some(q) = holder {
                    if list.iter().any(|x| x.entity == q.m.entity) {
                        continue;
                    }
                    add.push((
                        k,
                        Participant {
                            entity: q.m.entity.clone(),
                            name: q.m.name.clone(),
                            span: Some(span),
                            how: "coreference".to_string(),
                        },
                    ));
                }
            }
            for (k, person) in add.into_iter().rev() {
                list.insert(k, person);
            }
        }
    }
}
