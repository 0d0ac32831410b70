import DuchaCore
import DuchaStore

/// `.schema` and `.tables`: the sources, their row counts and their fields.
enum SchemaListing {
    static func show(_ word: CommandWords.Word?, invocation: DotInvocation, in session: Session) throws {
        guard let word else {
            var rows: [[Value]] = []
            for entity in Entity.allCases {
                let table = SchemaDescription.table(for: entity)
                rows.append([.text(entity.rawValue), .integer(try session.store.count(table)), .text(entity.summary)])
            }
            render([ResultColumn("source", .text), ResultColumn("rows", .integer), ResultColumn("what it holds", .text)], rows, in: session)
            return
        }
        let table = Entity.named(word.text).map(SchemaDescription.table(for:)) ?? SchemaDescription.table(named: word.text)
        guard let table else {
            let names = Entity.allCases.map(\.rawValue) + SchemaDescription.tables.map(\.name)
            throw invocation.error(0, "no source '\(word.text)'" + Suggestion.phrase(for: word.text, among: names)
                + "; .schema lists them")
        }
        let rows: [[Value]] = table.columns.map { column in
            [.text(column.name), .text(column.kind.rawValue + (column.nullable ? "?" : "")),
             column.references.map { .text($0) } ?? .null, .text(column.summary)]
        }
        render([ResultColumn("field", .text), ResultColumn("kind", .text), ResultColumn("refers to", .text), ResultColumn("meaning", .text)], rows, in: session)
    }

    private static func render(_ columns: [ResultColumn], _ rows: [[Value]], in session: Session) {
        var options = session.renderOptions
        options.maxRows = nil
        let renderer = session.mode.renderer(to: session.output, options: options)
        renderer.begin(columns)
        rows.forEach(renderer.row)
        renderer.finish(rowCount: rows.count)
    }
}
