import Foundation
import Testing

/// Queries of the language in batch runs: results, assertions and their exit code,
/// placed diagnostics with carets, `--check`, `--errors json` and `explain`.
@Suite(.serialized) struct QueryBatchTests {
    @Test func aQueryRunsAndAFailedAssertionExitsWithThree() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let passed = try runner.run(["s.db", "--mode", "csv", "-c", #"regions | count | assert count = 0 "empty""#])
        #expect(passed.status == 0)
        #expect(passed.standardOutput == "count\n0\n")
        let failed = try runner.run(["s.db", "--mode", "csv", "-c", #"cases | count | assert count > 0 "no cases""#, "-c", "regions | count"])
        #expect(failed.status == 3)
        #expect(failed.standardOutput == "count\n0\ncount\n0\n")
        #expect(failed.standardError == """
            -c:1:17: error: no cases (1 row does not hold)
                cases | count | assert count > 0 "no cases"
                                ^~~~~~~~~~~~~~~~~~~~~~~~~~~

            """)
    }

    @Test func scriptErrorsNameTheLineAndPutACaretAfterChineseText() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try "regions | count\n部门 | where region = \"万源市\" and 名称 = 1\n".write(toFile: runner.file("run.dq"), atomically: true, encoding: .utf8)
        let outcome = try runner.run(["s.db", "--mode", "csv", "-f", "run.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "count\n0\n")
        #expect(outcome.standardError == """
            run.dq:2:31: error: unknown field '名称'
                部门 | where region = "万源市" and 名称 = 1
                                                   ^~~~

            """)
    }

    @Test func checkRunsNothingAndReportsEveryError() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ".output out.csv\nregions | count\ncases | where opend > 2016-01\n\ncases | count by dept.regoin\n"
            .write(toFile: runner.file("run.dq"), atomically: true, encoding: .utf8)
        let outcome = try runner.run(["s.db", "--check", "-f", "run.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(!FileManager.default.fileExists(atPath: runner.file("out.csv")))
        #expect(outcome.standardError.contains("run.dq:3:15: error: unknown field 'opend' (did you mean 'opened'?)"))
        #expect(outcome.standardError.contains("run.dq:5:23: error: department has no field or relation 'regoin' (did you mean 'region'?)"))
        try "regions | count\ncases | where opened > 2016-01 | count by dept.region\n".write(toFile: runner.file("good.dq"), atomically: true, encoding: .utf8)
        let clean = try runner.run(["s.db", "--check", "-f", "good.dq"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput == "" && clean.standardError == "")
    }

    @Test func errorsAsJSONLines() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "--errors", "json", "-c", "alerts | where levl = alarm and handeld is null | count"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == """
            {"source":"-c","line":1,"column":16,"code":"unknown-name","message":"unknown field 'levl' (did you mean 'level'?)"}
            {"source":"-c","line":1,"column":33,"code":"unknown-name","message":"unknown field 'handeld' (did you mean 'handled'?)"}

            """)
    }

    @Test func explainShowsTheStagesTheSQLAndThePlan() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "-c", "explain cases | where opened in 2016-05 | count by dept"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "tokens: identifier:cases | identifier:where identifier:opened identifier:in month:2016-05 | identifier:count identifier:by identifier:dept end")
        #expect(lines.dropFirst().first == "tree:   cases | where (in opened 2016-05) | count by dept")
        #expect(lines.contains { $0.hasPrefix("sql:    SELECT \"department\".\"name\" AS \"dept\", count(*) AS \"count\" FROM \"cases\"") })
        #expect(lines.contains("params: ?1 = 1462032000000, ?2 = 1464710400000"))
        #expect(lines.contains("plan:"))
        #expect(lines.contains { $0.contains("cases_department_opened") || $0.contains("cases_opened") })
    }
}
