#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import DuchaCore

/// The bytes of a file, read in the reader's buffer size.
public final class FileByteSource: ByteSource {
    /// The path as given.
    public let path: String
    private let descriptor: Int32
    /// How many bytes have been read so far.
    public private(set) var bytesRead = 0

    /// Opens `path` for reading.
    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ByteSourceError("unreadable", "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw ByteSourceError("unreadable", "cannot read \(path): it is a directory; name a file")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ByteSourceError("unreadable", "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            bytesRead += count
            return count
        }
    }

    /// Whether `path` is a regular file (not a pipe or a device), which an import reads
    /// twice: once for its content and once, on another thread, for its fingerprint.
    public static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The size of the file at `path` in bytes.
    public static func size(path: String) throws -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ByteSourceError("unreadable", "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        return Int(status.st_size)
    }

    /// The SHA-256 of the file at `path`, in hex, read on its own (through libcrypto
    /// where it is installed).
    public static func digest(path: String) throws -> String {
        let file = try FileByteSource(path: path)
        return try SystemSHA256.digest { try file.read(into: $0) }
    }

    /// The SHA-256 of the file at `path` by the portable implementation alone.
    public static func portableDigest(path: String) throws -> String {
        let file = try FileByteSource(path: path)
        var digest = SHA256()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        while case let count = try file.read(into: chunk), count > 0 { digest.update(UnsafeRawBufferPointer(rebasing: chunk[..<count])) }
        return digest.finalize()
    }
}

/// A file's SHA-256 computed on another thread while the caller reads the file for
/// its content: the fingerprint of an import costs no time on the import's path. Call
/// `wait()` for the digest, or `stop()` when it is not wanted (an import that failed):
/// either way the thread has ended when they return, so nothing runs on at exit.
public final class BackgroundDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, any Error> = .success("")
    private let lock = DispatchSemaphore(value: 1)
    private var stoppedFlag = false
    private var finished = false

    private var stopped: Bool {
        get { lock.wait(); defer { lock.signal() }; return stoppedFlag }
        set { lock.wait(); stoppedFlag = newValue; lock.signal() }
    }

    /// Starts hashing the file at `path`.
    public init(path: String) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result {
                let file = try FileByteSource(path: path)
                return try SystemSHA256.digest { buffer in
                    // A stop ends the reading at the next chunk.
                    if stopped { return 0 }
                    return try file.read(into: buffer)
                }
            }
            done.signal()
        }
    }

    /// The digest, waiting for it when it is not ready yet.
    public func wait() throws -> String {
        join()
        return try result.get()
    }

    /// Stops hashing and waits for the thread to end.
    public func stop() {
        stopped = true
        join()
    }

    private func join() {
        guard !finished else { return }
        done.wait()
        finished = true
    }
}
