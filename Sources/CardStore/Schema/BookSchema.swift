import CardConcurrency

/// The book's tables, created and upgraded by ``BookMigrator`` on either backend.
///
/// Records are facts: every imported record as it was read and normalized, never edited. People
/// are derived from them (`person` caches the merged contact), and decisions are kept apart: which
/// records belong together (`membership`, `link`), manual edits, tags, touches. Every change
/// leaves a `change` row and a `journal` of row images to revert it.
///
/// The SQL is kept close to what SQLite and PostgreSQL share (integer, `BIGINT` for 64-bit hashes,
/// real, text and blob columns, plain indexes, `ON CONFLICT` upserts, no `AUTOINCREMENT`, no
/// `WITHOUT ROWID`). A PostgreSQL book needs `BYTEA` for blobs, `COLLATE "C"` on the sort names,
/// and ids from sequences rather than a transaction holding the whole database. Contacts are
/// stored in ``ContactBinary``'s form.
enum BookSchema {
    /// The newest migration this cardtool knows; a book with others was written by a newer one.
    static var migrator: BookMigrator {
        var migrator = BookMigrator()
        migrator.register("v1: records, people, history") { db in
            try db.executeScript("""
                CREATE TABLE book_meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE change (
                    id INTEGER PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    at TEXT NOT NULL,
                    summary TEXT NOT NULL
                );
                CREATE TABLE journal (
                    change_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    tbl TEXT NOT NULL,
                    row_key BLOB NOT NULL,
                    before BLOB,
                    PRIMARY KEY (change_id, seq)
                );
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    date TEXT NOT NULL,
                    note TEXT,
                    cost REAL,
                    UNIQUE (name, date)
                );
                CREATE TABLE import (
                    id INTEGER PRIMARY KEY NOT NULL,
                    change_id INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    files TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    new_people INTEGER NOT NULL,
                    merged INTEGER NOT NULL,
                    review INTEGER NOT NULL
                );
                CREATE TABLE record (
                    id INTEGER PRIMARY KEY NOT NULL,
                    import_id INTEGER NOT NULL,
                    event_id INTEGER,
                    met_on TEXT,
                    file TEXT NOT NULL,
                    record_no INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    source_id TEXT,
                    fingerprint TEXT NOT NULL,
                    contact BLOB NOT NULL,
                    features BLOB
                );
                CREATE INDEX record_import ON record (import_id);
                CREATE INDEX record_fingerprint ON record (fingerprint);
                CREATE INDEX record_event ON record (event_id);
                CREATE TABLE record_key (
                    key BIGINT NOT NULL,
                    record_id INTEGER NOT NULL
                );
                CREATE INDEX record_key_key ON record_key (key, record_id);
                CREATE TABLE record_name (
                    record_id INTEGER PRIMARY KEY NOT NULL,
                    family_given TEXT NOT NULL,
                    given_family TEXT NOT NULL
                );
                CREATE INDEX record_name_family_given ON record_name (family_given);
                CREATE INDEX record_name_given_family ON record_name (given_family);
                CREATE TABLE person (
                    id TEXT PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL UNIQUE,
                    contact BLOB NOT NULL,
                    name TEXT NOT NULL,
                    search TEXT NOT NULL,
                    first_met TEXT,
                    last_interaction TEXT,
                    last_kind TEXT,
                    changed INTEGER NOT NULL
                );
                CREATE INDEX person_changed ON person (changed);
                CREATE TABLE membership (
                    record_id INTEGER PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL
                );
                CREATE INDEX membership_person ON membership (person_id);
                CREATE TABLE alias (
                    old_id TEXT PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL
                );
                CREATE TABLE link (
                    a INTEGER NOT NULL,
                    b INTEGER NOT NULL,
                    together INTEGER NOT NULL,
                    PRIMARY KEY (a, b)
                );
                CREATE INDEX link_b ON link (b);
                CREATE TABLE person_edit (
                    person_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (person_id, field)
                );
                CREATE TABLE tag (
                    person_id TEXT NOT NULL,
                    tag TEXT NOT NULL,
                    PRIMARY KEY (person_id, tag)
                );
                CREATE INDEX tag_tag ON tag (tag);
                CREATE TABLE cadence (
                    target TEXT PRIMARY KEY NOT NULL,
                    days INTEGER NOT NULL
                );
                CREATE TABLE touch (
                    id INTEGER PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL,
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX touch_person ON touch (person_id);
                CREATE TABLE review (
                    a INTEGER NOT NULL,
                    b INTEGER NOT NULL,
                    probability REAL NOT NULL,
                    PRIMARY KEY (a, b)
                );
                CREATE TABLE export_mark (
                    profile TEXT PRIMARY KEY NOT NULL,
                    change_id INTEGER NOT NULL
                );
                CREATE TABLE value_count (
                    kind INTEGER NOT NULL,
                    key BIGINT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (kind, key)
                );
                """)
        }
        // Keys added after books were written (the birth date or the postcode with either name's
        // sound; identity numbers and postcodes without leading zeros): the records already in a
        // book get them.
        migrator.register("v2: keys by birth date or postcode and either name's sound") { db in
            try RecordIndex.addKeys(of: [.birthdayAndNameSound, .postcodeAndSurname, .postcodeAndGiven, .customValue], db: db)
        }
        // Who made each change and logged each touch (a team's book has many hands).
        migrator.register("v3: who made each change and touch") { db in
            try db.executeScript("ALTER TABLE change ADD COLUMN by_name TEXT; ALTER TABLE touch ADD COLUMN by_name TEXT")
        }
        // The postcode with the birth date or the house number, for records whose names are
        // both misspelt or swapped; street lines are keyed anew (English-style lines sorted).
        migrator.register("v4: keys by postcode and birth date or house number") { db in
            try RecordIndex.addKeys(of: [.postcodeAndBirthdayOrHouse], db: db)
        }
        // Nicknames the tables lacked (Sasha for Alexander and Alexandra, Katie for Katherine):
        // the features stored with each record hold a given name's forms, and the name rules key
        // records by them. Both are worked out again, once, so a Sasha imported before finds an
        // Alexandra imported after.
        migrator.register("v5: nickname forms worked out again (Sasha, Katie)") { db in
            try StoredFeatures.rewriteStale(threads: Parallel.defaultThreads, db: db)
            try RecordIndex.addKeys(of: [.name, .initialAndOrganization, .birthdayAndGiven, .postcodeAndGiven], db: db)
        }
        return migrator
    }
}
