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
        var currentLine = 1
        var currentFields = 0
        func placeOf(_ field: Int) -> SourcePosition {
            // A field the row left out is placed at the row's start.
            guard field < currentFields else { return SourcePosition(source: path, line: currentLine, column: 1) }
            let (line, column) = reader.place(ofField: field)
            return SourcePosition(source: path, line: line, column: column)
        }
        let summary: ImportSummary
        do {
            summary = try session.store.importing(description, dryRun: dryRun) { writer in
                let header = try CSVHeader.read(from: &reader)
                let columns = try header.columns(required: kind.required, optional: kind.optional)
                ignored = columns.extras.map { $0.name + ($0.closest.first.map { " (did you mean \($0)?)" } ?? "") }
                while let record = try reader.next() {
                    if InterruptSignal.isPending { throw StoreError.interrupted }
                    (currentLine, currentFields) = (record.line, record.fields.count)
                    // A row may leave out empty fields at its end, but not have more than the header names.
                    guard record.fields.count <= header.names.count else {
                        throw ShellError(.badInput, "this row has \(record.fields.count) fields where the header names \(header.names.count) columns; "
                            + "quote a value that holds the delimiter, or name the extra column in the header" + EventLogImport.nothingImported,
                                         at: placeOf(header.names.count))
                    }
                    let row = Row(record: record, columns: columns, place: placeOf)
                    do {
                        try write(kind, row, into: writer)
                    } catch let rejection as ImportRejection {
                        let at = rejection.field.flatMap { columns[$0] }.map(placeOf) ?? SourcePosition(source: path, line: record.line, column: 1)
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

    private static func write(_ kind: Kind, _ row: Row, into writer: ImportWriter) throws {
        switch kind {
        case .regions:
            try writer.region(name: try row.text("name"), code: try row.text("code"), level: try row.word("level"))
        case .departments:
            try writer.department(name: try row.text("name"), region: try row.text("region"), parent: row.optional("parent"),
                                  platform: try row.optionalWord("platform") ?? .online, terminals: try row.integer("terminals") ?? 0)
        case .workflows:
            try writer.workflowStep(workflow: try row.text("workflow"), department: row.optional("dept"), position: try row.integer("position", required: true) ?? 1,
                                    name: try row.text("step"), role: try row.word("role"), timeLimit: try row.integer("time_limit"),
                                    leaderReview: try row.flag("leader_review"), riskPoint: try row.flag("risk_point"), supervisionPoint: try row.flag("supervision_point"))
        case .items:
            try writer.item(code: try row.text("code"), name: try row.text("name"), category: try row.word("category"), department: try row.text("dept"),
                            workflow: row.optional("workflow"), status: try row.optionalWord("status") ?? .active,
                            effective: try row.date("effective"), abolished: try row.date("abolished"), timeLimit: try row.integer("time_limit"))
        case .catalog:
            try writer.catalogEntry(code: try row.text("code"), name: try row.text("name"), category: try row.text("category"), department: try row.text("dept"),
                                    published: try row.date("published", required: true)!, abolished: try row.date("abolished"))
        case .cases:
            try writer.caseRow(number: try row.text("number"), item: try row.text("item"), department: row.optional("dept"),
                               opened: try row.time("opened", required: true)!.instant, decided: try row.time("decided")?.instant,
                               result: row.optional("result"), created: try row.time("created")?.instant)
        case .steps:
            try writer.stepRow(case: try row.text("case"), step: row.optional("step"), operator: row.optional("operator"),
                               occurred: try row.time("occurred", required: true)!, recorded: try row.time("recorded")?.instant,
                               note: row.optional("note"), lifecycle: row.optional("lifecycle"))
        case .alerts:
            try writer.alertRow(case: try row.text("case"), step: row.optional("step"), kind: try row.word("kind"), level: try row.word("level"),
                                raised: try row.time("raised", required: true)!.instant, handled: try row.time("handled")?.instant,
                                handledBy: row.optional("handled_by"), disposition: row.optional("disposition"))
        case .logins:
            try writer.loginRow(operator: try row.text("operator"), department: try row.text("dept"), at: try row.time("at", required: true)!.instant)
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
