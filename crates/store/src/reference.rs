//! Reference facts (alliance organisations, memberships, pacts, conflict dyads, arms-transfer
//! register rows) with their provenance.
//!
//! The store keeps each fact as JSON plus the few columns queries filter on; what a fact
//! means is decided by `armsgraph-kb::reference` and the analysis importers. A fact is
//! identified by `(dataset, row_ref)`: importing the same dataset again inserts nothing.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::{Result, Store};

/// One stored reference fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRow {
    /// `organisation`, `membership`, `pact`, `conflict`, `transfer`.
    pub kind: String,
    pub dataset: String,
    /// Stable key of the row within its dataset.
    pub row_ref: String,
    /// The acting or first party (member, supplier, side A).
    pub subject: Option<String>,
    /// The other party (organisation for a membership, recipient, side B).
    pub object: Option<String>,
    /// Start and end of validity (ISO dates, possibly partial).
    pub start: Option<String>,
    pub end: Option<String>,
    /// The full fact as JSON.
    pub json: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub inserted: usize,
    /// Already stored under the same `(dataset, row_ref)`.
    pub unchanged: usize,
}

/// Facts per dataset and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetCount {
    pub dataset: String,
    pub kind: String,
    pub facts: i64,
}

pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS reference_facts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            dataset TEXT NOT NULL,
            row_ref TEXT NOT NULL,
            subject TEXT,
            object TEXT,
            start TEXT,
            end TEXT,
            json TEXT NOT NULL,
            UNIQUE (dataset, row_ref)
        );
        CREATE INDEX IF NOT EXISTS reference_facts_subject ON reference_facts(subject, kind);
        CREATE INDEX IF NOT EXISTS reference_facts_object ON reference_facts(object, kind);",
    )?;
    Ok(())
}

pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM reference_facts", [], |r| r.get(0))?)
}

fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReferenceRow> {
    Ok(ReferenceRow {
        kind: r.get(0)?,
        dataset: r.get(1)?,
        row_ref: r.get(2)?,
        subject: r.get(3)?,
        object: r.get(4)?,
        start: r.get(5)?,
        end: r.get(6)?,
        json: r.get(7)?,
    })
}

const SELECT: &str =
    "SELECT kind, dataset, row_ref, subject, object, start, end, json FROM reference_facts";

impl Store {
    /// Store reference facts in one transaction; rows whose `(dataset, row_ref)` is already
    /// stored are left as they are.
    pub fn insert_reference(&mut self, rows: &[ReferenceRow]) -> Result<ImportCounts> {
        if let Some(pg) = self.pg() {
            return pg.insert_reference(rows);
        }
        let conn = self.conn_mut()?;
        crate::with_retry(|| insert_reference_once(conn, rows))
    }
}

fn insert_reference_once(conn: &mut Connection, rows: &[ReferenceRow]) -> Result<ImportCounts> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut counts = ImportCounts::default();
    {
        let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO reference_facts(kind, dataset, row_ref, subject, object, start, end, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
        for r in rows {
            let n = stmt.execute(params![
                r.kind, r.dataset, r.row_ref, r.subject, r.object, r.start, r.end, r.json
            ])?;
            if n == 0 {
                counts.unchanged += 1;
            } else {
                counts.inserted += 1;
            }
        }
    }
    tx.commit()?;
    Ok(counts)
}

impl Store {
    /// Reference facts, optionally of one kind, in insertion order.
    pub fn reference_facts(&self, kind: Option<&str>) -> Result<Vec<ReferenceRow>> {
        if let Some(pg) = self.pg() {
            return pg.reference_facts(kind);
        }
        let mut stmt = self.conn()?.prepare(&format!(
            "{SELECT} WHERE (?1 IS NULL OR kind = ?1) ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![kind], row_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reference facts naming `entity` as subject or object.
    pub fn reference_facts_of(&self, entity: &str) -> Result<Vec<ReferenceRow>> {
        if let Some(pg) = self.pg() {
            return pg.reference_facts_of(entity);
        }
        let mut stmt = self.conn()?.prepare(&format!(
            "{SELECT} WHERE subject = ?1 OR object = ?1 ORDER BY start, id"
        ))?;
        let rows = stmt.query_map(params![entity], row_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Number of facts per dataset and kind.
    pub fn reference_datasets(&self) -> Result<Vec<DatasetCount>> {
        if let Some(pg) = self.pg() {
            return pg.reference_datasets();
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT dataset, kind, count(*) FROM reference_facts GROUP BY dataset, kind ORDER BY dataset, kind",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DatasetCount {
                dataset: r.get(0)?,
                kind: r.get(1)?,
                facts: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importing_twice_is_idempotent() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = vec![ReferenceRow {
            kind: "membership".into(),
            dataset: "alliance-memberships".into(),
            row_ref: "CSTO/BLR/1993-12-31".into(),
            subject: Some("BLR".into()),
            object: Some("CSTO".into()),
            start: Some("1993-12-31".into()),
            end: None,
            json: "{}".into(),
        }];
        let first = store.insert_reference(&rows).unwrap();
        assert_eq!(
            first,
            ImportCounts {
                inserted: 1,
                unchanged: 0
            }
        );
        let again = store.insert_reference(&rows).unwrap();
        assert_eq!(
            again,
            ImportCounts {
                inserted: 0,
                unchanged: 1
            }
        );
        assert_eq!(store.reference_facts(Some("membership")).unwrap(), rows);
        assert_eq!(store.reference_facts_of("CSTO").unwrap().len(), 1);
        assert_eq!(store.stats().unwrap().reference_facts, 1);
    }
}
