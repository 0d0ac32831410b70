import Testing
@testable import DuchaCore

@Suite struct DiagnosticTests {
    @Test(arguments: [
        ("cases | where 部门 = x", 19, 20, 0, "                     ^"),
        ("cases | where 部门 = x", 14, 16, 0, "              ^~~~"),
        ("部门x", 0, 3, 6, "      ^~~~~"),
        ("a\n市农业 | 汇总", 8, 10, 0, "         ^~~~"),
        ("abc", 3, 3, 2, "     ^"),
    ])
    func caretsAreAlignedByDisplayWidth(text: String, from: Int, to: Int, indent: Int, caret: String) {
        let lines = Diagnostic("x", "m", at: from..<to).caret(in: text, indent: indent)
        #expect(lines[1] == caret)
    }

    @Test func theCaretLineBelongsToTheLineOfTheProblem() {
        let lines = Diagnostic("x", "m", at: 8..<10).caret(in: "a\n市农业 | 汇总\nz")
        #expect(lines[0] == "市农业 | 汇总")
    }
}
