import DuchaCore

extension Checker {
    // MARK: chart

    /// What the final `chart` stage draws from the rows: the last numeric column as the
    /// measure, the group keys (or else the first other column) as the labels. Rows that
    /// have no such pair are reported at the stage, with a query that would chart.
    mutating func chart(_ stage: Stage, style: Token, listing: Bool, pipeline: Pipeline) -> Chart? {
        guard let chartStyle = Chart.Style(rawValue: style.text.lowercased()) else { return nil }
        let place = range(of: stage.keyword).lowerBound..<range(of: style).upperBound
        let written = "chart " + style.text
        let example = chartExample(pipeline, style: written)
        let outputs = state.outputs
        let measured: Set<ValueType> = [.integer, .real, .duration]
        guard !listing, let measure = outputs.indices.last(where: { measured.contains(outputs[$0].typed.type) }) else {
            let columns = listing ? "" : "; the columns here are " + outputs.map { "\($0.name) (\($0.typed.type.described))" }.joined(separator: ", ")
            report("nothing-to-chart", "chart draws a count or a sum by something: \(example)" + columns, at: place)
            return nil
        }
        var labels = Array(0..<min(state.keyCount, outputs.count)).filter { $0 != measure }
        if labels.isEmpty, let first = outputs.indices.first(where: { $0 != measure && outputs[$0].typed.type != .monthlyCounts }) {
            labels = [first]
        }
        guard !labels.isEmpty else {
            report("nothing-to-chart", "chart draws a count or a sum by something, and these rows have only \(outputs[measure].name): \(example)",
                   at: place)
            return nil
        }
        return Chart(style: chartStyle, labelColumns: labels, measureColumn: measure)
    }

    /// The chart in the checker's dump: `chart bar: count by month`.
    func describe(_ chart: Chart) -> String {
        "chart \(chart.style.rawValue): \(state.outputs[chart.measureColumn].name) by "
            + chart.labelColumns.map { state.outputs[$0].name }.joined(separator: ", ") + " (drawn by the shell; not in the SQL)"
    }

    /// A stage written after `chart`: chart draws what reaches it, so it comes last.
    mutating func reportStageAfterChart(_ stage: Stage, chart: Stage) {
        guard case .chart(let style?) = chart.kind else { return }
        if case .unknown = stage.kind { return }
        report("chart-not-last", "chart draws the rows, so it is the last stage; write \(stage.keyword.text) before | chart \(style.text)",
               at: stage.keyword)
    }

    /// A query that would chart: the source and the filters that follow it directly,
    /// counted by a month of the rows' own time (or by a relation or word that
    /// groups them), then the chart as written.
    private func chartExample(_ pipeline: Pipeline, style: String) -> String {
        guard let source = pipeline.source else { return "cases | count by month(opened) | " + style }
        var cut = text.endIndex
        for stage in pipeline.stages {
            if case .filter = stage.kind { continue }
            // The stage's keyword follows its `|` directly: cut before the `|`.
            cut = text.index(before: stage.keyword.leadingTrivia.startIndex)
            break
        }
        var kept = text[text.startIndex..<cut]
        while let last = kept.last, last == " " || last == "\t" || last == "\u{3000}" || last == "\n" { kept = kept.dropLast() }
        let table = Entity.named(String(source.text))?.rawValue ?? "cases"
        let key: String
        if let time = QuerySchema.timeFields[table], schema.sources[table]?.fields[time]?.kind == .instant {
            key = "month(\(time))"
        } else {
            let names = schema.sources[table]?.names ?? []
            key = ["dept", "region", "category", "level", "role", "status", "kind"].first(where: names.contains) ?? "name"
        }
        return String(kept) + " | count by " + key + " | " + style
    }
}
