import Testing
import DuchaCore
@testable import DuchaQuery

@Suite struct QuerySchemaTests {
    let schema = QuerySchema.current

    @Test func relationsFollowForeignKeysWithTheirShortNames() throws {
        let cases = schema.source(.cases)
        #expect(cases.relations["dept"]?.target == "departments")
        #expect(cases.relations["department"]?.column == "department_id")
        #expect(cases.relations["item"]?.target == "items")
        #expect(cases.fields["opened"]?.kind == .instant)
        #expect(cases.fields["department_id"] == nil)
    }

    @Test func everyForeignKeyIsCountableFromItsTarget() {
        let departments = schema.source(.departments)
        #expect(departments.collections["cases"]?.column == "department_id")
        #expect(departments.collections["items"] != nil)
        #expect(departments.collections["operators"] != nil)
        #expect(schema.source(.regions).collections["departments"]?.column == "region_id")
        #expect(schema.source(.cases).collections["steps"]?.column == "case_id")
    }

    @Test(arguments: [
        (["dept", "region", "name"], "cases", "department_id>region_id>name"),
        (["dept", "region"], "cases", "department_id>region_id"),
        (["opened"], "cases", "opened"),
        (["dept"], "steps", "case_id>department_id"),
        (["recorded"], "steps", "recorded"),
        (["operator", "name"], "steps", "operator_id>name"),
        (["region"], "alerts", "case_id>department_id>region_id"),
        (["cases"], "departments", "#cases.department_id"),
        (["handled"], "alerts", "handled"),
        (["status"], "orders", "status"),
        (["due"], "orders", "due"),
        (["level"], "alerts", "level"),
        (["region"], "cases", "department_id>region_id"),
        (["region", "name"], "items", "department_id>region_id>name"),
    ])
    func pathsOfTheLanguageExamplesResolve(path: [String], table: String, expected: String) throws {
        let resolution = try schema.resolve(path, from: table).get()
        let text: String
        switch resolution {
        case .field(let through, let field): text = (through.map(\.column) + [field.column]).joined(separator: ">")
        case .relation(let through, let relation): text = (through + [relation]).map(\.column).joined(separator: ">")
        case .collection(let through, let collection): text = (through.map(\.column) + ["#" + collection.table + "." + collection.column]).joined(separator: ">")
        }
        #expect(text == expected)
    }

    @Test func casesDoNotBorrowTheirDepartmentsFields() {
        guard case .failure(let unknown) = schema.resolve(["terminals"], from: "cases") else {
            Issue.record("cases should not offer their department's fields")
            return
        }
        #expect(unknown.table == "cases")
    }

    @Test func unknownNamesSayWhereAndWhatExists() {
        guard case .failure(let unknown) = schema.resolve(["dept", "regoin"], from: "cases") else {
            Issue.record("expected an unknown name")
            return
        }
        #expect(unknown.index == 1)
        #expect(unknown.table == "departments")
        #expect(unknown.candidates.contains("region"))
        #expect(Suggestion.closest(to: unknown.name, among: unknown.candidates) == ["region"])
    }
}
