//! Reference facts (`reference.rs`) and feed-watch state (`watch.rs`) on PostgreSQL: the same
//! tables and answers as on SQLite. `start`/`end` of a fact are `start_date`/`end_date` here,
//! as `END` is reserved (the mentions' `start_char`/`end_char` follow the same rule).

use postgres::Transaction;

use crate::pg::PgStore;
use crate::reference::{DatasetCount, ImportCounts, ReferenceRow};
use crate::watch::FeedState;
use crate::Result;

pub(crate) const REFERENCE_SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS reference_facts (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL,
    dataset TEXT COLLATE "C" NOT NULL,
    row_ref TEXT COLLATE "C" NOT NULL,
    subject TEXT COLLATE "C",
    object TEXT COLLATE "C",
    start_date TEXT COLLATE "C",
    end_date TEXT COLLATE "C",
    json TEXT NOT NULL,
    UNIQUE (dataset, row_ref)
);
CREATE INDEX IF NOT EXISTS reference_facts_subject ON reference_facts (subject, kind);
CREATE INDEX IF NOT EXISTS reference_facts_object ON reference_facts (object, kind);
CREATE TABLE IF NOT EXISTS watch_feeds (
    feed_url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_items (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
"#;

/// Rows per insert statement of an import: each column goes as one array parameter, and a
/// whole register (tens of thousands of rows) in one statement would be one huge message.
const IMPORT_CHUNK: usize = 2_000;

pub(crate) fn migrate(tx: &mut Transaction<'_>) -> Result<()> {
    tx.batch_execute(REFERENCE_SCHEMA)?;
    Ok(())
}

const SELECT: &str = "SELECT kind, dataset, row_ref, subject, object, start_date, end_date, json
                      FROM reference_facts";

fn row_of(r: &postgres::Row) -> ReferenceRow {
    ReferenceRow {
        kind: r.get(0),
        dataset: r.get(1),
        row_ref: r.get(2),
        subject: r.get(3),
        object: r.get(4),
        start: r.get(5),
        end: r.get(6),
        json: r.get(7),
    }
}

/// PostgreSQL text holds no NUL; a reference file with one keeps the rest of its text.
fn text(s: &str) -> String {
    s.replace('\0', " ")
}

impl PgStore {
    /// [`crate::Store::insert_reference`]: one transaction; a row whose `(dataset, row_ref)`
    /// is stored (or came earlier in `rows`) is left as it is, as on SQLite.
    pub(crate) fn insert_reference(&self, rows: &[ReferenceRow]) -> Result<ImportCounts> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let mut counts = ImportCounts::default();
        for chunk in rows.chunks(IMPORT_CHUNK) {
            let col = |f: &dyn Fn(&ReferenceRow) -> String| -> Vec<String> {
                chunk.iter().map(f).collect()
            };
            let opt = |f: &dyn Fn(&ReferenceRow) -> Option<&String>| -> Vec<Option<String>> {
                chunk.iter().map(|r| f(r).map(|s| text(s))).collect()
            };
            let kind = col(&|r| text(&r.kind));
            let dataset = col(&|r| text(&r.dataset));
            let row_ref = col(&|r| text(&r.row_ref));
            let json = col(&|r| text(&r.json));
            let subject = opt(&|r| r.subject.as_ref());
            let object = opt(&|r| r.object.as_ref());
            let start = opt(&|r| r.start.as_ref());
            let end = opt(&|r| r.end.as_ref());
            // Rows go in in the order given (ids follow it) and the first of two rows with
            // one key wins: ON CONFLICT DO NOTHING also skips a row that conflicts with one
            // inserted earlier by the same statement.
            let inserted = tx.execute(
                "INSERT INTO reference_facts(kind, dataset, row_ref, subject, object,
                    start_date, end_date, json)
                 SELECT kind, dataset, row_ref, subject, object, start_date, end_date, json
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                             $6::text[], $7::text[], $8::text[])
                      WITH ORDINALITY AS r(kind, dataset, row_ref, subject, object,
                                           start_date, end_date, json, n)
                 ORDER BY n
                 ON CONFLICT (dataset, row_ref) DO NOTHING",
                &[
                    &kind, &dataset, &row_ref, &subject, &object, &start, &end, &json,
                ],
            )? as usize;
            counts.inserted += inserted;
            counts.unchanged += chunk.len() - inserted.min(chunk.len());
        }
        tx.commit()?;
        Ok(counts)
    }

    pub(crate) fn reference_facts(&self, kind: Option<&str>) -> Result<Vec<ReferenceRow>> {
        Ok(self
            .client()?
            .query(
                &format!("{SELECT} WHERE ($1::text IS NULL OR kind = $1) ORDER BY id"),
                &[&kind],
            )?
            .iter()
            .map(row_of)
            .collect())
    }

    /// SQLite sorts a missing start first; so does this.
    pub(crate) fn reference_facts_of(&self, entity: &str) -> Result<Vec<ReferenceRow>> {
        Ok(self
            .client()?
            .query(
                &format!(
                    "{SELECT} WHERE subject = $1 OR object = $1
                     ORDER BY start_date NULLS FIRST, id"
                ),
                &[&entity],
            )?
            .iter()
            .map(row_of)
            .collect())
    }

    pub(crate) fn reference_datasets(&self) -> Result<Vec<DatasetCount>> {
        Ok(self
            .client()?
            .query(
                "SELECT dataset, kind, count(*) FROM reference_facts
                 GROUP BY dataset, kind ORDER BY dataset, kind",
                &[],
            )?
            .iter()
            .map(|r| DatasetCount {
                dataset: r.get(0),
                kind: r.get(1),
                facts: r.get(2),
            })
            .collect())
    }

    /// Facts stored, for [`crate::Store::stats`].
    pub(crate) fn reference_count(&self) -> Result<i64> {
        Ok(self
            .client()?
            .query_one("SELECT count(*) FROM reference_facts", &[])?
            .get(0))
    }

    // --- feed-watch state (`watch.rs`) ---

    pub(crate) fn watch_state(&self, feed_url: &str) -> Result<Option<FeedState>> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT etag, last_modified FROM watch_feeds WHERE feed_url = $1",
                &[&text(feed_url)],
            )?
            .map(|r| FeedState {
                etag: r.get(0),
                last_modified: r.get(1),
            }))
    }

    /// One transaction, as on SQLite: a crash keeps the previous round's state whole.
    pub(crate) fn save_watch_round(
        &self,
        feed_url: &str,
        state: &FeedState,
        handled_items: &[String],
    ) -> Result<()> {
        let feed_url = text(feed_url);
        let etag = state.etag.as_deref().map(text);
        let last_modified = state.last_modified.as_deref().map(text);
        let keys: Vec<String> = handled_items.iter().map(|k| text(k)).collect();
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        tx.execute(
            &format!(
                "INSERT INTO watch_feeds(feed_url, etag, last_modified, checked_at)
                 VALUES ($1, $2, $3, {now})
                 ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                now = crate::pg::NOW_TEXT
            ),
            &[&feed_url, &etag, &last_modified],
        )?;
        tx.execute(
            &format!(
                "INSERT INTO watch_items(feed_url, item_key, seen_at)
                 SELECT $1, k, {now} FROM unnest($2::text[]) AS k
                 ON CONFLICT DO NOTHING",
                now = crate::pg::NOW_TEXT
            ),
            &[&feed_url, &keys],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn watch_item_seen(&self, feed_url: &str, item_key: &str) -> Result<bool> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT 1 FROM watch_items WHERE feed_url = $1 AND item_key = $2",
                &[&text(feed_url), &text(item_key)],
            )?
            .is_some())
    }
}
