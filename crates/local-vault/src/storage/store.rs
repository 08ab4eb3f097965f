//! SQLite persistence. One table of JSON documents keyed by (vault, kind, key).
//!
//! Durability: WAL with `synchronous=FULL`, so every commit fsyncs the WAL before the handler
//! answers; each acknowledged write is one transaction, so a crash leaves it whole or absent.
//! Calls run on tokio's blocking pool because SQLite blocks.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, params};

use crate::error::Error;

/// One row to write: `doc = None` deletes it.
pub struct Row {
    /// What the document is (`cert`, `issuer`, …).
    pub kind: &'static str,
    /// Its key within the kind.
    pub key: String,
    /// Its JSON, or `None` to delete.
    pub doc: Option<String>,
}

/// A stored document.
pub struct Doc {
    /// Its kind.
    pub kind: String,
    /// Its key.
    pub key: String,
    /// Its JSON.
    pub doc: String,
}

/// The database shared by every vault of a process.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS objects (
    vault TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (vault, kind, key)) WITHOUT ROWID";

impl Store {
    /// Opens (creating) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let conn = Connection::open(path).map_err(Error::db)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(Error::db)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(Error::db)?;
        // Purged certificates carry private keys: overwrite freed pages rather than leave
        // them readable in the file.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(Error::db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(Error::db)?;
        conn.execute(SCHEMA, []).map_err(Error::db)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, Error> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock cannot leave SQLite inconsistent: keep using it.
            let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| Error::Db(e.to_string()))?
        .map_err(Error::db)
    }

    /// Writes `rows` of `vault` in one transaction, committed before this returns.
    pub async fn write(&self, vault: &str, rows: Vec<Row>) -> Result<(), Error> {
        let vault = vault.to_string();
        self.run(move |conn| {
            let tx = conn.transaction()?;
            for row in &rows {
                match &row.doc {
                    Some(doc) => tx.execute(
                        "INSERT INTO objects (vault, kind, key, doc) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (vault, kind, key) DO UPDATE SET doc = excluded.doc",
                        params![vault, row.kind, row.key, doc],
                    )?,
                    None => tx.execute(
                        "DELETE FROM objects WHERE vault = ?1 AND kind = ?2 AND key = ?3",
                        params![vault, row.kind, row.key],
                    )?,
                };
            }
            tx.commit()?;
            if rows.iter().any(|row| row.doc.is_none()) {
                forget_deleted(conn)?;
            }
            Ok(())
        })
        .await
    }

    /// Every document of `vault`.
    pub async fn load(&self, vault: &str) -> Result<Vec<Doc>, Error> {
        let vault = vault.to_string();
        self.run(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT kind, key, doc FROM objects WHERE vault = ?1 ORDER BY kind, key",
            )?;
            let rows = stmt.query_map([vault], |r| {
                Ok(Doc {
                    kind: r.get(0)?,
                    key: r.get(1)?,
                    doc: r.get(2)?,
                })
            })?;
            rows.collect()
        })
        .await
    }

    /// Names of the vaults created at run time (to serve again), in creation order.
    pub async fn vault_names(&self) -> Result<Vec<String>, Error> {
        self.run(|conn| {
            let mut stmt = conn.prepare("SELECT vault FROM objects WHERE kind = 'meta' AND json_extract(doc, '$.remembered') = 1 ORDER BY json_extract(doc, '$.created'), vault")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        })
        .await
    }

    /// Deletes a vault and everything in it.
    pub async fn drop_vault(&self, vault: &str) -> Result<(), Error> {
        let vault = vault.to_string();
        self.run(move |conn| {
            conn.execute("DELETE FROM objects WHERE vault = ?1", [vault])?;
            forget_deleted(conn)
        })
        .await
    }
}

/// After a delete: copies the (securely zeroed) pages into the database and empties the WAL,
/// whose older frames still hold the deleted documents, private keys among them.
fn forget_deleted(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `needle` occurs in the file at `path` (absent files hold nothing).
    fn file_holds(path: &Path, needle: &[u8]) -> bool {
        std::fs::read(path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
    }

    #[tokio::test]
    async fn deleted_documents_leave_no_trace_in_the_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("vault.db");
        let store = Store::open(&db).expect("store opens");
        let secret = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAAS";
        let row = |doc: Option<String>| Row {
            kind: "cert",
            key: "purged".into(),
            doc,
        };
        let keep = Row {
            kind: "cert",
            key: "kept".into(),
            doc: Some("{}".into()),
        };
        store
            .write(
                "v",
                vec![row(Some(format!("{{\"key\":\"{secret}\"}}"))), keep],
            )
            .await
            .expect("written");
        assert!(file_holds(
            &dir.path().join("vault.db-wal"),
            secret.as_bytes()
        ));
        store.write("v", vec![row(None)]).await.expect("deleted");
        for file in ["vault.db", "vault.db-wal"] {
            assert!(
                !file_holds(&dir.path().join(file), secret.as_bytes()),
                "{file} still holds the deleted document"
            );
        }
        assert_eq!(store.load("v").await.expect("loads").len(), 1);
    }
}
