#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole script files for `-f`, `.read` and the startup file.
public struct FileAccess: Sendable {
    /// Makes the file reader.
    public init() {}

    /// The bytes of the file, or a shell error naming the file and the reason.
    public func read(_ path: String, kind: String = "script", maximum: Int? = nil) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ShellError(.missingFile, "cannot read \(path): \(reason); give the path of an existing \(kind)")
        }
        defer { close(descriptor) }
        var info = stat()
        // Regular files and pipes (`-f /dev/stdin`); not devices such as /dev/zero that never end.
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFIFO {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw ShellError(.missingFile, "cannot read \(path): it is \(what); give the path of a \(kind) file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR {
                    if InterruptSignal.isPending { throw ShellError(.interrupted, "interrupted") }
                    continue
                }
                throw ShellError(.missingFile, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if let maximum, bytes.count > maximum {
                throw ShellError(.badInput, "\(path) is larger than \(maximum.grouped) bytes; a \(kind) is far smaller, so this is not one")
            }
        }
        return bytes
    }

    /// The paths that complete `typed`: the entries of its folder whose names start with
    /// what follows the last `/`, folders with a trailing `/`; hidden entries only when
    /// the typed name starts with a dot.
    public func completions(of typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        guard let folder = opendir(folderPart.isEmpty ? "." : folderPart) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name.hasPrefix(namePart), !name.hasPrefix(".") || namePart.hasPrefix(".") else { continue }
            var info = stat()
            let isFolder = stat(folderPart + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            names.append(folderPart + name + (isFolder ? "/" : ""))
        }
        return names.sorted()
    }

    /// Whether a file exists at `path`.
    public func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
