import Foundation
import Testing

/// The shared real event logs (`../shared/data/eventlogs`) and their reference figures.
enum SharedLogs {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data/eventlogs").standardizedFileURL

    /// The path of a shared log, or nil after recording plainly that it is missing.
    static func path(_ name: String) -> String? {
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(path) is not there: the shared event logs (../shared/data/eventlogs) are needed for this test")
            return nil
        }
        return path
    }

    /// The reference figures of a log (`reference/NAME.reference.json`).
    static func reference(_ log: String) -> [String: Any]? {
        guard let path = path("reference/\(log).reference.json"),
              let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object
    }
}
