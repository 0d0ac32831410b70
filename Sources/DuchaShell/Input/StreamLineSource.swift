#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines read as they arrive from a descriptor that is not a terminal (a pipe, a file
/// redirected to stdin), so a long-running feed is executed line by line.
struct StreamLineSource: LineSource {
    let name: String
    var isInteractive: Bool { false }
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes from `start` up to here hold no newline: a long line is scanned once.
    private var scanned = 0
    private var finished = false
    private var lineNumber = 0

    init(name: String = "<stdin>", descriptor: Int32 = STDIN_FILENO) {
        self.name = name
        self.descriptor = descriptor
    }

    mutating func next(continuation: String?) -> LineEvent {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                scanned = newline + 1
                return take(upTo: newline, skip: 1)
            }
            scanned = buffer.count
            if finished {
                return start < buffer.count ? take(upTo: buffer.count, skip: 0) : .end
            }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR {
                    if InterruptSignal.isPending { return .interrupted }
                    continue
                }
                finished = true
            } else if count == 0 {
                finished = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }

    private mutating func take(upTo end: Int, skip: Int) -> LineEvent {
        lineNumber += 1
        if lineNumber == 1 && buffer[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var lineEnd = end
        if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let event = TextLineSource.decode(buffer[start..<max(start, lineEnd)], source: name, line: lineNumber)
        start = end + skip
        return event
    }
}
