import DuchaCore
import DuchaDemo
import DuchaStore
import Testing

/// Every check against the demo's labels at scale 1: precision and recall of 1 (the goal is 0.95 or more)
/// (the demo keeps its rows clear of every threshold, so both should be 1).
@Suite struct CheckScoreTests {
    static let story = CivilDate(year: 2016, month: 5, day: 20)!
    static let firstFourMonths = CheckPeriod(start: CivilDate(year: 2016, month: 1, day: 1)!, end: CivilDate(year: 2016, month: 5, day: 1)!, text: "2016-01..2016-04")

    @Test(arguments: CheckCatalog.all.map(\.id).filter { Anomaly(rawValue: $0) != nil })
    func checkMatchesTheLabels(id: String) throws {
        let database = try SharedDemo.open()
        let check = try #require(CheckCatalog.named(id))
        let anomaly = try #require(Anomaly(rawValue: id), "the demo has no label for \(id)")
        let hits = try database.store.runCheck(check, parameters: [String: Int64](), period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)
        // A check that reports cases for labelled steps is scored on the steps it gives as evidence.
        let found = anomaly.entity == check.subject.table ? Set(hits.map(\.subject)) : Set(hits.flatMap(\.evidence))
        #expect(anomaly.entity == check.subject.table || anomaly.entity == "steps", "\(id) finds \(check.subject.table), labels are \(anomaly.entity)")
        let labelled = try database.labelled(anomaly)
        let right = found.intersection(labelled).count
        let precision = found.isEmpty ? 0 : Double(right) / Double(found.count)
        let recall = labelled.isEmpty ? 0 : Double(right) / Double(labelled.count)
        #expect(precision == 1 && recall == 1,
                "\(id): precision \(precision), recall \(recall); found \(found.count), labelled \(labelled.count); extra \(found.subtracting(labelled).sorted().prefix(5)), missed \(labelled.subtracting(found).sorted().prefix(5))")
    }

    /// The demo's only incompatible roles are acceptance and review by one person, so
    /// incompatible-roles (its pairs at their defaults) scores against those labels.
    @Test func incompatibleRolesMatchTheSamePersonLabels() throws {
        let database = try SharedDemo.open()
        let hits = try database.store.runCheck(try #require(CheckCatalog.named("incompatible-roles")), parameters: [String: Int64](),
                                               period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)
        let labelled = try database.labelled(.samePersonReview)
        let found = Set(hits.map(\.subject))
        #expect(!labelled.isEmpty && found == labelled, "found \(found.count), labelled \(labelled.count)")
        // Switching the pair off finds none of them.
        let off = try database.store.runCheck(try #require(CheckCatalog.named("incompatible-roles")), parameters: ["clerk_reviewer": 0],
                                              period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)
        #expect(off.isEmpty)
    }

    /// Late recording alone is read from the late steps; with other step checks it comes
    /// from the one pass over every step. Both give the same findings.
    @Test func lateRecordingAloneAgreesWithTheSweep() throws {
        let database = try SharedDemo.open()
        let late = try #require(CheckCatalog.named("late-recording")), other = try #require(CheckCatalog.named("one-person-case"))
        for hours: Int64 in [72, 24] {
            let parameters = ["late-recording": ["hours": hours]]
            let alone = try database.store.sweepSteps([late], parameters: parameters, period: CheckScoreTests.firstFourMonths)["late-recording"] ?? []
            let swept = try database.store.sweepSteps([late, other], parameters: parameters, period: CheckScoreTests.firstFourMonths)["late-recording"] ?? []
            #expect(!alone.isEmpty && alone == swept, "hours=\(hours): \(alone.count) alone, \(swept.count) swept")
        }
    }

    /// Case overtime alone is one query over the cases; with the step checks it is judged
    /// in their pass over every case. Both give the same findings.
    @Test func caseOvertimeAloneAgreesWithTheSweep() throws {
        let database = try SharedDemo.open()
        let overtime = try #require(CheckCatalog.named("case-overtime")), other = try #require(CheckCatalog.named("one-person-case"))
        for excess: Int64 in [1, 0] {
            let parameters = ["case-overtime": ["excess": excess]]
            let alone = try database.store.sweepSteps([overtime], parameters: parameters, period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)["case-overtime"] ?? []
            let swept = try database.store.sweepSteps([overtime, other], parameters: parameters, period: CheckScoreTests.firstFourMonths,
                                                      today: CheckScoreTests.story)["case-overtime"] ?? []
            #expect(!alone.isEmpty && alone == swept, "excess=\(excess): \(alone.count) alone, \(swept.count) swept")
        }
    }

    /// The checks the demo has no label for run, and find what their definitions say.
    @Test func unlabelledChecksRun() throws {
        let database = try SharedDemo.open()
        for check in CheckCatalog.all where Anomaly(rawValue: check.id) == nil {
            let hits = try database.store.runCheck(check, parameters: [String: Int64](), period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)
            #expect(hits.allSatisfy { $0.department != nil }, "\(check.id)")
        }
        // Items of the demo's zero-case departments, and of those with three empty months, have runs of empty months.
        let items = try database.store.runCheck(try #require(CheckCatalog.named("item-months-without-case")), parameters: [String: Int64](),
                                                period: CheckScoreTests.firstFourMonths, today: CheckScoreTests.story)
        let departments = Set(items.compactMap(\.department))
        #expect(departments.isSuperset(of: try database.labelled(.monthsWithoutCase)))
    }
}
