import DuchaCore

/// A document drafted from the data (the bulletin, the rectification ledger): headings,
/// paragraphs whose figures cite the queries they came from, tables and charts, and an
/// appendix of those queries. Renderers turn it into Markdown or HTML; it knows neither.
struct ReportDocument: Equatable {
    var title: String
    /// A line under the title: draft status, period, when it was made.
    var subtitle: String
    var blocks: [Block] = []
    /// The queries every figure came from, numbered from 1 in the order first used.
    var sources: [Source] = []
    /// A sentence that introduces the appendix.
    var sourcesNote = ""

    enum Block: Equatable {
        case heading(level: Int, text: String)
        case paragraph([Span])
        case table(Table)
        case chart(Chart)
    }

    /// Text, or a figure that cites its source.
    enum Span: Equatable {
        case text(String)
        /// A figure, and the number of the source it came from.
        case figure(String, source: Int)
        /// A citation without a figure of its own (a list of names from a query).
        case cite(Int)
    }

    struct Table: Equatable {
        var columns: [String]
        /// Which columns are numbers (right-aligned).
        var numeric: [Bool]
        var rows: [[String]]
        var source: Int?
    }

    struct Chart: Equatable {
        enum Kind: Equatable {
            /// One horizontal bar per category.
            case bars
            /// One line per series over the categories (months).
            case lines
        }

        var kind: Kind
        var title: String
        var categories: [String]
        var series: [Series]
        var source: Int?
    }

    struct Series: Equatable {
        var name: String
        var values: [Double]
    }

    struct Source: Equatable {
        var number: Int
        /// The query, in the language, as it can be typed again.
        var query: String
        /// What it gave, briefly.
        var result: String
    }
}

extension ReportDocument {
    /// Adds a paragraph.
    mutating func paragraph(_ spans: ReportDocument.Span...) {
        blocks.append(.paragraph(spans))
    }

    /// Adds a heading.
    mutating func heading(_ text: String, level: Int = 2) {
        blocks.append(.heading(level: level, text: text))
    }
}
