import DuchaCore

/// `import xes FILE [--dept NAME] [--region NAME] [--item NAME] [--category CATEGORY] [--dry-run]`,
/// parsed with the place of every word for error carets.
struct ImportOptions {
    var path = ""
    var department: String?
    var region: String?
    var item: String?
    var category = ItemCategory.other
    var dryRun = false

    static let usage = "xes FILE [--dept NAME] [--region NAME] [--item NAME] [--category CATEGORY] [--dry-run] | undo ID"

    /// Reads the words after `import xes`.
    init(_ words: [CommandWords.Word], at position: SourcePosition) throws {
        func place(_ word: CommandWords.Word) -> SourcePosition { position.advanced(by: word.offset) }
        var index = 0
        var path: String?
        while index < words.count {
            let word = words[index]
            func value() throws -> String {
                guard index + 1 < words.count, !words[index + 1].text.hasPrefix("--") else {
                    throw ShellError(.badArgument, "\(word.text) needs a value, e.g. \(word.text) \(ImportOptions.example(word.text))", at: place(word))
                }
                index += 1
                return words[index].text
            }
            switch word.text {
            case "--dept", "--department": department = try value()
            case "--region": region = try value()
            case "--item": item = try value()
            case "--category":
                let text = try value()
                guard let category = ItemCategory(rawValue: text) ?? ItemCategory.allCases.first(where: { "\($0)" == text }) else {
                    throw ShellError(.badArgument, "unknown category '\(text)'; expected one of " + ItemCategory.allCases.map(\.rawValue).joined(separator: ", "),
                                     at: place(words[index]))
                }
                self.category = category
            case "--dry-run": dryRun = true
            case let option where option.hasPrefix("--"):
                throw ShellError(.badArgument, "unknown option \(option)" + Suggestion.phrase(for: option, among: ["--dept", "--region", "--item", "--category", "--dry-run"])
                    + "; import xes takes --dept, --region, --item, --category and --dry-run", at: place(word))
            default:
                guard path == nil else {
                    throw ShellError(.badArgument, "one file per import; '\(word.text)' is a second one (quote a name with blanks)", at: place(word))
                }
                path = word.text
            }
            index += 1
        }
        guard let path else {
            throw ShellError(.badArgument, "import xes needs a file, e.g. import xes receipt.xes.gz", at: position)
        }
        self.path = path
    }

    private static func example(_ option: String) -> String {
        switch option {
        case "--category": return "行政许可"
        case "--region": return "万源市"
        default: return "市环保局"
        }
    }
}
