#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Questions about a database file asked before SQLite touches it.
enum FileProbe {
    static func exists(_ path: String) -> Bool {
        guard path != ":memory:" else { return false }
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether the file carries a write permission bit and its folder can be written
    /// (SQLite needs the folder for its journal). Root ignores permissions, so the
    /// bits are read rather than asked with access(2).
    static func isWritable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) != 0
    }
}
