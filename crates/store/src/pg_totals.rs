//! The rows that many documents share on PostgreSQL — running totals (`entity_counts`,
//! `entity_surfaces`, `entity_edges`, `entity_affiliation_set`, `pair_facts`) and first-seen
//! names and keys (`entity_names`, `entity_role_firsts`, `affiliation_members`,
//! `pair_fact_names`) — collected while a document's own rows are written, then written in
//! **one statement, the last before COMMIT**.
//!
//! Why: an upsert of a shared row keeps that row locked until the transaction ends, and rows
//! such as `entity_counts` of `USA` are in a large share of all documents. Written where the
//! rows were computed (mid-insert, as before), each writer held them across the rest of its
//! insert — some twenty round trips, the copy-cluster locks included — so concurrent writers
//! ran one after the other (≈ 20 documents/s with four writers, docs/notes/postgres.md). Now
//! a writer holds them for one statement and the commit.
//!
//! No deadlocks between writers: every writer runs this same statement, whose parts take
//! their rows table by table in one fixed order (the order of the sub-selects in the final
//! `SELECT`), and within a table in key order (`ORDER BY` of the key, byte order). A document's
//! rows are distinct per key (one statement may not update a row twice): each list is
//! gathered in a map by key.

use std::collections::BTreeMap;

use postgres::Transaction;

use crate::pair_facts::FIRST_LINKS;
use crate::pg::Statements;
use crate::Result;

/// One document's contributions to the shared rows, by table and key.
#[derive(Debug, Default)]
pub(crate) struct SharedRows {
    /// `entity_counts`: entity → (kind, name, mentions); each adds one document.
    pub counts: BTreeMap<String, (&'static str, String, i64)>,
    /// `entity_surfaces`: (entity, surface) → mentions.
    pub surfaces: BTreeMap<(String, String), i64>,
    /// `entity_names`: (entity, lower-cased text).
    pub names: BTreeMap<(String, String), ()>,
    /// `entity_edges`: (entity, actor, recipient, relation) → (events, pairs, first key,
    /// actor name, recipient name).
    pub edges: BTreeMap<EdgeKey, EdgeSums>,
    /// `entity_role_firsts`: (entity, role json) → first key.
    pub role_firsts: BTreeMap<(String, String), String>,
    /// `entity_affiliation_set`: (entity, affiliation) → documents mentioning the entity.
    pub affiliations: BTreeMap<(String, String), i64>,
    /// `affiliation_members`: (affiliation, entity) → (name, first key).
    pub members: BTreeMap<(String, String), (String, String)>,
    /// `pair_fact_names`: entity → (name, first key).
    pub fact_names: BTreeMap<String, (String, String)>,
    /// `pair_facts`: key → (facts, first key, links as JSON).
    pub facts: BTreeMap<FactKey, (i64, String, String)>,
}

/// An `entity_edges` key: entity, actor, recipient, relation.
pub(crate) type EdgeKey = (String, String, String, String);
/// An `entity_edges` row's sums: events, pairs, first key, actor name, recipient name.
pub(crate) type EdgeSums = (i64, i64, String, String, String);

/// The key of a `pair_facts` row: kind, a, b, start (`''` when open), end, confidence bits.
pub(crate) type FactKey = (String, String, String, String, String, u64);

/// The statement (see the module doc). The `pair_facts` merge keeps what the former
/// read-modify-write in Rust kept: both link lists in key order (byte order; on equal keys
/// this document's first), the first [`FIRST_LINKS`]; JSON array elements of a `json` value
/// keep their text, so the list reads as serde wrote it.
fn statement() -> String {
    format!(
        r#"WITH
counts AS (
  INSERT INTO entity_counts(entity, kind, name, mentions, documents)
  SELECT t.e, t.k, t.n, t.m, 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[])
      AS t(e, k, n, m) ORDER BY t.e COLLATE "C"
  ON CONFLICT (entity) DO UPDATE SET mentions = entity_counts.mentions + excluded.mentions,
                                     documents = entity_counts.documents + 1
  RETURNING 1),
surfaces AS (
  INSERT INTO entity_surfaces(entity, surface, mentions)
  SELECT t.e, t.s, t.m FROM unnest($5::text[], $6::text[], $7::int8[]) AS t(e, s, m)
  ORDER BY t.e COLLATE "C", t.s COLLATE "C"
  ON CONFLICT (entity, surface)
  DO UPDATE SET mentions = entity_surfaces.mentions + excluded.mentions
  RETURNING 1),
names AS (
  INSERT INTO entity_names(entity, text)
  SELECT t.e, t.x FROM unnest($8::text[], $9::text[]) AS t(e, x)
  ORDER BY t.e COLLATE "C", t.x COLLATE "C"
  ON CONFLICT DO NOTHING
  RETURNING 1),
edges AS (
  INSERT INTO entity_edges(entity, actor, recipient, relation, events, pairs, first_key,
                           actor_name, recipient_name)
  SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::int8[],
                       $15::int8[], $16::text[], $17::text[], $18::text[])
      AS t(en, ac, re, rl, ev, pr, fk, an, rn)
  ORDER BY t.en COLLATE "C", t.ac COLLATE "C", t.re COLLATE "C", t.rl COLLATE "C"
  ON CONFLICT (entity, actor, recipient, relation) DO UPDATE SET
    events = entity_edges.events + excluded.events,
    pairs = entity_edges.pairs + excluded.pairs,
    actor_name = CASE WHEN excluded.first_key < entity_edges.first_key
                 THEN excluded.actor_name ELSE entity_edges.actor_name END,
    recipient_name = CASE WHEN excluded.first_key < entity_edges.first_key
                     THEN excluded.recipient_name ELSE entity_edges.recipient_name END,
    first_key = CASE WHEN excluded.first_key < entity_edges.first_key
                THEN excluded.first_key ELSE entity_edges.first_key END
  RETURNING 1),
role_firsts AS (
  INSERT INTO entity_role_firsts(entity, json, first_key)
  SELECT * FROM unnest($19::text[], $20::text[], $21::text[]) AS t(en, js, fk)
  ORDER BY t.en COLLATE "C", t.js COLLATE "C"
  ON CONFLICT (entity, json) DO UPDATE SET first_key = excluded.first_key
  WHERE excluded.first_key < entity_role_firsts.first_key
  RETURNING 1),
affiliations AS (
  INSERT INTO entity_affiliation_set(entity, affiliation, mentioned_docs)
  SELECT * FROM unnest($22::text[], $23::text[], $24::int8[]) AS t(en, gr, n)
  ORDER BY t.en COLLATE "C", t.gr COLLATE "C"
  ON CONFLICT (entity, affiliation) DO UPDATE SET
    mentioned_docs = entity_affiliation_set.mentioned_docs + excluded.mentioned_docs
  RETURNING 1),
members AS (
  INSERT INTO affiliation_members(affiliation, entity, name, first_key)
  SELECT * FROM unnest($25::text[], $26::text[], $27::text[], $28::text[]) AS t(gr, en, nm, fk)
  ORDER BY t.gr COLLATE "C", t.en COLLATE "C"
  ON CONFLICT (affiliation, entity) DO UPDATE SET name = excluded.name,
    first_key = excluded.first_key
  WHERE excluded.first_key < affiliation_members.first_key
  RETURNING 1),
fact_names AS (
  INSERT INTO pair_fact_names(entity, name, first_key)
  SELECT * FROM unnest($29::text[], $30::text[], $31::text[]) AS t(en, nm, fk)
  ORDER BY t.en COLLATE "C"
  ON CONFLICT (entity) DO UPDATE SET name = excluded.name, first_key = excluded.first_key
  WHERE excluded.first_key < pair_fact_names.first_key
  RETURNING 1),
facts AS (
  INSERT INTO pair_facts(kind, a, b, time_start, time_end, confidence, facts, documents,
                         first_key, links)
  SELECT t.k, t.a, t.b, t.ts, t.te, t.c, t.n, 1, t.fk, t.l
  FROM unnest($32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::float8[],
              $38::int8[], $39::text[], $40::text[]) AS t(k, a, b, ts, te, c, n, fk, l)
  ORDER BY t.k COLLATE "C", t.a COLLATE "C", t.b COLLATE "C", t.ts COLLATE "C",
           t.te COLLATE "C", t.c
  ON CONFLICT (kind, a, b, time_start, time_end, confidence) DO UPDATE SET
    facts = pair_facts.facts + excluded.facts,
    documents = pair_facts.documents + 1,
    links = (SELECT '[' || coalesce(string_agg(m.x::text, ',' ORDER BY m.k, m.src, m.n), '')
                    || ']'
             FROM (SELECT u.x, (u.x ->> 0) COLLATE "C" AS k, u.src, u.n
                   FROM (SELECT e.x, 0 AS src, e.n
                         FROM json_array_elements(excluded.links::json) WITH ORDINALITY AS e(x, n)
                         UNION ALL
                         SELECT e.x, 1, e.n
                         FROM json_array_elements(pair_facts.links::json) WITH ORDINALITY AS e(x, n))
                        AS u
                   ORDER BY 2, 3, 4 LIMIT {FIRST_LINKS}) AS m),
    first_key = CASE WHEN pair_facts.first_key = '' THEN excluded.first_key
                     WHEN excluded.first_key = '' THEN pair_facts.first_key
                     WHEN excluded.first_key < pair_facts.first_key THEN excluded.first_key
                     ELSE pair_facts.first_key END
  RETURNING 1)
SELECT (SELECT count(*) FROM counts), (SELECT count(*) FROM surfaces),
       (SELECT count(*) FROM names), (SELECT count(*) FROM edges),
       (SELECT count(*) FROM role_firsts), (SELECT count(*) FROM affiliations),
       (SELECT count(*) FROM members), (SELECT count(*) FROM fact_names),
       (SELECT count(*) FROM facts)"#
    )
}

impl SharedRows {
    pub(crate) fn is_empty(&self) -> bool {
        self.counts.is_empty()
            && self.surfaces.is_empty()
            && self.names.is_empty()
            && self.edges.is_empty()
            && self.role_firsts.is_empty()
            && self.affiliations.is_empty()
            && self.members.is_empty()
            && self.fact_names.is_empty()
            && self.facts.is_empty()
    }

    /// Writes the rows (one statement, one round trip); call it last before the commit.
    pub(crate) fn write(&self, tx: &mut Transaction<'_>, statements: &Statements) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let (mut c_e, mut c_k, mut c_n, mut c_m) = (vec![], vec![], vec![], vec![]);
        for (entity, (kind, name, mentions)) in &self.counts {
            c_e.push(entity.as_str());
            c_k.push(*kind);
            c_n.push(name.as_str());
            c_m.push(*mentions);
        }
        let (mut s_e, mut s_s, mut s_m) = (vec![], vec![], vec![]);
        for ((entity, surface), n) in &self.surfaces {
            s_e.push(entity.as_str());
            s_s.push(surface.as_str());
            s_m.push(*n);
        }
        let (mut n_e, mut n_t) = (vec![], vec![]);
        for (entity, text) in self.names.keys() {
            n_e.push(entity.as_str());
            n_t.push(text.as_str());
        }
        let (mut e_en, mut e_ac, mut e_re, mut e_rl) = (vec![], vec![], vec![], vec![]);
        let (mut e_ev, mut e_pr, mut e_fk, mut e_an, mut e_rn) =
            (vec![], vec![], vec![], vec![], vec![]);
        for ((entity, actor, recipient, relation), (events, pairs, first, a, r)) in &self.edges {
            e_en.push(entity.as_str());
            e_ac.push(actor.as_str());
            e_re.push(recipient.as_str());
            e_rl.push(relation.as_str());
            e_ev.push(*events);
            e_pr.push(*pairs);
            e_fk.push(first.as_str());
            e_an.push(a.as_str());
            e_rn.push(r.as_str());
        }
        let (mut r_en, mut r_js, mut r_fk) = (vec![], vec![], vec![]);
        for ((entity, json), key) in &self.role_firsts {
            r_en.push(entity.as_str());
            r_js.push(json.as_str());
            r_fk.push(key.as_str());
        }
        let (mut a_en, mut a_gr, mut a_n) = (vec![], vec![], vec![]);
        for ((entity, group), n) in &self.affiliations {
            a_en.push(entity.as_str());
            a_gr.push(group.as_str());
            a_n.push(*n);
        }
        let (mut m_gr, mut m_en, mut m_nm, mut m_fk) = (vec![], vec![], vec![], vec![]);
        for ((group, entity), (name, key)) in &self.members {
            m_gr.push(group.as_str());
            m_en.push(entity.as_str());
            m_nm.push(name.as_str());
            m_fk.push(key.as_str());
        }
        let (mut f_en, mut f_nm, mut f_fk) = (vec![], vec![], vec![]);
        for (entity, (name, key)) in &self.fact_names {
            f_en.push(entity.as_str());
            f_nm.push(name.as_str());
            f_fk.push(key.as_str());
        }
        let (mut p_k, mut p_a, mut p_b, mut p_ts, mut p_te) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut p_c, mut p_n, mut p_fk, mut p_l) = (vec![], vec![], vec![], vec![]);
        for ((kind, a, b, start, end, confidence), (facts, first, links)) in &self.facts {
            p_k.push(kind.as_str());
            p_a.push(a.as_str());
            p_b.push(b.as_str());
            p_ts.push(start.as_str());
            p_te.push(end.as_str());
            p_c.push(f64::from_bits(*confidence));
            p_n.push(*facts);
            p_fk.push(first.as_str());
            p_l.push(links.as_str());
        }
        statements.query_one(
            tx,
            &statement(),
            &[
                &c_e, &c_k, &c_n, &c_m, &s_e, &s_s, &s_m, &n_e, &n_t, &e_en, &e_ac, &e_re, &e_rl,
                &e_ev, &e_pr, &e_fk, &e_an, &e_rn, &r_en, &r_js, &r_fk, &a_en, &a_gr, &a_n, &m_gr,
                &m_en, &m_nm, &m_fk, &f_en, &f_nm, &f_fk, &p_k, &p_a, &p_b, &p_ts, &p_te, &p_c,
                &p_n, &p_fk, &p_l,
            ],
        )?;
        Ok(())
    }
}
