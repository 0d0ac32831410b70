extension Migration {
    /// Schema v1: the whole domain of the 2016 bulletin. Instants are INTEGER
    /// milliseconds since the epoch (UTC); calendar dates are `YYYY-MM-DD` text.
    static let version1 = Migration(version: 1, name: "domain", sql: """
    CREATE TABLE regions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL UNIQUE,
        level TEXT NOT NULL CHECK (level IN ('city', 'district', 'county', 'county_city'))
    );
    CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        region_id INTEGER NOT NULL REFERENCES regions(id),
        parent_id INTEGER REFERENCES departments(id),
        platform TEXT NOT NULL DEFAULT 'online' CHECK (platform IN ('online', 'none')),
        terminals INTEGER NOT NULL DEFAULT 0 CHECK (terminals >= 0)
    );
    CREATE TABLE workflows (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        department_id INTEGER REFERENCES departments(id),
        template_id INTEGER REFERENCES workflows(id),
        is_template INTEGER NOT NULL DEFAULT 0 CHECK (is_template IN (0, 1))
    );
    CREATE TABLE workflow_steps (
        id INTEGER PRIMARY KEY,
        workflow_id INTEGER NOT NULL REFERENCES workflows(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'leader', 'supervisor')),
        time_limit INTEGER CHECK (time_limit >= 0),
        leader_review INTEGER NOT NULL DEFAULT 0 CHECK (leader_review IN (0, 1)),
        risk_point INTEGER NOT NULL DEFAULT 0 CHECK (risk_point IN (0, 1)),
        supervision_point INTEGER NOT NULL DEFAULT 0 CHECK (supervision_point IN (0, 1)),
        UNIQUE (workflow_id, position)
    );
    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('行政许可', '行政处罚', '行政强制', '行政征收', '行政给付',
                                                   '行政检查', '行政确认', '行政奖励', '行政裁决', '其他权力')),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        workflow_id INTEGER REFERENCES workflows(id),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'abolished')),
        effective TEXT,
        abolished TEXT
    );
    CREATE TABLE catalog (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        published TEXT NOT NULL,
        abolished TEXT
    );
    CREATE TABLE operators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'leader', 'supervisor'))
    );
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        item_id INTEGER NOT NULL REFERENCES items(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        opened INTEGER NOT NULL,
        decided INTEGER,
        result TEXT,
        created INTEGER NOT NULL
    );
    CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        workflow_step_id INTEGER REFERENCES workflow_steps(id),
        operator_id INTEGER REFERENCES operators(id),
        occurred INTEGER NOT NULL,
        recorded INTEGER,
        note TEXT
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        workflow_step_id INTEGER REFERENCES workflow_steps(id),
        kind TEXT NOT NULL CHECK (kind IN ('overtime', 'rule')),
        level TEXT NOT NULL CHECK (level IN ('warning', 'alarm')),
        raised INTEGER NOT NULL,
        handled INTEGER,
        handled_by INTEGER REFERENCES operators(id),
        disposition TEXT
    );
    CREATE TABLE logins (
        id INTEGER PRIMARY KEY,
        operator_id INTEGER NOT NULL REFERENCES operators(id),
        at INTEGER NOT NULL
    );
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        check_id TEXT NOT NULL,
        check_version INTEGER NOT NULL,
        parameters TEXT NOT NULL,
        period TEXT,
        department_id INTEGER REFERENCES departments(id),
        region_id INTEGER REFERENCES regions(id),
        evidence TEXT NOT NULL,
        measure TEXT,
        found INTEGER NOT NULL
    );
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        department_id INTEGER REFERENCES departments(id),
        region_id INTEGER REFERENCES regions(id),
        leader TEXT,
        requirement TEXT NOT NULL,
        issued INTEGER,
        issued_by TEXT,
        due TEXT NOT NULL,
        copy_to TEXT,
        status TEXT NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        command TEXT NOT NULL,
        change TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        anomaly TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        detail TEXT
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE INDEX departments_region ON departments(region_id);
    CREATE INDEX departments_parent ON departments(parent_id);
    CREATE INDEX workflows_department ON workflows(department_id);
    CREATE INDEX workflows_template ON workflows(template_id);
    CREATE INDEX items_department ON items(department_id, category);
    CREATE INDEX items_workflow ON items(workflow_id);
    CREATE INDEX catalog_department ON catalog(department_id);
    CREATE INDEX operators_department ON operators(department_id, role);
    CREATE INDEX cases_department_opened ON cases(department_id, opened);
    CREATE INDEX cases_item ON cases(item_id);
    CREATE INDEX cases_opened ON cases(opened);
    CREATE INDEX steps_case ON steps(case_id, occurred);
    CREATE INDEX steps_operator ON steps(operator_id);
    CREATE INDEX steps_workflow_step ON steps(workflow_step_id);
    CREATE INDEX alerts_case ON alerts(case_id);
    CREATE INDEX alerts_open ON alerts(level, handled, raised);
    CREATE INDEX logins_operator ON logins(operator_id, at);
    CREATE INDEX findings_check ON findings(check_id, period);
    CREATE INDEX orders_department ON orders(department_id);
    CREATE INDEX labels_anomaly ON labels(anomaly, entity);
    """)
}
