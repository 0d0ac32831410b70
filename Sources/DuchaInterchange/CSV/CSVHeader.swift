import DuchaCore

/// The first record of a CSV file taken as the names of its columns: blanks around a
/// name are trimmed, and every column must have a name of its own. Names are matched
/// without regard to case (`Amount` is `amount`), so two names that differ only in
/// case are duplicates.
public struct CSVHeader: Hashable, Sendable {
    /// A header column the caller did not ask for, to warn about.
    public struct Extra: Hashable, Sendable {
        /// Its name, trimmed.
        public let name: String
        /// Its index among the fields, from 0.
        public let index: Int
        /// Names asked for that the header lacks and that are close to this one,
        /// closest first: a likely misspelling.
        public let closest: [String]
    }

    /// Where the columns asked for are in each record.
    public struct Columns: Hashable, Sendable {
        /// The field index (from 0) of each name asked for that the header has, keyed
        /// by the name as the caller gave it.
        public let indices: [String: Int]
        /// Optional names the header lacks, in the order asked.
        public let absent: [String]
        /// Header columns that were not asked for, in order.
        public let extras: [Extra]

        /// The same as `indices`, as pairs: a handful of short names is found faster
        /// by comparing than by hashing, and each field of each row is looked up.
        private let pairs: [(name: String, index: Int)]

        init(indices: [String: Int], absent: [String], extras: [Extra]) {
            self.indices = indices
            self.absent = absent
            self.extras = extras
            self.pairs = indices.map { ($0.key, $0.value) }
        }

        /// The field index of `name` (as the caller gave it), or nil when the header
        /// lacks it.
        public subscript(name: String) -> Int? {
            for pair in pairs where pair.name == name { return pair.index }
            return nil
        }

        public static func == (a: Columns, b: Columns) -> Bool {
            a.indices == b.indices && a.absent == b.absent && a.extras == b.extras
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(indices)
            hasher.combine(absent)
            hasher.combine(extras)
        }
    }

    /// The column names in order, trimmed.
    public let names: [String]
    /// The line the header starts on.
    public let line: Int
    private let lines: [Int]
    private let columns: [Int]
    private let keys: [String: Int]

    /// Reads the first record of `reader` as the header.
    public static func read(from reader: inout CSVReader) throws -> CSVHeader {
        guard let record = try reader.next() else {
            throw CSVError("no-header", "the file is empty; its first line should name the columns, separated by the delimiter",
                           line: reader.line, column: reader.column)
        }
        let places = record.fields.indices.map { reader.place(ofField: $0) }
        return try CSVHeader(record: record, lines: places.map(\.line), columns: places.map(\.column))
    }

    private init(record: CSVRecord, lines: [Int], columns: [Int]) throws {
        var names: [String] = []
        var keys: [String: Int] = [:]
        for (index, field) in record.fields.enumerated() {
            let name = CSVHeader.trimmed(field)
            guard !name.isEmpty else {
                throw CSVError("empty-name", "column \(index + 1) of the header has no name; give every column a name",
                               line: lines[index], column: columns[index])
            }
            if let first = keys[CSVHeader.key(name)] {
                let earlier = names[first] == name ? "" : " (as '\(names[first])')"
                throw CSVError("duplicate-name", "the header names '\(name)' twice, as columns \(first + 1)\(earlier) and \(index + 1); name each column once",
                               line: lines[index], column: columns[index])
            }
            keys[CSVHeader.key(name)] = index
            names.append(name)
        }
        self.names = names
        self.line = record.line
        self.lines = lines
        self.columns = columns
        self.keys = keys
    }

    /// The field index (from 0) of the column called `name`, in any case, or nil.
    public func index(of name: String) -> Int? {
        keys[CSVHeader.key(CSVHeader.trimmed(name))]
    }

    /// Where the `required` and `optional` columns are; an error naming every required
    /// column the header lacks, with close matches among its other names.
    public func columns(required: [String], optional: [String] = []) throws -> Columns {
        var indices: [String: Int] = [:]
        var missing: [String] = []
        var absent: [String] = []
        var used = Set<Int>()
        for (name, isRequired) in required.map({ ($0, true) }) + optional.map({ ($0, false) }) {
            if let index = index(of: name) {
                indices[name] = index
                used.insert(index)
            } else if isRequired {
                missing.append(name)
            } else {
                absent.append(name)
            }
        }
        let unused = names.indices.filter { !used.contains($0) }
        if !missing.isEmpty {
            let others = unused.map { names[$0] }
            let wanted = missing.map { "'\($0)'" + Suggestion.phrase(for: $0, among: others) }
            let shown = names.count > 12 ? names.prefix(12).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
            throw CSVError("missing-column", "the header lacks the column\(missing.count == 1 ? "" : "s") \(CSVHeader.list(wanted)); it has: \(shown)",
                           line: line, column: columns.first ?? 1)
        }
        let extras = unused.map { Extra(name: names[$0], index: $0, closest: Suggestion.closest(to: names[$0], among: absent)) }
        return Columns(indices: indices, absent: absent, extras: extras)
    }

    private static func key(_ name: String) -> String { name.lowercased() }

    private static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first ... last])
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
