extension Migration {
    /// Schema v3: rectification orders in full. An order gains its contact, the cited
    /// findings (`order_findings`), a pending extension, who verified it and the times
    /// that tracking needs; every step of its lifecycle, escalations included, is a row of
    /// `order_history`. Orders and their history are never deleted (withdraw instead).
    /// Holiday notices loaded with `calendar import` are kept in `holiday_notices`. Items
    /// gain their time limit (法定或承诺办理时限, in working days).
    static let version3 = Migration(version: 3, name: "orders", sql: """
    ALTER TABLE items ADD COLUMN time_limit INTEGER CHECK (time_limit >= 0);
    ALTER TABLE orders ADD COLUMN contact TEXT;
    ALTER TABLE orders ADD COLUMN round INTEGER;
    ALTER TABLE orders ADD COLUMN created INTEGER;
    ALTER TABLE orders ADD COLUMN created_by TEXT;
    ALTER TABLE orders ADD COLUMN due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (due_provisional IN (0, 1));
    ALTER TABLE orders ADD COLUMN requested_due TEXT;
    ALTER TABLE orders ADD COLUMN reported INTEGER;
    ALTER TABLE orders ADD COLUMN verified_by TEXT;
    ALTER TABLE orders ADD COLUMN closed INTEGER;
    ALTER TABLE orders ADD COLUMN updated INTEGER;
    CREATE TABLE order_findings (
        order_id INTEGER NOT NULL REFERENCES orders(id),
        finding_id INTEGER NOT NULL REFERENCES findings(id),
        PRIMARY KEY (order_id, finding_id)
    ) WITHOUT ROWID;
    CREATE TABLE order_history (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        due TEXT,
        note TEXT,
        escalation TEXT,
        document TEXT,
        target TEXT
    );
    CREATE TABLE holiday_notices (
        year INTEGER NOT NULL PRIMARY KEY,
        source TEXT NOT NULL,
        days TEXT NOT NULL,
        hash TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL
    );
    CREATE INDEX orders_region ON orders(region_id);
    CREATE INDEX orders_status ON orders(status, due);
    CREATE INDEX order_findings_finding ON order_findings(finding_id);
    CREATE INDEX order_history_order ON order_history(order_id, id);
    CREATE TRIGGER orders_kept BEFORE DELETE ON orders
        BEGIN SELECT RAISE(ABORT, 'orders are never deleted; withdraw one instead'); END;
    CREATE TRIGGER order_history_append_only_update BEFORE UPDATE ON order_history
        BEGIN SELECT RAISE(ABORT, 'an order''s history is append-only'); END;
    CREATE TRIGGER order_history_append_only_delete BEFORE DELETE ON order_history
        BEGIN SELECT RAISE(ABORT, 'an order''s history is append-only'); END;
    """)
}
