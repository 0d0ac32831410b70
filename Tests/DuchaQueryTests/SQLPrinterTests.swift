import Testing
import DuchaCore
@testable import DuchaQuery

@Suite struct SQLPrinterTests {
    /// `departments | where region = "万源市" | select name | sort name`, built by hand.
    @Test func aSelectWithAJoinPrintsWithBoundValues() {
        var select = SQLSelect(columns: [.init(.column(table: "t", name: "name"), as: "name", kind: .text)], from: .table("departments"), alias: "t")
        select.joins = [.init(table: "regions", alias: "j1", on: .binary("=", .column(table: "j1", name: "id"), .column(table: "t", name: "region_id")))]
        select.filter = .binary("=", .column(table: "j1", name: "name"), .parameter(.text("万源市")))
        select.ordering = [.init(.column(table: "t", name: "name"))]
        select.limit = .parameter(.integer(5))
        let statement = SQLPrinter.statement(select)
        #expect(statement.text == #"SELECT "t"."name" AS "name" FROM "departments" AS "t" LEFT JOIN "regions" AS "j1" ON ("j1"."id" = "t"."region_id") WHERE ("j1"."name" = ?) ORDER BY "t"."name" LIMIT ?"#)
        #expect(statement.parameters == [.text("万源市"), .integer(5)])
        #expect(statement.columns == [ResultColumn("name", .text)])
    }

    @Test func valuesNeverReachTheText() {
        let hostile = "x\" or 1=1 --'; DROP TABLE cases; --"
        var select = SQLSelect(columns: [.init(.function("count", [.star]), as: "count", kind: .integer)], from: .table("cases"), alias: "t")
        select.filter = .binary("OR", .contains(.column(table: "t", name: "result"), .parameter(.text(hostile))),
                                .inList(.column(table: "t", name: "number"), [.parameter(.text(hostile)), .parameter(.integer(7))]))
        let statement = SQLPrinter.statement(select)
        #expect(!statement.text.contains("DROP"))
        #expect(statement.text == #"SELECT count(*) AS "count" FROM "cases" AS "t" WHERE ((instr("t"."result", ?) > 0) OR ("t"."number" IN (?, ?)))"#)
        #expect(statement.parameters == [.text(hostile), .text(hostile), .integer(7)])
    }

    @Test func stagesNestAsSubqueriesAndIdentifiersAreQuoted() {
        let inner = SQLSelect(columns: [.init(.column(table: "t", name: "we\"ird"), as: "n", kind: .integer)], from: .table("cases"), alias: "t")
        var outer = SQLSelect(columns: [.init(.column(table: "s", name: "n"), as: "n", kind: .integer)], from: .select(inner), alias: "s")
        outer.distinct = true
        outer.filter = .unary("NOT", .isNull(.column(table: "s", name: "n"), negated: false))
        #expect(SQLPrinter.statement(outer).text == #"SELECT DISTINCT "s"."n" AS "n" FROM (SELECT "t"."we""ird" AS "n" FROM "cases" AS "t") AS "s" WHERE (NOT ("s"."n" IS NULL))"#)
    }
}
