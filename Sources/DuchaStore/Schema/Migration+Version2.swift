extension Migration {
    /// Schema v2: imports. Every imported row carries the id of the import that brought
    /// it (`import_id`), so an import can be listed and undone as one unit; steps keep
    /// the lifecycle transition and the UTC offset their time was written with. Every
    /// other attribute of an imported trace or event is kept with its row in `extra`, a
    /// JSON array of `[type, key, value]` (and nested attributes as a fourth element),
    /// one column write instead of a row per attribute; log-level attributes and
    /// declarations go to `import_attributes`; the view `attributes` shows them all as rows.
    static let version2 = Migration(version: 2, name: "imports", sql: """
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        hash TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        name TEXT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        cases INTEGER NOT NULL DEFAULT 0,
        steps INTEGER NOT NULL DEFAULT 0,
        rows INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        undone INTEGER
    );
    CREATE TABLE import_attributes (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        parent_id INTEGER REFERENCES import_attributes(id),
        scope TEXT NOT NULL CHECK (scope IN ('log', 'global_trace', 'global_event', 'extension', 'classifier', 'log_element')),
        key TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL
    );
    ALTER TABLE regions ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE departments ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE workflows ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE workflow_steps ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE items ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE catalog ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE operators ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE cases ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE cases ADD COLUMN extra TEXT;
    ALTER TABLE steps ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE steps ADD COLUMN lifecycle TEXT;
    ALTER TABLE steps ADD COLUMN utc_offset INTEGER DEFAULT 480 CHECK (utc_offset BETWEEN -840 AND 840);
    ALTER TABLE steps ADD COLUMN extra TEXT;
    ALTER TABLE alerts ADD COLUMN import_id INTEGER REFERENCES imports(id);
    ALTER TABLE logins ADD COLUMN import_id INTEGER REFERENCES imports(id);
    CREATE INDEX import_attributes_import ON import_attributes(import_id);
    CREATE VIEW attributes (import_id, case_id, step_id, scope, key, type, value, children) AS
        SELECT import_id, NULL, NULL, scope, key, type, value, NULL FROM import_attributes WHERE parent_id IS NULL
        UNION ALL
        SELECT cases.import_id, cases.id, NULL, 'trace', json_extract(item.value, '$[1]'), json_extract(item.value, '$[0]'),
               json_extract(item.value, '$[2]'), json_extract(item.value, '$[3]')
        FROM cases, json_each(cases.extra) AS item WHERE cases.extra IS NOT NULL
        UNION ALL
        SELECT steps.import_id, steps.case_id, steps.id, 'event', json_extract(item.value, '$[1]'), json_extract(item.value, '$[0]'),
               json_extract(item.value, '$[2]'), json_extract(item.value, '$[3]')
        FROM steps, json_each(steps.extra) AS item WHERE steps.extra IS NOT NULL;
    """)
}
