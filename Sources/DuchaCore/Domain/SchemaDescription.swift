/// One column of a stored table, as the shell and the query compiler see it.
public struct ColumnDescription: Sendable, Hashable {
    /// The column's name in the store.
    public let name: String
    /// What the column holds.
    public let kind: ColumnKind
    /// Whether the column may be NULL.
    public let nullable: Bool
    /// The table this column refers to, for a foreign key.
    public let references: String?
    /// What the column means, in a few words.
    public let summary: String
    /// Whether the store fills the column when an insert leaves it out (the columns
    /// added after version 1); inserters leave such columns out unless named.
    public let defaulted: Bool

    /// The name of the relation a foreign key stands for: `department_id` → `department`,
    /// `handled_by` → `handled_by`. Listings and the language both use it.
    public var relationName: String {
        name.hasSuffix("_id") ? String(name.dropLast(3)) : name
    }

    /// Describes a column.
    public init(_ name: String, _ kind: ColumnKind, nullable: Bool = false, references: String? = nil, defaulted: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.nullable = nullable
        self.references = references
        self.summary = summary
        self.defaulted = defaulted
    }

    /// The column every imported table gains: the import that brought the row.
    static let importID = ColumnDescription("import_id", .integer, nullable: true, references: "imports", defaulted: true, "the import that brought it; empty when entered here")
}

/// One stored table: its columns and the column that names a row for people.
public struct TableDescription: Sendable, Hashable {
    /// The table's name in the store.
    public let name: String
    /// The columns, in the table's order; `id` first.
    public let columns: [ColumnDescription]
    /// The column people use to name a row (`name`, `number`), if any.
    public let labelColumn: String?
    /// What the table holds.
    public let summary: String
    /// Whether it is a view (computed from tables; read only).
    public var isView = false

    /// Describes a table.
    public init(name: String, columns: [ColumnDescription], labelColumn: String?, summary: String, isView: Bool = false) {
        self.name = name
        self.columns = columns
        self.labelColumn = labelColumn
        self.summary = summary
        self.isView = isView
    }

    /// The column called `name`, if present.
    public func column(_ name: String) -> ColumnDescription? {
        columns.first { $0.name == name }
    }
}

/// The store's tables as the rest of the program knows them. The store's migrations
/// create exactly these columns; a contract test keeps the two equal.
public enum SchemaDescription {
    /// The schema version these descriptions match.
    public static let version = 4

    /// The table behind an entity (a source of the language).
    public static func table(for entity: Entity) -> TableDescription {
        table(named: entity.rawValue)!
    }

    /// The table with this name.
    public static func table(named name: String) -> TableDescription? {
        tables.first { $0.name == name }
    }

    /// Every table, in creation order.
    public static let tables: [TableDescription] = [
        TableDescription(name: "regions", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("name", .text, "name, e.g. 万源市"),
            ColumnDescription("code", .text, "two-letter code used in case numbers, e.g. WY"),
            ColumnDescription("level", .text, "city, district, county or county_city"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: Entity.regions.summary),
        TableDescription(name: "departments", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("name", .text, "name, unique, e.g. 市农业局"),
            ColumnDescription("region_id", .integer, references: "regions", "the region it belongs to"),
            ColumnDescription("parent_id", .integer, nullable: true, references: "departments", "the department it is a unit of"),
            ColumnDescription("platform", .text, "online, or none when no platform is set up"),
            ColumnDescription("terminals", .integer, "computers connected to the government extranet"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: Entity.departments.summary),
        TableDescription(name: "workflows", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("name", .text, "name"),
            ColumnDescription("department_id", .integer, nullable: true, references: "departments", "owner; empty for a template"),
            ColumnDescription("template_id", .integer, nullable: true, references: "workflows", "the template it was copied from"),
            ColumnDescription("is_template", .flag, "1 for a template offered to departments"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: Entity.workflows.summary),
        TableDescription(name: "workflow_steps", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("workflow_id", .integer, references: "workflows", "the workflow"),
            ColumnDescription("position", .integer, "order within the workflow, from 1"),
            ColumnDescription("name", .text, "step name, e.g. 受理"),
            ColumnDescription("role", .text, "who does it: clerk, reviewer, leader or supervisor"),
            ColumnDescription("time_limit", .integer, nullable: true, "time limit in working days"),
            ColumnDescription("leader_review", .flag, "1 when this is the leader's review or approval"),
            ColumnDescription("risk_point", .flag, "1 when marked as a risk point (风险点)"),
            ColumnDescription("supervision_point", .flag, "1 when marked as a supervision point (监察点)"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: "流程环节 the configured steps of each workflow"),
        TableDescription(name: "items", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("code", .text, "item code on the platform"),
            ColumnDescription("name", .text, "item name"),
            ColumnDescription("category", .text, "one of the ten categories, e.g. 行政处罚"),
            ColumnDescription("department_id", .integer, references: "departments", "the department that holds it"),
            ColumnDescription("workflow_id", .integer, nullable: true, references: "workflows", "its workflow"),
            ColumnDescription("status", .text, "active or abolished on the platform"),
            ColumnDescription("effective", .date, nullable: true, "date it took effect"),
            ColumnDescription("abolished", .date, nullable: true, "date it was abolished on the platform"),
            ColumnDescription.importID,
            ColumnDescription("time_limit", .integer, nullable: true, defaulted: true, "working days a case of the item may take from opening to decision (办理时限)"),
        ], labelColumn: "name", summary: Entity.items.summary),
        TableDescription(name: "catalog", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("code", .text, "item code as published"),
            ColumnDescription("name", .text, "item name as published"),
            ColumnDescription("category", .text, "category as published"),
            ColumnDescription("department_id", .integer, references: "departments", "the department it is published for"),
            ColumnDescription("published", .date, "date of the announcement"),
            ColumnDescription("abolished", .date, nullable: true, "date a later announcement abolished it"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: Entity.catalog.summary),
        TableDescription(name: "operators", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("name", .text, "person's name"),
            ColumnDescription("department_id", .integer, references: "departments", "department"),
            ColumnDescription("role", .text, "clerk, reviewer, leader or supervisor"),
            ColumnDescription.importID,
        ], labelColumn: "name", summary: Entity.operators.summary),
        TableDescription(name: "cases", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("number", .text, "case number, e.g. 2016-WY-0007"),
            ColumnDescription("item_id", .integer, references: "items", "the power item exercised"),
            ColumnDescription("department_id", .integer, references: "departments", "the department that ran it"),
            ColumnDescription("opened", .instant, "when the case was opened (accepted)"),
            ColumnDescription("decided", .instant, nullable: true, "when the decision was made"),
            ColumnDescription("result", .text, nullable: true, "outcome, e.g. 准予许可"),
            ColumnDescription("created", .instant, "when the case was created on the platform"),
            ColumnDescription.importID,
            ColumnDescription("extra", .text, nullable: true, defaulted: true, "every other attribute of an imported trace, as JSON [type, key, value]"),
        ], labelColumn: "number", summary: Entity.cases.summary),
        TableDescription(name: "steps", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("case_id", .integer, references: "cases", "the case"),
            ColumnDescription("workflow_step_id", .integer, nullable: true, references: "workflow_steps", "the workflow step done"),
            ColumnDescription("operator_id", .integer, nullable: true, references: "operators", "who recorded it"),
            ColumnDescription("occurred", .instant, "when the step happened"),
            ColumnDescription("recorded", .instant, nullable: true, "when it was entered on the platform"),
            ColumnDescription("note", .text, nullable: true, "remark"),
            ColumnDescription.importID,
            ColumnDescription("lifecycle", .text, nullable: true, defaulted: true, "lifecycle transition of an imported event: complete, start ..."),
            ColumnDescription("utc_offset", .integer, nullable: true, defaulted: true, "minutes east of UTC the time was written with (480 = +08:00); empty when written without one and read as UTC"),
            ColumnDescription("extra", .text, nullable: true, defaulted: true, "every other attribute of an imported event, as JSON [type, key, value]"),
        ], labelColumn: nil, summary: Entity.steps.summary),
        TableDescription(name: "alerts", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("case_id", .integer, references: "cases", "the case"),
            ColumnDescription("workflow_step_id", .integer, nullable: true, references: "workflow_steps", "the step it is about"),
            ColumnDescription("kind", .text, "overtime or rule"),
            ColumnDescription("level", .text, "warning (预警) or alarm (报警)"),
            ColumnDescription("raised", .instant, "when it was raised"),
            ColumnDescription("handled", .instant, nullable: true, "when a supervisor handled it"),
            ColumnDescription("handled_by", .integer, nullable: true, references: "operators", "the supervisor who handled it"),
            ColumnDescription("disposition", .text, nullable: true, "what was done"),
            ColumnDescription.importID,
        ], labelColumn: nil, summary: Entity.alerts.summary),
        TableDescription(name: "logins", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("operator_id", .integer, references: "operators", "the supervisor"),
            ColumnDescription("at", .instant, "when they logged in"),
            ColumnDescription.importID,
        ], labelColumn: nil, summary: Entity.logins.summary),
        TableDescription(name: "findings", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("check_id", .text, "the check that found it"),
            ColumnDescription("check_version", .integer, "version of the check"),
            ColumnDescription("parameters", .text, "parameters used, as JSON"),
            ColumnDescription("period", .text, nullable: true, "the period checked"),
            ColumnDescription("department_id", .integer, nullable: true, references: "departments", "department concerned"),
            ColumnDescription("region_id", .integer, nullable: true, references: "regions", "region concerned"),
            ColumnDescription("evidence", .text, "ids of the rows involved, as JSON"),
            ColumnDescription("measure", .text, nullable: true, "computed values, as JSON"),
            ColumnDescription("found", .instant, "when it was found"),
        ], labelColumn: nil, summary: Entity.findings.summary),
        TableDescription(name: "orders", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("number", .text, "order number, e.g. 2016-018-007"),
            ColumnDescription("department_id", .integer, nullable: true, references: "departments", "addressee department"),
            ColumnDescription("region_id", .integer, nullable: true, references: "regions", "addressee region"),
            ColumnDescription("leader", .text, nullable: true, "responsible leader"),
            ColumnDescription("requirement", .text, "what must be rectified"),
            ColumnDescription("issued", .instant, nullable: true, "when it was issued"),
            ColumnDescription("issued_by", .text, nullable: true, "who issued it"),
            ColumnDescription("due", .date, "deadline"),
            ColumnDescription("copy_to", .text, nullable: true, "copy-to list (抄送)"),
            ColumnDescription("status", .text, "lifecycle state"),
            ColumnDescription("contact", .text, nullable: true, defaulted: true, "the department's contact person and telephone"),
            ColumnDescription("round", .integer, nullable: true, defaulted: true, "the inspection round (督查批次) the number carries"),
            ColumnDescription("created", .instant, nullable: true, defaulted: true, "when it was written"),
            ColumnDescription("created_by", .text, nullable: true, defaulted: true, "who wrote it"),
            ColumnDescription("due_provisional", .flag, defaulted: true, "whether the deadline was counted through a year the calendar does not know"),
            ColumnDescription("requested_due", .date, nullable: true, defaulted: true, "the deadline an open extension request asks for"),
            ColumnDescription("reported", .instant, nullable: true, defaulted: true, "when the department's rectification report came in"),
            ColumnDescription("verified_by", .text, nullable: true, defaulted: true, "who verified the rectification"),
            ColumnDescription("closed", .instant, nullable: true, defaulted: true, "when it was closed (销号)"),
            ColumnDescription("updated", .instant, nullable: true, defaulted: true, "when it last changed"),
        ], labelColumn: "number", summary: Entity.orders.summary),
        TableDescription(name: "order_history", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("order_id", .integer, references: "orders", "the order"),
            ColumnDescription("at", .instant, "when"),
            ColumnDescription("actor", .text, "who recorded it"),
            ColumnDescription("action", .text, "what was done: write, issue, plan, ack, report, verify, return, close, withdraw, reopen, extend, approve, deny, escalate, note"),
            ColumnDescription("from_status", .text, nullable: true, "the status before"),
            ColumnDescription("to_status", .text, "the status after"),
            ColumnDescription("due", .date, nullable: true, "the deadline after it (for extend: the one asked for)"),
            ColumnDescription("note", .text, nullable: true, "the note or reason"),
            ColumnDescription("escalation", .text, nullable: true, "the ladder step, for an escalation"),
            ColumnDescription("document", .text, nullable: true, "the document number (文号)"),
            ColumnDescription("target", .text, nullable: true, "the person concerned, e.g. the leader interviewed"),
        ], labelColumn: "action", summary: Entity.orderHistory.summary),
        TableDescription(name: "order_findings", columns: [
            ColumnDescription("order_id", .integer, references: "orders", "the order"),
            ColumnDescription("finding_id", .integer, references: "findings", "a finding it answers"),
        ], labelColumn: nil, summary: "整改依据 the findings each order answers"),
        TableDescription(name: "holiday_notices", columns: [
            ColumnDescription("year", .integer, "the year the notice arranges"),
            ColumnDescription("source", .text, "the file it was loaded from"),
            ColumnDescription("days", .text, "its days off and make-up working days, as JSON"),
            ColumnDescription("hash", .text, "SHA-256 of the file"),
            ColumnDescription("at", .instant, "when it was loaded"),
            ColumnDescription("actor", .text, "who loaded it"),
        ], labelColumn: "year", summary: "节假日安排 holiday notices loaded with calendar import (later years than those shipped)"),
        TableDescription(name: "audit", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("at", .instant, "when"),
            ColumnDescription("actor", .text, "who"),
            ColumnDescription("command", .text, "the command text"),
            ColumnDescription("change", .text, "what changed, as JSON"),
            ColumnDescription("previous_hash", .text, "hash of the previous entry"),
            ColumnDescription("hash", .text, "hash of this entry and the previous hash"),
        ], labelColumn: nil, summary: Entity.audit.summary),
        TableDescription(name: "imports", columns: [
            ColumnDescription("id", .integer, "row id, the import id"),
            ColumnDescription("kind", .text, "what was imported: xes, or csv of a kind such as csv:steps"),
            ColumnDescription("source", .text, "the file as named to the import"),
            ColumnDescription("hash", .text, "SHA-256 of the file's bytes"),
            ColumnDescription("bytes", .integer, "the file's size in bytes"),
            ColumnDescription("name", .text, nullable: true, "the log's own name (concept:name)"),
            ColumnDescription("at", .instant, "when it was imported"),
            ColumnDescription("actor", .text, "who imported it"),
            ColumnDescription("cases", .integer, "cases it brought"),
            ColumnDescription("steps", .integer, "step records it brought"),
            ColumnDescription("rows", .integer, "rows it brought in all, attributes included"),
            ColumnDescription("note", .text, nullable: true, "what the import noticed, e.g. times read as UTC"),
            ColumnDescription("undone", .instant, nullable: true, "when it was undone; its rows are gone"),
        ], labelColumn: "source", summary: Entity.imports.summary),
        TableDescription(name: "attributes", columns: [
            ColumnDescription("import_id", .integer, nullable: true, references: "imports", "the import that brought it"),
            ColumnDescription("case_id", .integer, nullable: true, references: "cases", "the case (trace) it belongs to; empty for the log's own"),
            ColumnDescription("step_id", .integer, nullable: true, references: "steps", "the step (event) it belongs to"),
            ColumnDescription("scope", .text, nullable: true, "trace, event, log, global_trace, global_event, extension, classifier or log_element"),
            ColumnDescription("key", .text, nullable: true, "the key, e.g. org:group"),
            ColumnDescription("type", .text, nullable: true, "string, date, int, float, boolean, id, list or container"),
            ColumnDescription("value", .text, nullable: true, "the value as written"),
            ColumnDescription("children", .text, nullable: true, "nested attributes, as JSON"),
        ], labelColumn: "key", summary: Entity.attributes.summary, isView: true),
        TableDescription(name: "import_attributes", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("import_id", .integer, references: "imports", "the import"),
            ColumnDescription("parent_id", .integer, nullable: true, references: "import_attributes", "the attribute it is nested in"),
            ColumnDescription("scope", .text, "log, global_trace, global_event, extension, classifier or log_element"),
            ColumnDescription("key", .text, "the key (for an extension, its prefix)"),
            ColumnDescription("type", .text, "the type as written"),
            ColumnDescription("value", .text, "the value as written (for an extension, its URI)"),
        ], labelColumn: "key", summary: "导入元数据 what an imported log says about itself: log attributes, declarations, defaults"),
        TableDescription(name: "labels", columns: [
            ColumnDescription("id", .integer, "row id"),
            ColumnDescription("anomaly", .text, "the anomaly injected, e.g. one-person-case"),
            ColumnDescription("entity", .text, "the table of the labelled row"),
            ColumnDescription("entity_id", .integer, "the labelled row's id"),
            ColumnDescription("detail", .text, nullable: true, "what was done"),
        ], labelColumn: nil, summary: "标注 ground truth of the demo scenario: where each anomaly was injected"),
        TableDescription(name: "settings", columns: [
            ColumnDescription("key", .text, "setting name"),
            ColumnDescription("value", .text, "setting value"),
        ], labelColumn: "key", summary: "设置 settings kept with the data, such as the story date"),
    ]
}
