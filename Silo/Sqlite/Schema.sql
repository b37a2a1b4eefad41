-- Spiderpool's SQLite schema for the embedded single-process silo. Run by SqliteDatabase in one transaction every time
-- it opens the file. Idempotent: only CREATE ... IF NOT EXISTS and INSERT OR IGNORE.

-- One row per IP pool: the small head (spec and reserved ranges as opaque JSON) and the version that acts as the
-- pool's ETag. "id" is a compact key so that the per-address rows do not repeat the name. It is the rowid: SQLite may
-- hand the largest id out again after that pool is deleted, which is harmless because the same transaction that
-- deletes a pool deletes its address rows.
CREATE TABLE IF NOT EXISTS spiderpool_pool (
    id      INTEGER NOT NULL PRIMARY KEY,
    name    TEXT    NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    head    TEXT    NOT NULL
);

-- One row per held address, keyed (pool, address) and stored in that order (WITHOUT ROWID: the key is the table), so
-- a write touches only the rows it changes and a load reads one pool's rows in one range. The address is its 4
-- (IPv4) or 16 (IPv6) bytes in network order; the identifiers are text as given.
CREATE TABLE IF NOT EXISTS spiderpool_pool_address (
    pool_id       INTEGER NOT NULL,
    address       BLOB    NOT NULL,
    pod_key       TEXT    NOT NULL,
    pod_uid       TEXT    NOT NULL,
    container_id  TEXT    NOT NULL,
    if_name       TEXT    NOT NULL,
    stamp_unix_ms INTEGER NOT NULL,
    node          TEXT    NOT NULL,
    net_name      TEXT    NOT NULL,
    PRIMARY KEY (pool_id, address)
) WITHOUT ROWID;

-- Orleans grain state for small per-grain records, keyed by service id, state name (IGrainStorage's stateName) and
-- grain id. A cleared record's row is deleted. Every write takes its version (the ETag) from the one counter below,
-- in the same transaction, so no version is ever stored twice: a writer holding an ETag from before a clear cannot
-- match a row created after it.
CREATE TABLE IF NOT EXISTS spiderpool_grain_state (
    service_id TEXT    NOT NULL,
    state_name TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    payload    BLOB    NOT NULL,
    PRIMARY KEY (service_id, state_name, grain_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS spiderpool_counter (
    name  TEXT    NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT OR IGNORE INTO spiderpool_counter (name, value) VALUES ('grain_state_version', 0);
