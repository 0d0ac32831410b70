import DuchaCore
import DuchaInterchange
import DuchaQuery
import DuchaStore

/// `export xes FILE [QUERY]`: writes cases (all, or those a query over cases lists) as
/// an XES log. Cases of a single import get that log's header back, so a round trip
/// keeps declarations and log attributes; otherwise a standard header is written. The
/// file appears whole or not at all.
enum EventLogExport {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest)
        guard words.words.count >= 2, words.words[0].text == "xes" else {
            throw ShellError(.badArgument, "export needs a format and a file: export xes FILE [QUERY], e.g. export xes out.xes cases | where dept = \"市环保局\"",
                             at: position.advanced(by: words.words.first?.offset ?? 0))
        }
        let pathWord = words.words[1]
        let path = pathWord.text
        // The query is the text after the file name, as typed.
        var queryStart = rest.index(rest.startIndex, offsetBy: min(rest.count, pathWord.offset + EventLogExport.writtenLength(of: pathWord, in: rest)))
        while queryStart < rest.endIndex, rest[queryStart] == " " || rest[queryStart] == "\t" { queryStart = rest.index(after: queryStart) }
        let queryText = String(rest[queryStart...])
        let (caseIDs, statement) = try self.caseIDs(queryText, at: position.advanced(by: rest.distance(from: rest.startIndex, to: queryStart)), in: session)

        let reader = try session.store.caseRecordReader()
        let sink: FileByteSink
        do {
            sink = try FileByteSink(path: path)
        } catch let error as ByteSourceError {
            throw ShellError(.cannotWrite, error.message, at: position.advanced(by: pathWord.offset))
        }
        let single = try session.store.singleImport(ofCasesListedBy: statement)
        // The log's own header when the cases came from one event log; otherwise a standard one.
        let header: XESHeader
        if let single, try session.store.importKind(single) == "xes" {
            header = XESHeader(kept: try session.store.importHeader(single))
        } else {
            header = .standard(name: "ducha export")
        }
        var writer = XESWriter(sink)
        do {
            try writer.writeHeader(header)
            var steps = 0
            for id in caseIDs {
                if InterruptSignal.isPending { throw StoreError.interrupted }
                guard let (record, _) = try reader.record(caseID: id) else { continue }
                steps += record.steps.count
                try writer.write(record)
            }
            try writer.finish()
            try sink.commit()
            session.output.line("exported \(caseIDs.count.grouped) cases, \(steps.grouped) steps to \(path)")
        } catch let error as ByteSourceError {
            throw ShellError(.cannotWrite, error.message, at: position.advanced(by: pathWord.offset))
        }
    }

    /// The ids of the cases to export: every case, or the rows of a query over cases.
    private static func caseIDs(_ text: String, at position: SourcePosition, in session: Session) throws -> ([Int64], SQLStatement) {
        let source = text.trimmingBlanks().isEmpty ? "cases" : text
        let compilation = Compiler.compile(source, context: session.queryContext)
        guard let query = compilation.query else { throw ShellError(compilation.diagnostics, in: text, at: position) }
        let statement = query.statement
        guard Entity.named(Parser.parse(source).pipeline.source.map { String($0.text) } ?? "") == .cases,
              let idColumn = statement.columns.firstIndex(where: { $0.name == "id" }) else {
            throw ShellError(.badArgument, "export xes takes a query over cases that keeps their rows, such as cases | where dept = \"市环保局\"; this one does not list cases", at: position)
        }
        var ids: [Int64] = []
        do {
            _ = try session.store.run(statement, columns: { _ in }, row: { row in
                if case .integer(let id) = row[idColumn] { ids.append(id) }
            })
        } catch let error as StoreError {
            throw ShellError(error).placed(at: position)
        }
        return (ids, statement)
    }

    /// How many characters a word took as typed (with its quotes).
    private static func writtenLength(of word: CommandWords.Word, in line: String) -> Int {
        let start = line.index(line.startIndex, offsetBy: word.offset)
        guard let first = line[start...].first, first == "\"" || first == "'" else { return word.text.count }
        var length = 1
        var escaped = false
        for character in line[line.index(after: start)...] {
            length += 1
            if first == "\"" && !escaped && character == "\\" { escaped = true; continue }
            if character == first && !escaped { break }
            escaped = false
        }
        return length
    }
}
