import DuchaCore
import DuchaDemo
import DuchaStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only SQL over a demo database, with the story's fixed instants.
struct DemoDatabase {
    let store: Store
    let path: String

    /// The story date at 00:00 in Asia/Shanghai, in milliseconds.
    static let cutoff = ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 20)!).millisecondsSinceEpoch
    static let day: Int64 = 86_400_000
    static let january = ChinaTime.instant(CivilDate(year: 2016, month: 1, day: 1)!).millisecondsSinceEpoch
    static let may = ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 1)!).millisecondsSinceEpoch

    init(path: String) throws {
        self.path = path
        store = try Store.open(path: path, access: .readOnly)
    }

    /// Removes a database file and SQLite's side files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", ".partial"] { unlink(path + suffix) }
    }

    /// Every row of a query.
    func rows(_ sql: String, _ parameters: [Value] = []) throws -> [[Value]] {
        var rows: [[Value]] = []
        try store.run(SQLStatement(sql, parameters: parameters), columns: { _ in }, row: { rows.append($0) })
        return rows
    }

    /// The first column of every row, as integers.
    func integers(_ sql: String, _ parameters: [Value] = []) throws -> [Int64] {
        try rows(sql, parameters).map { $0[0].integer ?? -1 }
    }

    /// The single integer a query returns.
    func scalar(_ sql: String, _ parameters: [Value] = []) throws -> Int64 {
        try integers(sql, parameters).first ?? -1
    }

    /// Runs a statement through the shell's read-only path (refuses writes).
    func readOnlyCount(_ sql: String) throws -> Int {
        try store.runReadOnly(sql, columns: { _ in }, row: { _ in })
    }

    /// A checksum (FNV-1a) of every row of a table in id order.
    func checksum(_ table: String) throws -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        try store.run(SQLStatement("SELECT * FROM \"\(table)\" ORDER BY id"), columns: { _ in }, row: { row in
            for value in row {
                switch value {
                case .null: mix(0)
                case .integer(let number): withUnsafeBytes(of: number.littleEndian) { $0.forEach(mix) }
                case .real(let number): withUnsafeBytes(of: number.bitPattern.littleEndian) { $0.forEach(mix) }
                case .text(let text): text.utf8.forEach(mix); mix(0xFF)
                case .blob(let bytes): bytes.forEach(mix)
                }
            }
        })
        return hash
    }

    /// Ids of the rows labelled with an anomaly.
    func labelled(_ anomaly: Anomaly) throws -> Set<Int64> {
        Set(try integers("SELECT entity_id FROM labels WHERE anomaly = ?", [.text(anomaly.rawValue)]))
    }

    /// The id of the department with this name.
    func department(_ name: String) throws -> Int64 {
        try scalar("SELECT id FROM departments WHERE name = ?", [.text(name)])
    }
}
