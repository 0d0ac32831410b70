import DuchaCore

/// What reading one line gave.
enum LineEvent: Equatable {
    /// A line, without its newline, with its number from 1.
    case line(String, number: Int)
    /// No more input.
    case end
    /// Ctrl-C while reading: the partial entry is dropped.
    case interrupted
    /// The line could not be read as text.
    case invalid(ShellError)
}

/// Where entries come from: the line editor, a script, a string or a pipe.
protocol LineSource {
    /// The name used in error positions (`FILE`, `-c`, `<stdin>`).
    var name: String { get }
    /// Whether a person is typing (prompts, carets, history).
    var isInteractive: Bool { get }
    /// Reads the next line; `continuation` is what keeps the entry open (nil for a new entry).
    mutating func next(continuation: String?) -> LineEvent
    /// Records a finished entry (history); sources without history ignore it.
    mutating func remember(_ entry: String)
}

extension LineSource {
    mutating func remember(_ entry: String) {}
}

/// Lines from bytes already in memory (`-c`, `-f`, `.read`, the startup file), each
/// checked to be UTF-8.
struct TextLineSource: LineSource {
    let name: String
    var isInteractive: Bool { false }
    private let bytes: [UInt8]
    private var offset = 0
    private var lineNumber = 0

    init(name: String, bytes: [UInt8]) {
        self.name = name
        // A UTF-8 byte-order mark at the start is not text.
        self.offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.bytes = bytes
    }

    init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    mutating func next(continuation: String?) -> LineEvent {
        guard offset < bytes.count else { return .end }
        lineNumber += 1
        var end = offset
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        var lineEnd = end
        if lineEnd > offset && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let slice = bytes[offset..<lineEnd]
        offset = end + 1
        return TextLineSource.decode(slice, source: name, line: lineNumber)
    }

    /// A line as text, or an error placed at the first byte that is not UTF-8.
    static func decode(_ slice: ArraySlice<UInt8>, source: String, line: Int) -> LineEvent {
        if let text = String(validating: slice, as: UTF8.self) { return .line(text, number: line) }
        var validPrefix = slice.startIndex
        var iterator = slice.makeIterator()
        var decoder = UTF8()
        var column = 1
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                column += 1
                validPrefix = slice.startIndex + consumed
            case .emptyInput, .error:
                break loop
            }
        }
        let bad = validPrefix < slice.endIndex ? slice[validPrefix] : 0
        let hex = String(bad, radix: 16, uppercase: true)
        return .invalid(ShellError(.invalidUTF8, "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); save the input as UTF-8",
                                   at: SourcePosition(source: source, line: line, column: column)))
    }
}
