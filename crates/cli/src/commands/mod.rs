//! One module per group of commands. Each exposes clap `Args` structs and `run`-style
//! functions; `main.rs` only dispatches.

pub mod accounts;
pub mod actors;
pub mod analysis;
pub mod bench_ingest;
pub mod bench_serve;
pub mod core;
pub mod corrections;
pub mod demo;
pub mod events_eval;
pub mod extraction;
pub mod ner;
pub mod serve;
pub mod startup;
pub mod syntax;
pub mod watch;
pub mod worker;

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_kb::DataFiles;
use armsgraph_pipeline::Pipeline;
use armsgraph_store::Store;

/// A command that ran to the end but could not read or store some of its inputs: the
/// process exits with [`SomeInputsFailed::EXIT_CODE`] instead of 1 (could not run at all).
#[derive(Debug)]
pub struct SomeInputsFailed {
    pub failed: usize,
    pub read: usize,
}

impl SomeInputsFailed {
    pub const EXIT_CODE: i32 = 2;
}

impl std::fmt::Display for SomeInputsFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} inputs failed (listed above, and kept in the database: `armsgraph stats`)",
            self.failed, self.read
        )
    }
}

impl std::error::Error for SomeInputsFailed {}

/// A name from outside (a file name, a URL, a WARC target) made safe to print on a terminal:
/// control characters (newlines, escape sequences) are shown escaped, never executed.
pub fn printable(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Global options every command may need.
pub struct Context {
    pub db: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

impl Context {
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(Store::default_path)
    }

    pub fn open_store(&self) -> anyhow::Result<Store> {
        let path = self.db_path();
        Store::open(&path)
            .with_context(|| format!("opening database {}", armsgraph_store::pg::shown(&path)))
    }

    /// Open the database for reading; a missing file is an error rather than a new empty
    /// database, so a typo in `--db` is noticed.
    pub fn open_existing_store(&self) -> anyhow::Result<Store> {
        let path = self.db_path();
        // A PostgreSQL URL names a server, not a file: opening it says whether it is there.
        let is_url = path.to_str().is_some_and(armsgraph_store::pg::is_url);
        if !is_url && !path.exists() {
            // After `armsgraph demo` the only database may be the demo's own.
            let demo = path
                .parent()
                .map(|p| p.join("demo.db"))
                .filter(|d| d.exists());
            if let (None, Some(demo)) = (&self.db, demo) {
                anyhow::bail!(
                    "no database at {} — the demo's database is {}: add `--db {}` (or run `armsgraph ingest PATH` to start your own)",
                    path.display(),
                    demo.display(),
                    demo.display()
                );
            }
            anyhow::bail!(
                "no database at {} (run `armsgraph ingest PATH` or `armsgraph demo` first, or pass --db)",
                path.display()
            );
        }
        self.open_store()
    }

    pub fn data_files(&self) -> DataFiles {
        match &self.data_dir {
            Some(dir) => DataFiles::dir(dir),
            None => DataFiles::Embedded,
        }
    }

    /// The data directory on disk, for the source files the binary does not embed (the
    /// knowledge base's tables, the syntax lexicons: `crates/kb/build.rs`): `--data-dir`,
    /// else the repository's `data/` (the commands that read them run from the checkout).
    pub fn source_files(&self) -> DataFiles {
        DataFiles::dir(
            self.data_dir
                .clone()
                .unwrap_or_else(|| std::path::PathBuf::from("data")),
        )
    }

    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        Pipeline::load(&self.data_files()).context("loading the language data")
    }
}
