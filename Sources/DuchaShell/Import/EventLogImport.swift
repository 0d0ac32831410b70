import DuchaCore
import DuchaInterchange
import DuchaStore

/// `import xes`: streams an XES log (plain or gzip) into the store as one import, or
/// checks it all and writes nothing (`--dry-run`). Errors name the file, line, column
/// and element; nothing is kept from a failed import.
enum EventLogImport {
    static func run(_ options: ImportOptions, command: String, at position: SourcePosition, in session: Session) throws {
        guard !session.store.isReadOnly else {
            throw ShellError(.readOnly, "the database is open read-only; an import writes to it", at: position)
        }
        let started = session.clock.now
        let stem = EventLogImport.stem(of: options.path)
        let input: InputFile
        do {
            input = try InputFile(path: options.path)
        } catch let error as ByteSourceError {
            throw ShellError(.missingFile, error.message, at: position)
        }
        guard FileByteSource.isRegularFile(options.path) else {
            throw ShellError(.missingFile, "\(options.path) is not a regular file (a pipe or a device); save it to a file and import that, so the import can record its fingerprint", at: position)
        }
        let digest = BackgroundDigest(path: options.path)
        defer { digest.stop() }
        let description = ImportDescription(kind: "xes", source: options.path, name: nil, at: started, actor: session.actor, command: command)
        let reader = BackgroundXESReader(input)
        defer { reader.cancel() }
        var timesWithoutOffset = 0
        var emptyCases = 0
        var logName: String?
        let summary: ImportSummary
        do {
            summary = try session.store.importing(description, dryRun: options.dryRun) { writer in
                // An event takes about 300 bytes of XES, or 25 once compressed.
                let bytes = try FileByteSource.size(path: options.path)
                try writer.deferIndexes(of: ["steps"], expectedRows: bytes / (input.isCompressed ? 25 : 300))
                // The header is complete once the first trace is read.
                let first = try reader.next()
                logName = reader.header.name
                let name = logName ?? stem
                try writer.place(CasePlacement(department: options.department ?? name, region: options.region ?? "导入",
                                               item: options.item ?? name, category: options.category))
                var record = first
                while let current = record {
                    if InterruptSignal.isPending { throw StoreError.interrupted }
                    if current.steps.isEmpty { emptyCases += 1 }
                    try writer.write(current, openedWhenEmpty: started)
                    record = try reader.next()
                }
                try writer.writeLogAttributes(reader.header.keptAttributes)
                timesWithoutOffset = reader.timesWithoutOffset
                var notes: [String] = []
                if timesWithoutOffset > 0 { notes.append("\(timesWithoutOffset) event times had no UTC offset and were read as UTC") }
                if emptyCases > 0 { notes.append("\(emptyCases) cases have no events; they are dated by the import") }
                try writer.finish(hash: try digest.wait(), bytes: try FileByteSource.size(path: options.path), name: logName,
                                  note: notes.isEmpty ? nil : notes.joined(separator: "; "), description: description)
            }
        } catch let error as XMLError {
            throw ShellError(.badInput, error.message + EventLogImport.nothingImported,
                             at: SourcePosition(source: options.path, line: error.line, column: error.column))
        } catch let error as ImportRejection {
            throw ShellError(.badInput, error.message + EventLogImport.nothingImported,
                             at: error.line > 0 ? SourcePosition(source: options.path, line: error.line, column: error.column) : position)
        }
        session.values.reset()
        let elapsed = Double(session.clock.now.millisecondsSinceEpoch - started.millisecondsSinceEpoch) / 1000
        let what = "\(summary.cases.grouped) cases, \(summary.steps.grouped) steps, \(summary.activities) activities, \(summary.operators) new operators, \(summary.attributes.grouped) attributes"
        let target = (options.department ?? logName ?? stem) + (summary.createdDepartment ? " (new)" : "")
        if options.dryRun {
            session.output.line("dry run: \(options.path) would import \(what) into \(target); nothing was written")
        } else {
            session.output.line("import \(summary.id): \(options.path): \(what) into \(target) in \(elapsed.formatted(decimals: 2)) s")
        }
        if timesWithoutOffset > 0 {
            session.diagnostics.line("note: \(timesWithoutOffset) event times in \(options.path) had no UTC offset; they were read as UTC")
        }
    }

    /// `import undo ID`.
    static func undo(_ id: Int64, command: String, at position: SourcePosition, in session: Session) throws {
        guard !session.store.isReadOnly else {
            throw ShellError(.readOnly, "the database is open read-only; undoing an import writes to it", at: position)
        }
        do {
            let summary = try session.store.undoImport(id, at: session.clock.now, actor: session.actor, command: command)
            session.values.reset()
            session.output.line("undid import \(id): removed \(summary.cases.grouped) cases, \(summary.steps.grouped) steps, \(summary.rows.grouped) rows in all")
        } catch let error as ImportRejection {
            throw ShellError(.badArgument, error.message, at: position)
        }
    }

    static let nothingImported = "; nothing was imported"

    /// `receipt` for `data/receipt.xes.gz`.
    static func stem(of path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".gz", ".xes", ".xml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
        }
        return name
    }
}
