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

/// ARCHITECTURE.md describes every module the package declares.
@Suite struct ArchitectureDocumentationTests {
    @Test func everyModuleHasItsRow() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let text = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let package = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        // Targets that are not tests: `.target(name: "X"`, `.systemLibrary(name: "X"`, `.executableTarget(name: "X"`.
        let modules = package.split(separator: "\n").compactMap { line -> String? in
            guard !line.contains(".testTarget"), let range = line.range(of: "name: \"") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(modules.count >= 10, "\(modules)")
        for module in modules {
            #expect(text.contains("`\(module)`"), "ARCHITECTURE.md has no row for \(module)")
        }
    }
}
