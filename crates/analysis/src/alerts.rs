//! Alliance-contradiction alerts: supplier S armed recipient R while R fought T, and S and T
//! were bound by a defence treaty at the time.
//!
//! Inputs are plain facts with their evidence: arms transfers (AID/military events read from
//! documents — including those whose supplier was inferred — and register rows), fights
//! (ASSAULT/COERCE events, conflict dyads) and alliances (membership spells, bilateral pacts).
//! One alert is raised per (S, R, T, alliance); every fact that supports it becomes a
//! [`ChainLink`] of its chain, and the confidence combines the supporting combinations.
//!
//! Document facts arrive grouped (`armsgraph_store::pair_facts`: alike in kind, parties,
//! interval and confidence), either as the rows the store keeps at ingest (store-wide alerts:
//! the first links of each group, with [`AlertTotals`]) or grouped in memory from events (one
//! document's alerts, [`alliance_contradictions`]: every link).

use std::collections::{BTreeMap, HashMap};

use armsgraph_kb::reference::{
    date_floor, Ally, ConflictDyad, Interval, Obligation, ReferenceData, RegisterTransfer,
};
use armsgraph_kb::Kb;
use armsgraph_model::{Alert, ChainLink, Event, Extraction};
use armsgraph_store::pair_facts::{event_facts, group_facts, FactGroup, FactKind};

/// Knobs of the alert rule.
#[derive(Debug, Clone)]
pub struct AlertOptions {
    /// A transfer counts for a fight that began up to this many years after it (weapons are
    /// used after delivery) or one year before it.
    pub window_years: i32,
    /// At most this many reference rows (register transfers, conflict-years) per alert and
    /// kind, the ones closest in time first; document links are all kept (the first
    /// `FIRST_LINKS` of each group of alike facts when read from the store's kept facts).
    pub max_reference_links: usize,
    /// Alerts must rest on at least one document fact (transfer or fight). On for
    /// per-document alerts, off for the whole store (register × conflict data alone).
    pub require_document: bool,
    /// Use register transfers (SIPRI rows) of the reference data as facts.
    pub register_transfers: bool,
}

impl Default for AlertOptions {
    fn default() -> Self {
        AlertOptions {
            window_years: 3,
            max_reference_links: 5,
            require_document: false,
            register_transfers: true,
        }
    }
}

/// A document event with where it came from.
#[derive(Debug, Clone)]
pub struct SourcedEvent<'a> {
    pub document: &'a str,
    pub url: Option<&'a str>,
    /// Publication date of the document: the latest an undated event can have happened.
    pub published: Option<&'a str>,
    pub event: &'a Event,
}

/// Someone armed someone: one group of facts alike in parties, time and confidence (a
/// register row is a group of one), with the links that prove them.
#[derive(Debug, Clone)]
struct Transfer {
    supplier: String,
    recipient: String,
    when: Interval,
    confidence: f32,
    from_document: bool,
    facts: usize,
    documents: usize,
    /// `(key, link)` in document order; the first only when read from the store.
    links: Vec<(String, ChainLink)>,
}

/// Two states fought: one group of facts alike in parties, time and confidence.
#[derive(Debug, Clone)]
struct Fight {
    a: String,
    b: String,
    when: Interval,
    confidence: f32,
    from_document: bool,
    facts: usize,
    documents: usize,
    links: Vec<(String, ChainLink)>,
}

impl Fight {
    fn opponent_of(&self, state: &str) -> Option<&str> {
        if self.a == state {
            Some(&self.b)
        } else if self.b == state {
            Some(&self.a)
        } else {
            None
        }
    }
}

pub use armsgraph_store::pair_facts::{is_arms_transfer, is_fight};

/// The time of an event as an interval; an undated event happened before publication.
pub fn event_interval(e: &Event, published: Option<&str>) -> Interval {
    if let Some(t) = &e.time {
        let iv = Interval::new(t.start.clone(), t.end.clone());
        if !iv.is_unbounded() {
            return iv;
        }
    }
    Interval::new(None, published.map(str::to_string))
}

/// Document facts grouped (see [`armsgraph_store::pair_facts`]) into the rule's transfers
/// and fights.
fn from_groups(groups: Vec<FactGroup>) -> (Vec<Transfer>, Vec<Fight>) {
    let mut transfers = Vec::new();
    let mut fights = Vec::new();
    for g in groups {
        let when = Interval {
            start: g.shape.start.clone(),
            end: g.shape.end.clone(),
        };
        match g.shape.kind {
            FactKind::Transfer => transfers.push(Transfer {
                supplier: g.shape.a,
                recipient: g.shape.b,
                when,
                confidence: g.confidence,
                from_document: true,
                facts: g.facts,
                documents: g.documents,
                links: g.links,
            }),
            FactKind::Conflict => fights.push(Fight {
                a: g.shape.a,
                b: g.shape.b,
                when,
                confidence: g.confidence,
                from_document: true,
                facts: g.facts,
                documents: g.documents,
                links: g.links,
            }),
        }
    }
    (transfers, fights)
}

/// The facts of events in memory, grouped as the store groups them; the key orders them as
/// the slice does.
fn groups_of_events(events: &[SourcedEvent<'_>]) -> Vec<FactGroup> {
    let mut facts = Vec::new();
    for (i, src) in events.iter().enumerate() {
        for mut f in event_facts(src.document, i, src.url, src.published, src.event) {
            f.key = format!("{i:012} {:06}", f.pos);
            facts.push(f);
        }
    }
    group_facts(facts, None)
}

/// One readable line for a register transfer.
pub fn describe_register_transfer(t: &RegisterTransfer) -> String {
    let mut s = format!("{} → {}: ", t.supplier, t.recipient);
    if let Some(n) = t.ordered {
        s.push_str(&format!("{n} "));
    }
    s.push_str(&t.designation);
    if !t.description.is_empty() {
        s.push_str(&format!(" ({})", t.description));
    }
    if let Some(y) = t.order_year {
        s.push_str(&format!(
            ", ordered {y}{}",
            if t.order_year_uncertain { "?" } else { "" }
        ));
    }
    if !t.delivery_years.is_empty() {
        let years: Vec<String> = t.delivery_years.iter().map(|y| y.to_string()).collect();
        match t.delivered {
            Some(n) => s.push_str(&format!(", {n} delivered {}", years.join(", "))),
            None => s.push_str(&format!(", delivered {}", years.join(", "))),
        }
    }
    s.push_str(&format!(" ({})", t.provenance.dataset));
    s
}

fn register_transfer(t: &RegisterTransfer) -> Transfer {
    Transfer {
        supplier: t.supplier.clone(),
        recipient: t.recipient.clone(),
        when: t.interval(),
        confidence: 0.95,
        from_document: false,
        facts: 1,
        documents: 0,
        links: vec![(
            String::new(),
            ChainLink {
                kind: "transfer".into(),
                statement: describe_register_transfer(t),
                source: t.provenance.source(),
                evidence: None,
                event: None,
            },
        )],
    }
}

/// One readable line for a conflict dyad.
pub fn describe_conflict(c: &ConflictDyad) -> String {
    let mut roles = Vec::new();
    if c.role_a == "secondary" {
        roles.push(format!("{} secondary party", c.state_a));
    }
    if c.role_b == "secondary" {
        roles.push(format!("{} secondary party", c.state_b));
    }
    let intensity = match c.intensity {
        2 => "war",
        1 => "minor conflict",
        _ => "conflict",
    };
    format!(
        "{} vs {} in {} ({} conflict {}: {}{}, {intensity}{})",
        c.state_a,
        c.state_b,
        c.year,
        c.provenance.dataset,
        c.conflict_id,
        c.location,
        if c.territory.is_empty() {
            String::new()
        } else {
            format!(": {}", c.territory)
        },
        if roles.is_empty() {
            String::new()
        } else {
            format!("; {}", roles.join(", "))
        },
    )
}

fn reference_fight(c: &ConflictDyad) -> Fight {
    Fight {
        a: c.state_a.clone(),
        b: c.state_b.clone(),
        when: c.interval(),
        confidence: 0.95,
        from_document: false,
        facts: 1,
        documents: 0,
        links: vec![(
            String::new(),
            ChainLink {
                kind: "conflict".into(),
                statement: describe_conflict(c),
                source: c.provenance.source(),
                evidence: None,
                event: None,
            },
        )],
    }
}

/// Chain links for the alliance facts of `ally` (between `state` and `ally.ally`).
pub fn alliance_links(refs: &ReferenceData, ally: &Ally) -> Vec<ChainLink> {
    let mut out = Vec::new();
    for p in &ally.provenance {
        if let Some(m) = refs.memberships.iter().find(|m| &m.provenance == p) {
            let mut statement = format!("{} member of {}", m.member, m.org);
            if let Some(j) = &m.joined {
                statement.push_str(&format!(" since {j}"));
            }
            if let Some(l) = &m.left {
                statement.push_str(&format!(" until {l}"));
            }
            if let Some(org) = refs.organisation(&m.org) {
                let obligations: Vec<&str> = org.obligations.iter().map(|o| o.label()).collect();
                statement.push_str(&format!(" ({} obligation", obligations.join(", ")));
                if let Some(since) = &org.obligation_since {
                    statement.push_str(&format!(" in force since {since}"));
                }
                statement.push(')');
            }
            // The dataset's own remark can change how much the membership is worth (Armenia's
            // 2024 freeze of its CSTO participation): the analyst sees it with the link.
            if !m.note.trim().is_empty() {
                statement.push_str(&format!(" — source note: {}", m.note.trim()));
            }
            out.push(ChainLink {
                kind: "membership".into(),
                statement,
                source: p.source(),
                evidence: None,
                event: None,
            });
        } else if let Some(pact) = refs.pacts.iter().find(|x| &x.provenance == p) {
            let obligations: Vec<&str> = pact.obligations.iter().map(|o| o.label()).collect();
            out.push(ChainLink {
                kind: "treaty".into(),
                statement: format!(
                    "{} and {} bound by {} ({}) {}",
                    pact.state_a,
                    pact.state_b,
                    pact.treaty,
                    obligations.join(", "),
                    Interval::new(pact.signed.clone(), pact.ended.clone()).describe()
                ),
                source: p.source(),
                evidence: None,
                event: None,
            });
        }
    }
    out
}

fn shift_years(date: &Option<String>, years: i32) -> Option<String> {
    let d = date.as_deref().and_then(date_floor)?;
    let y: i32 = d.get(..4)?.parse().ok()?;
    Some(format!("{:04}{}", y + years, d.get(4..).unwrap_or("")))
}

/// Name lookup for titles: entity id → display name.
pub type Names = HashMap<String, String>;

fn name<'a>(names: &'a Names, id: &'a str) -> &'a str {
    names.get(id).map(String::as_str).unwrap_or(id)
}

/// An alert being assembled from the combinations that support it.
struct Building {
    alert: Alert,
    /// Probability that every transfer (fight) fact is wrong: the alert needs one of each,
    /// so its confidence is `(1 − transfer_misses) × (1 − fight_misses) × alliance`.
    transfer_misses: f32,
    fight_misses: f32,
    alliance: f32,
    /// Fact groups already counted, by index (a fact supports many combinations but counts
    /// once).
    counted_transfers: std::collections::HashSet<usize>,
    counted_fights: std::collections::HashSet<usize>,
    has_document: bool,
    /// Document links: transfers by key (document order); fights by the turn of the
    /// transfer they were first combined with, then key — the order in which the rule first
    /// meets them.
    transfer_links: Vec<(String, ChainLink)>,
    fight_links: Vec<(usize, String, ChainLink)>,
    /// Reference links with their distance in years to the other fact, so that only the
    /// closest are kept.
    reference_transfers: Vec<(i64, ChainLink)>,
    reference_fights: Vec<(i64, ChainLink)>,
    /// Document facts and documents behind the links, and whether some links were left out
    /// (fact groups read from the store keep their first links only).
    document_facts: usize,
    documents: usize,
    truncated: bool,
}

impl Building {
    /// Counts a transfer group once and keeps its links.
    fn add_transfer(&mut self, i: usize, t: &Transfer, distance: i64) {
        if !self.counted_transfers.insert(i) {
            if !t.from_document {
                if let Some(existing) = self
                    .reference_transfers
                    .iter_mut()
                    .find(|(_, l)| Some(l) == t.links.first().map(|(_, l)| l))
                {
                    existing.0 = existing.0.min(distance);
                }
            }
            return;
        }
        let undated = if t.when.start.is_none() { 0.9 } else { 1.0 };
        self.transfer_misses = misses(self.transfer_misses, t.confidence * undated, t.facts);
        if t.from_document {
            self.transfer_links.extend(t.links.iter().cloned());
            self.document_facts += t.facts;
            self.documents += t.documents;
            self.truncated |= t.links.len() < t.facts;
        } else {
            for (_, l) in &t.links {
                self.reference_transfers.push((distance, l.clone()));
            }
        }
    }

    /// Counts a fight group once and keeps its links; `turn` is the transfer it met first.
    fn add_fight(&mut self, i: usize, f: &Fight, turn: usize, distance: i64) {
        if !self.counted_fights.insert(i) {
            if !f.from_document {
                if let Some(existing) = self
                    .reference_fights
                    .iter_mut()
                    .find(|(_, l)| Some(l) == f.links.first().map(|(_, l)| l))
                {
                    existing.0 = existing.0.min(distance);
                }
            }
            return;
        }
        let undated = if f.when.start.is_none() { 0.9 } else { 1.0 };
        self.fight_misses = misses(self.fight_misses, f.confidence * undated, f.facts);
        if f.from_document {
            self.fight_links
                .extend(f.links.iter().map(|(k, l)| (turn, k.clone(), l.clone())));
            self.document_facts += f.facts;
            self.documents += f.documents;
            self.truncated |= f.links.len() < f.facts;
        } else {
            for (_, l) in &f.links {
                self.reference_fights.push((distance, l.clone()));
            }
        }
    }
}

/// `misses` × (1 − `confidence`) once per fact: the chance that every fact is wrong.
/// Multiplied fact by fact, as the rule always has, so the figures do not move; it stops
/// once nothing can change any more.
fn misses(mut misses: f32, confidence: f32, facts: usize) -> f32 {
    let factor = 1.0 - confidence.clamp(0.0, 1.0);
    for _ in 0..facts {
        if misses == 0.0 || factor == 1.0 {
            break;
        }
        misses *= factor;
    }
    misses
}

fn year_of(iv: &Interval) -> Option<i64> {
    iv.start
        .as_deref()
        .or(iv.end.as_deref())
        .and_then(|d| d.get(..4)?.parse().ok())
}

/// Supplier, recipient, target, alliance: one alert.
type AlertKey = (String, String, String, String);

/// What a transfer's combinations depend on besides its own fact.
type TransferShape<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, bool);

/// One alert a transfer shape took part in, with what its combinations contributed there.
struct Combination {
    key: AlertKey,
    /// Years to the closest fight it combined with.
    distance: i64,
    alliance: f32,
    has_document: bool,
}

/// How many links and documents stand behind an alert when its chain holds only the first
/// links of each fact group (alerts over the store's kept facts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlertTotals {
    /// Links of the whole chain (alliance, every document fact, kept reference rows).
    pub links: usize,
    /// Documents behind them: exact when nothing was left out, else counted once per fact
    /// group (a document reporting both the transfer and the fight counts twice).
    pub documents: usize,
    /// Whether the chain holds only the first links of some fact groups.
    pub truncated: bool,
}

/// Raise alerts from transfer and fight facts. See the module docs for the rule.
fn raise(
    transfers: &[Transfer],
    fights: &[Fight],
    refs: &ReferenceData,
    names: &Names,
    opts: &AlertOptions,
) -> Vec<(Alert, AlertTotals)> {
    let mut fights_of: HashMap<&str, Vec<(usize, &Fight)>> = HashMap::new();
    for (i, f) in fights.iter().enumerate() {
        fights_of.entry(f.a.as_str()).or_default().push((i, f));
        if f.b != f.a {
            fights_of.entry(f.b.as_str()).or_default().push((i, f));
        }
    }
    let mut alliance_cache: HashMap<(String, String), Vec<Ally>> = HashMap::new();
    let mut alerts: BTreeMap<AlertKey, Building> = BTreeMap::new();
    // Transfers alike in everything a combination depends on (parties, time, whether from a
    // document) combine with the same fights, so the fights are walked once per such shape
    // and the others only add their own facts: a long document that repeats one transfer
    // and one fight a thousand times costs thousands of steps, not a million. Facts are
    // grouped by shape and confidence before they get here (one group per kept row).
    let mut combined: HashMap<TransferShape<'_>, Vec<Combination>> = HashMap::new();
    for (turn, t) in transfers.iter().enumerate() {
        let shape: TransferShape<'_> = (
            &t.supplier,
            &t.recipient,
            t.when.start.as_deref(),
            t.when.end.as_deref(),
            t.from_document,
        );
        if let Some(done) = combined.get(&shape) {
            for c in done {
                let Some(b) = alerts.get_mut(&c.key) else {
                    continue;
                };
                b.alliance = b.alliance.max(c.alliance);
                b.has_document |= c.has_document;
                b.add_transfer(turn, t, c.distance);
            }
            continue;
        }
        let mut done: Vec<Combination> = Vec::new();
        let window = Interval {
            start: shift_years(&t.when.start, -1),
            end: shift_years(&t.when.end, opts.window_years),
        };
        for &(fi, f) in fights_of.get(t.recipient.as_str()).into_iter().flatten() {
            let Some(target) = f.opponent_of(&t.recipient) else {
                continue;
            };
            if target == t.supplier || !f.when.overlaps(&window) {
                continue;
            }
            if opts.require_document && !t.from_document && !f.from_document {
                continue;
            }
            let allies = alliance_cache
                .entry((t.supplier.clone(), target.to_string()))
                .or_insert_with(|| {
                    refs.alliances_between(
                        &t.supplier,
                        target,
                        &Interval::always(),
                        Obligation::Defence,
                    )
                });
            for ally in allies.iter() {
                // The treaty must bind S and T while R fought T, and while S armed R when
                // that time is known.
                if !ally.during.overlaps(&f.when) {
                    continue;
                }
                if !t.when.is_unbounded() && !ally.during.overlaps(&t.when) {
                    continue;
                }
                let alliance = if ally.via_kind == "pact" { 0.9 } else { 1.0 };
                let key = (
                    t.supplier.clone(),
                    t.recipient.clone(),
                    target.to_string(),
                    ally.via.clone(),
                );
                let alert_key = &key.clone();
                let b = alerts.entry(key).or_insert_with(|| {
                    let s = name(names, &t.supplier);
                    let r = name(names, &t.recipient);
                    let tg = name(names, target);
                    let via = name(names, &ally.via);
                    Building {
                        alert: Alert {
                            id: format!(
                                "alliance_contradiction:{}:{}:{}:{}",
                                t.supplier, t.recipient, target, ally.via
                            ),
                            kind: "alliance_contradiction".into(),
                            title: format!("{s} armed {r}, which fought {tg} — {s}'s {via} ally"),
                            supplier: t.supplier.clone(),
                            recipient: t.recipient.clone(),
                            target: target.to_string(),
                            alliance: ally.via.clone(),
                            chain: alliance_links(refs, ally),
                            confidence: 0.0,
                        },
                        transfer_misses: 1.0,
                        fight_misses: 1.0,
                        alliance,
                        counted_transfers: Default::default(),
                        counted_fights: Default::default(),
                        has_document: false,
                        transfer_links: Vec::new(),
                        fight_links: Vec::new(),
                        reference_transfers: Vec::new(),
                        reference_fights: Vec::new(),
                        document_facts: 0,
                        documents: 0,
                        truncated: false,
                    }
                });
                b.alliance = b.alliance.max(alliance);
                b.has_document |= t.from_document || f.from_document;
                let distance = match (year_of(&t.when), year_of(&f.when)) {
                    (Some(a), Some(c)) => (a - c).abs(),
                    _ => i64::MAX,
                };
                b.add_transfer(turn, t, distance);
                b.add_fight(fi, f, turn, distance);
                let pair_document = t.from_document || f.from_document;
                match done.iter_mut().find(|c| c.key == *alert_key) {
                    Some(c) => {
                        c.distance = c.distance.min(distance);
                        c.alliance = c.alliance.max(alliance);
                        c.has_document |= pair_document;
                    }
                    None => done.push(Combination {
                        key: alert_key.clone(),
                        distance,
                        alliance,
                        has_document: pair_document,
                    }),
                }
            }
        }
        combined.insert(shape, done);
    }
    alerts
        .into_values()
        .filter(|b| !opts.require_document || b.has_document)
        .map(|mut b| {
            // The chain as a reader follows it: alliance, transfers (documents in document
            // order, then the closest register rows), fights (likewise).
            b.transfer_links.sort_by(|x, y| x.0.cmp(&y.0));
            b.fight_links
                .sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.cmp(&y.1)));
            let mut refs_kept = Vec::new();
            for mut list in [b.reference_transfers, b.reference_fights] {
                list.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.source.cmp(&y.1.source)));
                let mut kept: Vec<ChainLink> = list
                    .into_iter()
                    .take(opts.max_reference_links)
                    .map(|(_, l)| l)
                    .collect();
                // Row keys carry the year (`388/2020/…`): sorted they read as a time line.
                kept.sort_by(|x, y| x.source.cmp(&y.source));
                refs_kept.push(kept);
            }
            let mut refs_kept = refs_kept.into_iter();
            b.alert
                .chain
                .extend(b.transfer_links.into_iter().map(|(_, l)| l));
            b.alert.chain.extend(refs_kept.next().unwrap_or_default());
            b.alert
                .chain
                .extend(b.fight_links.into_iter().map(|(_, _, l)| l));
            b.alert.chain.extend(refs_kept.next().unwrap_or_default());
            let confidence = (1.0 - b.transfer_misses) * (1.0 - b.fight_misses) * b.alliance;
            b.alert.confidence = (confidence * 100.0).round() / 100.0;
            b.alert.confidence = b.alert.confidence.min(0.99);
            let document_links = b
                .alert
                .chain
                .iter()
                .filter(|l| l.source.starts_with("document:"))
                .count();
            let mut docs: Vec<&str> = b
                .alert
                .chain
                .iter()
                .filter_map(|l| l.source.strip_prefix("document:"))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            let totals = AlertTotals {
                links: b.alert.chain.len() - document_links + b.document_facts,
                documents: if b.truncated { b.documents } else { docs.len() },
                truncated: b.truncated,
            };
            (b.alert, totals)
        })
        .collect()
}

/// Display names from the knowledge base (when given), event participants and register
/// rows.
pub fn names_from(events: &[SourcedEvent<'_>], refs: &ReferenceData) -> Names {
    names_with_kb(events, refs, None)
}

/// Like [`names_from`], preferring the knowledge base's canonical English names.
pub fn names_with_kb(events: &[SourcedEvent<'_>], refs: &ReferenceData, kb: Option<&Kb>) -> Names {
    let mut names = Names::new();
    if let Some(kb) = kb {
        for e in kb.entities() {
            names.insert(e.id.clone(), e.name.clone());
        }
    }
    for src in events {
        let e = src.event;
        for p in e.actors.iter().chain(&e.recipients).chain(&e.locations) {
            if !p.name.is_empty() && !p.entity.is_empty() {
                names
                    .entry(p.entity.clone())
                    .or_insert_with(|| p.name.clone());
            }
        }
    }
    for t in &refs.transfers {
        names
            .entry(t.supplier.clone())
            .or_insert_with(|| t.supplier_name.clone());
        names
            .entry(t.recipient.clone())
            .or_insert_with(|| t.recipient_name.clone());
    }
    names
}

/// Alliance-contradiction alerts over document events and reference data (register
/// transfers and conflict dyads from `refs` are used as facts too).
pub fn alliance_contradictions(
    events: &[SourcedEvent<'_>],
    refs: &ReferenceData,
    names: &Names,
    opts: &AlertOptions,
) -> Vec<Alert> {
    alerts_from_groups(groups_of_events(events), refs, names, opts)
        .into_iter()
        .map(|(a, _)| a)
        .collect()
}

/// Alliance-contradiction alerts over grouped document facts (the store's kept rows, or
/// events grouped in memory) and reference data, each with the totals of its chain.
pub fn alerts_from_groups(
    groups: Vec<FactGroup>,
    refs: &ReferenceData,
    names: &Names,
    opts: &AlertOptions,
) -> Vec<(Alert, AlertTotals)> {
    let (mut transfers, mut fights) = from_groups(groups);
    if opts.register_transfers {
        transfers.extend(refs.transfers.iter().map(register_transfer));
    }
    fights.extend(refs.conflicts.iter().map(reference_fight));
    let mut alerts = raise(&transfers, &fights, refs, names, opts);
    alerts.sort_by(|(a, _), (b, _)| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    alerts
}

/// Display names for alerts over the store's kept facts: the knowledge base's (when given),
/// then the name the first candidate event gave each entity, then register rows' — the
/// order [`names_with_kb`] takes them in.
pub fn names_from_kept(
    kept: Vec<(String, String)>,
    refs: &ReferenceData,
    kb: Option<&Kb>,
) -> Names {
    let mut names = names_with_kb(&[], refs, kb);
    // `names_with_kb` put register names in; event names come before them.
    let mut out = names_with_kb(&[], &ReferenceData::default(), kb);
    for (id, n) in kept {
        out.entry(id).or_insert(n);
    }
    for (id, n) in names.drain() {
        out.entry(id).or_insert(n);
    }
    out
}

/// Alerts for one document read by the pipeline, against reference data (typically the
/// embedded defaults): transfers from the document only, fights from the document and the
/// conflict data. Register transfers are not used, so every alert rests on the document.
pub fn alerts_for_extraction(ex: &Extraction, refs: &ReferenceData) -> Vec<Alert> {
    let doc = &ex.document;
    let url = doc.url.as_deref().or(doc.canonical_url.as_deref());
    let published = doc.published.as_ref().map(|d| d.value.as_str());
    let events: Vec<SourcedEvent<'_>> = ex
        .events
        .iter()
        .map(|event| SourcedEvent {
            document: &doc.id,
            url,
            published,
            event,
        })
        .collect();
    let mut names = names_from(&events, refs);
    for a in &ex.actors {
        names.entry(a.id.clone()).or_insert_with(|| a.name.clone());
    }
    let opts = AlertOptions {
        require_document: true,
        register_transfers: false,
        ..AlertOptions::default()
    };
    alliance_contradictions(&events, refs, &names, &opts)
}
