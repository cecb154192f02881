//! Roles read off a dependency parse: who is the subject, the passive agent and the objects
//! of a trigger word, whether it is negated or governed by a modal, future or report verb.
//!
//! The word-window rules in `extract` guess roles from order and prepositions; where the
//! sentence has a parse (the `nlp` syntax layer), these readings decide instead. Everything
//! here uses Universal Dependencies relations and features only, so it is the same for every
//! language: `nsubj`, `nsubj:pass`, `obl:agent`, `obj`, `iobj`, `xcomp`, `conj`, `acl`,
//! `Voice=Pass`, `Polarity=Neg`, `PronType=Rel`.

use armsgraph_model::{Extraction, Span};

use crate::text::DocView;

/// One syntactic word of a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepWord {
    /// Chars of `Document::text`.
    pub span: Span,
    /// Lowercased surface form.
    pub form: String,
    pub lemma: String,
    pub upos: String,
    /// `Case=Nom|Number=Sing`, or empty / `_`.
    pub feats: String,
    /// 1-based index of the head word in the sentence, 0 for the root.
    pub head: usize,
    pub deprel: String,
}

/// The parse of one sentence: words in text order.
#[derive(Debug, Clone, Default)]
pub struct SentenceParse {
    pub words: Vec<DepWord>,
    /// The tagger's `Voice=Pass` alone does not make a clause passive when the parse gives it
    /// an active subject (`nsubj`): English taggers put it on finite past forms (`Police
    /// detained 14 demonstrators`), which would make the police the ones detained.
    pub voice_from_relations: bool,
}

/// The argument slots of one predicate (word indices, 0-based).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arguments {
    /// Who acts: the active subject, or the agent of a passive.
    pub actor: Option<usize>,
    /// Whom it is done to: direct and indirect objects, or the subject of a passive.
    pub undergoers: Vec<usize>,
    /// Obliques with their case-marking word (lowercased), `None` for a bare oblique.
    pub obliques: Vec<(usize, Option<String>)>,
    /// The clause is passive.
    pub passive: bool,
    /// The actor slot was taken from a governing clause (control, coordination, relative).
    pub inherited: bool,
}

/// Relations that open a clause of their own: a mention below one belongs to that clause,
/// not to the phrase above it.
fn opens_clause(deprel: &str) -> bool {
    matches!(
        base(deprel),
        "acl" | "advcl" | "ccomp" | "xcomp" | "parataxis" | "csubj" | "list" | "reparandum"
    )
}

fn base(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

pub(crate) fn has_feat(feats: &str, feat: &str) -> bool {
    feats.split('|').any(|f| f == feat)
}

impl SentenceParse {
    pub fn new(words: Vec<DepWord>) -> SentenceParse {
        SentenceParse {
            words,
            voice_from_relations: false,
        }
    }

    /// 0-based parent, `None` for the root or a broken head.
    pub fn parent(&self, i: usize) -> Option<usize> {
        let h = self.words.get(i)?.head;
        (h >= 1 && h <= self.words.len() && h - 1 != i).then(|| h - 1)
    }

    pub fn deprel(&self, i: usize) -> &str {
        self.words.get(i).map(|w| w.deprel.as_str()).unwrap_or("")
    }

    fn upos(&self, i: usize) -> &str {
        self.words.get(i).map(|w| w.upos.as_str()).unwrap_or("")
    }

    fn feats(&self, i: usize) -> &str {
        self.words.get(i).map(|w| w.feats.as_str()).unwrap_or("")
    }

    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == i + 1)
            .map(|(k, _)| k)
    }

    fn child_with(&self, i: usize, rel: &str) -> Option<usize> {
        self.children(i).find(|&c| self.deprel(c) == rel)
    }

    /// The word whose chars overlap `span` first (a trigger's own word).
    pub fn word_at(&self, span: Span) -> Option<usize> {
        self.words
            .iter()
            .position(|w| w.span.start < span.end.max(span.start + 1) && span.start < w.span.end)
    }

    /// The top word of a phrase covering `span` (a name's head): among the words overlapping
    /// it, the first whose parent lies outside the span.
    pub fn head_of(&self, span: Span) -> Option<usize> {
        let inside = |k: usize| {
            let w = &self.words[k];
            w.span.start < span.end && span.start < w.span.end
        };
        let mut first = None;
        for k in 0..self.words.len() {
            if !inside(k) {
                continue;
            }
            first.get_or_insert(k);
            match self.parent(k) {
                Some(p) if inside(p) => {}
                _ => return Some(k),
            }
        }
        first
    }

    /// Is `x` inside the phrase headed by `top`, without crossing into a clause of its own?
    pub fn within(&self, x: usize, top: usize) -> bool {
        let mut cur = x;
        for _ in 0..=self.words.len() {
            if cur == top {
                return true;
            }
            if opens_clause(self.deprel(cur)) {
                return false;
            }
            match self.parent(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false // a cycle in a broken parse
    }

    /// Is `x` `top` or below it, across the clauses nested under it (`Taiwan` below `stop` in
    /// `urged … to stop arming Taiwan`)? [`Self::within`] stops at a clause.
    pub fn descends_from(&self, x: usize, top: usize) -> bool {
        let mut cur = x;
        for _ in 0..=self.words.len() {
            if cur == top {
                return true;
            }
            match self.parent(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false // a cycle in a broken parse
    }

    /// A participle or adjective modifying a noun (`occupied territories`, `urgent talks`):
    /// not an act. A predicative one (`were killed`, tagged ADJ or not) still is.
    pub fn adjectival(&self, i: usize) -> bool {
        base(self.deprel(i)) == "amod"
    }

    /// An event noun named in passing, not reported as an act (`after the Sept. 11 attacks`,
    /// `despite the refusal of …`): a nominal governed by a preposition `is_mark` accepts
    /// (time, cause, circumstance), directly or as the last word of a fixed expression
    /// (`because of`, `in spite of`).
    pub fn background_noun(&self, i: usize, is_mark: &dyn Fn(&str) -> bool) -> bool {
        if !self.nominal(i) {
            return false;
        }
        // Not a noun modifying another (`compound`): there the head is often a light noun and
        // the modifier the act (`mediation mission`, `hunger strike`, `war games`; PLOVER GSR
        // codes them).
        let rel = base(self.deprel(i));
        if !matches!(rel, "obl" | "nmod" | "advcl" | "nsubj" | "obj") {
            return false;
        }
        self.children(i)
            .filter(|&c| base(self.deprel(c)) == "case")
            .any(|c| {
                let mut words = vec![self.words[c].form.to_lowercase()];
                // `in exchange for`, `because of`: the fixed words after the case word.
                words.extend(
                    self.children(c)
                        .filter(|&f| base(self.deprel(f)) == "fixed")
                        .map(|f| self.words[f].form.to_lowercase()),
                );
                words.iter().any(|w| is_mark(w)) || is_mark(&words.join(" "))
            })
    }

    /// The lowercased lemma of the word `i` is the open complement (`xcomp`) of, if it is one.
    pub fn xcomp_governor(&self, i: usize) -> Option<String> {
        if base(self.deprel(i)) != "xcomp" {
            return None;
        }
        self.parent(i).map(|p| self.words[p].lemma.to_lowercase())
    }

    /// The verb has a particle of its own (`broke down`, `taking over`: `compound:prt`).
    pub fn has_particle(&self, i: usize) -> bool {
        self.children(i).any(|c| self.deprel(c) == "compound:prt")
    }

    /// A noun, name or pronoun: a verb rule's word read as a noun.
    pub fn nominal(&self, i: usize) -> bool {
        matches!(self.upos(i), "NOUN" | "PROPN")
    }

    /// A `nsubj:pass` the parser gave a verb with no passive auxiliary and a direct object
    /// of its own (`Israeli troops killed three Palestinians`, `killed` tagged as a
    /// participle): where the language reads voice from relations, a passive clause has its
    /// auxiliary and takes no direct object, so the subject acts (stop 41).
    fn false_passive_subject(&self, i: usize) -> bool {
        self.voice_from_relations
            && self.children(i).any(|c| self.deprel(c) == "obj")
            && self.children(i).all(|c| self.deprel(c) != "aux:pass")
    }

    pub fn passive(&self, i: usize) -> bool {
        let false_subject = self.false_passive_subject(i);
        let marked = self.children(i).any(|c| match self.deprel(c) {
            "aux:pass" => true,
            "nsubj:pass" | "csubj:pass" => !false_subject,
            _ => false,
        });
        if marked {
            return true;
        }
        // Where the language says so (`voice_from_relations`), an active subject or a direct
        // object of its own makes a form the tagger marked passive active: `Police detained
        // …`, and `said Hamas forces raided houses` (the parser hangs `raided` on `forces` as
        // a participle, but a passive participle takes no direct object; stop 27).
        has_feat(self.feats(i), "Voice=Pass")
            && !(self.voice_from_relations
                && self
                    .children(i)
                    .any(|c| matches!(self.deprel(c), "nsubj" | "csubj" | "obj")))
            && !false_subject
    }

    /// The predicate or one of its auxiliaries and adverbs carries negative polarity (`did
    /// not deliver`, `liefert nicht`, `не поставляла`, `n'a pas livré`, `no entregó`).
    pub fn negated(&self, i: usize, negation_words: &dyn Fn(&str) -> bool) -> bool {
        self.children(i).any(|c| {
            matches!(
                base(self.deprel(c)),
                "advmod" | "aux" | "neg" | "det" | "cop"
            ) && (has_feat(self.feats(c), "Polarity=Neg")
                || negation_words(&self.words[c].lemma.to_lowercase())
                || negation_words(&self.words[c].form))
        })
    }

    /// The word's lowercased lemma and its form, and for a particle verb the lexeme it makes
    /// with its particle: `lehnt … ab` → `ablehnen` (a `compound:prt` child before the
    /// lemma, as German writes the infinitive) and `ruled out` → `rule out` (the particle after
    /// it, also where the parser hung a particle right after the verb on the next noun as its
    /// preposition). Lists name particle verbs in the form their language writes them.
    fn lemma_and_form(&self, i: usize) -> Vec<String> {
        let w = &self.words[i];
        let lemma = w.lemma.to_lowercase();
        let mut out = vec![lemma.clone(), w.form.clone()];
        for c in self.children(i) {
            if self.deprel(c) == "compound:prt" {
                let prt = self.words[c].form.to_lowercase();
                out.push(format!("{prt}{lemma}"));
                out.push(format!("{lemma} {prt}"));
            }
        }
        if let Some(next) = self.words.get(i + 1) {
            if matches!(next.upos.as_str(), "ADP" | "ADV" | "PART")
                && self.deprel(i + 1) != "compound:prt"
            {
                out.push(format!("{lemma} {}", next.form.to_lowercase()));
            }
        }
        // A particle left at the end of the verb's clause, right before its comma or full
        // stop, whatever the parser hung it on (`Moskau warf Kiew vor, …` with `vor` as the
        // next noun's preposition; stop 40): the first clause end after the verb.
        if has_feat(self.feats(i), "VerbForm=Fin") {
            let end = (i + 1..self.words.len())
                .find(|&k| self.words[k].upos == "PUNCT")
                .unwrap_or(self.words.len());
            if end > i + 1 {
                let last = &self.words[end - 1];
                if matches!(last.upos.as_str(), "ADP" | "ADV" | "PART")
                    && self.deprel(end - 1) != "compound:prt"
                    && last.form.chars().all(char::is_alphabetic)
                {
                    let prt = last.form.to_lowercase();
                    out.push(format!("{prt}{lemma}"));
                    out.push(format!("{lemma} {prt}"));
                }
            }
        }
        out
    }

    /// Whether predicate `p` has an infinitive complement (`xcomp`, `ccomp` or an adverbial
    /// clause in the infinitive): by `VerbForm=Inf`, or an `infinitive` marker on it.
    pub fn takes_infinitive(&self, p: usize, infinitive: &dyn Fn(&str) -> bool) -> bool {
        self.children(p).any(|c| {
            matches!(base(self.deprel(c)), "xcomp" | "ccomp" | "advcl")
                && self.is_infinitive(c, infinitive)
        })
    }

    /// Whether word `k` is an infinitive: `VerbForm=Inf`, or an `infinitive` marker (`to`) on
    /// it for taggers that leave the feature off.
    fn is_infinitive(&self, k: usize, infinitive: &dyn Fn(&str) -> bool) -> bool {
        has_feat(self.feats(k), "VerbForm=Inf")
            || self
                .children(k)
                .any(|c| infinitive(&self.words[c].lemma.to_lowercase()))
            // A perfect infinitive: a participle under an infinitive auxiliary (`bombardiert zu
            // haben`, `to have shelled`).
            || self.children(k).any(|c| {
                base(self.deprel(c)) == "aux" && has_feat(self.feats(c), "VerbForm=Inf")
            })
    }

    /// The predicate of word `i` is in the future by its own inflection (`Tense=Fut`:
    /// `выведет`, `livrera`, `entregará`): the word itself, or the verb a noun trigger is the
    /// object of (`нанесет удар`). Stop 41.
    pub fn future_tense(&self, i: usize) -> bool {
        let fut = |k: usize| {
            self.words.get(k).is_some_and(|w| {
                has_feat(&w.feats, "Tense=Fut") && has_feat(&w.feats, "VerbForm=Fin")
            })
        };
        if fut(i) {
            return true;
        }
        self.nominal(i) && matches!(base(self.deprel(i)), "obj") && self.parent(i).is_some_and(fut)
    }

    /// Words that govern the predicate's mood: its auxiliaries and markers, and, up an
    /// `xcomp` chain, the verbs it is the complement of (`plans to deliver`, `refused to
    /// deliver`), as lowercased lemmas and forms.
    pub fn governors(&self, i: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .children(i)
            .filter(|&c| matches!(base(self.deprel(c)), "aux" | "mark" | "advmod"))
            .flat_map(|c| self.lemma_and_form(c))
            .collect();
        let mut cur = i;
        for _ in 0..4 {
            if !matches!(base(self.deprel(cur)), "xcomp") {
                break;
            }
            let Some(p) = self.parent(cur) else { break };
            out.extend(self.lemma_and_form(p));
            out.extend(
                self.children(p)
                    .filter(|&c| matches!(base(self.deprel(c)), "aux" | "advmod"))
                    .flat_map(|c| self.lemma_and_form(c)),
            );
            cur = p;
        }
        out
    }

    /// The words that decide whether the act of word `i` is asserted, innermost first: its
    /// own auxiliaries, markers and adverbs (`will`, `could`, `if`), then, up the chain of the
    /// heads it is the complement of, each head (and an `xcomp` head's auxiliaries) — a verb's `xcomp`/`ccomp`
    /// (`threatened to strike`, `denied that it struck`), an infinitive on a noun (`plans to
    /// buy`, `a threat to strike`), a noun as a verb's object or oblique (`threatened a
    /// strike`, `called for sanctions`) or as a noun's `nmod` (`the threat of a strike`).
    /// Lowercased lemmas and forms; at most four heads up. `infinitive` reads an infinitive
    /// marker (`to`), for taggers that leave `VerbForm=Inf` off.
    #[cfg(test)]
    pub fn mood_governors(&self, i: usize, infinitive: &dyn Fn(&str) -> bool) -> Vec<String> {
        self.mood_governor_words(i, infinitive)
            .into_iter()
            .map(|(_, g)| g)
            .collect()
    }

    /// [`Self::mood_governors`] with the index of the word each string was read from.
    pub fn mood_governor_words(
        &self,
        i: usize,
        infinitive: &dyn Fn(&str) -> bool,
    ) -> Vec<(usize, String)> {
        let with_index = |k: usize| self.lemma_and_form(k).into_iter().map(move |s| (k, s));
        let own = |k: usize| {
            self.children(k)
                .filter(|&c| matches!(base(self.deprel(c)), "aux" | "mark" | "advmod"))
                .flat_map(with_index)
                .collect::<Vec<_>>()
        };
        let mut out = own(i);
        let mut cur = i;
        for _ in 0..4 {
            let Some(p) = self.parent(cur) else { break };
            let rel = self.deprel(cur);
            let noun = self.nominal(cur);
            let head_noun = self.nominal(p);
            let climbs = match base(rel) {
                "xcomp" | "ccomp" => true,
                // `plans to buy`, `threat to strike`; not a relative clause (`acl:relcl`).
                // An infinitive only: a participle on a noun (`Israelis killed in Munich`)
                // is no plan of the noun's.
                // Also where the parser hung a verb's infinitive complement on it as `acl`
                // (`hat … vorgeworfen, … angegriffen zu haben`; stop 40).
                "acl" => rel == "acl" && !noun && self.is_infinitive(cur, infinitive),
                // `pledged in turn to supply fuel`: an infinitive the parser hung on a verb
                // as an adverbial clause — its complement where the verb takes one (a verb
                // of purpose is in no list, so `sent troops to fight` stays an aim).
                "advcl" => {
                    rel == "advcl" && !head_noun && !noun && self.is_infinitive(cur, infinitive)
                }
                "obj" | "obl" => noun && !head_noun,
                "nmod" => noun && head_noun,
                // An infinitive with its marker the parser coordinated with a verb (`hat
                // Russland vorgeworfen, ein Wohnhaus bombardiert zu haben`, `bombardiert` as
                // `conj`): that verb's complement, or a second complement of the same
                // governor (stop 43).
                "conj" => !noun && !head_noun && self.is_infinitive(cur, infinitive),
                _ => false,
            };
            if !climbs {
                break;
            }
            out.extend(with_index(p));
            // `will try to strike`: the head's mood carries over to its infinitive, not to
            // its object (`will condemn the strike` — the strike happened).
            if base(rel) == "xcomp" {
                out.extend(own(p));
            }
            cur = p;
        }
        out
    }

    /// The child of `g` on the way up from word `i` (`i` itself when `g` is its head).
    pub fn child_towards(&self, i: usize, g: usize) -> Option<usize> {
        let mut cur = i;
        for _ in 0..8 {
            match self.parent(cur) {
                Some(p) if p == g => return Some(cur),
                Some(p) => cur = p,
                None => return None,
            }
        }
        None
    }

    /// Whether the chain from word `i` up to its governor `g` reaches `g` through a noun
    /// (`beschließt Sanktionen`, `rejected calls for a ceasefire`), not through a clause.
    pub fn object_of(&self, i: usize, g: usize) -> bool {
        self.child_towards(i, g).is_some_and(|c| self.nominal(c))
    }

    /// The argument slots of predicate `p`. `case_of` reads an oblique's case word, and
    /// `agent_case` says whether a case word marks a passive agent (`by`, `von`, `par`).
    pub fn arguments(&self, p: usize, agent_case: &dyn Fn(&str) -> bool) -> Arguments {
        let passive = self.passive(p);
        let false_subject = !passive && self.false_passive_subject(p);
        let mut args = Arguments {
            passive,
            ..Default::default()
        };
        for c in self.children(p) {
            let rel = self.deprel(c);
            match rel {
                "nsubj" | "csubj" if !passive => args.actor = Some(c),
                "nsubj:pass" | "csubj:pass" if false_subject => args.actor = Some(c),
                "nsubj:pass" | "csubj:pass" => args.undergoers.push(c),
                "nsubj" if passive => args.undergoers.push(c),
                "obl:agent" => args.actor = Some(c),
                "obj" | "iobj" => args.undergoers.push(c),
                _ if base(rel) == "obl" => {
                    let case = self
                        .children(c)
                        .find(|&k| base(self.deprel(k)) == "case")
                        .map(|k| self.words[k].lemma.to_lowercase());
                    if passive && args.actor.is_none() && case.as_deref().is_some_and(agent_case) {
                        args.actor = Some(c);
                    } else {
                        args.obliques.push((c, case));
                    }
                }
                _ => {}
            }
        }
        // A relative pronoun stands for the noun the clause modifies (`police, who fired`).
        if let Some(a) = args.actor {
            if has_feat(self.feats(a), "PronType=Rel") && base(self.deprel(p)) == "acl" {
                args.actor = self.parent(p);
                args.inherited = true;
            }
        }
        if args.actor.is_none() && !passive {
            if let Some(a) = self.inherited_actor(p, 0) {
                args.actor = Some(a);
                args.inherited = true;
            }
        }
        // A participle modifying a noun: `the territories occupied by Russia` (the noun
        // undergoes), `troops advancing on Kyiv` (the noun acts).
        if base(self.deprel(p)) == "acl" && self.deprel(p) != "acl:relcl" {
            if let Some(n) = self.parent(p) {
                // A tagged passive with a direct object is active where `passive` says so.
                let tagged = has_feat(self.feats(p), "Voice=Pass")
                    && !(self.voice_from_relations
                        && self.children(p).any(|c| self.deprel(c) == "obj"));
                if passive || tagged {
                    if !args.undergoers.contains(&n) {
                        args.undergoers.push(n);
                    }
                } else if args.actor.is_none() {
                    args.actor = Some(n);
                    args.inherited = true;
                }
            }
        }
        args
    }

    /// The dependents of event noun `n` that may name its parties (stop 27): its
    /// pre-modifiers (`compound`, `amod`, `nmod:poss` before it: `a Taliban attack`) with no
    /// case word, and its prepositional `nmod`s with theirs (`by lawyers`, `on the hotel`).
    pub fn noun_dependents(&self, n: usize) -> Vec<(usize, Option<String>)> {
        let mut out = Vec::new();
        for c in self.children(n) {
            let rel = self.deprel(c);
            // Only a modifier with no preposition between it and the noun: the parser also
            // hangs whole phrases on a noun as a `compound` (`the assassination of the
            // leader … in a … attack` with `leader` a compound of `attack`).
            let plain = (c + 1..n).all(|k| self.upos(k) != "ADP");
            if c < n && plain && matches!(rel, "compound" | "amod" | "nmod:poss") {
                out.push((c, None));
            } else if base(rel) == "nmod" && rel != "nmod:poss" {
                let case = self
                    .children(c)
                    .find(|&k| base(self.deprel(k)) == "case")
                    .map(|k| self.words[k].lemma.to_lowercase());
                if case.is_some() {
                    out.push((c, case));
                }
            }
        }
        out
    }

    /// A non-finite clause of purpose (`forces trained to fight insurgents`, `sent troops to
    /// combat the Taliban`): an adverbial or noun-modifying clause (not a relative clause, not
    /// a verb's complement) opened by an infinitive marker (`is_marker`, per language).
    pub fn purpose_clause(&self, i: usize, is_marker: &dyn Fn(&str) -> bool) -> bool {
        let rel = self.deprel(i);
        matches!(base(rel), "advcl" | "acl")
            && rel != "acl:relcl"
            && self
                .children(i)
                .any(|c| base(self.deprel(c)) == "mark" && is_marker(&self.words[c].form))
    }

    /// A bare participial adjunct (`…, killing 20 civilians`): an adverbial clause of a
    /// present participle or gerund with no subject and no subordinating word of its own.
    pub fn participial_adjunct(&self, i: usize) -> bool {
        base(self.deprel(i)) == "advcl"
            && ["VerbForm=Ger", "VerbForm=Part"]
                .iter()
                .any(|f| has_feat(self.feats(i), f))
            && !has_feat(self.feats(i), "Voice=Pass")
            && !self
                .children(i)
                .any(|c| matches!(base(self.deprel(c)), "mark" | "nsubj" | "csubj" | "aux"))
    }

    /// Who acts in a non-finite clause that the governing verb's object controls (`accused
    /// the RSF of shelling`, `blamed Iran for arming`, `were convicted of murdering`): the
    /// clause hangs on the verb, is opened by a word `is_mark` accepts, and its actor is the
    /// verb's object — or, for a passive verb, its subject (a relative pronoun standing for
    /// the noun its clause modifies).
    pub fn object_controller(&self, p: usize, is_mark: &dyn Fn(&str) -> bool) -> Option<usize> {
        if !matches!(base(self.deprel(p)), "advcl" | "acl") || self.deprel(p) == "acl:relcl" {
            return None;
        }
        let opened = self.children(p).any(|c| {
            matches!(base(self.deprel(c)), "mark" | "case") && is_mark(&self.words[c].form)
        });
        if !opened {
            return None;
        }
        // The clause hangs on the verb, or (a common misattachment) on an oblique of it:
        // `accused the RSF on Saturday of shelling` with `shelling` under `Saturday`.
        let head = self.parent(p)?;
        let verb = if matches!(self.upos(head), "VERB" | "AUX") {
            head
        } else if base(self.deprel(head)) == "obl" {
            self.parent(head)
                .filter(|&v| matches!(self.upos(v), "VERB" | "AUX"))?
        } else if base(self.deprel(head)) == "obj" {
            // Hung on the object itself (`accused Ukraine of shelling the plant` with
            // `shelling` under `Ukraine`): that object acts (stop 38).
            return self
                .parent(head)
                .filter(|&v| matches!(self.upos(v), "VERB" | "AUX"))
                .map(|_| head);
        } else {
            return None;
        };
        if let Some(o) = self.child_with(verb, "obj") {
            return Some(o);
        }
        let undergoer = self
            .children(verb)
            .find(|&c| self.deprel(c) == "nsubj:pass")?;
        if has_feat(self.feats(undergoer), "PronType=Rel") && base(self.deprel(verb)) == "acl" {
            return self.parent(verb);
        }
        Some(undergoer)
    }

    /// The subject a predicate without one shares: the controller of an infinitive (`urged
    /// Iran to stop` → Iran; `decided to attack` → the decider), the first conjunct's
    /// subject (`met X and signed`), a converb's or gerund's clause subject.
    fn inherited_actor(&self, p: usize, depth: usize) -> Option<usize> {
        if depth > 4 {
            return None;
        }
        let rel = self.deprel(p);
        let parent = self.parent(p)?;
        let own_subject = |q: usize| {
            self.children(q)
                .find(|&c| matches!(self.deprel(c), "nsubj" | "csubj"))
                .filter(|_| !self.passive(q))
        };
        match base(rel) {
            "xcomp" => self
                .child_with(parent, "obj")
                .or_else(|| self.child_with(parent, "iobj"))
                .or_else(|| own_subject(parent))
                .or_else(|| self.inherited_actor(parent, depth + 1)),
            "conj" if !matches!(self.upos(parent), "NOUN" | "PROPN" | "PRON") => {
                own_subject(parent).or_else(|| self.inherited_actor(parent, depth + 1))
            }
            // `forces raiding houses and arresting dozens`: an active participle on a noun
            // has that noun as its actor, and so does a verb coordinated with it (stop 27).
            "acl" if rel != "acl:relcl" && !self.passive(p) => {
                Some(parent).filter(|&n| matches!(self.upos(n), "NOUN" | "PROPN" | "PRON"))
            }
            "advcl" => {
                let nonfinite = [
                    "VerbForm=Inf",
                    "VerbForm=Ger",
                    "VerbForm=Conv",
                    "VerbForm=Part",
                ]
                .iter()
                .any(|f| has_feat(self.feats(p), f));
                if nonfinite {
                    own_subject(parent).or_else(|| self.inherited_actor(parent, depth + 1))
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

/// The parse of each of the view's sentences, where the syntax layer gave one: a parsed
/// sentence is matched to the view's sentence it starts in.
pub fn sentence_parses(
    ex: &Extraction,
    view: &DocView,
    read_parse: bool,
    voice_from_relations: bool,
) -> Vec<Option<SentenceParse>> {
    let mut out: Vec<Option<SentenceParse>> = vec![None; view.sentences.len()];
    if ex.syntax.is_empty() || !read_parse {
        return out;
    }
    let starts: Vec<usize> = view
        .sentences
        .iter()
        .map(|&(a, b)| view.span_of(a, b).start)
        .collect();
    let time_spans = TimeSpans::new(&ex.times);
    for s in &ex.syntax {
        let Some(first) = s.words.first() else {
            continue;
        };
        // The last view sentence starting at or before the parsed sentence's first word.
        let n = starts.partition_point(|&st| st <= first.span.start);
        let Some(slot) = n.checked_sub(1).and_then(|k| out.get_mut(k)) else {
            continue;
        };
        // Tags without a parser give no roles.
        let words: Option<Vec<DepWord>> = s
            .words
            .iter()
            .map(|w| {
                Some(DepWord {
                    span: w.span,
                    form: w.form.to_lowercase(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.clone(),
                    feats: w.feats.clone(),
                    head: w.head?,
                    deprel: w.deprel.clone()?,
                })
            })
            .collect();
        let Some(words) = words else {
            continue;
        };
        match slot {
            // Two parsed sentences in one view sentence: keep the first (the parse's
            // indices are per parsed sentence).
            Some(_) => {}
            None => {
                let mut words = words;
                clauses_off_times(&mut words, &time_spans);
                let mut parse = SentenceParse::new(words);
                parse.voice_from_relations = voice_from_relations;
                *slot = Some(parse);
            }
        }
    }
    out
}

/// The document's time expressions, for "is this word inside one?" in logarithmic time: spans
/// sorted by start, with the furthest end reached by each prefix (a word lies inside some span
/// that starts at or before it exactly when that prefix reaches past the word's end).
struct TimeSpans {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl TimeSpans {
    fn new(times: &[armsgraph_model::TimeExpr]) -> TimeSpans {
        let mut spans: Vec<(usize, usize)> =
            times.iter().map(|t| (t.span.start, t.span.end)).collect();
        spans.sort_unstable();
        let reach = spans
            .iter()
            .scan(0, |max, &(_, e)| {
                *max = e.max(*max);
                Some(*max)
            })
            .collect();
        TimeSpans {
            starts: spans.iter().map(|&(s, _)| s).collect(),
            reach,
        }
    }

    fn contains(&self, span: Span) -> bool {
        let k = self.starts.partition_point(|&s| s <= span.start);
        k > 0 && self.reach[k - 1] >= span.end
    }
}

/// A clause the parser hung on a word of a time expression (`accused Moscow on Monday of
/// shelling Kharkiv`, `shelling` as `acl` of `Monday`): a date takes no clause, so it belongs
/// to the nearest verb above that word, as an adverbial clause (stop 43).
fn clauses_off_times(words: &mut [DepWord], times: &TimeSpans) {
    let in_time = |w: &DepWord| times.contains(w.span);
    for i in 0..words.len() {
        if !matches!(base(&words[i].deprel), "acl" | "advcl") || words[i].head == 0 {
            continue;
        }
        let h = words[i].head - 1;
        if h >= words.len() || !in_time(&words[h]) || in_time(&words[i]) {
            continue;
        }
        // Up from the time word to the first verb (a bounded walk: the parse is a tree, but
        // a malformed one must not loop).
        let mut cur = h;
        let mut verb = None;
        for _ in 0..words.len() {
            let up = words[cur].head;
            if up == 0 || up > words.len() {
                break;
            }
            cur = up - 1;
            if matches!(words[cur].upos.as_str(), "VERB" | "AUX") {
                verb = Some(cur);
                break;
            }
        }
        if let Some(v) = verb.filter(|&v| v != i) {
            words[i].head = v + 1;
            words[i].deprel = "advcl".to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_spans_find_a_word_inside_any_span_nested_or_not() {
        let t = |a, b| armsgraph_model::TimeExpr {
            span: Span::new(a, b),
            ..Default::default()
        };
        // Unsorted, one span inside another, one apart.
        let spans = TimeSpans::new(&[t(40, 45), t(10, 30), t(12, 15)]);
        assert!(spans.contains(Span::new(20, 25)));
        assert!(spans.contains(Span::new(12, 15)));
        assert!(spans.contains(Span::new(41, 44)));
        assert!(!spans.contains(Span::new(31, 35)));
        assert!(!spans.contains(Span::new(28, 33)));
        assert!(!spans.contains(Span::new(0, 5)));
        assert!(!TimeSpans::new(&[]).contains(Span::new(0, 5)));
    }

    /// A parse written as `form/UPOS/head/deprel[/feats]` words separated by spaces.
    fn parse(spec: &str) -> SentenceParse {
        let mut pos = 0;
        let words = spec
            .split(' ')
            .map(|w| {
                let parts: Vec<&str> = w.split('/').collect();
                let form = parts[0];
                let len = form.chars().count();
                let span = Span::new(pos, pos + len);
                pos += len + 1;
                DepWord {
                    span,
                    form: form.to_lowercase(),
                    // an optional sixth field is the lemma (`threatened/VERB/0/root/_/threaten`)
                    lemma: parts.get(5).map_or(form.to_lowercase(), |l| l.to_string()),
                    upos: parts[1].to_string(),
                    feats: parts.get(4).copied().unwrap_or("_").to_string(),
                    head: parts[2].parse().expect("head"),
                    deprel: parts[3].to_string(),
                }
            })
            .collect();
        SentenceParse::new(words)
    }

    fn by(w: &str) -> bool {
        matches!(w, "by" | "von" | "par")
    }

    #[test]
    fn passive_agent_acts_and_passive_subject_undergoes() {
        // Syrian civilians were killed by Turkish drones
        let p = parse(
            "Syrian/ADJ/2/amod civilians/NOUN/4/nsubj:pass were/AUX/4/aux:pass killed/VERB/0/root by/ADP/7/case Turkish/ADJ/7/amod drones/NOUN/4/obl:agent",
        );
        let a = p.arguments(3, &by);
        assert!(a.passive);
        assert_eq!(a.actor, Some(6));
        assert_eq!(a.undergoers, vec![1]);
        assert!(p.within(0, 1), "Syrian is inside the civilians phrase");
        assert!(!p.within(0, 6));
    }

    #[test]
    fn control_and_coordination_share_subjects() {
        // Washington urged Tehran to stop and demanded talks
        let p = parse(
            "Washington/PROPN/2/nsubj urged/VERB/0/root Tehran/PROPN/2/obj to/PART/5/mark stop/VERB/2/xcomp and/CCONJ/7/cc demanded/VERB/2/conj talks/NOUN/7/obj",
        );
        assert_eq!(p.arguments(4, &by).actor, Some(2), "object control");
        assert_eq!(p.arguments(6, &by).actor, Some(0), "shared subject");
        assert_eq!(p.arguments(1, &by).undergoers, vec![2]);
    }

    #[test]
    fn relative_pronoun_stands_for_its_noun_and_participles_modify() {
        // police , who fired , ... / territories occupied by Russia
        let p = parse("police/NOUN/0/root ,/PUNCT/4/punct who/PRON/4/nsubj/PronType=Rel fired/VERB/1/acl:relcl");
        assert_eq!(p.arguments(3, &by).actor, Some(0));
        let q = parse("territories/NOUN/0/root occupied/VERB/1/acl/VerbForm=Part|Voice=Pass by/ADP/4/case Russia/PROPN/2/obl:agent");
        let a = q.arguments(1, &by);
        assert_eq!(a.actor, Some(3));
        assert_eq!(a.undergoers, vec![0]);
        let r = parse("occupied/VERB/2/amod territories/NOUN/0/root");
        assert!(r.adjectival(0));
    }

    #[test]
    fn negation_is_scoped_to_the_predicate() {
        // Minsk did not deliver ; it said no one knew
        let p = parse(
            "Minsk/PROPN/4/nsubj did/AUX/4/aux not/PART/4/advmod/Polarity=Neg deliver/VERB/0/root",
        );
        assert!(p.negated(3, &|_| false));
        let q = parse("Minsk/PROPN/2/nsubj delivered/VERB/0/root but/CCONJ/5/cc nobody/PRON/5/nsubj knew/VERB/2/conj not/PART/5/advmod/Polarity=Neg");
        assert!(!q.negated(1, &|_| false));
        assert!(q.negated(4, &|_| false));
    }

    #[test]
    fn mood_governors_climb_complements_infinitives_on_nouns_and_objects() {
        let to = |w: &str| w == "to";
        // Ruritania threatened to strike ; threatened a strike
        let p = parse("Ruritania/PROPN/2/nsubj threatened/VERB/0/root/_/threaten to/PART/4/mark strike/VERB/2/xcomp");
        assert!(p.mood_governors(3, &to).contains(&"threaten".to_string()));
        let q = parse("Ruritania/PROPN/2/nsubj threatened/VERB/0/root/_/threaten a/DET/4/det strike/NOUN/2/obj");
        assert!(q.mood_governors(3, &to).contains(&"threaten".to_string()));
        // announced plans to buy ; will try to strike (the head's auxiliary carries over)
        let r =
            parse("announced/VERB/0/root plans/NOUN/1/obj/_/plan to/PART/4/mark buy/VERB/2/acl");
        assert!(r.mood_governors(3, &to).contains(&"plan".to_string()));
        let w = parse("will/AUX/2/aux try/VERB/0/root to/PART/4/mark strike/VERB/2/xcomp");
        assert!(w.mood_governors(3, &to).contains(&"will".to_string()));
    }

    #[test]
    fn mood_governors_stop_at_participles_and_do_not_lend_an_objects_head_its_mood() {
        let to = |w: &str| w == "to";
        // plans a commemoration of soldiers killed in Borduria: `killed` is no plan
        let p = parse("plans/VERB/0/root/_/plan commemoration/NOUN/1/obj of/ADP/4/case soldiers/NOUN/2/nmod killed/VERB/4/acl/VerbForm=Part");
        assert!(p.mood_governors(4, &to).is_empty());
        // will condemn the strike: the strike happened, only the condemnation is to come
        let q = parse("will/AUX/2/aux condemn/VERB/0/root the/DET/4/det strike/NOUN/2/obj");
        let g = q.mood_governors(3, &to);
        assert!(!g.contains(&"will".to_string()), "{g:?}");
    }

    #[test]
    fn governors_climb_the_complement_chain() {
        // Belarus refused to deliver
        let p =
            parse("Belarus/PROPN/2/nsubj refused/VERB/0/root to/PART/4/mark deliver/VERB/2/xcomp");
        assert!(p.governors(3).contains(&"refused".to_string()));
    }

    #[test]
    fn purpose_clauses_are_adverbial_infinitives_only() {
        let to = |w: &str| w == "to";
        // sent troops to fight ; agreed to fight (a complement) ; the men who fight
        let p = parse("sent/VERB/0/root troops/NOUN/1/obj to/PART/4/mark fight/VERB/1/advcl");
        assert!(p.purpose_clause(3, &to));
        assert!(!p.purpose_clause(0, &to));
        let q = parse("agreed/VERB/0/root to/PART/3/mark fight/VERB/1/xcomp");
        assert!(!q.purpose_clause(2, &to));
        let r = parse("men/NOUN/0/root who/PRON/3/nsubj fight/VERB/1/acl:relcl");
        assert!(!r.purpose_clause(2, &to));
    }

    #[test]
    fn the_object_controls_a_clause_opened_by_a_control_mark() {
        let of = |w: &str| matches!(w, "of" | "for");
        // Kyiv accused Moscow of shelling Kharkiv
        let p = parse("Kyiv/PROPN/2/nsubj accused/VERB/0/root Moscow/PROPN/2/obj of/SCONJ/5/mark shelling/VERB/2/advcl Kharkiv/PROPN/5/obj");
        assert_eq!(p.object_controller(4, &of), Some(2));
        assert_eq!(p.object_controller(1, &of), None);
        // men who were convicted of murdering soldiers: the relative pronoun's noun
        let q = parse("men/NOUN/0/root who/PRON/4/nsubj:pass/PronType=Rel were/AUX/4/aux:pass convicted/VERB/1/acl:relcl of/SCONJ/6/mark murdering/VERB/4/advcl soldiers/NOUN/6/obj");
        assert_eq!(q.object_controller(5, &of), Some(0));
        // Kyiv accused Moscow on Monday of shelling: the clause misattached to the oblique
        let m = parse("Kyiv/PROPN/2/nsubj accused/VERB/0/root Moscow/PROPN/2/obj on/ADP/5/case Monday/PROPN/2/obl of/SCONJ/7/mark shelling/VERB/5/acl");
        assert_eq!(m.object_controller(6, &of), Some(2));
        // Kyiv struck Belgorod after shelling Kharkiv: `after` is no control mark
        let r = parse("Kyiv/PROPN/2/nsubj struck/VERB/0/root Belgorod/PROPN/2/obj after/SCONJ/5/mark shelling/VERB/2/advcl");
        assert_eq!(r.object_controller(4, &of), None);
    }

    #[test]
    fn a_participial_adjunct_has_no_subject_or_mark_of_its_own() {
        // shelled the town , killing civilians ; after killing ; were killed
        let p = parse("shelled/VERB/0/root town/NOUN/1/obj ,/PUNCT/4/punct killing/VERB/1/advcl/VerbForm=Part civilians/NOUN/4/obj");
        assert!(p.participial_adjunct(3));
        assert!(!p.participial_adjunct(0));
        let q = parse("left/VERB/0/root after/SCONJ/3/mark killing/VERB/1/advcl/VerbForm=Ger");
        assert!(!q.participial_adjunct(2));
    }

    #[test]
    fn an_active_subject_overrides_a_tagged_passive_voice_where_the_language_says_so() {
        // Police detained demonstrators, `detained` tagged Voice=Pass by the tagger
        let mut p = parse("Police/NOUN/2/nsubj detained/VERB/0/root demonstrators/NOUN/2/obj/_");
        p.words[1].feats = "Tense=Past|VerbForm=Part|Voice=Pass".into();
        assert!(p.passive(1), "the feature decides by default");
        p.voice_from_relations = true;
        assert!(!p.passive(1));
        assert_eq!(p.arguments(1, &by).actor, Some(0));
        // a marked passive stays passive
        let mut q =
            parse("demonstrators/NOUN/3/nsubj:pass were/AUX/3/aux:pass detained/VERB/0/root");
        q.voice_from_relations = true;
        assert!(q.passive(2));
    }

    #[test]
    fn broken_parses_do_not_loop_or_panic() {
        let p = parse("a/X/2/dep b/X/1/dep c/X/9/dep");
        assert!(!p.within(0, 2));
        assert_eq!(p.parent(2), None);
        let _ = p.arguments(0, &by);
        let _ = p.arguments(2, &by);
        assert_eq!(p.head_of(Span::new(0, 3)), Some(0));
    }
}
