#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the folders ducha keeps its files in.
public enum Directories {
    /// Creates `path` and its parents (mode 0700); true when it exists afterwards.
    @discardableResult
    public static func create(_ path: String) -> Bool {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            mkdir(current, 0o700)
        }
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Creates the folder that will hold `file`.
    public static func create(parentOf file: String) {
        guard let slash = file.lastIndex(of: "/") else { return }
        create(String(file[..<slash]))
    }
}
