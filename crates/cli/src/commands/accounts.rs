//! `armsgraph user`, `token`, `collection` and `audit`: accounts for `serve --accounts`
//! (docs/notes/accounts.md). Every change is written to the audit log as done by `cli`.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::Context as _;
use armsgraph_store::accounts::{Access, AuditFilter, NewAudit, Role};
use armsgraph_store::Store;

use super::Context;

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from --password-file (first line) or the first line of
    /// standard input, never from the command line (visible to everyone in `ps`).
    Add {
        name: String,
        /// viewer (reads), analyst (also corrects and ingests), admin (also manages users,
        /// grants and reads the audit log).
        #[arg(long, default_value = "viewer")]
        role: String,
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// List users with their roles.
    List,
    /// Change a user's role.
    Role { name: String, role: String },
    /// Disable a user: they cannot sign in, their sessions end and their tokens stop working.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
    /// Set a new password (read like `user add`'s).
    Password {
        name: String,
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum TokenCommand {
    /// Make a personal API token for user NAME and print it once (only its digest is kept).
    /// Send it as `Authorization: Bearer <token>`.
    Create {
        name: String,
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List tokens (of one user, or all), never their secrets.
    List { name: Option<String> },
    /// Revoke token ID (from `token list`).
    Revoke { id: i64 },
}

#[derive(clap::Subcommand)]
pub enum CollectionCommand {
    /// Make a collection (a named set of documents; `ingest --collection NAME` fills it).
    Create { name: String },
    /// List collections with their document counts and grants.
    List,
    /// Give USER read or write access to collection NAME (`--access none` takes it away).
    Grant {
        name: String,
        user: String,
        #[arg(long, default_value = "read")]
        access: String,
    },
    /// Put stored document ID into collection NAME.
    Add { name: String, id: String },
}

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Only rows of this user (`cli` for commands run on the machine).
    #[arg(long)]
    pub user: Option<String>,
    /// Only rows at or after this date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SSZ).
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// Print JSON Lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// A password from the first line of a file or of standard input (without its line end).
fn read_password(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let line = match file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("reading the password file {}", path.display()))?
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
        None => {
            use std::io::IsTerminal as _;
            // A prompt only for a person; a pipe gets none.
            if std::io::stdin().is_terminal() {
                eprintln!("password (one line; it is shown as you type — prefer --password-file):");
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("reading the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if line.is_empty() {
        anyhow::bail!("no password given: write it on standard input or in --password-file");
    }
    Ok(line)
}

fn role(s: &str) -> anyhow::Result<Role> {
    Role::parse(s).with_context(|| format!("unknown role {s:?}: use viewer, analyst or admin"))
}

fn audit(store: &Store, action: &str, object: &str, detail: &str) -> anyhow::Result<()> {
    store
        .audit(&NewAudit {
            actor: "cli",
            action,
            object,
            detail,
            address: None,
        })
        .context("writing the audit log")
}

pub fn user(ctx: &Context, command: UserCommand) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    match command {
        UserCommand::Add {
            name,
            role: r,
            password_file,
        } => {
            let r = role(&r)?;
            let password = read_password(password_file.as_ref())?;
            let user = store.create_user(&name, r, &password)?;
            audit(&store, "user_add", &user.name, user.role.as_str())?;
            println!("added {} ({})", user.name, user.role.as_str());
        }
        UserCommand::List => {
            for u in store.users()? {
                println!(
                    "{}\t{}\t{}{}",
                    u.name,
                    u.role.as_str(),
                    u.created_at,
                    if u.disabled { "\tdisabled" } else { "" }
                );
            }
        }
        UserCommand::Role { name, role: r } => {
            let user = store.set_role(&name, role(&r)?)?;
            audit(&store, "user_role", &user.name, user.role.as_str())?;
            println!("{} is now {}", user.name, user.role.as_str());
        }
        UserCommand::Disable { name } => {
            let user = store.set_disabled(&name, true)?;
            audit(&store, "user_disable", &user.name, "")?;
            println!("{} is disabled (sessions ended, tokens refused)", user.name);
        }
        UserCommand::Enable { name } => {
            let user = store.set_disabled(&name, false)?;
            audit(&store, "user_enable", &user.name, "")?;
            println!("{} is enabled", user.name);
        }
        UserCommand::Password {
            name,
            password_file,
        } => {
            let password = read_password(password_file.as_ref())?;
            store.set_password(&name, &password)?;
            audit(&store, "user_password", &name, "")?;
            println!("new password set for {name}");
        }
    }
    Ok(())
}

pub fn token(ctx: &Context, command: TokenCommand) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    match command {
        TokenCommand::Create { name, label } => {
            let (token, secret) = store.create_token(&name, &label)?;
            audit(
                &store,
                "token_create",
                &name,
                &format!("#{} {}", token.id, token.label),
            )?;
            eprintln!(
                "token #{} for {} — shown once, keep it secret; send it as `Authorization: Bearer <token>`:",
                token.id, token.user
            );
            println!("{secret}");
        }
        TokenCommand::List { name } => {
            for t in store.tokens(name.as_deref())? {
                println!(
                    "#{}\t{}\t{}\t{}{}",
                    t.id,
                    t.user,
                    t.label,
                    t.created_at,
                    t.revoked_at
                        .map(|r| format!("\trevoked {r}"))
                        .unwrap_or_default()
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let t = store.revoke_token(id)?;
            audit(&store, "token_revoke", &t.user, &format!("#{}", t.id))?;
            println!("token #{} of {} revoked", t.id, t.user);
        }
    }
    Ok(())
}

pub fn collection(ctx: &Context, command: CollectionCommand) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    match command {
        CollectionCommand::Create { name } => {
            let c = store.ensure_collection(&name)?;
            audit(&store, "collection_create", &c.name, "")?;
            println!("collection {} ({} documents)", c.name, c.documents);
        }
        CollectionCommand::List => {
            let grants = store.grants()?;
            for c in store.collections()? {
                let who: Vec<String> = grants
                    .iter()
                    .filter(|g| g.collection == c.name)
                    .map(|g| format!("{}:{}", g.user, g.access.as_str()))
                    .collect();
                println!("{}\t{} documents\t{}", c.name, c.documents, who.join(" "));
            }
        }
        CollectionCommand::Grant { name, user, access } => {
            let access =
                match access.trim() {
                    "none" => None,
                    a => Some(Access::parse(a).with_context(|| {
                        format!("unknown access {a:?}: use read, write or none")
                    })?),
                };
            store.grant(&name, &user, access)?;
            let label = access.map_or("none", |a| a.as_str());
            audit(&store, "grant", &name, &format!("{user}: {label}"))?;
            println!("{user} has {label} access to {name}");
        }
        CollectionCommand::Add { name, id } => {
            if store.document(&id)?.is_none() {
                anyhow::bail!("no stored document with id {id:?}");
            }
            store.add_to_collection(&name, &id)?;
            audit(&store, "collection_add", &name, &id)?;
            println!("{id} is in {name}");
        }
    }
    Ok(())
}

pub fn audit_log(ctx: &Context, args: AuditArgs) -> anyhow::Result<()> {
    let store = ctx.open_existing_store()?;
    let rows = store.audit_log(&AuditFilter {
        actor: args.user,
        since: args.since,
        limit: args.limit,
    })?;
    for r in rows {
        if args.json {
            println!("{}", serde_json::to_string(&r)?);
        } else {
            println!(
                "{}\t{}\t{}\t{}\t{}{}",
                r.at,
                super::printable(&r.actor),
                r.action,
                super::printable(&r.object),
                super::printable(&r.detail),
                r.address.map(|a| format!("\t{a}")).unwrap_or_default()
            );
        }
    }
    Ok(())
}
