import CZlib

/// The inflated bytes of a gzip stream (also several members one after another, as
/// `cat a.gz b.gz` makes), read through zlib a buffer at a time: memory stays at
/// zlib's window plus two buffers whatever the size. A stream cut short or damaged is
/// an error, never a silently shorter file.
public final class GzipByteSource<Compressed: ByteSource>: ByteSource {
    private var compressed: Compressed
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8]
    private var inputCount = 0
    private var inputOffset = 0
    private var compressedEnded = false
    private var memberEnded = false
    private var finished = false
    private var initialized = false

    /// A reader of the gzip stream in `compressed`.
    public init(_ compressed: Compressed, bufferSize: Int = 1 << 16) throws {
        self.compressed = compressed
        self.input = [UInt8](repeating: 0, count: max(64, bufferSize))
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 window bits, +16: gzip framing only.
        guard ducha_inflate_init(stream, 15 + 16) == Z_OK else {
            stream.deallocate()
            throw ByteSourceError("gzip", "zlib could not start inflating")
        }
        initialized = true
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deallocate()
    }

    /// The underlying compressed source.
    public var source: Compressed { compressed }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        while true {
            if inputOffset == inputCount && !compressedEnded {
                inputCount = try input.withUnsafeMutableBytes { try compressed.read(into: $0) }
                inputOffset = 0
                if inputCount == 0 { compressedEnded = true }
            }
            if memberEnded {
                // Another member follows, or the stream is done.
                guard inputOffset < inputCount else {
                    finished = true
                    return 0
                }
                inflateReset(stream)
                memberEnded = false
            }
            if inputOffset == inputCount && compressedEnded {
                throw ByteSourceError("truncated", "the gzip stream is cut short: it ends before its last block; the file is incomplete")
            }
            let (produced, status) = input.withUnsafeMutableBytes { source -> (Int, Int32) in
                stream.pointee.next_in = source.baseAddress!.assumingMemoryBound(to: Bytef.self) + inputOffset
                stream.pointee.avail_in = uInt(inputCount - inputOffset)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                let status = inflate(stream, Z_NO_FLUSH)
                inputOffset = inputCount - Int(stream.pointee.avail_in)
                return (buffer.count - Int(stream.pointee.avail_out), status)
            }
            switch status {
            case Z_STREAM_END:
                memberEnded = true
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "code \(status)"
                throw ByteSourceError("gzip", "the gzip stream is damaged (\(detail)); the file is not valid gzip")
            }
        }
    }
}

/// A file read as it is or, when it starts with the gzip signature, inflated; the
/// choice is made on the bytes, not the name.
public enum InputFile: ByteSource {
    case plain(PrefixedByteSource<FileByteSource>)
    case gzip(GzipByteSource<PrefixedByteSource<FileByteSource>>)

    /// Opens `path`, looking at its first two bytes.
    public init(path: String) throws {
        let file = try FileByteSource(path: path)
        var head = [UInt8](repeating: 0, count: 2)
        var headCount = 0
        while headCount < 2 {
            let count = try head.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[headCount...])) }
            if count == 0 { break }
            headCount += count
        }
        let prefixed = PrefixedByteSource(prefix: Array(head[..<headCount]), rest: file)
        if headCount == 2 && head[0] == 0x1F && head[1] == 0x8B {
            self = .gzip(try GzipByteSource(prefixed))
        } else {
            self = .plain(prefixed)
        }
    }

    /// Whether the file is gzip.
    public var isCompressed: Bool {
        if case .gzip = self { return true }
        return false
    }

    /// The file underneath, for its size and digest.
    public var file: FileByteSource {
        switch self {
        case .plain(let prefixed): return prefixed.rest
        case .gzip(let gzip): return gzip.source.rest
        }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        switch self {
        case .plain(let prefixed): return try prefixed.read(into: buffer)
        case .gzip(let gzip): return try gzip.read(into: buffer)
        }
    }
}

/// A few bytes already taken from a source, given back before the rest of it.
public final class PrefixedByteSource<Rest: ByteSource>: ByteSource {
    private var prefix: [UInt8]
    /// The source after the prefix.
    public private(set) var rest: Rest

    /// `prefix`, then `rest`.
    public init(prefix: [UInt8], rest: Rest) {
        self.prefix = prefix
        self.rest = rest
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !prefix.isEmpty else { return try rest.read(into: buffer) }
        let count = min(prefix.count, buffer.count)
        for index in 0 ..< count { buffer[index] = prefix[index] }
        prefix.removeFirst(count)
        return count
    }
}
