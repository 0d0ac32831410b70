import DuchaCore
import Synchronization

/// The language's view of the store: for each source, its fields, the relations it can
/// follow with dots (to one row) and the relations it can count (to many rows). It is
/// derived from `SchemaDescription`, so the two cannot drift apart: a foreign key
/// `department_id` becomes the relation `department` (also `dept`), and every foreign
/// key pointing at a source becomes a to-many relation of that source.
public struct QuerySchema: Sendable {
    /// A field of a source: a stored column.
    public struct Field: Hashable, Sendable {
        /// The name used in queries.
        public let name: String
        /// The column in the store.
        public let column: String
        /// What it holds.
        public let kind: ColumnKind
        /// The words it may hold, for an enumerated field (`level`: warning, alarm).
        public let values: [String]?
        /// For a time stored with the offset it was written with: that offset's column.
        public var offsetColumn: String?
    }

    /// Times kept with the UTC offset they were written with, by `table.column`.
    public static let writtenOffsets: [String: String] = ["steps.occurred": "utc_offset"]

    /// A relation to one row of another table, followed with a dot.
    public struct Relation: Hashable, Sendable {
        /// The name used in queries (`department`, `region`, `case`).
        public let name: String
        /// The foreign-key column in this table.
        public let column: String
        /// The table it points to.
        public let target: String
    }

    /// A relation to many rows of another table, counted: `count(cases)`, `cases(2016-01..2016-04)`.
    public struct Collection: Hashable, Sendable {
        /// The name used in queries: the other table's name (`cases`, `items`).
        public let name: String
        /// The table counted.
        public let table: String
        /// Its column that points back here.
        public let column: String
    }

    /// One source (or any described table) as the language sees it.
    public struct Source: Sendable {
        /// The table's name.
        public let table: String
        /// Its fields by name.
        public let fields: [String: Field]
        /// Its relations to one row, by name and alias.
        public let relations: [String: Relation]
        /// Its relations to many rows, by name.
        public let collections: [String: Collection]
        /// The relation whose fields this source also offers (steps and alerts offer
        /// their case's `dept`, `item` ...), nil for none.
        public let parent: String?
        /// The relation whose relations (only) this source also offers, nil for none.
        public let relationParent: String?

        /// Names a person may write after this source, for completion and "did you mean".
        public var names: [String] {
            (Array(fields.keys) + Array(relations.keys) + Array(collections.keys)).sorted()
        }
    }

    /// Short names accepted for relations, as inspectors write them.
    public static let relationAliases: [String: String] = ["department": "dept", "workflow_step": "step"]

    /// Sources whose rows belong to one row of another source, and offer its fields too.
    public static let parents: [String: String] = ["steps": "case", "alerts": "case", "logins": "operator"]

    /// Sources that offer their department's relations (not its fields): `cases | count by
    /// region` means the region of the case's department, while `name` stays their own.
    public static let relationParents: [String: String] = [
        "cases": "department", "items": "department", "operators": "department", "workflows": "department",
        "catalog": "department", "findings": "department", "orders": "department",
    ]

    /// The words enumerated fields may hold, by `table.column`.
    public static let enumerations: [String: [String]] = [
        "regions.level": RegionLevel.allCases.map(\.rawValue),
        "departments.platform": PlatformStatus.allCases.map(\.rawValue),
        "workflow_steps.role": OperatorRole.allCases.map(\.rawValue),
        "operators.role": OperatorRole.allCases.map(\.rawValue),
        "items.status": ItemStatus.allCases.map(\.rawValue),
        "items.category": ItemCategory.allCases.map(\.rawValue),
        "catalog.category": ItemCategory.allCases.map(\.rawValue),
        "alerts.kind": AlertKind.allCases.map(\.rawValue),
        "alerts.level": AlertLevel.allCases.map(\.rawValue),
        "orders.status": OrderStatus.allCases.map(\.rawValue),
    ]

    /// The field a period counts by, per table: `cases(2016-01..2016-04)` counts cases
    /// opened in those months.
    public static let timeFields: [String: String] = [
        "cases": "opened", "steps": "occurred", "alerts": "raised", "logins": "at", "findings": "found",
        "orders": "issued", "catalog": "published", "items": "effective", "audit": "at", "imports": "at",
    ]

    /// Every described table, by name, each derived when it is first asked for.
    public let sources: SourceCatalog

    /// The schema derived from `SchemaDescription`.
    public static let current = QuerySchema(SchemaDescription.tables)

    /// Derives the language's schema from table descriptions.
    public init(_ tables: [TableDescription]) {
        sources = SourceCatalog(tables)
    }

    /// The tables' sources, each derived the first time it is asked for: a query names
    /// two or three of some thirty, and deriving them all cost more than a whole
    /// `sqlite3` run at every start.
    public final class SourceCatalog: Sendable {
        private let tables: [TableDescription]
        private let derived = Mutex<[String: Source]>([:])

        init(_ tables: [TableDescription]) {
            self.tables = tables
        }

        /// The source of `table`, nil when no such table is described.
        public subscript(_ table: String) -> Source? {
            if let known = derived.withLock({ $0[table] }) { return known }
            guard let description = tables.first(where: { $0.name == table }) else { return nil }
            let source = QuerySchema.source(of: description, among: tables)
            derived.withLock { $0[table] = source }
            return source
        }

        /// Every described table's name.
        public var names: [String] { tables.map(\.name) }
    }

    /// `table` as the language sees it: its columns as fields and relations, and the
    /// foreign keys of `tables` that point at it as its collections.
    static func source(of table: TableDescription, among tables: [TableDescription]) -> Source {
        var collections: [String: Collection] = [:]
        for other in tables where other.name != table.name {
            for column in other.columns where column.references == table.name {
                collections[other.name] = Collection(name: other.name, table: other.name, column: column.name)
            }
        }
        var fields: [String: Field] = [:]
        var relations: [String: Relation] = [:]
        for column in table.columns {
            if let target = column.references {
                let name = column.relationName
                let relation = Relation(name: name, column: column.name, target: target)
                relations[name] = relation
                if let alias = QuerySchema.relationAliases[name] { relations[alias] = relation }
            } else {
                fields[column.name] = Field(name: column.name, column: column.name, kind: column.kind,
                                            values: QuerySchema.enumerations[table.name + "." + column.name],
                                            offsetColumn: QuerySchema.writtenOffsets[table.name + "." + column.name])
            }
        }
        return Source(table: table.name, fields: fields, relations: relations, collections: collections,
                      parent: QuerySchema.parents[table.name], relationParent: QuerySchema.relationParents[table.name])
    }

    /// The source behind an entity.
    public func source(_ entity: Entity) -> Source { sources[entity.rawValue]! }

    /// What a dotted path names, starting from `table`.
    public enum Resolution: Hashable, Sendable {
        /// A stored field, reached through these relations (outermost first).
        case field(through: [Relation], Field)
        /// A relation to one row, compared by its label (`dept = "市农业局"` means its name).
        case relation(through: [Relation], Relation)
        /// A relation to many rows.
        case collection(through: [Relation], Collection)
    }

    /// Resolves `path` from `table`, or says which name is unknown and what was in scope.
    public func resolve(_ path: [String], from table: String) -> Result<Resolution, UnknownName> {
        var through: [Relation] = []
        var current = table
        for (index, name) in path.enumerated() {
            guard let source = sources[current] else { break }
            let last = index == path.count - 1
            if let relation = source.relations[name] {
                if last { return .success(.relation(through: through, relation)) }
                through.append(relation)
                current = relation.target
                continue
            }
            if last, let field = source.fields[name] { return .success(.field(through: through, field)) }
            if last, let collection = source.collections[name] { return .success(.collection(through: through, collection)) }
            // Steps and alerts offer their case's fields: `steps | count by dept`; cases
            // offer their department's relations: `cases | count by region`.
            if index == 0, let parentName = source.parent, let parent = source.relations[parentName],
               case .success(let inner) = resolve(Array(path), from: parent.target) {
                return .success(inner.prefixed(by: parent))
            }
            if index == 0, let parentName = source.relationParent, let parent = source.relations[parentName],
               sources[parent.target]?.relations[name] != nil || sources[parent.target]?.relationParent != nil,
               case .success(let inner) = resolve(Array(path), from: parent.target), inner.startsWithRelation {
                return .success(inner.prefixed(by: parent))
            }
            return .failure(UnknownName(index: index, name: name, table: current, candidates: source.names))
        }
        return .failure(UnknownName(index: 0, name: path.first ?? "", table: table, candidates: []))
    }

    /// A name that does not exist where it was written.
    public struct UnknownName: Error, Hashable, Sendable {
        /// Which part of the path (from 0).
        public let index: Int
        /// The name as written.
        public let name: String
        /// The table it was looked up in.
        public let table: String
        /// The names that exist there.
        public let candidates: [String]
    }
}

extension QuerySchema.Resolution {
    /// The same resolution reached through `relation` first.
    func prefixed(by relation: QuerySchema.Relation) -> QuerySchema.Resolution {
        switch self {
        case .field(let through, let field): return .field(through: [relation] + through, field)
        case .relation(let through, let target): return .relation(through: [relation] + through, target)
        case .collection(let through, let collection): return .collection(through: [relation] + through, collection)
        }
    }

    /// Whether the path begins by following a relation (so it names a relation's row or
    /// something beyond it, never a field of the parent itself).
    var startsWithRelation: Bool {
        switch self {
        case .field(let through, _), .collection(let through, _): return !through.isEmpty
        case .relation: return true
        }
    }
}
