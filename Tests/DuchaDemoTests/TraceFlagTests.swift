import DuchaCore
import DuchaDemo
import DuchaStore
import Testing

/// `trace` flags every case the demo labels with the matching anomaly, and the flags
/// with the same definition as a label flag nothing else.
@Suite struct TraceFlagTests {
    static func caseIDs(_ database: DemoDatabase, _ sql: String) throws -> Set<Int64> {
        var ids = Set<Int64>()
        _ = try database.store.runReadOnly(sql, columns: { _ in }, row: { row in
            if case .integer(let id) = row[0] { ids.insert(id) }
        })
        return ids
    }

    static func labelled(_ database: DemoDatabase, _ anomaly: Anomaly) throws -> Set<Int64> {
        try caseIDs(database, """
            SELECT CASE entity WHEN 'steps' THEN (SELECT case_id FROM steps WHERE id = entity_id) ELSE entity_id END
            FROM labels WHERE anomaly = '\(anomaly.rawValue)'
            """)
    }

    @Test(arguments: [Anomaly.bulkRecording, .lateRecording, .onePersonCase, .caseAfterAbolition, .stepOvertime])
    func everyLabelledCaseIsFlagged(anomaly: Anomaly) throws {
        let database = try SharedDemo.open()
        let cases = try TraceFlagTests.labelled(database, anomaly)
        try #require(!cases.isEmpty, "no \(anomaly.rawValue) labels")
        var missed: [Int64] = []
        for id in cases {
            let flags = try #require(try database.store.caseTimeline(id: id)).flags()
            let found = flags.contains { flag in
                switch (anomaly, flag) {
                case (.bulkRecording, .enteredAtOnce), (.lateRecording, .recordedLate), (.onePersonCase, .onePerson),
                     (.caseAfterAbolition, .afterAbolition), (.stepOvertime, .overTime): true
                default: false
                }
            }
            if !found { missed.append(id) }
        }
        #expect(missed.isEmpty, "\(missed.count) of \(cases.count) \(anomaly.rawValue) cases not flagged, e.g. \(missed.prefix(5))")
    }

    /// Among the first 3,000 cases, entered-at-once and recorded-late flags fall on labelled cases only.
    @Test func sameDefinitionsFlagNothingElse() throws {
        let database = try SharedDemo.open()
        let bulk = try TraceFlagTests.labelled(database, .bulkRecording)
        let late = try TraceFlagTests.labelled(database, .lateRecording)
        for id in Int64(1) ... 3000 {
            guard let timeline = try database.store.caseTimeline(id: id) else { continue }
            let flags = timeline.flags()
            if flags.contains(where: { if case .enteredAtOnce = $0 { true } else { false } }) { #expect(bulk.contains(id), "case \(timeline.number)") }
            if flags.contains(where: { if case .recordedLate = $0 { true } else { false } }) { #expect(late.contains(id), "case \(timeline.number)") }
        }
    }
}
