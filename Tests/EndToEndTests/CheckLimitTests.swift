import Foundation
import Testing

/// Case overtime against the item's time limit, and incompatible roles held by one
/// person, on a small platform export whose answers are worked out by hand.
@Suite(.serialized) struct CheckLimitTests {
    static let files: [(kind: String, text: String)] = [
        ("regions", "name,code,level\n万源市,WY,county_city\n"),
        ("departments", "region,name\n万源市,万源市房管局\n"),
        ("workflows", "workflow,dept,position,step,role,time_limit\n房屋登记流程,万源市房管局,1,受理,clerk,1\n房屋登记流程,万源市房管局,2,审核,reviewer,3\n房屋登记流程,万源市房管局,3,决定,leader,2\n"),
        ("items", "code,name,category,dept,workflow,time_limit\nFG-001,房屋登记,行政确认,万源市房管局,房屋登记流程,5\nFG-002,房屋查询,其他权力,万源市房管局,房屋登记流程,\n"),
        // 0001: opened Friday 2016-06-03, decided Monday 2016-06-13: 06-06..08, Sunday 06-12 (worked), 06-13 = 5 working days, within 5.
        // 0002: opened 2016-06-03, decided Tuesday 2016-06-14: 6 working days, 1 over.
        // 0003: opened 2016-06-03, undecided on 2016-06-30: 18 working days, 13 over.
        // 0004: on an item without a limit: never over.
        ("cases", "number,item,opened,decided\n2016-WY-0001,FG-001,2016-06-03 09:00,2016-06-13 16:00\n2016-WY-0002,FG-001,2016-06-03 09:00,2016-06-14 16:00\n"
            + "2016-WY-0003,FG-001,2016-06-03 10:00,\n2016-WY-0004,FG-002,2016-06-03 09:00,2016-07-29 16:00\n"),
        // 0001: 张三 accepts and reviews, 李四 decides (clerk and reviewer held by one person).
        // 0002: three people (nothing incompatible). 0003: 李四 reviews and decides. 0004: 王五 alone (one person, not this check's).
        ("steps", "case,step,operator,occurred,recorded\n"
            + "2016-WY-0001,受理,张三,2016-06-03 09:00,2016-06-03 09:05\n2016-WY-0001,审核,张三,2016-06-06 10:00,2016-06-06 10:05\n2016-WY-0001,决定,李四,2016-06-13 16:00,2016-06-13 16:05\n"
            + "2016-WY-0002,受理,张三,2016-06-03 09:00,2016-06-03 09:05\n2016-WY-0002,审核,赵六,2016-06-06 10:00,2016-06-06 10:05\n2016-WY-0002,决定,李四,2016-06-14 16:00,2016-06-14 16:05\n"
            + "2016-WY-0003,受理,张三,2016-06-03 10:00,2016-06-03 10:05\n2016-WY-0003,审核,李四,2016-06-06 10:00,2016-06-06 10:05\n2016-WY-0003,决定,李四,2016-06-08 10:00,2016-06-08 10:05\n"
            + "2016-WY-0004,受理,王五,2016-06-03 09:00,2016-06-03 09:05\n2016-WY-0004,审核,王五,2016-06-06 10:00,2016-06-06 10:05\n"),
    ]

    static func database(_ runner: BinaryRunner) throws {
        for file in CheckLimitTests.files {
            try file.text.write(toFile: runner.file(file.kind + ".csv"), atomically: true, encoding: .utf8)
            let outcome = try runner.run(["l.db", "-c", "import csv \(file.kind) \(file.kind).csv"])
            try #require(outcome.status == 0, "\(file.kind): \(outcome.standardError)")
        }
    }

    @Test func casesOverTheirItemsTimeLimitInWorkingDays() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try CheckLimitTests.database(runner)
        #expect(try ImportTests.rows(runner, "l.db", "items | select code, time_limit") == [["FG-001", "5"], ["FG-002", ""]])
        let hits = try ImportTests.rows(runner, "l.db", ".today 2016-06-30", "check case-overtime 2016-06")
        #expect(hits.map { [$0[3], $0[6]] } == [["2016-WY-0002", "1"], ["2016-WY-0003", "13"]], "\(hits)")
        let stricter = try ImportTests.rows(runner, "l.db", ".today 2016-06-30", "check case-overtime 2016-06 excess=2")
        #expect(stricter.map { $0[3] } == ["2016-WY-0003"])
        // Without limits the check is skipped, and says why.
        let demo = try runner.run(["c.db", "-c", "import csv regions regions.csv", "-c", "check case-overtime"])
        #expect(demo.standardError.contains("the database has no cases") || demo.standardError.contains("no item has a time limit"), "\(demo.standardError)")
    }

    @Test func incompatibleRolesFollowThePairsSwitchedOn() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try CheckLimitTests.database(runner)
        let hits = try ImportTests.rows(runner, "l.db", "check incompatible-roles")
        #expect(hits.map { [$0[3], $0[6]] } == [["2016-WY-0001", "1"], ["2016-WY-0003", "1"]], "\(hits)")
        // The evidence is the person's steps.
        #expect(try ImportTests.rows(runner, "l.db", "findings | where check_id = \"incompatible-roles\" | select evidence")
                .map { $0.joined(separator: ",") } == ["\"{\"\"cases\"\":[1],\"\"steps\"\":[1,2]}\"", "\"{\"\"cases\"\":[3],\"\"steps\"\":[8,9]}\""])
        // A locality that lets one person review and approve: only the first case is left.
        #expect(try ImportTests.rows(runner, "l.db", "check incompatible-roles reviewer_leader=0 --save").map { $0[3] } == ["2016-WY-0001"])
        #expect(try ImportTests.rows(runner, "l.db", "check incompatible-roles").map { $0[3] } == ["2016-WY-0001"])
        #expect(try ImportTests.rows(runner, "l.db", "check incompatible-roles clerk_reviewer=0").isEmpty)
    }
}
