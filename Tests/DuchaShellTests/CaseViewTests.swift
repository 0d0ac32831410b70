import DuchaCore
import DuchaStore
import Testing
@testable import DuchaShell

@Suite struct CaseViewTests {
    /// A session over a store with one department, item and two cases, one without steps.
    func caseSession() throws -> Session {
        let (session, _, _) = try makeSession()
        let store = session.store
        let at = { (day: String, hour: Int) in Value.integer(ChinaTime.instant(CivilDate(day)!, hour: hour).millisecondsSinceEpoch) }
        for (table, rows) in [("regions", [["万源市", "WY", "county_city"]] as [[Value]]),
                              ("departments", [["万源市房管局", 1, nil, "online", 1]]),
                              ("items", [["FG-1", "房屋登记", "行政确认", 1, nil, "active", nil, nil]]),
                              ("operators", [["张三", 1, "clerk"]]),
                              ("cases", [["2016-WY-0001", 1, 1, at("2016-05-03", 9), nil, nil, at("2016-05-03", 9)],
                                         ["2016-WY-0002", 1, 1, at("2016-05-04", 9), nil, nil, at("2016-05-04", 9)]]),
                              ("steps", [[1, nil, 1, at("2016-05-03", 9), at("2016-05-09", 15), nil],
                                         [1, nil, 1, at("2016-05-05", 9), at("2016-05-09", 15), nil]])] {
            let inserter = try store.inserter(for: table)
            for row in rows {
                try inserter.set(row)
                try inserter.insert()
            }
        }
        return session
    }

    @Test func caseNumbersComplete() throws {
        let session = try caseSession()
        #expect(Completer.complete("trace 2016-WY-000", in: session).candidates == ["2016-WY-0001", "2016-WY-0002"])
        #expect(Completer.complete("trace 2016-WY-0002 ", in: session).candidates == [])
    }

    @Test func aCaseWithoutStepsIsShownHonestly() throws {
        let session = try caseSession()
        let output = session.output
        try TraceView.run(" 2016-WY-0002", at: SourcePosition(source: "t", line: 1, column: 6), in: session)
        let text = output.captured
        #expect(text.hasPrefix("案件 2016-WY-0002 · 房屋登记 (行政确认) · 万源市房管局, 万源市\nopened 2016-05-04 09:00:00 · 0 step records\n"), "\(text)")
        #expect(!text.contains("flags:"))
    }

    /// The picture puts ● at occurred and ▲ at recorded on one axis.
    @Test func thePictureShowsBackfilling() throws {
        let session = try caseSession()
        let timeline = try #require(try session.store.caseTimeline(id: 1))
        let lines = TimelinePicture.lines(timeline, width: 13)
        #expect(lines.count == 3)
        // 05-03 09:00 → 0, 05-05 09:00 → 4 (of 12 columns over 6.25 days), both recorded 05-09 15:00 → 12.
        #expect(lines[0] == "– │●───────────▲│")
        #expect(lines[1] == "– │    ●───────▲│")
        #expect(lines[2] == "   2016-05-03 09:00:00 … 2016-05-09 15:00:00")
        #expect(timeline.flags().contains(.enteredAtOnce(span: 2 * Milliseconds.day, window: 0)))
    }
}
