//! Accounts on PostgreSQL: the methods of [`crate::accounts`] — users with argon2 hashes,
//! roles, disabling, sessions with expiry and a CSRF token, personal API tokens, collections
//! with grants and document membership, the read scope, and the audit log — over the same
//! tables with the same columns and the same behaviour (docs/notes/accounts.md,
//! docs/notes/postgres.md).
//!
//! The checks (name rules, password length, label cleaning, the dummy hash that makes an
//! unknown name cost as much as a known one) are the SQLite store's own functions; only the
//! SQL is written again. Two differences, both about several connections at once, which a
//! PostgreSQL store has and a SQLite file serialises: adding a user or a collection that a
//! concurrent caller adds first is decided by the unique index (`ON CONFLICT`), and
//! disabling a user and ending their sessions is one transaction.

use postgres::Row;

use crate::accounts::{
    account, check_name, clean_label, hash_password, iso_utc, random_secret, secret_digest,
    unix_now, verify_password, Access, ApiToken, AuditEntry, AuditFilter, Collection, Grant,
    NewAudit, NewSession, ReadScope, Role, Session, User, DUMMY_HASH, MIN_PASSWORD_LEN,
};
use crate::pg::PgStore;
use crate::Result;

/// The account tables, as in `accounts::SCHEMA`: `BIGSERIAL` for SQLite's integer row ids,
/// `BOOLEAN` for `disabled`, and `COLLATE "C"` on the names and times that are sorted or
/// compared by range, so lists come in SQLite's (byte) order.
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS collections (
    id BIGSERIAL PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS collection_documents (
    collection_id BIGINT NOT NULL REFERENCES collections(id),
    doc_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (collection_id, doc_id)
);
CREATE INDEX IF NOT EXISTS collection_documents_doc ON collection_documents (doc_id);
CREATE TABLE IF NOT EXISTS collection_grants (
    collection_id BIGINT NOT NULL REFERENCES collections(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    access TEXT NOT NULL,
    PRIMARY KEY (collection_id, user_id)
);
CREATE INDEX IF NOT EXISTS collection_grants_user ON collection_grants (user_id);
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    actor TEXT COLLATE "C" NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, at);
"#;

const USER_COLUMNS: &str = "id, name, role, disabled, created_at";

fn user_row(r: &Row) -> User {
    let role: String = r.get(2);
    User {
        id: r.get(0),
        name: r.get(1),
        // A role written by a newer version reads as the least one (as on SQLite).
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        disabled: r.get(3),
        created_at: r.get(4),
    }
}

fn token_row(r: &Row) -> ApiToken {
    ApiToken {
        id: r.get(0),
        user: r.get(1),
        label: r.get(2),
        created_at: r.get(3),
        revoked_at: r.get(4),
    }
}

/// PostgreSQL text holds no NUL byte (SQLite's does): audit text typed by a client (a name
/// at sign-in, a correction's reason) must not turn an audit row into an error.
fn no_nul(s: &str) -> String {
    s.replace('\0', " ")
}

impl PgStore {
    pub(crate) fn create_user(&self, name: &str, role: Role, password: &str) -> Result<User> {
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
        let added = self.client()?.query_opt(
            &format!(
                "INSERT INTO users(name, role, password_hash, disabled, created_at)
                 VALUES ($1, $2, $3, false, $4) ON CONFLICT (name) DO NOTHING
                 RETURNING {USER_COLUMNS}"
            ),
            &[&name, &role.as_str(), &hash, &iso_utc(unix_now())],
        )?;
        // None: another connection added the name between the check and the insert.
        added
            .map(|r| user_row(&r))
            .ok_or_else(|| account(format!("a user named {name:?} exists already")))
    }

    pub(crate) fn user(&self, name: &str) -> Result<Option<User>> {
        Ok(self
            .client()?
            .query_opt(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE name = $1"),
                &[&no_nul(name)],
            )?
            .map(|r| user_row(&r)))
    }

    pub(crate) fn users(&self) -> Result<Vec<User>> {
        Ok(self
            .client()?
            .query(
                &format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"),
                &[],
            )?
            .iter()
            .map(user_row)
            .collect())
    }

    /// Asked once per stored document (the worker's and `ingest`'s audit row): prepared.
    pub(crate) fn has_users(&self) -> Result<bool> {
        let mut client = self.client()?;
        let statement = self.prepared(&mut client, "SELECT EXISTS (SELECT 1 FROM users)")?;
        Ok(client.query_one(&statement, &[])?.get(0))
    }

    fn existing_user(&self, name: &str) -> Result<User> {
        self.user(name)?
            .ok_or_else(|| account(format!("no user named {name:?}")))
    }

    pub(crate) fn set_role(&self, name: &str, role: Role) -> Result<User> {
        let user = self.existing_user(name)?;
        self.client()?.execute(
            "UPDATE users SET role = $1 WHERE id = $2",
            &[&role.as_str(), &user.id],
        )?;
        self.existing_user(name)
    }

    pub(crate) fn set_password(&self, name: &str, password: &str) -> Result<()> {
        let user = self.existing_user(name)?;
        if password.chars().count() < MIN_PASSWORD_LEN {
            return Err(account(format!(
                "the password is too short: use at least {MIN_PASSWORD_LEN} characters"
            )));
        }
        self.client()?.execute(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            &[&hash_password(password)?, &user.id],
        )?;
        Ok(())
    }

    pub(crate) fn set_disabled(&self, name: &str, disabled: bool) -> Result<User> {
        let user = self.existing_user(name)?;
        {
            let mut client = self.client()?;
            let mut tx = client.transaction()?;
            tx.execute(
                "UPDATE users SET disabled = $1 WHERE id = $2",
                &[&disabled, &user.id],
            )?;
            if disabled {
                tx.execute("DELETE FROM sessions WHERE user_id = $1", &[&user.id])?;
            }
            tx.commit()?;
        }
        self.existing_user(name)
    }

    pub(crate) fn check_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        let found = self
            .client()?
            .query_opt(
                &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE name = $1"),
                &[&no_nul(name)],
            )?
            .map(|r| (user_row(&r), r.get::<_, String>(5)));
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

    pub(crate) fn create_session(&self, user: &User, seconds: i64) -> Result<NewSession> {
        let now = unix_now();
        let id = random_secret()?;
        let csrf = random_secret()?;
        let expires_at = now.saturating_add(seconds);
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        tx.execute("DELETE FROM sessions WHERE expires_at <= $1", &[&now])?;
        tx.execute(
            "INSERT INTO sessions(id_hash, user_id, csrf, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[&secret_digest(&id), &user.id, &csrf, &now, &expires_at],
        )?;
        tx.commit()?;
        Ok(NewSession {
            id,
            csrf,
            expires_at,
        })
    }

    pub(crate) fn session(&self, id: &str) -> Result<Option<Session>> {
        let found = self
            .client()?
            .query_opt(
                "SELECT u.id, u.name, u.role, u.disabled, u.created_at, s.csrf, s.expires_at
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.id_hash = $1 AND s.expires_at > $2",
                &[&secret_digest(id), &unix_now()],
            )?
            .map(|r| Session {
                user: user_row(&r),
                csrf: r.get(5),
                expires_at: r.get(6),
            });
        Ok(found.filter(|s| !s.user.disabled))
    }

    pub(crate) fn delete_session(&self, id: &str) -> Result<()> {
        self.client()?.execute(
            "DELETE FROM sessions WHERE id_hash = $1",
            &[&secret_digest(id)],
        )?;
        Ok(())
    }

    pub(crate) fn create_token(&self, name: &str, label: &str) -> Result<(ApiToken, String)> {
        let user = self.existing_user(name)?;
        let secret = format!("ag_{}", random_secret()?);
        let label = no_nul(&clean_label(label));
        let row = self.client()?.query_one(
            "WITH t AS (
                 INSERT INTO api_tokens(user_id, label, token_hash, created_at)
                 VALUES ($1, $2, $3, $4) RETURNING id, user_id, label, created_at, revoked_at)
             SELECT t.id, u.name, t.label, t.created_at, t.revoked_at
             FROM t JOIN users u ON u.id = t.user_id",
            &[
                &user.id,
                &label,
                &secret_digest(&secret),
                &iso_utc(unix_now()),
            ],
        )?;
        Ok((token_row(&row), secret))
    }

    pub(crate) fn tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        Ok(self
            .client()?
            .query(
                "SELECT t.id, u.name, t.label, t.created_at, t.revoked_at FROM api_tokens t
                 JOIN users u ON u.id = t.user_id
                 WHERE ($1::text IS NULL OR u.name = $1::text) ORDER BY t.id DESC",
                &[&user],
            )?
            .iter()
            .map(token_row)
            .collect())
    }

    pub(crate) fn revoke_token(&self, id: i64) -> Result<ApiToken> {
        let changed = self.client()?.execute(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            &[&iso_utc(unix_now()), &id],
        )?;
        let token = self
            .client()?
            .query_opt(
                "SELECT t.id, u.name, t.label, t.created_at, t.revoked_at FROM api_tokens t
                 JOIN users u ON u.id = t.user_id WHERE t.id = $1",
                &[&id],
            )?
            .map(|r| token_row(&r))
            .ok_or_else(|| account(format!("no token {id}")))?;
        if changed == 0 {
            return Err(account(format!("token {id} was revoked already")));
        }
        Ok(token)
    }

    pub(crate) fn token_user(&self, secret: &str) -> Result<Option<User>> {
        let found = self
            .client()?
            .query_opt(
                "SELECT u.id, u.name, u.role, u.disabled, u.created_at FROM api_tokens t
                 JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                &[&secret_digest(secret)],
            )?
            .map(|r| user_row(&r));
        Ok(found.filter(|u| !u.disabled))
    }

    pub(crate) fn ensure_collection(&self, name: &str) -> Result<Collection> {
        check_name("collection", name)?;
        self.client()?.execute(
            "INSERT INTO collections(name, created_at) VALUES ($1, $2)
             ON CONFLICT (name) DO NOTHING",
            &[&name, &iso_utc(unix_now())],
        )?;
        self.client()?
            .query_opt(
                "SELECT c.id, c.name, c.created_at,
                        (SELECT count(*) FROM collection_documents d WHERE d.collection_id = c.id)
                 FROM collections c WHERE c.name = $1",
                &[&name],
            )?
            .map(|r| collection_row(&r, true))
            .ok_or_else(|| account(format!("collection {name:?} vanished")))
    }

    pub(crate) fn collection(&self, name: &str) -> Result<Option<Collection>> {
        Ok(self
            .client()?
            .query_opt(
                "SELECT id, name, created_at FROM collections WHERE name = $1",
                &[&no_nul(name)],
            )?
            .map(|r| collection_row(&r, false)))
    }

    pub(crate) fn collections(&self) -> Result<Vec<Collection>> {
        Ok(self
            .client()?
            .query(
                "SELECT c.id, c.name, c.created_at,
                        (SELECT count(*) FROM collection_documents d WHERE d.collection_id = c.id)
                 FROM collections c ORDER BY c.name",
                &[],
            )?
            .iter()
            .map(|r| collection_row(r, true))
            .collect())
    }

    pub(crate) fn add_to_collection(&self, name: &str, doc_id: &str) -> Result<()> {
        let c = match self.collection(name)? {
            Some(c) => c,
            None => self.ensure_collection(name)?,
        };
        self.client()?.execute(
            "INSERT INTO collection_documents(collection_id, doc_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&c.id, &no_nul(doc_id)],
        )?;
        Ok(())
    }

    pub(crate) fn document_collections(&self, doc_id: &str) -> Result<Vec<String>> {
        Ok(self
            .client()?
            .query(
                "SELECT c.name FROM collection_documents d
                 JOIN collections c ON c.id = d.collection_id
                 WHERE d.doc_id = $1 ORDER BY c.name",
                &[&no_nul(doc_id)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    pub(crate) fn grant(&self, collection: &str, user: &str, access: Option<Access>) -> Result<()> {
        let u = self.existing_user(user)?;
        let c = self
            .collection(collection)?
            .ok_or_else(|| account(format!("no collection named {collection:?}")))?;
        match access {
            Some(a) => self.client()?.execute(
                "INSERT INTO collection_grants(collection_id, user_id, access) VALUES ($1, $2, $3)
                 ON CONFLICT (collection_id, user_id) DO UPDATE SET access = excluded.access",
                &[&c.id, &u.id, &a.as_str()],
            )?,
            None => self.client()?.execute(
                "DELETE FROM collection_grants WHERE collection_id = $1 AND user_id = $2",
                &[&c.id, &u.id],
            )?,
        };
        Ok(())
    }

    pub(crate) fn grants(&self) -> Result<Vec<Grant>> {
        Ok(self
            .client()?
            .query(
                "SELECT c.name, u.name, g.access FROM collection_grants g
                 JOIN collections c ON c.id = g.collection_id JOIN users u ON u.id = g.user_id
                 ORDER BY c.name, u.name",
                &[],
            )?
            .iter()
            .map(|r| {
                let access: String = r.get(2);
                Grant {
                    collection: r.get(0),
                    user: r.get(1),
                    access: Access::parse(&access).unwrap_or(Access::Read),
                }
            })
            .collect())
    }

    /// The grant part of [`crate::Store::access`] (the admin rule is the front's).
    pub(crate) fn granted_access(&self, user: &User, collection: &str) -> Result<Option<Access>> {
        let found: Option<String> = self
            .client()?
            .query_opt(
                "SELECT g.access FROM collection_grants g
                 JOIN collections c ON c.id = g.collection_id
                 WHERE c.name = $1 AND g.user_id = $2",
                &[&no_nul(collection), &user.id],
            )?
            .map(|r| r.get(0));
        Ok(found.as_deref().and_then(Access::parse))
    }

    /// The query part of [`crate::Store::read_scope`] for a user who is not an admin.
    pub(crate) fn granted_scope(&self, user: &User) -> Result<ReadScope> {
        let mut client = self.client()?;
        let granted: Vec<i64> = client
            .query(
                "SELECT collection_id FROM collection_grants WHERE user_id = $1
                 ORDER BY collection_id",
                &[&user.id],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        // Per collection (a handful), one index probe each: never a scan of the documents.
        let hidden: bool = client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM collections c WHERE NOT EXISTS
                     (SELECT 1 FROM collection_grants g
                      WHERE g.collection_id = c.id AND g.user_id = $1)
                   AND EXISTS (SELECT 1 FROM collection_documents d WHERE d.collection_id = c.id))",
                &[&user.id],
            )?
            .get(0);
        Ok(if hidden {
            ReadScope::Collections(granted)
        } else {
            ReadScope::All
        })
    }

    /// The collections document `doc_id` is in, by id (for [`crate::Store::may_read`]).
    pub(crate) fn collections_holding(&self, doc_id: &str) -> Result<Vec<i64>> {
        Ok(self
            .client()?
            .query(
                "SELECT collection_id FROM collection_documents WHERE doc_id = $1",
                &[&no_nul(doc_id)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    pub(crate) fn audit(&self, entry: &NewAudit<'_>) -> Result<()> {
        let clip = |s: &str| no_nul(&s.chars().take(2000).collect::<String>());
        self.client()?.execute(
            "INSERT INTO audit_log(at, actor, action, object, detail, address)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &iso_utc(unix_now()),
                &clip(entry.actor),
                &clip(entry.action),
                &clip(entry.object),
                &clip(entry.detail),
                &entry.address.map(no_nul),
            ],
        )?;
        Ok(())
    }

    pub(crate) fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let limit = if filter.limit == 0 {
            1000
        } else {
            filter.limit
        };
        let limit = limit.min(100_000) as i64;
        let actor = filter.actor.as_deref().map(no_nul);
        let since = filter.since.as_deref().map(no_nul);
        Ok(self
            .client()?
            .query(
                "SELECT id, at, actor, action, object, detail, address FROM audit_log
                 WHERE ($1::text IS NULL OR actor = $1::text)
                   AND ($2::text IS NULL OR at >= $2::text)
                 ORDER BY id DESC LIMIT $3",
                &[&actor, &since, &limit],
            )?
            .iter()
            .map(|r| AuditEntry {
                id: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                object: r.get(4),
                detail: r.get(5),
                address: r.get(6),
            })
            .collect())
    }
}

fn collection_row(r: &Row, counted: bool) -> Collection {
    Collection {
        id: r.get(0),
        name: r.get(1),
        created_at: r.get(2),
        documents: if counted {
            r.get::<_, i64>(3).max(0) as u64
        } else {
            0
        },
    }
}
