//! Alliance-contradiction alerts: supplier S armed recipient R while R fought T, and S and T
//! were bound by a defence treaty at the time.
//!
//! Inputs are plain facts with their evidence: arms transfers (AID/military events read from
//! documents — including those whose supplier was inferred — and register rows), fights
//! (ASSAULT/COERCE events, conflict dyads) and alliances (membership spells, bilateral pacts).
//! One alert is raised per (S, R, T, alliance); every fact that supports it becomes a
//! [`ChainLink`] of its chain, and the confidence combines the supporting combinations.

use std::collections::{BTreeMap, HashMap};

use armsgraph_kb::reference::{
    date_floor, Ally, ConflictDyad, Interval, Obligation, ReferenceData, RegisterTransfer,
};
use armsgraph_kb::Kb;
use armsgraph_model::{
    Alert, ChainLink, Event, EventType, Evidence, Extraction, Factuality, Participant,
};

/// Knobs of the alert rule.
#[derive(Debug, Clone)]
pub struct AlertOptions {
    /// A transfer counts for a fight that began up to this many years after it (weapons are
    /// used after delivery) or one year before it.
    pub window_years: i32,
    /// At most this many reference rows (register transfers, conflict-years) per alert and
    /// kind, the ones closest in time first; document links are always all kept.
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

/// Someone armed someone, with the link that proves it.
#[derive(Debug, Clone)]
struct Transfer {
    supplier: String,
    recipient: String,
    when: Interval,
    confidence: f32,
    from_document: bool,
    link: ChainLink,
}

/// Two states fought, with the link that proves it.
#[derive(Debug, Clone)]
struct Fight {
    a: String,
    b: String,
    when: Interval,
    confidence: f32,
    from_document: bool,
    link: ChainLink,
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

/// Whether an event reports an arms transfer.
pub fn is_arms_transfer(e: &Event) -> bool {
    e.event_type == EventType::Aid
        && (e.arms.is_some() || e.context.iter().any(|c| c == "military"))
}

/// Whether an event reports fighting or coercion between its actors and recipients.
pub fn is_fight(e: &Event) -> bool {
    matches!(e.event_type, EventType::Assault | EventType::Coerce)
}

/// Denied, hypothetical and future events are not facts to raise an alert on.
fn usable(e: &Event) -> bool {
    !matches!(
        e.factuality,
        Factuality::Denied | Factuality::Hypothetical | Factuality::Future
    )
}

fn factuality_weight(f: Factuality) -> f32 {
    match f {
        Factuality::Asserted => 1.0,
        Factuality::Reported | Factuality::Claimed => 0.85,
        _ => 0.0,
    }
}

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

fn event_link(kind: &str, src: &SourcedEvent<'_>, statement: String) -> ChainLink {
    let evidence = src.event.evidence.first().map(|ev| Evidence {
        url: ev.url.clone().or_else(|| src.url.map(str::to_string)),
        document: if ev.document.is_empty() {
            src.document.to_string()
        } else {
            ev.document.clone()
        },
        ..ev.clone()
    });
    ChainLink {
        kind: kind.into(),
        statement,
        source: format!("document:{}", src.document),
        evidence,
        event: Some(src.event.id.clone()),
    }
}

fn base_confidence(e: &Event) -> f32 {
    let c = if e.confidence > 0.0 {
        e.confidence.min(1.0)
    } else {
        0.5
    };
    c * factuality_weight(e.factuality)
}

fn transfers_from_event(src: &SourcedEvent<'_>) -> Vec<Transfer> {
    let e = src.event;
    if !is_arms_transfer(e) || !usable(e) {
        return Vec::new();
    }
    let when = event_interval(e, src.published);
    let mut out = Vec::new();
    for s in &e.actors {
        for r in &e.recipients {
            if s.entity.is_empty() || r.entity.is_empty() || s.entity == r.entity {
                continue;
            }
            let inferred = s.how == "inferred";
            let mut statement = if e.summary.is_empty() {
                format!("{} → {}: arms transfer", s.entity, r.entity)
            } else {
                e.summary.clone()
            };
            if inferred {
                let why = e
                    .inferences
                    .iter()
                    .find(|i| i.role == "actor" && i.chosen.as_deref() == Some(s.entity.as_str()))
                    .map(|i| i.reason.clone())
                    .unwrap_or_default();
                statement.push_str(&format!(" [supplier {} inferred", s.entity));
                if !why.is_empty() {
                    statement.push_str(&format!(": {why}"));
                }
                statement.push(']');
            }
            // The event's confidence already reflects how sure the inference was.
            let confidence = base_confidence(e);
            out.push(Transfer {
                supplier: s.entity.clone(),
                recipient: r.entity.clone(),
                when: when.clone(),
                confidence,
                from_document: true,
                link: event_link("transfer", src, statement),
            });
        }
    }
    out
}

fn fights_from_event(src: &SourcedEvent<'_>) -> Vec<Fight> {
    let e = src.event;
    if !is_fight(e) || !usable(e) {
        return Vec::new();
    }
    let when = event_interval(e, src.published);
    // A fight between the parties listed together as actors (`fighting between Azerbaijani
    // and Armenian forces`) has no recipient: every pair of actors fought each other.
    let pairs: Vec<(&Participant, &Participant)> = if e.recipients.is_empty() {
        e.actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| e.actors.iter().skip(i + 1).map(move |b| (a, b)))
            .collect()
    } else {
        e.actors
            .iter()
            .flat_map(|a| e.recipients.iter().map(move |b| (a, b)))
            .collect()
    };
    let mut out = Vec::new();
    for (a, b) in pairs {
        if a.entity.is_empty() || b.entity.is_empty() || a.entity == b.entity {
            continue;
        }
        let statement = if e.summary.is_empty() {
            format!("{} {} {}", a.entity, e.event_type.label(), b.entity)
        } else {
            e.summary.clone()
        };
        out.push(Fight {
            a: a.entity.clone(),
            b: b.entity.clone(),
            when: when.clone(),
            confidence: base_confidence(e),
            from_document: true,
            link: event_link("conflict", src, statement),
        });
    }
    out
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
        link: ChainLink {
            kind: "transfer".into(),
            statement: describe_register_transfer(t),
            source: t.provenance.source(),
            evidence: None,
            event: None,
        },
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
        link: ChainLink {
            kind: "conflict".into(),
            statement: describe_conflict(c),
            source: c.provenance.source(),
            evidence: None,
            event: None,
        },
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
    /// Facts already counted (a fact supports many combinations but counts once).
    counted: std::collections::HashSet<(String, Option<String>, String)>,
    has_document: bool,
    /// Reference links with their distance in years to the other fact, so that only the
    /// closest are kept.
    reference_transfers: Vec<(i64, ChainLink)>,
    reference_fights: Vec<(i64, ChainLink)>,
    /// Where each link of the chain is, by its key, so that adding one does not scan the
    /// whole chain.
    chained: HashMap<(String, Option<String>, String), Vec<usize>>,
}

impl Building {
    /// Appends a link unless the chain already holds it.
    fn chain_once(&mut self, link: &ChainLink) {
        let chain = &mut self.alert.chain;
        if self.chained.is_empty() {
            for (i, l) in chain.iter().enumerate() {
                self.chained.entry(link_key(l)).or_default().push(i);
            }
        }
        let slots = self.chained.entry(link_key(link)).or_default();
        if slots.iter().any(|&i| chain.get(i) == Some(link)) {
            return;
        }
        slots.push(chain.len());
        chain.push(link.clone());
    }
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

fn link_key(l: &ChainLink) -> (String, Option<String>, String) {
    (l.source.clone(), l.event.clone(), l.statement.clone())
}

/// Raise alerts from transfer and fight facts. See the module docs for the rule.
fn raise(
    transfers: &[Transfer],
    fights: &[Fight],
    refs: &ReferenceData,
    names: &Names,
    opts: &AlertOptions,
) -> Vec<Alert> {
    let mut fights_of: HashMap<&str, Vec<&Fight>> = HashMap::new();
    for f in fights {
        fights_of.entry(f.a.as_str()).or_default().push(f);
        fights_of.entry(f.b.as_str()).or_default().push(f);
    }
    let mut alliance_cache: HashMap<(String, String), Vec<Ally>> = HashMap::new();
    let mut alerts: BTreeMap<AlertKey, Building> = BTreeMap::new();
    // Transfers alike in everything a combination depends on (parties, time, whether from a
    // document) combine with the same fights, so the fights are walked once per such shape
    // and the others only add their own fact: a long document that repeats one transfer
    // and one fight a thousand times costs thousands of steps, not a million.
    let mut combined: HashMap<TransferShape<'_>, Vec<Combination>> = HashMap::new();
    for t in transfers {
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
                let undated = if t.when.start.is_none() { 0.9 } else { 1.0 };
                if b.counted.insert(link_key(&t.link)) {
                    b.transfer_misses *= 1.0 - (t.confidence * undated).clamp(0.0, 1.0);
                }
                b.has_document |= c.has_document;
                if t.from_document {
                    b.chain_once(&t.link);
                } else {
                    match b.reference_transfers.iter_mut().find(|(_, l)| *l == t.link) {
                        Some(existing) => existing.0 = existing.0.min(c.distance),
                        None => b.reference_transfers.push((c.distance, t.link.clone())),
                    }
                }
            }
            continue;
        }
        let mut done: Vec<Combination> = Vec::new();
        let window = Interval {
            start: shift_years(&t.when.start, -1),
            end: shift_years(&t.when.end, opts.window_years),
        };
        for f in fights_of.get(t.recipient.as_str()).into_iter().flatten() {
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
                let undated = |iv: &Interval| if iv.start.is_none() { 0.9 } else { 1.0 };
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
                        counted: Default::default(),
                        has_document: false,
                        reference_transfers: Vec::new(),
                        reference_fights: Vec::new(),
                        chained: HashMap::new(),
                    }
                });
                b.alliance = b.alliance.max(alliance);
                if b.counted.insert(link_key(&t.link)) {
                    b.transfer_misses *= 1.0 - (t.confidence * undated(&t.when)).clamp(0.0, 1.0);
                }
                if b.counted.insert(link_key(&f.link)) {
                    b.fight_misses *= 1.0 - (f.confidence * undated(&f.when)).clamp(0.0, 1.0);
                }
                b.has_document |= t.from_document || f.from_document;
                let distance = match (year_of(&t.when), year_of(&f.when)) {
                    (Some(a), Some(c)) => (a - c).abs(),
                    _ => i64::MAX,
                };
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
                for (link, from_doc, bucket) in
                    [(&t.link, t.from_document, 0), (&f.link, f.from_document, 1)]
                {
                    if from_doc {
                        b.chain_once(link);
                    } else {
                        let list = if bucket == 0 {
                            &mut b.reference_transfers
                        } else {
                            &mut b.reference_fights
                        };
                        match list.iter_mut().find(|(_, l)| l == link) {
                            Some(existing) => existing.0 = existing.0.min(distance),
                            None => list.push((distance, link.clone())),
                        }
                    }
                }
            }
        }
        combined.insert(shape, done);
    }
    alerts
        .into_values()
        .filter(|b| !opts.require_document || b.has_document)
        .map(|mut b| {
            for mut list in [b.reference_transfers, b.reference_fights] {
                list.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.source.cmp(&y.1.source)));
                let mut kept: Vec<ChainLink> = list
                    .into_iter()
                    .take(opts.max_reference_links)
                    .map(|(_, l)| l)
                    .collect();
                // Row keys carry the year (`388/2020/…`): sorted they read as a time line.
                kept.sort_by(|x, y| x.source.cmp(&y.source));
                b.alert.chain.extend(kept);
            }
            // Order the chain as a reader follows it: alliance, transfer, fight.
            b.alert.chain.sort_by_key(|l| match l.kind.as_str() {
                "membership" | "treaty" => 0,
                "transfer" => 1,
                _ => 2,
            });
            let confidence = (1.0 - b.transfer_misses) * (1.0 - b.fight_misses) * b.alliance;
            b.alert.confidence = (confidence * 100.0).round() / 100.0;
            b.alert.confidence = b.alert.confidence.min(0.99);
            b.alert
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
    let mut transfers: Vec<Transfer> = events.iter().flat_map(transfers_from_event).collect();
    if opts.register_transfers {
        transfers.extend(refs.transfers.iter().map(register_transfer));
    }
    let mut fights: Vec<Fight> = events.iter().flat_map(fights_from_event).collect();
    fights.extend(refs.conflicts.iter().map(reference_fight));
    let mut alerts = raise(&transfers, &fights, refs, names, opts);
    alerts.sort_by(|a, b| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    alerts
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
