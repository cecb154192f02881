//! People: names the knowledge base does not know, recognised from their context, and the
//! roles the text gives to anyone (`Eduard Arakelyan, ein Militäranalytiker am Regionalen
//! Zentrum für Demokratie und Sicherheit in Eriwan`; `Paschinjan, der armenische
//! Staatschef`; `Президент России Владимир Путин`).
//!
//! A run of two or three capitalised words that no other rule claimed is a person when a cue
//! confirms it: an apposition with a role noun after it, a role noun before it, or a speech
//! verb next to it. All cue words are data (`data/lang/<lang>.toml`, `[roles]`, `[people]`).

use armsgraph_model::{EntityKind, LinkMethod, Mention, Role, Span};

use crate::lexicon::LangRules;
use crate::words::{joint, Joint, Word};

/// Which mention (index into the mention list) covers each word.
pub fn coverage(ws: &[Word], mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut cover = vec![None; ws.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let from = ws.partition_point(|w| w.cend <= m.span.start);
        for (wi, w) in ws.iter().enumerate().skip(from) {
            if w.cstart >= m.span.end {
                break;
            }
            if cover[wi].is_none() {
                cover[wi] = Some(mi);
            }
        }
    }
    cover
}

/// Later one-word mentions of a person the document named in full before (`Hugo Chavez` …
/// `Chavez said`; `Kannart Nikornyanont` … `Kannart said`, where the press names a Thai by
/// the given name), whoever found the full name (knowledge base, context rules or the
/// recogniser): the word takes the person's id. Each word of the full name counts, as
/// written, in its nominative (`name`) and in the language's surname inflections
/// (`Януковича`); a word two persons of the document share (`John`) is nobody's. Only
/// capitalised words no other mention holds, after the full name, are taken. One pass over
/// the mentions and one over the words.
pub fn later_name_words(
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
) -> Vec<Mention> {
    use std::collections::HashMap;
    let cover = coverage(ws, mentions);
    // Lower-cased form → (id, display name, span of the first full mention); `None` once two
    // persons share it.
    let mut forms: HashMap<String, Option<(String, String, Span)>> = HashMap::new();
    let not_name = |w: &str| rules.people.not_names.iter().any(|n| n == w);
    for m in mentions.iter().filter(|m| {
        m.kind == EntityKind::Person
            && m.method != LinkMethod::Coreference
            && m.antecedent.is_none()
            && m.entity.starts_with("person:")
    }) {
        let words: Vec<&str> = m.text.split_whitespace().collect();
        // A surname alone that a title or the year linked to a known person (`President
        // Bush` … `Bush said`; stop 38) counts as a full name for its own word.
        let linked_surname = words.len() == 1
            && m.method == LinkMethod::Name
            && m.name.split_whitespace().next_back() == Some(m.text.as_str());
        if (words.len() < 2 && !linked_surname) || words.len() > 4 {
            continue;
        }
        let mut variants: Vec<String> = Vec::new();
        let same_script = |a: &str, b: &str| a.is_ascii() == b.is_ascii();
        let named: Vec<&str> = if same_script(&m.name, &m.text) && !linked_surname {
            m.name.split_whitespace().collect()
        } else {
            Vec::new()
        };
        for w in words.iter().chain(named.iter()) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.chars().count() < 3
                || !w.chars().next().is_some_and(char::is_uppercase)
                || not_name(w)
            {
                continue;
            }
            variants.push(w.to_lowercase());
            variants.extend(
                rules
                    .inflect_word(w, "surname")
                    .into_iter()
                    .take(16)
                    .map(|(v, _)| v.to_lowercase()),
            );
        }
        variants.sort();
        variants.dedup();
        for v in variants {
            match forms.entry(v) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(Some((m.entity.clone(), m.name.clone(), m.span)));
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    let other = e.get().as_ref().is_some_and(|(id, _, _)| id != &m.entity);
                    if other {
                        e.insert(None);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    if forms.is_empty() {
        return out;
    }
    for (wi, w) in ws.iter().enumerate() {
        if !w.capitalised || cover[wi].is_some() {
            continue;
        }
        let Some(Some((id, name, first))) = forms.get(&w.lower) else {
            continue;
        };
        if w.cstart < first.end {
            continue;
        }
        // A word glued to the next by a hyphen is part of a compound (`Chavez-Anhänger`).
        let glued = ws
            .get(wi + 1)
            .is_some_and(|n| text.get(w.end..n.start) == Some("-"))
            || (wi > 0 && text.get(ws[wi - 1].end..w.start) == Some("-"));
        if glued {
            continue;
        }
        if after_article(rules, ws, wi) {
            continue;
        }
        out.push(Mention {
            span: Span::new(w.cstart, w.cend),
            text: text.get(w.start..w.end).unwrap_or_default().to_string(),
            entity: id.clone(),
            kind: EntityKind::Person,
            name: name.clone(),
            method: LinkMethod::Coreference,
            antecedent: Some(*first),
            members: Vec::new(),
            rule: format!("people:name-word:{}", rules.code),
            confidence: 0.7,
            reason: String::new(),
            sector: None,
            country: None,
        });
    }
    out
}

/// Whether word `wi` follows an article after which a capitalised word is a noun (`der
/// Koch`), in a language that capitalises nouns and where a surname may be one
/// (`[people] common_noun_after`): then it is no later mention of a surname.
fn after_article(rules: &LangRules, ws: &[Word], wi: usize) -> bool {
    wi.checked_sub(1)
        .and_then(|p| ws.get(p))
        .is_some_and(|prev| {
            rules
                .people
                .common_noun_after
                .iter()
                .any(|a| a == &prev.lower)
        })
}

/// A role found for an entity.
#[derive(Debug, Clone)]
pub struct RoleFinding {
    pub entity: String,
    pub role: Role,
}

/// Output of [`find`].
#[derive(Debug, Default)]
pub struct People {
    /// New mentions (context persons and their later surname mentions).
    pub mentions: Vec<Mention>,
    pub roles: Vec<RoleFinding>,
}

struct Ctx<'a> {
    rules: &'a LangRules,
    text: &'a str,
    ws: &'a [Word],
    mentions: &'a [Mention],
    cover: Vec<Option<usize>>,
}

impl Ctx<'_> {
    fn mention_at(&self, wi: usize) -> Option<&Mention> {
        self.cover
            .get(wi)
            .copied()
            .flatten()
            .and_then(|mi| self.mentions.get(mi))
    }
    fn word_text(&self, wi: usize) -> &str {
        self.ws
            .get(wi)
            .and_then(|w| self.text.get(w.start..w.end))
            .unwrap_or_default()
    }
    fn is_not_name(&self, wi: usize) -> bool {
        let t = self.word_text(wi);
        self.rules.people.not_names.iter().any(|n| n == t)
    }
    fn name_word(&self, wi: usize) -> bool {
        let Some(w) = self.ws.get(wi) else {
            return false;
        };
        let t = self.word_text(wi);
        w.capitalised
            && t.chars().count() >= 2
            && t.chars().all(char::is_alphabetic)
            && !self.opens_as_acronym(wi)
            && self.cover[wi].is_none()
            && !self.is_not_name(wi)
            && self.rules.role_title(t).is_none()
    }
    /// A role noun phrase of one to three words starting at `wi`: (end word, as written, en).
    fn role_at(&self, wi: usize) -> Option<(usize, String, String)> {
        for n in (1..=3).rev() {
            let last = wi + n - 1;
            if last >= self.ws.len() {
                continue;
            }
            let mut phrase = self.word_text(wi).to_string();
            let mut ok = true;
            for j in wi + 1..=last {
                match joint(self.text, self.ws, j) {
                    Joint::Space => phrase.push(' '),
                    Joint::Hyphen => phrase.push('-'),
                    Joint::Apostrophe => phrase.push('\''),
                    _ => {
                        ok = false;
                        break;
                    }
                }
                phrase.push_str(self.word_text(j));
            }
            // A one-word role inside a name is part of that name; inside a generic actor
            // (`Rebel commander`, `Lieutenant Colonel` read as the military) it is still the
            // role of the person named next.
            if !ok || (n == 1 && self.cover[wi].is_some() && !self.generic_actor_at(wi)) {
                continue;
            }
            if let Some((_, en)) = self.rules.role_title(&phrase) {
                return Some((last, phrase, en));
            }
        }
        None
    }
    /// An organisation's acronym, inflected or not (`МИДа`, `NATO`): a word no mention
    /// covers that opens with two upper-case letters.
    fn acronym_at(&self, wi: usize) -> bool {
        self.cover.get(wi).is_some_and(Option::is_none)
            && self.opens_as_acronym(wi)
            && self.word_text(wi).chars().all(char::is_alphabetic)
    }
    /// The word opens with two upper-case letters (`NATO`, `МИДа`): an acronym, never a
    /// person's name.
    fn opens_as_acronym(&self, wi: usize) -> bool {
        let mut cs = self.word_text(wi).chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_uppercase)
    }
    fn generic_actor_at(&self, wi: usize) -> bool {
        self.mention_at(wi)
            .is_some_and(|m| m.kind == EntityKind::Agent)
    }
    /// Word `wi` is covered by the name of a place (`a Pentagon spokeswoman`), which may
    /// qualify a role noun without being its affiliation.
    fn place_at(&self, wi: usize) -> bool {
        self.mention_at(wi)
            .is_some_and(|m| m.kind == EntityKind::Place)
    }
    fn state_at(&self, wi: usize) -> Option<String> {
        self.mention_at(wi)
            .filter(|m| matches!(m.kind, EntityKind::State | EntityKind::Organisation))
            .map(|m| m.entity.clone())
    }
    /// Word `wi` starts one of `phrases` (lower-case, one or two words); returns the words used.
    fn starts_with_any(&self, wi: usize, phrases: &[String]) -> Option<usize> {
        let mut best = None;
        for p in phrases {
            let parts: Vec<&str> = p.split(' ').collect();
            let matches = parts.iter().enumerate().all(|(k, part)| {
                self.ws
                    .get(wi + k)
                    .is_some_and(|w| w.lower == part.to_lowercase())
                    && (k == 0 || joint(self.text, self.ws, wi + k) == Joint::Space)
            });
            if matches && best.is_none_or(|b| parts.len() > b) {
                best = Some(parts.len());
            }
        }
        best
    }

    /// Reads an apposition starting at word `wi` (after the comma).
    fn apposition(&self, wi: usize) -> Option<(Role, usize)> {
        let mut k = wi;
        let articles = &self.rules.people.appositive_articles;
        if let Some(n) = self.starts_with_any(k, articles) {
            k += n;
        }
        let mut affiliation = None;
        // Up to two adjectives before the role noun; a state adjective gives the affiliation.
        let mut found = None;
        for _ in 0..3 {
            if let Some(r) = self.role_at(k) {
                found = Some(r);
                break;
            }
            let w = self.ws.get(k)?;
            if let Some(s) = self.state_at(k) {
                affiliation = Some(s);
            } else if self.place_at(k) {
                // `a Pentagon spokeswoman`: the place names where the role is held.
            } else if w.capitalised && !self.rules.people.appositive_articles.is_empty() {
                return None;
            }
            if joint(self.text, self.ws, k + 1) != Joint::Space {
                return None;
            }
            k += 1;
        }
        let (end, title, en) = found?;
        let (role, last) = self.role_tail(wi, end, title, en, affiliation);
        Some((role, last))
    }

    /// After a role noun ending at `end`: a state genitive, an organisation, a place.
    fn role_tail(
        &self,
        start: usize,
        end: usize,
        title: String,
        en: String,
        mut affiliation: Option<String>,
    ) -> (Role, usize) {
        let mut last = end;
        let mut k = end + 1;
        let next_ok = |k: usize| joint(self.text, self.ws, k) == Joint::Space;
        if next_ok(k) {
            if let Some(s) = self.state_at(k) {
                affiliation.get_or_insert(s);
                while self
                    .mention_at(k + 1)
                    .is_some_and(|m| Some(m) == self.mention_at(k))
                {
                    k += 1;
                }
                last = k;
                k += 1;
            }
        }
        let mut organisation = None;
        let people = &self.rules.people;
        if next_ok(k) {
            if let Some(n) = self.starts_with_any(k, &people.affiliation_prepositions) {
                let org_start = k + n;
                if let Some(m) = self
                    .mention_at(org_start)
                    .filter(|m| m.kind == EntityKind::Organisation)
                {
                    affiliation.get_or_insert(m.entity.clone());
                    organisation = Some(m.name.clone());
                    let mut j = org_start;
                    while self.mention_at(j + 1).is_some_and(|n| n.span == m.span) {
                        j += 1;
                    }
                    last = j;
                    k = j + 1;
                } else if let Some((org_end, name)) = self.org_name(org_start) {
                    organisation = Some(name);
                    last = org_end;
                    k = org_end + 1;
                }
            }
        }
        // A genitive complement written as an acronym, with no preposition (`замглавы
        // российского МИДа`): the organisation the role is held in.
        if organisation.is_none() && next_ok(k) && self.acronym_at(k) {
            organisation = Some(self.word_text(k).to_string());
            last = k;
            k += 1;
        }
        let mut place = None;
        if next_ok(k) {
            // `en Kiev`, and a state after a genitive preposition (`del Mali`, `du Mali`).
            let prep = self
                .starts_with_any(k, &people.place_prepositions)
                .or_else(|| self.starts_with_any(k, &people.affiliation_prepositions));
            if let Some(n) = prep {
                if let Some(m) = self
                    .mention_at(k + n)
                    .filter(|m| matches!(m.kind, EntityKind::Place | EntityKind::State))
                {
                    if m.kind == EntityKind::State {
                        affiliation.get_or_insert(m.entity.clone());
                    }
                    place = Some(m.name.clone());
                    let mut j = k + n;
                    while self.mention_at(j + 1).is_some_and(|x| x.span == m.span) {
                        j += 1;
                    }
                    last = j;
                }
            }
        }
        let span = match (self.ws.get(start), self.ws.get(last)) {
            (Some(a), Some(b)) => Some(Span::new(a.cstart, b.cend)),
            _ => None,
        };
        (
            Role {
                title,
                title_en: Some(en),
                organisation,
                place,
                affiliation,
                span,
                years: None,
            },
            last,
        )
    }

    /// An organisation's name from `wi`: capitalised words and the connectors between them.
    /// Returns the last word and the English name when the glossary knows every word.
    fn org_name(&self, wi: usize) -> Option<(usize, String)> {
        if !self.ws.get(wi)?.capitalised || self.cover[wi].is_some() {
            return None;
        }
        let connectors = &self.rules.people.name_connectors;
        let mut end = wi;
        let mut j = wi + 1;
        while j < self.ws.len() && joint(self.text, self.ws, j) == Joint::Space {
            let w = &self.ws[j];
            if w.capitalised && self.cover[j].is_none() {
                end = j;
                j += 1;
            } else if connectors.iter().any(|c| c == &w.lower)
                && self.ws.get(j + 1).is_some_and(|n| n.capitalised)
                && joint(self.text, self.ws, j + 1) == Joint::Space
            {
                j += 1;
            } else {
                break;
            }
        }
        let written = self
            .text
            .get(self.ws[wi].start..self.ws[end].end)?
            .to_string();
        let glossary = &self.rules.people.org_words;
        let english: Option<Vec<&str>> = (wi..=end)
            .map(|k| glossary.get(self.word_text(k)).map(String::as_str))
            .collect();
        let name = match english {
            Some(words) if !glossary.is_empty() => words.join(" "),
            _ => written,
        };
        Some((end, name))
    }

    /// A role noun (and state) right before word `wi`: `der armenische Staatschef Nikol …`,
    /// `Президент России Владимир Путин`.
    fn role_before(&self, wi: usize) -> Option<Role> {
        // `der armenische Staatschef Nikol …`, or with a comma: `el primer ministro armenio,
        // Nikol Pashinián,`.
        let comma = wi > 0 && comma_after(self.text, self.ws, wi - 1);
        if wi == 0 || (joint(self.text, self.ws, wi) != Joint::Space && !comma) {
            return None;
        }
        self.role_ending_before(wi)
            .or_else(|| self.role_with_tail_before(wi))
    }

    /// A role whose complements follow it, as Romance languages write them: `el ministro
    /// francés del Interior, Jean-Pierre Chevènement`, `el presidente de Venezuela, Hugo
    /// Chávez`, `le ministre de l'Intérieur Gérald …`. The role noun stands up to eight words
    /// before the name, and [`Ctx::role_tail`] (the reader of an apposition's complements: a
    /// state, an organisation after an affiliation preposition, a place) must end exactly on
    /// the word before the name, so nothing but the role's own complements lies in between.
    fn role_with_tail_before(&self, wi: usize) -> Option<Role> {
        let before = wi.checked_sub(1)?;
        for s in (before.saturating_sub(8)..before).rev() {
            let Some((end, title, en)) = self.role_at(s) else {
                continue;
            };
            if end >= before {
                continue;
            }
            let affiliation = s.checked_sub(1).and_then(|p| {
                self.state_at(p).filter(|_| {
                    self.mention_at(p)
                        .is_some_and(|m| m.kind == EntityKind::State)
                })
            });
            let (role, last) = self.role_tail(s, end, title, en, affiliation);
            if last == before {
                return Some(role);
            }
        }
        None
    }

    /// A role phrase that ends on the word before the name (after an optional state).
    fn role_ending_before(&self, wi: usize) -> Option<Role> {
        let mut k = wi - 1;
        let mut affiliation = self.state_at(k).filter(|_| {
            self.mention_at(k)
                .is_some_and(|m| m.kind == EntityKind::State)
        });
        if affiliation.is_some() {
            let m = self.mention_at(k)?;
            while k > 0 && self.mention_at(k - 1).is_some_and(|x| x.span == m.span) {
                k -= 1;
            }
            k = k.checked_sub(1)?;
        }
        // The role phrase ends at k; it may have up to three words.
        let (start, title, en) = (k.saturating_sub(2)..=k)
            .filter_map(|s| {
                self.role_at(s)
                    .filter(|(end, _, _)| *end == k)
                    .map(|(_, t, e)| (s, t, e))
            })
            .next()?;
        if affiliation.is_none() && start > 0 {
            affiliation = self.state_at(start - 1).filter(|_| {
                self.mention_at(start - 1)
                    .is_some_and(|m| m.kind == EntityKind::State)
            });
        }
        let span = Some(Span::new(self.ws[start].cstart, self.ws[wi - 1].cend));
        Some(Role {
            title,
            title_en: Some(en),
            affiliation,
            span,
            ..Default::default()
        })
    }

    fn speech_verb_near(&self, first: usize, last: usize) -> bool {
        let verbs = &self.rules.people.speech_verbs;
        let after = joint(self.text, self.ws, last + 1) == Joint::Space
            && self.starts_with_any(last + 1, verbs).is_some();
        let before = first > 0
            && (first..first + 1).any(|_| {
                (first.saturating_sub(2)..first).any(|s| {
                    self.starts_with_any(s, verbs)
                        .is_some_and(|n| s + n == first)
                })
            });
        after || before
    }
}

/// Word `wi` is one of `nouns` (`*x`: a compound ending in x).
fn noun_of(ctx: &Ctx, wi: usize, nouns: &[String]) -> bool {
    let Some(w) = ctx.ws.get(wi) else {
        return false;
    };
    nouns.iter().any(|n| match n.strip_prefix('*') {
        Some(head) => w.lower.ends_with(head) && w.lower.len() > head.len(),
        None => w.lower == *n,
    })
}

/// Organisations the knowledge base lacks, named next to a noun that says what they are
/// (`Broadcaster CNN`, `die regierungskritische Website Rah-e-Sabs`, `F-Secure antivirus
/// company`): a run of up to four capitalised words (acronyms and hyphenated parts included)
/// that no mention holds. Its id is the slug of the transliterated name (`org:cnn`), as an
/// unknown person's is.
fn organisations_named_by_noun(ctx: &Ctx, found: &[Mention]) -> Vec<Mention> {
    let ws = ctx.ws;
    let text = ctx.text;
    let people = &ctx.rules.people;
    if people.organisation_nouns.is_empty() && people.media_nouns.is_empty() {
        return Vec::new();
    }
    let held = |wi: usize| {
        ctx.cover[wi].is_some()
            || found
                .iter()
                .any(|m| m.span.start < ws[wi].cend && ws[wi].cstart < m.span.end)
    };
    let name_part = |wi: usize| {
        let t = ctx.word_text(wi);
        !held(wi)
            && !ctx.is_not_name(wi)
            && ctx.rules.role_title(t).is_none()
            && t.chars().next().is_some_and(char::is_uppercase)
            && t.chars().all(char::is_alphanumeric)
    };
    // The run of name words from `wi` on: capitalised words glued by spaces, and lower-case
    // parts glued by hyphens (`Rah-e-Sabs`).
    let run_from = |wi: usize| -> Option<usize> {
        if !name_part(wi) {
            return None;
        }
        let mut end = wi;
        let mut j = wi + 1;
        while j < ws.len() && j - wi < 6 {
            let glue = joint(text, ws, j);
            let part_ok = match glue {
                Joint::Space => name_part(j),
                Joint::Hyphen => !held(j) && ctx.word_text(j).chars().all(char::is_alphanumeric),
                _ => false,
            };
            if !part_ok {
                break;
            }
            end = j;
            j += 1;
        }
        Some(end)
    };
    let mut out: Vec<Mention> = Vec::new();
    let mut taken = vec![false; ws.len()];
    let mut push = |first: usize, last: usize, media: bool, out: &mut Vec<Mention>| {
        if (first..=last).any(|k| taken[k]) {
            return;
        }
        let Some(name) = text.get(ws[first].start..ws[last].end) else {
            return;
        };
        // A geographic feature's name is no organisation (`the Bonny River channel`).
        if people.names_a_place(ctx.word_text(first), ctx.word_text(last)) {
            return;
        }
        let id = format!("org:{}", slug(&crate::ner::link::transliterate(name, "ru")));
        for t in taken.iter_mut().take(last + 1).skip(first) {
            *t = true;
        }
        out.push(Mention {
            span: Span::new(ws[first].cstart, ws[last].cend),
            text: name.to_string(),
            entity: id,
            kind: EntityKind::Organisation,
            name: name.to_string(),
            method: LinkMethod::Context,
            antecedent: None,
            members: Vec::new(),
            rule: format!("people:organisation-noun:{}", ctx.rules.code),
            confidence: 0.7,
            reason: String::new(),
            sector: media.then(|| "media".to_string()),
            country: None,
        });
    };
    for k in 0..ws.len() {
        let media = noun_of(ctx, k, &people.media_nouns);
        if !media && !noun_of(ctx, k, &people.organisation_nouns) {
            continue;
        }
        // After the noun: `Broadcaster CNN`, `die Website Rah-e-Sabs`.
        if joint(text, ws, k + 1) == Joint::Space {
            if let Some(last) = run_from(k + 1) {
                push(k + 1, last, media, &mut out);
                continue;
            }
        }
        // Before it, at most one lower-case word between: `F-Secure antivirus company`.
        for gap in 0..=1usize {
            let Some(last) = k.checked_sub(1 + gap) else {
                break;
            };
            if (last + 1..=k).any(|j| joint(text, ws, j) != Joint::Space)
                || (last + 1..k).any(|j| ws[j].capitalised)
            {
                break;
            }
            // The run that ends on `last`: walk back over name parts.
            let mut first = last;
            while first > 0
                && last - first < 5
                && matches!(joint(text, ws, first), Joint::Space | Joint::Hyphen)
                && (if joint(text, ws, first) == Joint::Hyphen {
                    !held(first - 1)
                } else {
                    name_part(first - 1)
                })
            {
                first -= 1;
            }
            if !name_part(first) || ws[first].sentence_initial && first == last {
                continue;
            }
            if run_from(first).is_some_and(|e| e >= last) {
                push(first, last, media, &mut out);
                break;
            }
        }
    }
    out
}

/// A romanised syllable of a given name (`Ki`, `moon`, `Jong`, `un`): at most five letters.
fn syllable_part(word: &str) -> bool {
    let n = word.chars().count();
    (1..=5).contains(&n) && word.chars().all(char::is_alphabetic)
}

fn comma_after(text: &str, ws: &[Word], wi: usize) -> bool {
    match (ws.get(wi), ws.get(wi + 1)) {
        (Some(a), Some(b)) => text.get(a.end..b.start).is_some_and(|s| s.trim() == ","),
        _ => false,
    }
}

/// The slug of a name in Latin letters (`Наото Кан` → `naoto-kan`, `Müller` → `muller`):
/// Cyrillic transliterated the Ukrainian way when a letter only Ukrainian has occurs, the
/// Russian way otherwise. The id part for a name the knowledge base lacks, in any script.
pub fn latin_slug(name: &str) -> String {
    let script = if name
        .chars()
        .any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'))
    {
        "uk"
    } else {
        "ru"
    };
    slug(&crate::ner::link::transliterate(name, script))
}

/// [`latin_slug`] of a name read in `lang`: German text spells umlauts `ae`/`oe`/`ue`
/// (`Pflüger` → `pflueger`), as German names are written in Latin ids.
pub fn latin_slug_in(name: &str, lang: &str) -> String {
    if lang == "de" {
        slug(&crate::ner::link::transliterate(name, "de"))
    } else {
        latin_slug(name)
    }
}

pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Finds context persons and roles. `mentions` are the knowledge-base mentions so far.
pub fn find(rules: &LangRules, text: &str, ws: &[Word], mentions: &[Mention]) -> People {
    let ctx = Ctx {
        rules,
        text,
        ws,
        mentions,
        cover: coverage(ws, mentions),
    };
    let mut out = People::default();
    // Roles of known people.
    for m in mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.method != LinkMethod::Coreference)
    {
        let first = ws.partition_point(|w| w.cend <= m.span.start);
        let last = ws
            .partition_point(|w| w.cstart < m.span.end)
            .saturating_sub(1);
        if let Some(role) = ctx.role_before(first) {
            out.roles.push(RoleFinding {
                entity: m.entity.clone(),
                role,
            });
        }
        if comma_after(text, ws, last) {
            if let Some((role, _)) = ctx.apposition(last + 1) {
                out.roles.push(RoleFinding {
                    entity: m.entity.clone(),
                    role,
                });
            }
        }
    }
    // Context persons.
    let mut i = 0;
    let mut found: Vec<(String, String, Span)> = Vec::new();
    while i < ws.len() {
        if !ctx.name_word(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        let particle = |k: usize| {
            ws.get(k)
                .is_some_and(|w| rules.people.name_particles.iter().any(|p| p == &w.lower))
                && joint(text, ws, k) == Joint::Space
        };
        loop {
            let glued = |k: usize| matches!(joint(text, ws, k), Joint::Space | Joint::Hyphen);
            if j + 1 < ws.len() && j + 1 - i < 3 && glued(j + 1) && ctx.name_word(j + 1) {
                j += 1;
            } else if j > i
                && j + 1 < ws.len()
                && joint(text, ws, j + 1) == Joint::Hyphen
                && syllable_part(ctx.word_text(j))
                && syllable_part(ctx.word_text(j + 1))
                && ctx.cover[j + 1].is_none()
                && ctx.word_text(j + 1).chars().all(char::is_lowercase)
            {
                // A given name of two romanised syllables (`Ban Ki-moon`, `Kim Jong-un`):
                // the second is written in lower case. Both parts are short, so an English
                // compound after a surname (`Abdullah-led`) is not taken.
                j += 1;
                break;
            } else if j + 2 < ws.len()
                && j + 2 - i < 4
                && particle(j + 1)
                && glued(j + 2)
                && ctx.name_word(j + 2)
            {
                // `Thomas de Waal`: a particle only counts between two name words.
                j += 2;
            } else {
                break;
            }
        }
        if j == i {
            i += 1;
            continue;
        }
        let mut roles = Vec::new();
        let mut rule = None;
        if comma_after(text, ws, j) {
            if let Some((role, _)) = ctx.apposition(j + 1) {
                roles.push(role);
                rule = Some("people:apposition");
            }
        }
        if let Some(role) = ctx.role_before(i) {
            roles.push(role);
            rule.get_or_insert("people:role-before");
        }
        // A speech verb alone is a weak cue: a name after an article is a title or a
        // publication (`so die New York Times`), not a person.
        let after_article = i > 0
            && ctx
                .starts_with_any(i - 1, &rules.people.appositive_articles)
                .is_some();
        if rule.is_none() && !after_article && j - i == 1 && ctx.speech_verb_near(i, j) {
            rule = Some("people:speech-verb");
        }
        // No cue at all: a run that opens with a known given name (`Tom Casey`, `Ивана
        // Петрова`; data/lang/given_names, names of politicians and of NER training sets) is a
        // person. Of its case the given name's ending tells (`Ивана`: genitive), which the
        // surname shares. The run keeps its three words as the other rules do (`Harouna
        // Djibrilla Adamou`); cutting a third word that is no given name lost such names.
        let mut given = None;
        if rule.is_none() && !after_article && j > i {
            if let Some(g) = rules.given_names.get(ctx.word_text(i)) {
                // Not a hyphen compound (`Adolf-Hitler-Straße`, `Francis-Talsperre`): the
                // surname stands apart from the given name and from what follows; nor a place
                // or body named after a person (`Clark County`).
                let compound = joint(text, ws, j) != Joint::Space
                    || (j + 1 < ws.len() && joint(text, ws, j + 1) == Joint::Hyphen);
                let named_after = rules
                    .people
                    .given_name_not_before
                    .iter()
                    .any(|w| w == ctx.word_text(j));
                // A capitalised particle (`Claudine Van den Berg`, `Karel De Gucht`) starts
                // the surname: the run, capped at three words, may not hold all of it.
                let particle_inside = (i + 1..=j).any(|k| {
                    ws.get(k)
                        .is_some_and(|w| rules.people.name_particles.iter().any(|p| p == &w.lower))
                });
                if !compound && !named_after && !particle_inside {
                    given = Some(g);
                    rule = Some("people:given-name");
                }
            }
        }
        let Some(rule) = rule else {
            i = j + 1;
            continue;
        };
        let name = text
            .get(ws[i].start..ws[j].end)
            .unwrap_or_default()
            .to_string();
        // One id in every script: `Наото Кан` is `person:naoto-kan`, as in English text; of
        // the name's nominative (`Аксары Кердпола` → `person:aksara-kerdpol`), never of an
        // inflected surface.
        // A role noun right before the name gives its case (`лидера Наттавута Сайкыа`:
        // genitive, so `Наттавут`), the name standing in apposition to it.
        let hint = (rule == "people:role-before" && i > 0)
            .then(|| ctx.word_text(i - 1))
            .filter(|w| rules.role_title(w).is_some())
            .and_then(|w| rules.case_of_role_noun(w));
        let hint = hint.or(given.map(|(_, case)| case.as_str()).filter(|c| *c != "nom"));
        let mut lemma = rules
            .name_readings_in(&name, hint)
            .into_iter()
            .next()
            .unwrap_or_else(|| name.clone());
        // The given name's nominative is known: `Юрия Лужкова` → `Юрий Лужков`.
        if let Some((nominative, _)) = given {
            if let Some(rest) = lemma
                .strip_prefix(ctx.word_text(i))
                .and_then(|r| r.strip_prefix(' '))
            {
                lemma = format!("{nominative} {rest}");
            }
        }
        let id = format!("person:{}", latin_slug_in(&lemma, &rules.code));
        let span = Span::new(ws[i].cstart, ws[j].cend);
        out.mentions.push(Mention {
            span,
            text: name.clone(),
            entity: id.clone(),
            kind: EntityKind::Person,
            name: lemma.clone(),
            method: LinkMethod::Context,
            antecedent: None,
            members: Vec::new(),
            rule: format!("{rule}:{}", rules.code),
            confidence: 0.75,
            reason: String::new(),
            sector: None,
            country: None,
        });
        for role in roles {
            out.roles.push(RoleFinding {
                entity: id.clone(),
                role,
            });
        }
        // The surname's later mentions are forms of its nominative.
        let surname = lemma
            .rsplit(' ')
            .next()
            .filter(|_| lemma != name)
            .unwrap_or(ctx.word_text(j))
            .to_string();
        found.push((id, surname, span));
        i = j + 1;
    }
    let organisations = organisations_named_by_noun(&ctx, &out.mentions);
    out.mentions.extend(organisations);
    // Later surname-only mentions of context persons (`Arakelyan`), inflected or not. A
    // person introduced again adds nothing the first introduction did not find, so each
    // (person, surname) is looked for once; which words a mention already holds is kept per
    // word, so the pass costs the same for every word however many mentions there are.
    let mut looked_for: std::collections::HashSet<(String, String)> = Default::default();
    found.retain(|(id, surname, _)| looked_for.insert((id.clone(), surname.clone())));
    let mut held = vec![false; ws.len()];
    for m in &out.mentions {
        let from = ws.partition_point(|w| w.cstart < m.span.start);
        for (wi, w) in ws.iter().enumerate().skip(from) {
            if w.cend > m.span.end {
                break;
            }
            held[wi] = true;
        }
    }
    // Each form of each surname → the persons it may name, in the order they were found (the
    // first whose introduction precedes the word takes it), and each person's display name:
    // two maps, so the words are read once however many persons the document names.
    use std::collections::HashMap;
    let mut display: HashMap<&str, &str> = HashMap::new();
    for m in &out.mentions {
        display.entry(m.entity.as_str()).or_insert(m.name.as_str());
    }
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, (_, surname, _)) in found.iter().enumerate() {
        let mut forms = vec![surname.to_lowercase()];
        forms.extend(
            rules
                .inflect_word(surname, "surname")
                .into_iter()
                .map(|(v, _)| v.to_lowercase()),
        );
        forms.sort();
        forms.dedup();
        for f in forms {
            by_form.entry(f).or_default().push(k);
        }
    }
    let mut later = Vec::new();
    for (wi, w) in ws.iter().enumerate() {
        if !w.capitalised || ctx.cover[wi].is_some() || held[wi] {
            continue;
        }
        let Some(candidates) = by_form.get(&w.lower) else {
            continue;
        };
        if after_article(rules, ws, wi) {
            continue;
        }
        let Some((id, _, first_span)) = candidates
            .iter()
            .map(|&k| &found[k])
            .find(|(_, _, first)| w.cstart >= first.end)
        else {
            continue;
        };
        held[wi] = true;
        later.push(Mention {
            span: Span::new(w.cstart, w.cend),
            text: ctx.word_text(wi).to_string(),
            entity: id.clone(),
            kind: EntityKind::Person,
            name: display
                .get(id.as_str())
                .copied()
                .unwrap_or_default()
                .to_string(),
            method: LinkMethod::Coreference,
            antecedent: Some(*first_span),
            members: Vec::new(),
            rule: format!("people:surname:{}", rules.code),
            confidence: 0.7,
            reason: String::new(),
            sector: None,
            country: None,
        });
    }
    out.mentions.extend(later);
    out
}
