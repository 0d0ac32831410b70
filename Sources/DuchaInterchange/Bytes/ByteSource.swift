/// Where a streaming reader gets its bytes: a file, a gzip stream, or memory in tests.
public protocol ByteSource {
    /// Fills `buffer` from its start with up to `buffer.count` bytes; returns how many,
    /// 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes held in memory.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// A source of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A source of the UTF-8 of `text`.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
