#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore

/// The bytes of a file, read in the reader's buffer size, hashed (SHA-256) as they pass,
/// so an import can record which file it read without reading it twice.
public final class FileByteSource: ByteSource {
    /// The path as given.
    public let path: String
    private let descriptor: Int32
    private var digest = SHA256()
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
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            bytesRead += count
            return count
        }
    }

    /// Reads what is left (so the hash covers the whole file) and returns the SHA-256 in hex.
    public func finishDigest() throws -> String {
        var rest = [UInt8](repeating: 0, count: 1 << 16)
        while try rest.withUnsafeMutableBytes({ try read(into: $0) }) > 0 {}
        var copy = digest
        return copy.finalize()
    }
}
