import DuchaCore
import DuchaInterchange
import DuchaStore

/// `import csv KIND FILE`: rows of a platform export, mapped by the header's column
/// names (any order, any case; other columns are reported and ignored), each checked and
/// written as one import. A wrong value is reported at its file, line and column.
enum CSVImport {
    /// What can be imported, with its columns: required first, then optional.
    enum Kind: String, CaseIterable {
        case regions, departments, workflows, items, catalog, cases, steps, alerts, logins

        var required: [String] {
            switch self {
            case .regions: ["name", "code", "level"]
            case .departments: ["name", "region"]
            case .workflows: ["workflow", "position", "step", "role"]
            case .items: ["code", "name", "category", "dept"]
            case .catalog: ["code", "name", "category", "dept", "published"]
            case .cases: ["number", "item", "opened"]
            case .steps: ["case", "occurred"]
            case .alerts: ["case", "kind", "level", "raised"]
            case .logins: ["operator", "dept", "at"]
            }
        }

        var optional: [String] {
            switch self {
            case .regions: []
            case .departments: ["parent", "platform", "terminals"]
            case .workflows: ["dept", "time_limit", "leader_review", "risk_point", "supervision_point"]
            case .items: ["workflow", "status", "effective", "abolished", "time_limit"]
            case .catalog: ["abolished"]
            case .cases: ["dept", "decided", "result", "created"]
            case .steps: ["step", "operator", "recorded", "note", "lifecycle"]
            case .alerts: ["step", "handled", "handled_by", "disposition"]
            case .logins: []
            }
        }

        /// What a row of the kinds that come in bulk takes in a file, about (a steps
        /// export of the demo: 74 bytes): the file's size over it estimates its rows.
        static let bytesPerRow = 64

        /// The table of a kind that comes by the hundred thousand, whose indexes an
        /// import of many rows builds at its end rather than row by row.
        var bulkTable: String? {
            switch self {
            case .cases, .steps, .alerts, .logins: rawValue
            case .regions, .departments, .workflows, .items, .catalog: nil
            }
        }
    }

    static let usage = "csv KIND FILE [--delimiter ,] [--dry-run]"

    static func run(_ words: [CommandWords.Word], command: String, at position: SourcePosition, in session: Session) throws {
        func place(_ index: Int) -> SourcePosition { index < words.count ? position.advanced(by: words[index].offset) : position }
        guard let kindWord = words.first else {
            throw ShellError(.badArgument, "import csv needs a kind and a file: import csv steps steps.csv; the kinds are " + Kind.allCases.map(\.rawValue).joined(separator: ", "), at: position)
        }
        guard let kind = Kind(rawValue: kindWord.text) else {
            throw ShellError(.badArgument, "unknown kind '\(kindWord.text)'" + Suggestion.phrase(for: kindWord.text, among: Kind.allCases.map(\.rawValue))
                + "; the kinds are " + Kind.allCases.map(\.rawValue).joined(separator: ", "), at: place(0))
        }
        var path: String?
        var delimiter: Unicode.Scalar = ","
        var dryRun = false
        var index = 1
        while index < words.count {
            switch words[index].text {
            case "--dry-run": dryRun = true
            case "--delimiter":
                index += 1
                let text = index < words.count ? words[index].text : ""
                let scalars = (text == "\\t" || text == "tab" ? "\t" : text).unicodeScalars
                guard scalars.count == 1, let scalar = scalars.first, CSVReader.allows(delimiter: scalar) else {
                    throw ShellError(.badArgument, "--delimiter takes one ASCII character other than a quote or a line end, such as , ; | or tab"
                        + (text.unicodeScalars.first.map { $0.value > 0x7F } == true ? " (not the full-width \(text))" : ""), at: place(index))
                }
                delimiter = scalar
            case let option where option.hasPrefix("--"):
                throw ShellError(.badArgument, "unknown option \(option)" + Suggestion.phrase(for: option, among: ["--delimiter", "--dry-run"])
                    + "; import csv takes --delimiter and --dry-run", at: place(index))
            default:
                guard path == nil else {
                    throw ShellError(.badArgument, "one file per import; '\(words[index].text)' is a second one (quote a name with blanks)", at: place(index))
                }
                path = words[index].text
            }
            index += 1
        }
        guard let path else {
            throw ShellError(.badArgument, "import csv \(kind.rawValue) needs a file, e.g. import csv \(kind.rawValue) \(kind.rawValue).csv", at: place(words.count))
        }
        guard !session.store.isReadOnly else {
            throw ShellError(.readOnly, "the database is open read-only; an import writes to it", at: position)
        }
        let input: InputFile
        do {
            input = try InputFile(path: path)
        } catch let error as ByteSourceError {
            throw ShellError(.missingFile, error.message, at: place(1))
        }
        let started = session.clock.now
        guard FileByteSource.isRegularFile(path) else {
            throw ShellError(.missingFile, "\(path) is not a regular file (a pipe or a device); save it to a file and import that, so the import can record its fingerprint", at: position)
        }
        let digest = BackgroundDigest(path: path)
        defer { digest.stop() }
        var reader = CSVReader(input, delimiter: delimiter)
        let description = ImportDescription(kind: "csv:" + kind.rawValue, source: path, name: nil, at: started, actor: session.actor, command: command)
        var records = 0
        var ignored: [String] = []
        let summary: ImportSummary
        do {
            summary = try session.store.importing(description, dryRun: dryRun) { writer in
                if let table = kind.bulkTable {
                    try writer.deferIndexes(of: [table], expectedRows: try FileByteSource.size(path: path) / Kind.bytesPerRow)
                }
                let header = try CSVHeader.read(from: &reader)
                let columns = try header.columns(required: kind.required, optional: kind.optional)
                ignored = columns.extras.map { $0.name + ($0.closest.first.map { " (did you mean \($0)?)" } ?? "") }
                // Rows are read and checked on another thread while this one writes.
                let rows = pendingRows(of: kind, from: reader, header: header, columns: columns, path: path)
                defer { rows.cancel() }
                while let row = try rows.next() {
                    if InterruptSignal.isPending { throw StoreError.interrupted }
                    do {
                        try row.write(writer)
                    } catch let rejection as ImportRejection {
                        let at = locate(line: row.line, field: rejection.field.flatMap { columns[$0] }, path: path, delimiter: delimiter)
                        throw ShellError(.badInput, rejection.message + EventLogImport.nothingImported, at: at)
                    }
                    records += 1
                }
                try writer.finish(hash: try digest.wait(), bytes: try FileByteSource.size(path: path), name: nil,
                                  note: ignored.isEmpty ? nil : "columns ignored: " + ignored.joined(separator: ", "), description: description)
            }
        } catch let error as CSVError {
            throw ShellError(.badInput, error.message + EventLogImport.nothingImported, at: SourcePosition(source: path, line: error.line, column: error.column))
        }
        session.values.reset()
        let elapsed = Double(session.clock.now.millisecondsSinceEpoch - started.millisecondsSinceEpoch) / 1000
        let what = "\(records.grouped) rows of \(kind.rawValue) (\(summary.rows.grouped) rows written in all, \(summary.operators) new operators)"
        if dryRun {
            session.output.line("dry run: \(path) would import \(what); nothing was written")
        } else {
            session.output.line("import \(summary.id): \(path): \(what) in \(elapsed.formatted(decimals: 2)) s")
        }
        if !ignored.isEmpty {
            session.diagnostics.line("note: \(path): columns not used by \(kind.rawValue) were ignored: " + ignored.joined(separator: ", "))
        }
    }

    /// A row read and checked, to be written: its line, and the write.
    struct PendingRow: Sendable {
        let line: Int
        let write: @Sendable (ImportWriter) throws -> Void
    }

    /// Reads the records after the header on another thread, each checked and turned
    /// into the values the writer takes; a value that is wrong is reported there, at
    /// its place, before anything after it is written.
    private static func pendingRows(of kind: Kind, from reader: CSVReader, header: CSVHeader, columns: CSVHeader.Columns, path: String) -> BackgroundBatches<PendingRow> {
        nonisolated(unsafe) let handed = reader
        return BackgroundBatches { emit in
            var reader = handed
            var current = (line: 1, fields: 0)
            func placeOf(_ field: Int) -> SourcePosition {
                // A field the row left out is placed at the row's start.
                guard field < current.fields else { return SourcePosition(source: path, line: current.line, column: 1) }
                let (line, column) = reader.place(ofField: field)
                return SourcePosition(source: path, line: line, column: column)
            }
            while let record = try reader.next() {
                current = (record.line, record.fields.count)
                // A row may leave out empty fields at its end, but not have more than the header names.
                guard record.fields.count <= header.names.count else {
                    throw ShellError(.badInput, "this row has \(record.fields.count) fields where the header names \(header.names.count) columns; "
                        + "quote a value that holds the delimiter, or name the extra column in the header" + EventLogImport.nothingImported,
                                     at: placeOf(header.names.count))
                }
                let write = try prepare(kind, Row(record: record, columns: columns, place: placeOf))
                guard emit(PendingRow(line: record.line, write: write)) else { return }
            }
        }
    }

    /// Where field `field` of the record that starts at `line` is, found by reading the
    /// file again up to it: the rows were read on another thread, and only a rejected
    /// row needs its place.
    private static func locate(line: Int, field: Int?, path: String, delimiter: Unicode.Scalar) -> SourcePosition {
        let start = SourcePosition(source: path, line: line, column: 1)
        guard let field, let input = try? InputFile(path: path) else { return start }
        var reader = CSVReader(input, delimiter: delimiter)
        while let record = try? reader.next(), record.line <= line {
            if record.line == line {
                guard field < record.fields.count else { return start }
                let (line, column) = reader.place(ofField: field)
                return SourcePosition(source: path, line: line, column: column)
            }
        }
        return start
    }

    /// Reads `row` as a record of `kind`, every value checked, and gives the write.
    private static func prepare(_ kind: Kind, _ row: Row) throws -> @Sendable (ImportWriter) throws -> Void {
        switch kind {
        case .regions:
            let (name, code, level): (String, String, RegionLevel) = (try row.text("name"), try row.text("code"), try row.word("level"))
            return { try $0.region(name: name, code: code, level: level) }
        case .departments:
            let (name, region, parent) = (try row.text("name"), try row.text("region"), row.optional("parent"))
            let (platform, terminals) = (try row.optionalWord("platform") ?? PlatformStatus.online, try row.integer("terminals") ?? 0)
            return { try $0.department(name: name, region: region, parent: parent, platform: platform, terminals: terminals) }
        case .workflows:
            let (workflow, department, position) = (try row.text("workflow"), row.optional("dept"), try row.integer("position", required: true) ?? 1)
            let (name, role, timeLimit): (String, OperatorRole, Int64?) = (try row.text("step"), try row.word("role"), try row.integer("time_limit"))
            let (leaderReview, riskPoint, supervisionPoint) = (try row.flag("leader_review"), try row.flag("risk_point"), try row.flag("supervision_point"))
            return {
                try $0.workflowStep(workflow: workflow, department: department, position: position, name: name, role: role, timeLimit: timeLimit,
                                    leaderReview: leaderReview, riskPoint: riskPoint, supervisionPoint: supervisionPoint)
            }
        case .items:
            let (code, name, category, department): (String, String, ItemCategory, String) = (try row.text("code"), try row.text("name"), try row.word("category"), try row.text("dept"))
            let (workflow, status) = (row.optional("workflow"), try row.optionalWord("status") ?? ItemStatus.active)
            let (effective, abolished, timeLimit) = (try row.date("effective"), try row.date("abolished"), try row.integer("time_limit"))
            return {
                try $0.item(code: code, name: name, category: category, department: department, workflow: workflow, status: status,
                            effective: effective, abolished: abolished, timeLimit: timeLimit)
            }
        case .catalog:
            let (code, name, category, department) = (try row.text("code"), try row.text("name"), try row.text("category"), try row.text("dept"))
            let (published, abolished) = (try row.date("published", required: true)!, try row.date("abolished"))
            return { try $0.catalogEntry(code: code, name: name, category: category, department: department, published: published, abolished: abolished) }
        case .cases:
            let (number, item, department) = (try row.text("number"), try row.text("item"), row.optional("dept"))
            let (opened, decided) = (try row.time("opened", required: true)!.instant, try row.time("decided")?.instant)
            let (result, created) = (row.optional("result"), try row.time("created")?.instant)
            return { try $0.caseRow(number: number, item: item, department: department, opened: opened, decided: decided, result: result, created: created) }
        case .steps:
            let (number, step, person) = (try row.text("case"), row.optional("step"), row.optional("operator"))
            let (occurred, recorded) = (try row.time("occurred", required: true)!, try row.time("recorded")?.instant)
            let (note, lifecycle) = (row.optional("note"), row.optional("lifecycle"))
            return { try $0.stepRow(case: number, step: step, operator: person, occurred: occurred, recorded: recorded, note: note, lifecycle: lifecycle) }
        case .alerts:
            let (number, step, kind, level): (String, String?, AlertKind, AlertLevel) = (try row.text("case"), row.optional("step"), try row.word("kind"), try row.word("level"))
            let (raised, handled) = (try row.time("raised", required: true)!.instant, try row.time("handled")?.instant)
            let (handledBy, disposition) = (row.optional("handled_by"), row.optional("disposition"))
            return { try $0.alertRow(case: number, step: step, kind: kind, level: level, raised: raised, handled: handled, handledBy: handledBy, disposition: disposition) }
        case .logins:
            let (person, department, at) = (try row.text("operator"), try row.text("dept"), try row.time("at", required: true)!.instant)
            return { try $0.loginRow(operator: person, department: department, at: at) }
        }
    }

    /// One record's fields by column name, read as the values they must be.
    struct Row {
        let record: CSVRecord
        let columns: CSVHeader.Columns
        let place: (Int) -> SourcePosition

        /// The field, nil when the column is absent or the field empty.
        func optional(_ name: String) -> String? {
            guard let index = columns[name], index < record.fields.count else { return nil }
            let text = record.fields[index]
            return text.isEmpty ? nil : text
        }

        func text(_ name: String) throws -> String {
            guard let text = optional(name) else { throw problem(name, "\(name) is empty; every row needs one") }
            return text
        }

        func integer(_ name: String, required: Bool = false) throws -> Int64? {
            guard let text = optional(name) else {
                if required { throw problem(name, "\(name) is empty; write a whole number") }
                return nil
            }
            guard let value = Int64(text.trimmingBlanks()) else { throw problem(name, "\(name) \"\(text)\" is not a whole number") }
            return value
        }

        func flag(_ name: String) throws -> Bool {
            guard let text = optional(name) else { return false }
            switch text.lowercased() {
            case "1", "true", "yes", "y", "是": return true
            case "0", "false", "no", "n", "否": return false
            default: throw problem(name, "\(name) \"\(text)\" is not a yes or no; write 1 or 0")
            }
        }

        func date(_ name: String, required: Bool = false) throws -> CivilDate? {
            guard let text = optional(name) else {
                if required { throw problem(name, "\(name) is empty; write a date such as 2016-05-03") }
                return nil
            }
            guard let date = CivilDate(text) else { throw problem(name, "\(name) \"\(text)\" is not a date; write YYYY-MM-DD, such as 2016-05-03") }
            return date
        }

        /// A time; written without an offset it is Beijing time, as the platform writes it.
        func time(_ name: String, required: Bool = false) throws -> WrittenTime? {
            guard let text = optional(name) else {
                if required { throw problem(name, "\(name) is empty; write a time such as 2016-05-03 09:30") }
                return nil
            }
            guard let parsed = WrittenTime(parsing: text) else {
                throw problem(name, "\(name) \"\(text)\" is not a date and time; write YYYY-MM-DD HH:MM[:SS], Beijing time unless an offset such as +08:00 follows")
            }
            guard parsed.utcOffset == nil else { return parsed }
            let china = Int(ChinaTime.offsetSeconds / 60)
            return WrittenTime(instant: parsed.instant.adding(seconds: -ChinaTime.offsetSeconds), utcOffset: china)
        }

        func word<Word: RawRepresentable & CaseIterable>(_ name: String) throws -> Word where Word.RawValue == String {
            guard let word: Word = try optionalWord(name) else {
                throw problem(name, "\(name) is empty; write one of " + Word.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return word
        }

        func optionalWord<Word: RawRepresentable & CaseIterable>(_ name: String) throws -> Word? where Word.RawValue == String {
            guard let text = optional(name) else { return nil }
            if let word = Word(rawValue: text) ?? Word.allCases.first(where: { "\($0)" == text }) { return word }
            let words = Word.allCases.map(\.rawValue)
            throw problem(name, "\(name) \"\(text)\" is not one of " + words.joined(separator: ", ") + Suggestion.phrase(for: text, among: words))
        }

        private func problem(_ name: String, _ message: String) -> ShellError {
            let at = columns[name].map(place) ?? place(0)
            return ShellError(.badInput, message + EventLogImport.nothingImported, at: at)
        }
    }
}
