//! One module per group of commands. Each exposes clap `Args` structs and `run`-style
//! functions; `main.rs` only dispatches.

pub mod actors;
pub mod analysis;
pub mod core;
pub mod demo;
pub mod events_eval;
pub mod extraction;
pub mod serve;
pub mod syntax;

use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_kb::DataFiles;
use armsgraph_pipeline::Pipeline;
use armsgraph_store::Store;

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
        Store::open(&path).with_context(|| format!("opening database {}", path.display()))
    }

    /// Open the database for reading; a missing file is an error rather than a new empty
    /// database, so a typo in `--db` is noticed.
    pub fn open_existing_store(&self) -> anyhow::Result<Store> {
        let path = self.db_path();
        if !path.exists() {
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

    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        Pipeline::load(&self.data_files()).context("loading the language data")
    }
}
