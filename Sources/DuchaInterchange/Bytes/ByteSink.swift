#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer puts its bytes: a file, or memory in tests.
public protocol ByteSink {
    /// Writes all of `bytes`.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Bytes kept in memory.
public struct MemoryByteSink: ByteSink {
    /// What was written.
    public private(set) var bytes: [UInt8] = []

    /// An empty sink.
    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    /// What was written, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A new file written whole or not at all: bytes go to a temporary file beside it, which
/// `commit()` renames into place; dropped without a commit, the temporary file is removed.
public final class FileByteSink: ByteSink {
    /// The path as given.
    public let path: String
    private let temporary: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var committed = false

    /// Starts writing `path`.
    public init(path: String) throws {
        self.path = path
        temporary = path + ".partial-\(getpid())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ByteSourceError("unwritable", "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !committed {
            close(descriptor)
            unlink(temporary)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered, then renames the file into place.
    public func commit() throws {
        try flush()
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            throw ByteSourceError("unwritable", "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        committed = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ByteSourceError("unwritable", "cannot write \(path): \(reason)")
        }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ByteSourceError("unwritable", "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
