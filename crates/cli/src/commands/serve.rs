//! `armsgraph serve`: the web app and JSON API over a database (see `armsgraph-server`).

use std::net::SocketAddr;

use anyhow::Context as _;

use super::Context;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default, so nothing is exposed by accident; port 0
    /// lets the system choose.
    #[arg(long, default_value = armsgraph_server::DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Token that write requests (ingest) must send as `Authorization: Bearer <token>`.
    /// Without one, ingest is disabled and the server is read-only.
    #[arg(long, env = "ARMSGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_BODY_LIMIT)]
    pub max_body: usize,
}

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<()> {
    let db = ctx.db_path();
    let mut config = armsgraph_server::ServerConfig::new(db.clone());
    config.addr = args.addr;
    config.token = args.token;
    config.data = ctx.data_files();
    config.body_limit = args.max_body;
    let mode = if config.token.is_some() {
        "ingest enabled (token required)"
    } else {
        "read-only: pass --token or set ARMSGRAPH_TOKEN to enable ingest"
    };
    armsgraph_server::serve_blocking(config, |addr| {
        eprintln!(
            "armsgraph: serving {} at http://{addr}/ — {mode}; Ctrl-C stops",
            db.display()
        );
    })
    .with_context(|| format!("serving {}", db.display()))
}
