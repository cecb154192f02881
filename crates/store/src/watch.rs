//! What `armsgraph watch` remembers between runs, so that a restart neither re-downloads
//! every feed nor re-fetches items it already read: per feed the validators of its last
//! response (`ETag`, `Last-Modified`), and per feed the keys of the items already handled.
//! Both tables live apart from the document tables and are created on first use.

use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

const SCHEMA: &str = "
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
";

/// A feed's state: the validators to send with the next request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Store {
    /// The state saved for `feed_url` by an earlier round, if any.
    pub fn watch_state(&self, feed_url: &str) -> Result<Option<FeedState>> {
        if let Some(pg) = self.pg() {
            return pg.watch_state(feed_url);
        }
        self.conn()?.execute_batch(SCHEMA)?;
        Ok(self
            .conn()?
            .query_row(
                "SELECT etag, last_modified FROM watch_feeds WHERE feed_url = ?1",
                params![feed_url],
                |r| {
                    Ok(FeedState {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Saves a feed's validators and the keys of the items handled in this round, in one
    /// transaction (a crash keeps the previous round's state whole).
    pub fn save_watch_round(
        &mut self,
        feed_url: &str,
        state: &FeedState,
        handled_items: &[String],
    ) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.save_watch_round(feed_url, state, handled_items);
        }
        self.conn()?.execute_batch(SCHEMA)?;
        let tx = self
            .conn_mut()?
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO watch_feeds(feed_url, etag, last_modified, checked_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ON CONFLICT(feed_url) DO UPDATE SET etag = excluded.etag,
                 last_modified = excluded.last_modified, checked_at = excluded.checked_at",
            params![feed_url, state.etag, state.last_modified],
        )?;
        for key in handled_items {
            tx.execute(
                "INSERT OR IGNORE INTO watch_items(feed_url, item_key, seen_at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                params![feed_url, key],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Whether an item of `feed_url` was handled in an earlier round.
    pub fn watch_item_seen(&self, feed_url: &str, item_key: &str) -> Result<bool> {
        if let Some(pg) = self.pg() {
            return pg.watch_item_seen(feed_url, item_key);
        }
        self.conn()?.execute_batch(SCHEMA)?;
        Ok(self
            .conn()?
            .query_row(
                "SELECT 1 FROM watch_items WHERE feed_url = ?1 AND item_key = ?2",
                params![feed_url, item_key],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_and_items_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        {
            let mut store = Store::open(&path).unwrap();
            assert_eq!(store.watch_state("https://e.org/rss").unwrap(), None);
            let state = FeedState {
                etag: Some("\"v1\"".into()),
                last_modified: Some("Wed, 21 Oct 2026 07:28:00 GMT".into()),
            };
            store
                .save_watch_round("https://e.org/rss", &state, &["a".into(), "b".into()])
                .unwrap();
            store
                .save_watch_round("https://e.org/rss", &state, &["b".into()])
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let state = store.watch_state("https://e.org/rss").unwrap().unwrap();
        assert_eq!(state.etag.as_deref(), Some("\"v1\""));
        assert!(store.watch_item_seen("https://e.org/rss", "a").unwrap());
        assert!(!store.watch_item_seen("https://e.org/rss", "c").unwrap());
        assert!(!store.watch_item_seen("https://other/rss", "a").unwrap());
    }
}
