/// How results are written: one renderer per mode.
public enum OutputMode: String, CaseIterable, Sendable {
    /// Box-drawn columns aligned by display width.
    case table
    /// RFC 4180 comma-separated values with a header row.
    case csv
    /// Tab-separated values with a header row; tabs and newlines escaped.
    case tsv
    /// A JSON array of objects.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// One `column = value` line per cell, a blank line between rows.
    case line

    /// Whether the mode is read by people (table, line, markdown), so charts and
    /// sparklines are drawn; csv, tsv and json are for scripts and get the values.
    public var isForPeople: Bool {
        switch self {
        case .table, .line, .markdown: return true
        case .csv, .tsv, .json: return false
        }
    }

    /// What the mode is for, for help and completion.
    public var summary: String {
        switch self {
        case .table: return "box-drawn table aligned by display width (default)"
        case .csv: return "comma-separated values, RFC 4180"
        case .tsv: return "tab-separated values"
        case .json: return "JSON array of objects"
        case .markdown: return "Markdown table"
        case .line: return "one column = value per line"
        }
    }

    /// The modes' names, comma-separated, for help and errors. Built with a loop: the
    /// command line's option list holds it, and every run reads that list.
    public static var listed: String {
        var text = ""
        for mode in allCases { text += text.isEmpty ? mode.rawValue : ", " + mode.rawValue }
        return text
    }
}
