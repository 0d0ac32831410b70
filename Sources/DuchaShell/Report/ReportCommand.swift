import DuchaCore
import DuchaInterchange
import DuchaStore

/// `report bulletin PERIOD [for REGION] [--format md|html] [> FILE]` drafts the bulletin;
/// `report orders [PERIOD] [...]` the rectification ledger. Markdown goes to the screen or
/// a file; HTML is one self-contained file. A file appears whole or not at all.
enum ReportCommand {
    static let usage = "bulletin PERIOD [for REGION] | orders [PERIOD]  [--format md|html] [> FILE]"

    enum Format: String { case md, html }

    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = try CommandWords.arguments(rest, at: position)
        guard let kind = words.first, kind.text == "bulletin" || kind.text == "orders" else {
            throw ShellError(.badArgument, "report needs what to draft: report bulletin 2016-01..2016-04, or report orders", at: position.advanced(by: words.first?.offset ?? 0))
        }
        var cursor = WordCursor(words, at: position, from: 1)
        var period: CheckPeriod?
        var region: CommandWords.Word?
        var format: Format?
        var file: CommandWords.Word?
        while let word = cursor.current {
            switch word.text {
            case "for" where kind.text == "bulletin":
                region = try cursor.value(after: word, "for 万源市")
            case "--format":
                let value = try cursor.value(after: word, "--format html")
                guard let chosen = Format(rawValue: value.text) else {
                    throw ShellError(.badArgument, "unknown format '\(value.text)'; report writes md or html", at: cursor.place(value))
                }
                format = chosen
            case ">":
                file = try cursor.value(after: word, "> bulletin.html")
            default:
                if word.text.hasPrefix(">") && word.text.count > 1 {
                    file = CommandWords.Word(text: String(word.text.dropFirst()), offset: word.offset + 1)
                } else if let parsed = CheckCommand.parsePeriod(word.text) {
                    period = parsed
                } else if word.text.first?.isNumber == true {
                    throw ShellError(.badArgument, "'\(word.text)' is not a period; write a month 2016-05 or a range 2016-01..2016-04", at: cursor.place(word))
                } else {
                    throw ShellError(.badArgument, "unexpected '\(word.text)'; " + usage, at: cursor.place(word))
                }
            }
            cursor.index += 1
        }
        let chosenFormat = format ?? (file.map { $0.text.lowercased().hasSuffix(".html") || $0.text.lowercased().hasSuffix(".htm") } == true ? .html : .md)
        let document: ReportDocument
        switch kind.text {
        case "bulletin":
            guard let period else {
                throw ShellError(.badArgument, "report bulletin needs a period, e.g. report bulletin 2016-01..2016-04", at: cursor.place(kind))
            }
            if let region, try session.store.regionID(named: region.text) == nil {
                let names = session.values.values(in: "regions", column: "name") ?? []
                throw ShellError(.badArgument, "no region is called \(region.text)" + Suggestion.phrase(for: region.text, among: names), at: cursor.place(region))
            }
            document = try BulletinBuilder(session: session, period: period, region: region?.text).build()
        default:
            document = try LedgerBuilder(session: session, period: period).build()
        }
        let text = chosenFormat == .html ? HTMLReport.render(document) : MarkdownReport.render(document)
        guard let file else {
            session.output.write(text)
            return
        }
        do {
            let sink = try FileByteSink(path: file.text)
            var bytes = Array(text.utf8)
            try bytes.withUnsafeMutableBytes { try sink.write(UnsafeRawBufferPointer($0)) }
            try sink.commit()
        } catch let error as ByteSourceError {
            throw ShellError(.cannotWrite, error.message, at: cursor.place(file))
        }
        session.output.line("wrote \(file.text) (\(chosenFormat.rawValue), \(text.utf8.count.grouped) bytes, \(document.sources.count) queries in the appendix)")
    }
}
