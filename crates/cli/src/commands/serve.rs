//! `armsgraph serve`: the web app and JSON API over a database (see `armsgraph-server`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;

use super::Context;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default, so nothing is exposed by accident; port 0
    /// lets the system choose. Any other address is reachable from other machines over plain
    /// HTTP, and the server says so loudly.
    #[arg(long, default_value = armsgraph_server::DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Port to listen on, on --addr's address (loopback unless --addr says otherwise):
    /// `--port 8080` is `--addr 127.0.0.1:8080`.
    #[arg(long)]
    pub port: Option<u16>,
    /// Token that write requests (ingest) must send as `Authorization: Bearer <token>`, at
    /// least 16 characters. Without one, ingest is disabled and the server is read-only.
    /// A token given here is visible to every user of the machine in `ps`: prefer the
    /// ARMSGRAPH_TOKEN environment variable, --token-file or --generate-token.
    #[arg(long, env = "ARMSGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read the token from the first line of this file (keep it readable by you only).
    #[arg(long, conflicts_with_all = ["token", "generate_token"])]
    pub token_file: Option<PathBuf>,
    /// Make up a random token and print it once on stderr.
    #[arg(long, conflicts_with = "token")]
    pub generate_token: bool,
    /// Also answer requests for this host name (any port, or NAME:PORT for one), e.g. the
    /// name a reverse proxy forwards. The server's own address and, on loopback, localhost
    /// are always allowed; any other Host gets 421 (against DNS rebinding). Repeatable.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_BODY_LIMIT)]
    pub max_body: usize,
    /// Connections open at once; more are answered 503 and closed.
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Seconds a client has to send a request's headers.
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_HEADER_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Seconds a connection may sit idle (nothing sent or read, no request running).
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_IDLE_TIMEOUT.as_secs())]
    pub idle_timeout: u64,
    /// Seconds one request may take, reading its body included.
    #[arg(long, default_value_t = armsgraph_server::DEFAULT_REQUEST_TIMEOUT.as_secs())]
    pub request_timeout: u64,
    /// Accounts mode: users sign in (`armsgraph user add NAME --role admin` first), scripts
    /// send personal tokens (`armsgraph token create NAME`), collections limit what each user
    /// reads, and every write goes to the audit log. Replaces the start-up token.
    #[arg(long, conflicts_with_all = ["token", "token_file", "generate_token"])]
    pub accounts: bool,
    /// The address users reach the server at, e.g. `https://graph.example.org/` behind a TLS
    /// proxy: an https address marks the session cookie Secure.
    #[arg(long)]
    pub public_url: Option<String>,
}

fn token(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    if let Some(path) = &args.token_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the token file {}", path.display()))?;
        let line = text.lines().next().unwrap_or("").trim().to_string();
        return Ok(Some(line));
    }
    if args.generate_token {
        let token = armsgraph_server::generate_token()
            .context("generating a token (no /dev/urandom? give --token-file instead)")?;
        eprintln!("armsgraph: ingest token for this run: {token}");
        return Ok(Some(token));
    }
    Ok(args.token.clone())
}

fn seconds(name: &str, value: u64) -> anyhow::Result<Duration> {
    if value == 0 {
        anyhow::bail!("--{name} must be at least 1 second");
    }
    Ok(Duration::from_secs(value))
}

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<()> {
    let db = ctx.db_path();
    let mut config = armsgraph_server::ServerConfig::new(db.clone());
    config.addr = args.addr;
    if let Some(port) = args.port {
        config.addr.set_port(port);
    }
    config.token = if args.accounts { None } else { token(&args)? };
    config.accounts = args.accounts;
    config.public_url = args.public_url.clone();
    if args.accounts {
        let store = ctx.open_store()?;
        let admins = store
            .users()?
            .iter()
            .filter(|u| u.role == armsgraph_store::accounts::Role::Admin && !u.disabled)
            .count();
        if admins == 0 {
            anyhow::bail!(
                "--accounts needs an admin to start with: armsgraph user add NAME --role admin (password on standard input)"
            );
        }
    }
    config.data = ctx.data_files();
    config.body_limit = args.max_body;
    config.allowed_hosts = args.allow_hosts.clone();
    if args.max_connections == 0 {
        anyhow::bail!("--max-connections must be at least 1");
    }
    config.limits = armsgraph_server::Limits {
        max_connections: args.max_connections,
        header_timeout: seconds("header-timeout", args.header_timeout)?,
        idle_timeout: seconds("idle-timeout", args.idle_timeout)?,
        request_timeout: seconds("request-timeout", args.request_timeout)?,
    };
    let mode = if config.accounts {
        "accounts: sign in at /login, API with personal tokens"
    } else if config.token.is_some() {
        "ingest enabled (token required)"
    } else {
        "read-only: set ARMSGRAPH_TOKEN, --token-file or --generate-token to enable ingest"
    };
    armsgraph_server::serve_blocking(config, |addr| {
        if let Some(w) = armsgraph_server::exposure_warning(addr) {
            eprintln!("\n!!! armsgraph: {w}\n");
        }
        eprintln!(
            "armsgraph: serving {} at http://{addr}/ — {mode}; Ctrl-C stops",
            armsgraph_store::pg::shown(&db)
        );
    })
    .with_context(|| format!("serving {}", armsgraph_store::pg::shown(&db)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    #[test]
    fn the_token_file_gives_its_first_line() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("token");
        std::fs::write(&path, "  from-a-file-0123456789  \nsecond line\n").expect("write");
        let cli = Cli::parse_from(["serve", "--token-file", path.to_str().expect("utf-8")]);
        assert_eq!(
            token(&cli.serve).expect("token").as_deref(),
            Some("from-a-file-0123456789")
        );
        let cli = Cli::parse_from(["serve", "--generate-token"]);
        let generated = token(&cli.serve).expect("token").expect("some");
        assert!(generated.len() >= armsgraph_server::MIN_TOKEN_LEN);
    }
}
