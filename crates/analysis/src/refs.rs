//! Reference data in and out of the store, and importers for the datasets users download
//! themselves (SIPRI trade registers, UCDP/PRIO ACD, ATOP member-level files, alliance
//! tables).
//!
//! Every importer turns rows into typed facts of [`armsgraph_kb::reference`], each with its
//! `(dataset, row)` provenance, and stores them with [`Store::insert_reference`] — importing
//! a file twice inserts nothing the second time.

use std::collections::HashMap;
use std::path::Path;

use armsgraph_kb::reference::{
    ConflictDyad, Membership, Obligation, Organisation, Pact, Provenance, ReferenceData,
    RegisterTransfer,
};
use armsgraph_kb::{DataFiles, Kb};
use armsgraph_store::reference::{ImportCounts, ReferenceRow};
use armsgraph_store::Store;
use serde::Serialize;

use crate::AnalysisError;

/// Dataset name of SIPRI trade-register rows.
pub const SIPRI_DATASET: &str = "sipri-trade-register";

fn to_json<T: Serialize>(what: &str, value: &T) -> Result<String, AnalysisError> {
    serde_json::to_string(value).map_err(|e| AnalysisError::Json(format!("{what}: {e}")))
}

/// Store rows for every fact of `refs`.
pub fn to_rows(refs: &ReferenceData) -> Result<Vec<ReferenceRow>, AnalysisError> {
    let mut rows = Vec::new();
    for o in &refs.organisations {
        rows.push(ReferenceRow {
            kind: "organisation".into(),
            dataset: o.provenance.dataset.clone(),
            row_ref: o.provenance.row.clone(),
            subject: Some(o.id.clone()),
            object: None,
            start: o.obligation_since.clone(),
            end: None,
            json: to_json("organisation", o)?,
        });
    }
    for m in &refs.memberships {
        rows.push(ReferenceRow {
            kind: "membership".into(),
            dataset: m.provenance.dataset.clone(),
            row_ref: m.provenance.row.clone(),
            subject: Some(m.member.clone()),
            object: Some(m.org.clone()),
            start: m.joined.clone(),
            end: m.left.clone(),
            json: to_json("membership", m)?,
        });
    }
    for p in &refs.pacts {
        rows.push(ReferenceRow {
            kind: "pact".into(),
            dataset: p.provenance.dataset.clone(),
            row_ref: p.provenance.row.clone(),
            subject: Some(p.state_a.clone()),
            object: Some(p.state_b.clone()),
            start: p.signed.clone(),
            end: p.ended.clone(),
            json: to_json("pact", p)?,
        });
    }
    for c in &refs.conflicts {
        let iv = c.interval();
        rows.push(ReferenceRow {
            kind: "conflict".into(),
            dataset: c.provenance.dataset.clone(),
            row_ref: c.provenance.row.clone(),
            subject: Some(c.state_a.clone()),
            object: Some(c.state_b.clone()),
            start: iv.start,
            end: iv.end,
            json: to_json("conflict", c)?,
        });
    }
    for t in &refs.transfers {
        let iv = t.interval();
        rows.push(ReferenceRow {
            kind: "transfer".into(),
            dataset: t.provenance.dataset.clone(),
            row_ref: t.provenance.row.clone(),
            subject: Some(t.supplier.clone()),
            object: Some(t.recipient.clone()),
            start: iv.start,
            end: iv.end,
            json: to_json("transfer", t)?,
        });
    }
    Ok(rows)
}

/// Typed facts from store rows; rows of unknown kind are skipped.
pub fn from_rows(rows: &[ReferenceRow]) -> Result<ReferenceData, AnalysisError> {
    fn parse<T: serde::de::DeserializeOwned>(r: &ReferenceRow) -> Result<T, AnalysisError> {
        serde_json::from_str(&r.json)
            .map_err(|e| AnalysisError::Json(format!("{}:{}: {e}", r.dataset, r.row_ref)))
    }
    let mut refs = ReferenceData::default();
    for r in rows {
        match r.kind.as_str() {
            "organisation" => refs.organisations.push(parse::<Organisation>(r)?),
            "membership" => refs.memberships.push(parse::<Membership>(r)?),
            "pact" => refs.pacts.push(parse::<Pact>(r)?),
            "conflict" => refs.conflicts.push(parse::<ConflictDyad>(r)?),
            "transfer" => refs.transfers.push(parse::<RegisterTransfer>(r)?),
            _ => {}
        }
    }
    Ok(refs)
}

/// Store every fact of `refs`.
pub fn import(store: &mut Store, refs: &ReferenceData) -> Result<ImportCounts, AnalysisError> {
    Ok(store.insert_reference(&to_rows(refs)?)?)
}

/// Import the default reference data shipped in `data/reference/` (alliances, UCDP dyads).
pub fn import_defaults(
    store: &mut Store,
    files: &DataFiles,
) -> Result<ImportCounts, AnalysisError> {
    let refs = ReferenceData::load(files)?;
    import(store, &refs)
}

/// The reference data analysis works with: everything in the store, plus the shipped
/// defaults when the store holds no alliance facts yet (so `alerts` works on a fresh
/// database). Returns whether the defaults were added.
pub fn load_reference(
    store: &Store,
    files: &DataFiles,
) -> Result<(ReferenceData, bool), AnalysisError> {
    let mut refs = from_rows(&store.reference_facts(None)?)?;
    let add_defaults = refs.memberships.is_empty();
    if add_defaults {
        refs.extend(ReferenceData::load(files)?);
    }
    Ok((refs, add_defaults))
}

/// Resolves state names used by registers to ISO alpha-3: `reference/sipri-names.tsv`,
/// `reference/gw-iso3.tsv` names and, when loaded, the knowledge base's English names.
pub struct StateNames {
    by_name: HashMap<String, String>,
    kb: Option<Kb>,
}

impl StateNames {
    pub fn load(files: &DataFiles, kb: Option<Kb>) -> Result<StateNames, AnalysisError> {
        let mut by_name = HashMap::new();
        for (path, name_col, id_col) in [
            ("reference/gw-iso3.tsv", 2usize, 1usize),
            ("reference/sipri-names.tsv", 0, 1),
        ] {
            let text = files.read(path)?;
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .skip(1)
            {
                let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
                if let (Some(name), Some(id)) = (cols.get(name_col), cols.get(id_col)) {
                    by_name.insert(name.to_lowercase(), id.to_string());
                    // `Russia (Soviet Union)` is also found as `Russia`.
                    if let Some((short, _)) = name.split_once(" (") {
                        by_name
                            .entry(short.to_lowercase())
                            .or_insert(id.to_string());
                    }
                }
            }
        }
        Ok(StateNames { by_name, kb })
    }

    /// ISO alpha-3 of a state name, or `name:<name>` when unknown (non-state actors,
    /// `unknown supplier(s)`).
    pub fn resolve(&self, name: &str) -> String {
        let clean = name.trim().trim_end_matches('*').trim();
        if let Some(id) = self.by_name.get(&clean.to_lowercase()) {
            return id.clone();
        }
        if let Some(kb) = &self.kb {
            if let Some(e) = kb
                .lookup(clean, Some("en"))
                .into_iter()
                .find(|e| e.kind == armsgraph_model::EntityKind::State)
            {
                return e.id.clone();
            }
        }
        format!("name:{clean}")
    }
}

fn parse_u64(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse().ok()
}

/// Parse a SIPRI trade register (CSV export: preamble lines, then the header row starting
/// with `Recipient,Supplier`). The preamble is skipped by finding the header, not by
/// counting lines, so exports with more or fewer notes still read.
pub fn parse_sipri(text: &str, names: &StateNames) -> Result<Vec<RegisterTransfer>, AnalysisError> {
    let Some(header_at) = text.lines().position(|l| {
        l.starts_with("Recipient,Supplier") || l.starts_with("\"Recipient\",\"Supplier\"")
    }) else {
        return Err(AnalysisError::Format(
            "no `Recipient,Supplier,…` header row: not a SIPRI trade-register CSV".into(),
        ));
    };
    let body: String = text.lines().skip(header_at).collect::<Vec<_>>().join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| AnalysisError::Format(format!("SIPRI header: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let need = |name: &str| {
        col(name)
            .ok_or_else(|| AnalysisError::Format(format!("SIPRI register lacks column `{name}`")))
    };
    let recipient = need("recipient")?;
    let supplier = need("supplier")?;
    let order_year = need("year of order")?;
    let ordered = need("number ordered")?;
    let designation = need("weapon designation")?;
    let description = col("weapon description");
    let delivered = col("number delivered");
    let delivery_years = col("year(s) of delivery");
    let status = col("status");
    let comments = col("comments");
    let tiv_unit = col("sipri tiv per unit");
    let tiv_order = col("sipri tiv for total order");
    let tiv_delivered = col("sipri tiv of delivered weapons");

    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| AnalysisError::Format(format!("SIPRI row: {e}")))?;
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let supplier_name = cell(Some(supplier));
        let recipient_name = cell(Some(recipient));
        if supplier_name.is_empty() || recipient_name.is_empty() {
            continue;
        }
        let order = cell(Some(order_year));
        let order_year_v = order.parse::<i32>().ok();
        // The unnamed column right after `Year of order` holds `?` for uncertain years.
        let uncertain = cell(Some(order_year + 1)) == "?";
        let sup = names.resolve(&supplier_name);
        let rec = names.resolve(&recipient_name);
        let design = cell(Some(designation));
        let base = format!("{sup}/{rec}/{design}/{order}");
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        out.push(RegisterTransfer {
            supplier: sup,
            supplier_name,
            recipient: rec,
            recipient_name,
            designation: design,
            description: cell(description),
            order_year: order_year_v,
            order_year_uncertain: uncertain,
            ordered: parse_u64(&cell(Some(ordered))),
            delivered: parse_u64(&cell(delivered)),
            delivery_years: cell(delivery_years)
                .split(';')
                .filter_map(|y| y.trim().parse().ok())
                .collect(),
            status: cell(status),
            comments: cell(comments),
            tiv_per_unit: parse_f64(&cell(tiv_unit)),
            tiv_total_order: parse_f64(&cell(tiv_order)),
            tiv_delivered: parse_f64(&cell(tiv_delivered)),
            provenance: Provenance::new(SIPRI_DATASET, format!("{base}/{n}")),
        });
    }
    Ok(out)
}

/// Map of Gleditsch–Ward (and, for the states concerned, COW) numbers to ISO alpha-3.
pub fn gw_iso3(files: &DataFiles) -> Result<HashMap<String, String>, AnalysisError> {
    let text = files.read("reference/gw-iso3.tsv")?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((
                cols.next()?.trim().to_string(),
                cols.next()?.trim().to_string(),
            ))
        })
        .collect())
}

fn csv_rows(text: &str) -> Result<(Vec<String>, Vec<csv::StringRecord>), AnalysisError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AnalysisError::Format(format!("CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AnalysisError::Format(format!("CSV row: {e}")))?;
    Ok((headers, rows))
}

/// Parse the UCDP/PRIO Armed Conflict Dataset (conflict-year CSV as published) into
/// state–state dyads, reading secondary warring parties (`gwno_*_2nd`) too. The dataset name
/// is `ucdp-acd-<version column>`, so the shipped dyads of the same version are not
/// duplicated.
pub fn parse_ucdp_acd(
    text: &str,
    gw: &HashMap<String, String>,
) -> Result<Vec<ConflictDyad>, AnalysisError> {
    let (headers, rows) = csv_rows(text)?;
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| AnalysisError::Format(format!("UCDP ACD file lacks column `{name}`")))
    };
    let c = |name: &str| col(name);
    let (cid, year, intensity, location, territory) = (
        c("conflict_id")?,
        c("year")?,
        c("intensity_level")?,
        c("location")?,
        c("territory_name")?,
    );
    let (side_a, side_b) = (c("side_a")?, c("side_b")?);
    let (gwa, gwa2, gwb, gwb2) = (
        c("gwno_a")?,
        c("gwno_a_2nd")?,
        c("gwno_b")?,
        c("gwno_b_2nd")?,
    );
    let (start2, prec2) = (c("start_date2")?, c("start_prec2")?);
    let (ep_end, version) = (c("ep_end_date")?, c("version")?);
    let mut out: Vec<ConflictDyad> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        let get = |i: usize| r.get(i).unwrap_or("").trim();
        let states = |i: usize| -> Vec<String> {
            get(i)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| gw.get(s).cloned().unwrap_or_else(|| format!("gw:{s}")))
                .collect()
        };
        let Ok(y) = get(year).parse::<i32>() else {
            continue;
        };
        let a: Vec<(String, &str)> = states(gwa)
            .into_iter()
            .map(|s| (s, "primary"))
            .chain(states(gwa2).into_iter().map(|s| (s, "secondary")))
            .collect();
        let b: Vec<(String, &str)> = states(gwb)
            .into_iter()
            .map(|s| (s, "primary"))
            .chain(states(gwb2).into_iter().map(|s| (s, "secondary")))
            .collect();
        let dataset = format!("ucdp-acd-{}", get(version));
        for (sa, ra) in &a {
            for (sb, rb) in &b {
                if sa == sb {
                    continue;
                }
                let row = format!("{}/{y}/{sa}-{sb}", get(cid));
                if !seen.insert(row.clone()) {
                    continue;
                }
                out.push(ConflictDyad {
                    conflict_id: get(cid).to_string(),
                    year: y,
                    state_a: sa.clone(),
                    state_b: sb.clone(),
                    role_a: ra.to_string(),
                    role_b: rb.to_string(),
                    intensity: get(intensity).parse().unwrap_or_default(),
                    location: get(location).to_string(),
                    territory: get(territory).to_string(),
                    sides: format!("{} vs {}", get(side_a), get(side_b)),
                    // Only episode starts known to within a week narrow the year (UCDP
                    // precision codes 1–3); a year-precise date would shrink it to a day.
                    episode_start: Some(get(start2).to_string())
                        .filter(|s| !s.is_empty() && matches!(get(prec2), "1" | "2" | "3")),
                    episode_end: Some(get(ep_end).to_string()).filter(|s| !s.is_empty()),
                    provenance: Provenance::new(&dataset, row),
                });
            }
        }
    }
    Ok(out)
}

/// Parse an ATOP member-level CSV (`atopid`, `member` (COW code), `yrent`/`moent`/`dayent`,
/// `yrexit`/`moexit`/`dayexit`, `defense`, `offense`, `neutral`, `nonagg`, `consul`): one
/// organisation `atop:<atopid>` per alliance and one membership per row.
pub fn parse_atop_members(
    text: &str,
    cow: &HashMap<String, String>,
) -> Result<ReferenceData, AnalysisError> {
    let (headers, rows) = csv_rows(text)?;
    let col = |name: &str| headers.iter().position(|h| h == name);
    let need = |name: &str| {
        col(name)
            .ok_or_else(|| AnalysisError::Format(format!("ATOP member file lacks column `{name}`")))
    };
    let (atopid, member) = (need("atopid")?, need("member")?);
    let (yrent, yrexit) = (need("yrent")?, need("yrexit")?);
    let (moent, dayent, moexit, dayexit) =
        (col("moent"), col("dayent"), col("moexit"), col("dayexit"));
    let flags = [
        ("defense", Obligation::Defence),
        ("offense", Obligation::Offence),
        ("neutral", Obligation::Neutrality),
        ("nonagg", Obligation::NonAggression),
        ("consul", Obligation::Consultation),
    ];
    let dataset = "atop";
    let mut refs = ReferenceData::default();
    let mut orgs: HashMap<String, Vec<Obligation>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        let get = |i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or("").trim();
        let id = get(Some(atopid)).to_string();
        let code = get(Some(member)).to_string();
        if id.is_empty() || code.is_empty() {
            continue;
        }
        let date = |y: &str, m: &str, d: &str| -> Option<String> {
            let y: i32 = y.parse().ok().filter(|y| *y > 0)?;
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m)).unwrap_or(0);
            let d: u32 = d.parse().ok().filter(|d| (1..=31).contains(d)).unwrap_or(0);
            Some(match (m, d) {
                (0, _) => format!("{y:04}"),
                (m, 0) => format!("{y:04}-{m:02}"),
                (m, d) => format!("{y:04}-{m:02}-{d:02}"),
            })
        };
        let joined = date(get(Some(yrent)), get(moent), get(dayent));
        let left = date(get(Some(yrexit)), get(moexit), get(dayexit));
        let obligations: Vec<Obligation> = flags
            .iter()
            .filter(|(f, _)| {
                col(f).is_some_and(|i| {
                    r.get(i)
                        .is_some_and(|v| v.trim() != "0" && !v.trim().is_empty())
                })
            })
            .map(|(_, o)| *o)
            .collect();
        let entry = orgs.entry(id.clone()).or_default();
        for o in obligations {
            if !entry.contains(&o) {
                entry.push(o);
            }
        }
        let state = cow
            .get(&code)
            .cloned()
            .unwrap_or_else(|| format!("cow:{code}"));
        let base = format!("{id}/{state}/{}", joined.clone().unwrap_or_default());
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        refs.memberships.push(Membership {
            org: format!("atop:{id}"),
            member: state,
            joined,
            left,
            note: String::new(),
            provenance: Provenance::new(dataset, format!("{base}/{n}")),
        });
    }
    let mut ids: Vec<_> = orgs.into_iter().collect();
    ids.sort();
    for (id, obligations) in ids {
        if obligations.is_empty() {
            continue;
        }
        refs.organisations.push(Organisation {
            id: format!("atop:{id}"),
            name: format!("ATOP alliance {id}"),
            obligations,
            obligation_since: None,
            basis: "ATOP member-level file".into(),
            provenance: Provenance::new(dataset, format!("org/{id}")),
        });
    }
    Ok(refs)
}

/// Read alliance tables from a directory: either the project layout
/// (`alliances/{organisations,memberships,pacts}.tsv` with `# dataset:` headers) or the
/// hand-compiled source layout (`organisations.tsv`, `memberships.tsv` with `member_iso3`,
/// `bilateral-pacts.tsv`).
pub fn read_alliance_dir(dir: &Path) -> Result<ReferenceData, AnalysisError> {
    if dir.join("alliances").join("memberships.tsv").is_file() {
        let mut refs = ReferenceData::load(&DataFiles::dir(dir))?;
        refs.conflicts.clear();
        return Ok(refs);
    }
    let read = |name: &str| -> Result<Vec<HashMap<String, String>>, AnalysisError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| AnalysisError::Format(format!("{}: {e}", path.display())))?;
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let header: Vec<String> = lines
            .next()
            .unwrap_or_default()
            .split('\t')
            .map(|h| h.trim().to_string())
            .collect();
        Ok(lines
            .map(|l| {
                header
                    .iter()
                    .cloned()
                    .zip(l.split('\t').map(|c| c.trim().to_string()))
                    .collect()
            })
            .collect())
    };
    let get = |r: &HashMap<String, String>, k: &str| r.get(k).filter(|v| !v.is_empty()).cloned();
    let dataset = "alliance-memberships";
    let mut refs = ReferenceData::default();
    for r in read("organisations.tsv")? {
        let Some(id) = get(&r, "org") else { continue };
        let obligations: Vec<Obligation> = get(&r, "obligation")
            .as_deref()
            .and_then(Obligation::parse)
            .into_iter()
            .collect();
        refs.organisations.push(Organisation {
            name: get(&r, "name_en").unwrap_or_else(|| id.clone()),
            obligations,
            obligation_since: None,
            basis: get(&r, "basis").unwrap_or_default(),
            provenance: Provenance::new(dataset, format!("org/{id}")),
            id,
        });
    }
    for r in read("memberships.tsv")? {
        let (Some(org), Some(member)) = (get(&r, "org"), get(&r, "member_iso3")) else {
            continue;
        };
        let joined = get(&r, "joined");
        refs.memberships.push(Membership {
            provenance: Provenance::new(
                dataset,
                format!("{org}/{member}/{}", joined.clone().unwrap_or_default()),
            ),
            org,
            member,
            joined,
            left: get(&r, "left"),
            note: get(&r, "note").unwrap_or_default(),
        });
    }
    if dir.join("bilateral-pacts.tsv").is_file() {
        for r in read("bilateral-pacts.tsv")? {
            let (Some(a), Some(b)) = (get(&r, "state_a"), get(&r, "state_b")) else {
                continue;
            };
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            let signed = get(&r, "signed");
            refs.pacts.push(Pact {
                provenance: Provenance::new(
                    dataset,
                    format!("pact/{a}-{b}/{}", signed.clone().unwrap_or_default()),
                ),
                state_a: a,
                state_b: b,
                signed,
                ended: get(&r, "ended"),
                obligations: get(&r, "obligation")
                    .as_deref()
                    .and_then(Obligation::parse)
                    .into_iter()
                    .collect(),
                treaty: get(&r, "treaty").unwrap_or_default(),
            });
        }
    }
    Ok(refs)
}
