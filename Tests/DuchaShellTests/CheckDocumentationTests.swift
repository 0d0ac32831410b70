import DuchaCore
import Foundation
import Testing

/// docs/CHECKS.md describes every built-in check as the catalog defines it.
@Suite struct CheckDocumentationTests {
    @Test func everyCheckIsDocumentedAsDefined() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/CHECKS.md").standardizedFileURL.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for check in CheckCatalog.all {
            #expect(text.contains("### `\(check.id)` · \(check.chinese) · \(check.english)"), "\(check.id)")
            #expect(text.contains(check.definition), "\(check.id): definition")
            for parameter in check.parameters {
                #expect(text.contains("| `\(parameter.name)` | \(parameter.defaultValue) | \(parameter.summary) |"), "\(check.id).\(parameter.name)")
            }
        }
    }
}
