//! Accounts: users with roles, web sessions, personal API tokens, collections with per-user
//! grants, and the audit log (schema 5; docs/notes/accounts.md).
//!
//! Secrets never reach the database in clear: passwords are hashed with argon2 (the crate's
//! default parameters, Argon2id, a random salt each, in the PHC string format); session ids
//! and API tokens are 256 random bits from the operating system, so a plain SHA-256 digest
//! is enough to keep a stolen database from giving working credentials (a slow KDF protects
//! only guessable secrets).
//!
//! Plain SQL and plain data types only (times are Unix seconds or ISO-8601 text computed
//! here, not by SQLite functions), so the PostgreSQL store keeps the same tables and calls
//! the same checks (`pg_accounts.rs`; each method here hands a PostgreSQL store to it first).

use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Result, Store, StoreError};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS collection_documents (
    collection_id INTEGER NOT NULL REFERENCES collections(id),
    doc_id TEXT NOT NULL,
    PRIMARY KEY (collection_id, doc_id)
);
CREATE INDEX IF NOT EXISTS collection_documents_doc ON collection_documents(doc_id);
CREATE TABLE IF NOT EXISTS collection_grants (
    collection_id INTEGER NOT NULL REFERENCES collections(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    access TEXT NOT NULL,
    PRIMARY KEY (collection_id, user_id)
);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log(actor, at);
";

/// Creates the account tables where they are missing (idempotent; called on every open).
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    Ok(())
}

/// What a user may do. Each role can do everything the one before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads the collections granted to them.
    Viewer,
    /// Also corrects and ingests (into collections they may write).
    Analyst,
    /// Also manages users, grants and tokens, reads every collection and the audit log.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "viewer" => Some(Role::Viewer),
            "analyst" => Some(Role::Analyst),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Access to a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    /// Read, and ingest into it.
    Write,
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<Access> {
        match s.trim().to_ascii_lowercase().as_str() {
            "read" => Some(Access::Read),
            "write" => Some(Access::Write),
            _ => None,
        }
    }
}

/// A user as stored (never with the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
}

/// A signed-in web session: its user and the CSRF token its forms carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub expires_at: i64,
}

/// A session just created: the id goes into the cookie and is not kept anywhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: String,
    pub csrf: String,
    pub expires_at: i64,
}

/// A personal API token as listed (the secret is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub user: String,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub documents: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub collection: String,
    pub user: String,
    pub access: Access,
}

/// Which documents a user may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScope {
    /// Every document (admins; and users who may read every collection there is).
    All,
    /// Documents in none of the collections plus those of these collections (ids). A
    /// document in no collection belongs to everyone signed in: databases made before
    /// collections existed keep working.
    Collections(Vec<i64>),
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    /// The user name, `cli` for a command run on the machine, or `-` for nobody known.
    pub actor: String,
    /// `login`, `login_failed`, `logout`, `ingest`, `correct`, `user_add`, `user_role`,
    /// `user_disable`, `token_create`, `token_revoke`, `collection_create`, `grant`, …
    pub action: String,
    /// What it was done to: a user, document id, event key, collection.
    pub object: String,
    pub detail: String,
    /// The client address, for requests.
    pub address: Option<String>,
}

/// A row to add to the audit log.
#[derive(Debug, Clone, Default)]
pub struct NewAudit<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub object: &'a str,
    pub detail: &'a str,
    pub address: Option<&'a str>,
}

/// What `audit_log` returns.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// ISO date or date-time; rows at or after it.
    pub since: Option<String>,
    pub limit: usize,
}

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Unix seconds now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC; proleptic Gregorian calendar).
pub fn iso_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// 32 random bytes from the operating system as 64 hex digits.
pub fn random_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Account(format!("no random numbers from the system: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a high-entropy secret (session id, API token), as hex.
pub fn secret_digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// An argon2 hash of `password` (PHC string, random salt).
pub fn hash_password(password: &str) -> Result<String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    // 16 random bytes from the system (the salt length the PHC format recommends).
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Account(format!("no random numbers from the system: {e}")))?;
    let salt = SaltString::encode_b64(&bytes)
        .map_err(|e| StoreError::Account(format!("making a salt: {e}")))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Account(format!("hashing the password: {e}")))
}

/// Whether `password` matches the stored argon2 `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A user or collection name: 1–64 letters, digits, `.`, `_`, `-`, `@`.
pub(crate) fn check_name(what: &str, name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(account(format!(
            "{what} name {name:?} must be 1 to 64 letters, digits, '.', '_', '-' or '@'"
        )))
    }
}

pub(crate) fn account(msg: impl Into<String>) -> StoreError {
    StoreError::Account(msg.into())
}

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        // A role written by a newer version reads as the least one.
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        disabled: r.get::<_, i64>(3)? != 0,
        created_at: r.get(4)?,
    })
}

const USER_COLUMNS: &str = "id, name, role, disabled, created_at";

/// A token label as kept: no control characters, at most 200 characters.
pub(crate) fn clean_label(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// How long a web session lasts.
pub const SESSION_SECONDS: i64 = 12 * 3600;

impl Store {
    /// Add a user; the password is hashed here and never stored in clear.
    pub fn create_user(&self, name: &str, role: Role, password: &str) -> Result<User> {
        if let Some(pg) = self.pg() {
            return pg.create_user(name, role, password);
        }
        check_name("user", name)?;
        if password.chars().count() < MIN_PASSWORD_LEN {
            return Err(account(format!(
                "the password is too short: use at least {MIN_PASSWORD_LEN} characters"
            )));
        }
        if self.user(name)?.is_some() {
            return Err(account(format!("a user named {name:?} exists already")));
        }
        let hash = hash_password(password)?;
        self.conn()?.execute(
            "INSERT INTO users(name, role, password_hash, disabled, created_at) VALUES (?1, ?2, ?3, 0, ?4)",
            params![name, role.as_str(), hash, iso_utc(unix_now())],
        )?;
        self.user(name)?
            .ok_or_else(|| account(format!("user {name:?} vanished after being added")))
    }

    pub fn user(&self, name: &str) -> Result<Option<User>> {
        if let Some(pg) = self.pg() {
            return pg.user(name);
        }
        Ok(self
            .conn()?
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?1"),
                params![name],
                user_from_row,
            )
            .optional()?)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        if let Some(pg) = self.pg() {
            return pg.users();
        }
        let mut stmt = self
            .conn()?
            .prepare(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"))?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether any user exists (accounts mode needs an admin to start with).
    pub fn has_users(&self) -> Result<bool> {
        if let Some(pg) = self.pg() {
            return pg.has_users();
        }
        Ok(self
            .conn()?
            .query_row("SELECT count(*) > 0 FROM users", [], |r| r.get(0))?)
    }

    fn existing_user(&self, name: &str) -> Result<User> {
        self.user(name)?
            .ok_or_else(|| account(format!("no user named {name:?}")))
    }

    pub fn set_role(&self, name: &str, role: Role) -> Result<User> {
        if let Some(pg) = self.pg() {
            return pg.set_role(name, role);
        }
        let user = self.existing_user(name)?;
        self.conn()?.execute(
            "UPDATE users SET role = ?1 WHERE id = ?2",
            params![role.as_str(), user.id],
        )?;
        self.existing_user(name)
    }

    /// Replace a user's password (sessions stay; they were made by the user).
    pub fn set_password(&self, name: &str, password: &str) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.set_password(name, password);
        }
        let user = self.existing_user(name)?;
        if password.chars().count() < MIN_PASSWORD_LEN {
            return Err(account(format!(
                "the password is too short: use at least {MIN_PASSWORD_LEN} characters"
            )));
        }
        self.conn()?.execute(
            "UPDATE users SET password_hash = ?1 WHERE id = ?2",
            params![hash_password(password)?, user.id],
        )?;
        Ok(())
    }

    /// Disable (or enable again) a user: a disabled user cannot sign in, and their sessions
    /// end and their tokens stop working at once.
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<User> {
        if let Some(pg) = self.pg() {
            return pg.set_disabled(name, disabled);
        }
        let user = self.existing_user(name)?;
        self.conn()?.execute(
            "UPDATE users SET disabled = ?1 WHERE id = ?2",
            params![i64::from(disabled), user.id],
        )?;
        if disabled {
            self.conn()?
                .execute("DELETE FROM sessions WHERE user_id = ?1", params![user.id])?;
        }
        self.existing_user(name)
    }

    /// The user `name` when `password` is theirs and they are enabled. An unknown name costs
    /// the same argon2 work as a known one, so the answer time does not tell which names
    /// exist.
    pub fn check_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        if let Some(pg) = self.pg() {
            return pg.check_password(name, password);
        }
        let found: Option<(User, String)> = self
            .conn()?
            .query_row(
                &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE name = ?1"),
                params![name],
                |r| Ok((user_from_row(r)?, r.get(5)?)),
            )
            .optional()?;
        match found {
            Some((user, hash)) => {
                let ok = verify_password(password, &hash);
                Ok((ok && !user.disabled).then_some(user))
            }
            None => {
                // A fixed hash of a random string: same work, never a match.
                let _ = verify_password(password, DUMMY_HASH);
                Ok(None)
            }
        }
    }

    /// Start a session for `user` lasting `seconds`; expired sessions are purged on the way.
    pub fn create_session(&self, user: &User, seconds: i64) -> Result<NewSession> {
        if let Some(pg) = self.pg() {
            return pg.create_session(user, seconds);
        }
        let now = unix_now();
        self.conn()?
            .execute("DELETE FROM sessions WHERE expires_at <= ?1", params![now])?;
        let id = random_secret()?;
        let csrf = random_secret()?;
        let expires_at = now + seconds;
        self.conn()?.execute(
            "INSERT INTO sessions(id_hash, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![secret_digest(&id), user.id, csrf, now, expires_at],
        )?;
        Ok(NewSession {
            id,
            csrf,
            expires_at,
        })
    }

    /// The live session with this id (from the cookie), `None` when unknown, expired or its
    /// user is disabled.
    pub fn session(&self, id: &str) -> Result<Option<Session>> {
        if let Some(pg) = self.pg() {
            return pg.session(id);
        }
        let cols = "u.id, u.name, u.role, u.disabled, u.created_at";
        let found = self
            .conn()?
            .query_row(
                &format!(
                    "SELECT {cols}, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
                     WHERE s.id_hash = ?1 AND s.expires_at > ?2"
                ),
                params![secret_digest(id), unix_now()],
                |r| {
                    Ok(Session {
                        user: user_from_row(r)?,
                        csrf: r.get(5)?,
                        expires_at: r.get(6)?,
                    })
                },
            )
            .optional()?;
        Ok(found.filter(|s| !s.user.disabled))
    }

    pub fn delete_session(&self, id: &str) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.delete_session(id);
        }
        self.conn()?.execute(
            "DELETE FROM sessions WHERE id_hash = ?1",
            params![secret_digest(id)],
        )?;
        Ok(())
    }

    /// A new personal API token for user `name`: the secret is returned once and only its
    /// digest kept.
    pub fn create_token(&self, name: &str, label: &str) -> Result<(ApiToken, String)> {
        if let Some(pg) = self.pg() {
            return pg.create_token(name, label);
        }
        let user = self.existing_user(name)?;
        let secret = format!("ag_{}", random_secret()?);
        let label = clean_label(label);
        self.conn()?.execute(
            "INSERT INTO api_tokens(user_id, label, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![user.id, label, secret_digest(&secret), iso_utc(unix_now())],
        )?;
        let id = self.conn()?.last_insert_rowid();
        let token = self
            .tokens(Some(name))?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| account("the new token vanished"))?;
        Ok((token, secret))
    }

    /// Tokens (of one user, or all), newest first.
    pub fn tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        if let Some(pg) = self.pg() {
            return pg.tokens(user);
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT t.id, u.name, t.label, t.created_at, t.revoked_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id WHERE (?1 IS NULL OR u.name = ?1) ORDER BY t.id DESC",
        )?;
        let rows = stmt.query_map(params![user], |r| {
            Ok(ApiToken {
                id: r.get(0)?,
                user: r.get(1)?,
                label: r.get(2)?,
                created_at: r.get(3)?,
                revoked_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revoke token `id`; its holder's requests are refused from now on.
    pub fn revoke_token(&self, id: i64) -> Result<ApiToken> {
        if let Some(pg) = self.pg() {
            return pg.revoke_token(id);
        }
        let changed = self.conn()?.execute(
            "UPDATE api_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
            params![iso_utc(unix_now()), id],
        )?;
        let token = self
            .tokens(None)?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| account(format!("no token {id}")))?;
        if changed == 0 {
            return Err(account(format!("token {id} was revoked already")));
        }
        Ok(token)
    }

    /// The enabled user holding this live token.
    pub fn token_user(&self, secret: &str) -> Result<Option<User>> {
        if let Some(pg) = self.pg() {
            return pg.token_user(secret);
        }
        let found = self
            .conn()?
            .query_row(
                "SELECT u.id, u.name, u.role, u.disabled, u.created_at FROM api_tokens t \
                 JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL",
                params![secret_digest(secret)],
                user_from_row,
            )
            .optional()?;
        Ok(found.filter(|u| !u.disabled))
    }

    /// The collection named `name`, created when missing.
    pub fn ensure_collection(&self, name: &str) -> Result<Collection> {
        if let Some(pg) = self.pg() {
            return pg.ensure_collection(name);
        }
        check_name("collection", name)?;
        self.conn()?.execute(
            "INSERT INTO collections(name, created_at) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
            params![name, iso_utc(unix_now())],
        )?;
        let c = self
            .collection(name)?
            .ok_or_else(|| account(format!("collection {name:?} vanished")))?;
        let documents: i64 = self.conn()?.query_row(
            "SELECT count(*) FROM collection_documents WHERE collection_id = ?1",
            params![c.id],
            |r| r.get(0),
        )?;
        Ok(Collection {
            documents: documents.max(0) as u64,
            ..c
        })
    }

    /// The collection named `name`; its document count is not computed (0): this is the
    /// lookup every ingest makes.
    pub fn collection(&self, name: &str) -> Result<Option<Collection>> {
        if let Some(pg) = self.pg() {
            return pg.collection(name);
        }
        Ok(self
            .conn()?
            .query_row(
                "SELECT id, name, created_at FROM collections WHERE name = ?1",
                params![name],
                |r| {
                    Ok(Collection {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        created_at: r.get(2)?,
                        documents: 0,
                    })
                },
            )
            .optional()?)
    }

    pub fn collections(&self) -> Result<Vec<Collection>> {
        if let Some(pg) = self.pg() {
            return pg.collections();
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT c.id, c.name, c.created_at, \
             (SELECT count(*) FROM collection_documents d WHERE d.collection_id = c.id) \
             FROM collections c ORDER BY c.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Collection {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                documents: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Put stored document `doc_id` into collection `name` (created when missing).
    pub fn add_to_collection(&self, name: &str, doc_id: &str) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.add_to_collection(name, doc_id);
        }
        let c = match self.collection(name)? {
            Some(c) => c,
            None => self.ensure_collection(name)?,
        };
        self.conn()?.execute(
            "INSERT INTO collection_documents(collection_id, doc_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![c.id, doc_id],
        )?;
        Ok(())
    }

    /// The collections document `doc_id` is in.
    pub fn document_collections(&self, doc_id: &str) -> Result<Vec<String>> {
        if let Some(pg) = self.pg() {
            return pg.document_collections(doc_id);
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT c.name FROM collection_documents d JOIN collections c ON c.id = d.collection_id \
             WHERE d.doc_id = ?1 ORDER BY c.name",
        )?;
        let rows = stmt.query_map(params![doc_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Give `user` `access` to collection `collection` (replacing what they had); `None`
    /// takes it away.
    pub fn grant(&self, collection: &str, user: &str, access: Option<Access>) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.grant(collection, user, access);
        }
        let u = self.existing_user(user)?;
        let c = self
            .collection(collection)?
            .ok_or_else(|| account(format!("no collection named {collection:?}")))?;
        match access {
            Some(a) => self.conn()?.execute(
                "INSERT INTO collection_grants(collection_id, user_id, access) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(collection_id, user_id) DO UPDATE SET access = excluded.access",
                params![c.id, u.id, a.as_str()],
            )?,
            None => self.conn()?.execute(
                "DELETE FROM collection_grants WHERE collection_id = ?1 AND user_id = ?2",
                params![c.id, u.id],
            )?,
        };
        Ok(())
    }

    pub fn grants(&self) -> Result<Vec<Grant>> {
        if let Some(pg) = self.pg() {
            return pg.grants();
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT c.name, u.name, g.access FROM collection_grants g \
             JOIN collections c ON c.id = g.collection_id JOIN users u ON u.id = g.user_id \
             ORDER BY c.name, u.name",
        )?;
        let rows = stmt.query_map([], |r| {
            let access: String = r.get(2)?;
            Ok(Grant {
                collection: r.get(0)?,
                user: r.get(1)?,
                access: Access::parse(&access).unwrap_or(Access::Read),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `user`'s access to collection `name` (admins: write to all; `None` for no grant or no
    /// such collection).
    pub fn access(&self, user: &User, collection: &str) -> Result<Option<Access>> {
        if user.role == Role::Admin {
            return Ok(Some(Access::Write));
        }
        if let Some(pg) = self.pg() {
            return pg.granted_access(user, collection);
        }
        let found: Option<String> = self
            .conn()?
            .query_row(
                "SELECT g.access FROM collection_grants g JOIN collections c ON c.id = g.collection_id \
                 WHERE c.name = ?1 AND g.user_id = ?2",
                params![collection, user.id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.as_deref().and_then(Access::parse))
    }

    /// Which documents `user` may read. `All` when they are an admin or may read every
    /// collection that holds documents: then the store-wide views are theirs unchanged.
    pub fn read_scope(&self, user: &User) -> Result<ReadScope> {
        if user.role == Role::Admin {
            return Ok(ReadScope::All);
        }
        if let Some(pg) = self.pg() {
            return pg.granted_scope(user);
        }
        let mut stmt = self
            .conn()?
            .prepare("SELECT collection_id FROM collection_grants WHERE user_id = ?1")?;
        let granted: Vec<i64> = stmt
            .query_map(params![user.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let hidden: bool = self.conn()?.query_row(
            // Per collection (a handful), one primary-key probe each: never a scan of the
            // documents.
            "SELECT EXISTS (SELECT 1 FROM collections c WHERE c.id NOT IN \
             (SELECT collection_id FROM collection_grants WHERE user_id = ?1) \
             AND EXISTS (SELECT 1 FROM collection_documents d WHERE d.collection_id = c.id))",
            params![user.id],
            |r| r.get(0),
        )?;
        Ok(if hidden {
            ReadScope::Collections(granted)
        } else {
            ReadScope::All
        })
    }

    /// Whether a reader with `scope` may see document `doc_id`: it is in no collection, or in
    /// one of theirs. One indexed lookup.
    pub fn may_read(&self, scope: &ReadScope, doc_id: &str) -> Result<bool> {
        let ReadScope::Collections(ids) = scope else {
            return Ok(true);
        };
        if let Some(pg) = self.pg() {
            let inside = pg.collections_holding(doc_id)?;
            return Ok(inside.is_empty() || inside.iter().any(|c| ids.contains(c)));
        }
        let mut stmt = self
            .conn()?
            .prepare_cached("SELECT collection_id FROM collection_documents WHERE doc_id = ?1")?;
        let inside: Vec<i64> = stmt
            .query_map(params![doc_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(inside.is_empty() || inside.iter().any(|c| ids.contains(c)))
    }

    /// Add a row to the audit log.
    pub fn audit(&self, entry: &NewAudit<'_>) -> Result<()> {
        if let Some(pg) = self.pg() {
            return pg.audit(entry);
        }
        let clip = |s: &str| s.chars().take(2000).collect::<String>();
        self.conn()?.execute(
            "INSERT INTO audit_log(at, actor, action, object, detail, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                iso_utc(unix_now()),
                clip(entry.actor),
                clip(entry.action),
                clip(entry.object),
                clip(entry.detail),
                entry.address
            ],
        )?;
        Ok(())
    }

    /// Audit rows, newest first.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        if let Some(pg) = self.pg() {
            return pg.audit_log(filter);
        }
        let mut stmt = self.conn()?.prepare(
            "SELECT id, at, actor, action, object, detail, address FROM audit_log \
             WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY id DESC LIMIT ?3",
        )?;
        let limit = if filter.limit == 0 {
            1000
        } else {
            filter.limit
        };
        let rows = stmt.query_map(
            params![filter.actor, filter.since, limit.min(100_000) as i64],
            |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    object: r.get(4)?,
                    detail: r.get(5)?,
                    address: r.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// argon2 hash (default parameters) of a random string nobody knows, used so that a login
/// with an unknown name costs the same as one with a known name.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3kH4vJYpQKc8m3Gv6sQm0q2nqXH0mW0bq4u0b9yJr0g";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("correct horse"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("x", "not a hash"));
        // The dummy hash parses, so an unknown user costs a real verification.
        assert!(argon2::password_hash::PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
