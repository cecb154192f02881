//! `armsgraph`: the command-line front of the pipeline. It parses arguments, wires the stage
//! crates together and prints; it holds no logic of its own.

mod commands;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "armsgraph",
    version,
    about = "Multilingual news → a provenance-tracked knowledge graph of arms transfers, conflicts, alliances and quotes"
)]
struct Cli {
    /// The database: a SQLite file, or a PostgreSQL URL (postgres://user@host/db) for a team's
    /// store (default: $ARMSGRAPH_DB, else ~/.local/share/armsgraph/armsgraph.db).
    #[arg(long, global = true, env = "ARMSGRAPH_DB")]
    db: Option<PathBuf>,
    /// Read lexicons, gazetteers and reference data from this directory instead of the copy
    /// built into the binary (laid out like the repository's data/).
    #[arg(long, global = true, env = "ARMSGRAPH_DATA")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the demo: ingest the bundled real documents into a database of their own and report.
    Demo(commands::demo::DemoArgs),
    /// Read documents (a file, a directory, a WARC or feed, a URL, or `-` for stdin) and print
    /// everything found as JSON (JSON Lines when there are several).
    Extract(commands::core::ExtractArgs),
    /// Store documents (files, directories, WARC, feeds, JSON Lines, URLs, sitemaps) in the database.
    Ingest(commands::core::IngestArgs),
    /// Poll web feeds: store new items (fetching the article when the feed has a summary
    /// only) and print the new alerts they raise.
    Watch(commands::watch::WatchArgs),
    /// Read and store the documents `ingest --queue` put on the database's work queue; run
    /// several at once to use more cores (a killed worker's document goes to another).
    Worker(commands::worker::WorkerArgs),
    /// The work queue: documents ready, leased, done and failed (with reasons).
    Queue(commands::worker::QueueArgs),
    /// Full-text search over stored documents (and entities).
    Search(commands::core::SearchArgs),
    /// Show one stored document with its entities, events and quotes.
    Show(commands::core::ShowArgs),
    /// Count what the database holds.
    Stats(commands::core::StatsArgs),
    /// Import reference data: alliances, conflicts (UCDP ACD), sipri (trade register), atop; or --defaults.
    Import(commands::analysis::ImportArgs),
    /// Alliance contradictions: S armed R while R fought T, S's treaty ally, with evidence chains.
    Alerts(commands::analysis::AlertsArgs),
    /// Events merged across documents, filtered by type, actor, recipient, weapon, time, sources.
    Events(commands::analysis::EventsArgs),
    /// One entity's profile: names seen, memberships, suppliers, recipients, conflicts, quotes.
    Entity(commands::analysis::EntityArgs),
    /// Everything involving two actors, ordered by time.
    Timeline(commands::analysis::TimelineArgs),
    /// Export the graph: csv, jsonl, graphml, gexf, gexf-dynamic (Gephi timeline), plover, ftm, or all.
    Export(commands::analysis::ExportArgs),
    /// The web app and JSON API (OpenAPI at /api/openapi.json) on 127.0.0.1:8080.
    Serve(commands::serve::ServeArgs),
    /// Correct the machine's reading: mark an event wrong, change its type, actor, recipient
    /// or date, confirm it; merge, split or alias entities. Kept apart, applied everywhere.
    Correct(commands::corrections::CorrectArgs),
    /// List the corrections made, with who, when and why (--orphaned: those whose event is gone).
    Corrections(commands::corrections::CorrectionsArgs),
    /// Read stored documents again from their kept raw input (after an upgrade); resumable,
    /// corrections re-applied.
    Reprocess(commands::corrections::ReprocessArgs),
    /// Accounts for `serve --accounts`: add, list, re-role, disable users.
    #[command(subcommand)]
    User(commands::accounts::UserCommand),
    /// Personal API tokens for scripts: create (printed once), list, revoke.
    #[command(subcommand)]
    Token(commands::accounts::TokenCommand),
    /// Collections (named sets of documents) and who may read or write them.
    #[command(subcommand)]
    Collection(commands::accounts::CollectionCommand),
    /// The audit log: logins, failed logins, ingests, corrections, user and grant changes.
    Audit(commands::accounts::AuditArgs),
    /// Score a stage against public gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Time a stage on a real corpus, against a peer measured in the same run.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Rebuild trained models from open data, reproducibly (fixed seeds).
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Subcommand)]
enum TrainCommand {
    /// The syntax models (data/syntax/<lang>.bin) from the UD treebanks, per
    /// data/syntax/training.toml.
    Syntax(commands::syntax::TrainSyntaxArgs),
    /// The entity recognisers (data/ner/<lang>.bin) from the open NER sets, per
    /// data/ner/training.toml.
    Ner(commands::ner::TrainNerArgs),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Main-text extraction on the article-extraction benchmark (DIR with html/ and ground-truth.json).
    Extraction(commands::extraction::EvalExtractionArgs),
    /// Actor-country detection on the PLOVER gold-standard records (DIR = plover-gsr).
    Actors(commands::actors::EvalActorsArgs),
    /// Quotes (cue, speaker, message) on SpkAtt-2023 task 2 (DIR = task2-news).
    Quotes(commands::events_eval::QuotesEvalArgs),
    /// Event types and actors on PLOVER GSR and PETRARCH unit tests.
    Events(commands::events_eval::EventsEvalArgs),
    /// PLOVER events and quote speakers on our real-news gold set (DIR = tests/gold/news).
    News(commands::events_eval::NewsEvalArgs),
    /// UPOS, lemmas, features, UAS/LAS and core arguments on a UD CoNLL-U file or directory.
    Syntax(commands::syntax::EvalSyntaxArgs),
    /// Named entities (exact span and type) on a NER test split: IOB2/BIO, GermEval TSV,
    /// factRuEval.
    Ner(commands::ner::EvalNerArgs),
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Extraction speed, and the ratio against Python trafilatura when it is installed.
    Extraction(commands::extraction::BenchExtractionArgs),
    /// Start-up time and peak memory of `extract` on a two-word file, with the shipped
    /// knowledge base and a synthetic one 100x larger.
    Startup(commands::startup::BenchStartupArgs),
    /// The web app under load: builds a database of 100,000 documents (copies of the demo
    /// corpus), serves it on loopback and reports p50/p99 per route and the server's memory.
    Serve(commands::bench_serve::BenchServeArgs),
    /// Ingest throughput on SQLite and PostgreSQL in the same run: one process, and the work
    /// queue with one and several workers (`--db postgres://…` names the server).
    Ingest(commands::bench_ingest::BenchIngestArgs),
}

/// Let a closed output pipe (`armsgraph search x | head`) end the process quietly, as Unix
/// tools do, instead of panicking inside `println!`.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up, before any thread
    // exists, has no memory-safety implications.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() {
    restore_default_sigpipe();
    let cli = Cli::parse();
    let ctx = commands::Context {
        db: cli.db,
        data_dir: cli.data_dir,
    };
    let result = match cli.command {
        Command::Demo(args) => commands::demo::run(&ctx, args),
        Command::Extract(args) => commands::core::extract(&ctx, args),
        Command::Ingest(args) => commands::core::ingest(&ctx, args),
        Command::Watch(args) => commands::watch::run(&ctx, args),
        Command::Worker(args) => commands::worker::run(&ctx, args),
        Command::Queue(args) => commands::worker::queue(&ctx, args),
        Command::Search(args) => commands::core::search(&ctx, args),
        Command::Show(args) => commands::core::show(&ctx, args),
        Command::Stats(args) => commands::core::stats(&ctx, args),
        Command::Import(args) => commands::analysis::import(&ctx, args),
        Command::Alerts(args) => commands::analysis::alerts(&ctx, args),
        Command::Events(args) => commands::analysis::events(&ctx, args),
        Command::Entity(args) => commands::analysis::entity(&ctx, args),
        Command::Timeline(args) => commands::analysis::timeline(&ctx, args),
        Command::Export(args) => commands::analysis::export(&ctx, args),
        Command::Serve(args) => commands::serve::run(&ctx, args),
        Command::Correct(args) => commands::corrections::correct(&ctx, args),
        Command::Corrections(args) => commands::corrections::list(&ctx, args),
        Command::Reprocess(args) => commands::corrections::reprocess(&ctx, args),
        Command::User(c) => commands::accounts::user(&ctx, c),
        Command::Token(c) => commands::accounts::token(&ctx, c),
        Command::Collection(c) => commands::accounts::collection(&ctx, c),
        Command::Audit(args) => commands::accounts::audit_log(&ctx, args),
        Command::Eval(EvalCommand::Extraction(args)) => commands::extraction::eval(&ctx, args),
        Command::Eval(EvalCommand::Actors(args)) => commands::actors::run(&ctx, args),
        Command::Eval(EvalCommand::Quotes(args)) => commands::events_eval::run_quotes(&ctx, args),
        Command::Eval(EvalCommand::Events(args)) => commands::events_eval::run_events(&ctx, args),
        Command::Eval(EvalCommand::News(args)) => commands::events_eval::run_news(&ctx, args),
        Command::Eval(EvalCommand::Syntax(args)) => commands::syntax::run(&ctx, args),
        Command::Bench(BenchCommand::Extraction(args)) => commands::extraction::bench(&ctx, args),
        Command::Bench(BenchCommand::Startup(args)) => commands::startup::run(&ctx, args),
        Command::Bench(BenchCommand::Serve(args)) => commands::bench_serve::run(&ctx, args),
        Command::Bench(BenchCommand::Ingest(args)) => commands::bench_ingest::run(&ctx, args),
        Command::Train(TrainCommand::Syntax(args)) => commands::syntax::train(&ctx, args),
        Command::Eval(EvalCommand::Ner(args)) => commands::ner::run(&ctx, args),
        Command::Train(TrainCommand::Ner(args)) => commands::ner::train(&ctx, args),
    };
    if let Err(err) = result {
        eprintln!("error: {err:#}");
        let code = match err.downcast_ref::<commands::SomeInputsFailed>() {
            Some(_) => commands::SomeInputsFailed::EXIT_CODE,
            None => 1,
        };
        std::process::exit(code);
    }
}
