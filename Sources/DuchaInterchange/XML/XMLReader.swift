/// A streaming reader of the XML that event logs use: elements and their attributes,
/// in document order, one at a time, with memory bounded by the longest name or value
/// whatever the file's size. Text between elements, comments, processing instructions
/// and CDATA are skipped (XES keeps its data in attributes). A document type
/// declaration is refused outright: its entities are how "billion laughs" bombs and
/// external-entity reads work, and an event log needs none. Only the five predefined
/// entities and character references are expanded.
public struct XMLReader {
    /// Bounds that keep a hostile file from taking unbounded memory or time.
    public struct Limits: Sendable {
        /// The longest attribute value, in bytes.
        public var valueBytes = 1 << 20
        /// The longest element or attribute name, in bytes.
        public var nameBytes = 1024
        /// The deepest nesting of elements.
        public var depth = 256
        /// The most attributes on one element.
        public var attributes = 4096

        /// The default limits.
        public init() {}
    }

    /// One step through the document.
    public enum Event: Equatable, Sendable {
        /// `<name a="1" ...>` (also `<name .../>`, which is followed by its `.end`).
        case start(Element)
        /// `</name>`.
        case end(name: String)
    }

    /// An element's start tag.
    public struct Element: Equatable, Sendable {
        /// The element's name as written (`trace`, `xes:trace`).
        public let name: String
        /// Its attributes, in the order written, entities expanded.
        public let attributes: [Attribute]
        /// Where the tag starts.
        public let line: Int
        /// Where the tag starts, in characters from 1.
        public let column: Int

        /// The value of the attribute called `name`, if present.
        public func value(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// One attribute of a start tag.
    public struct Attribute: Equatable, Sendable {
        /// Its name.
        public let name: String
        /// Its value, entities expanded.
        public let value: String
    }

    /// The read buffer, allocated once.
    private final class Storage {
        let bytes: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
        }

        deinit { bytes.deallocate() }
    }

    private var source: any ByteSource
    private let limits: Limits
    private let storage: Storage
    private var index = 0
    private var count = 0
    private var atEnd = false
    private struct OpenElement {
        let name: String
        let line: Int
        let column: Int
    }

    private var open: [OpenElement] = []
    private var pendingEnd: String?
    private var scratch: [UInt8] = []
    /// The line of the next byte, from 1.
    public private(set) var line = 1
    /// The column of the next byte, in characters from 1.
    public private(set) var column = 1

    /// A reader of `source`.
    public init(_ source: some ByteSource, limits: Limits = Limits(), bufferSize: Int = 1 << 16) {
        self.source = source
        self.limits = limits
        self.storage = Storage(capacity: max(16, bufferSize))
    }

    /// How deeply nested the reader is now.
    public var depth: Int { open.count }

    /// The next element start or end, or nil at the end of a complete document.
    public mutating func next() throws -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while true {
            guard let byte = try peek() else {
                if let innermost = open.last {
                    throw XMLError("truncated", "the file ends inside <\(innermost.name)> opened at line \(innermost.line), column \(innermost.column); the file is cut short",
                                   line: line, column: column)
                }
                return nil
            }
            if byte != UInt8(ascii: "<") {
                try skipText()
                continue
            }
            let (startLine, startColumn) = (line, column)
            try advance()
            guard let kind = try peek() else { throw error("truncated", "the file ends inside a tag") }
            switch kind {
            case UInt8(ascii: "?"):
                try skip(through: Array("?>".utf8), what: "processing instruction")
            case UInt8(ascii: "!"):
                try advance()
                try skipDeclaration(line: startLine, column: startColumn)
            case UInt8(ascii: "/"):
                try advance()
                let name = try readName()
                try skipBlanks()
                try expect(UInt8(ascii: ">"), "expected > to close </\(name)>")
                guard let innermost = open.popLast() else {
                    throw XMLError("mismatched-tag", "</\(name)> closes nothing; no element is open", line: startLine, column: startColumn)
                }
                guard innermost.name == name else {
                    throw XMLError("mismatched-tag", "</\(name)> does not close <\(innermost.name)> opened at line \(innermost.line), column \(innermost.column); expected </\(innermost.name)>",
                                   line: startLine, column: startColumn)
                }
                return .end(name: name)
            default:
                return .start(try readStartTag(line: startLine, column: startColumn))
            }
        }
    }

    // MARK: Tags

    private mutating func readStartTag(line startLine: Int, column startColumn: Int) throws -> Element {
        let name = try readName()
        var attributes: [Attribute] = []
        while true {
            let blanks = try skipBlanks()
            guard let byte = try peek() else { throw error("truncated", "the file ends inside <\(name)>") }
            if byte == UInt8(ascii: ">") {
                try advance()
                break
            }
            if byte == UInt8(ascii: "/") {
                try advance()
                try expect(UInt8(ascii: ">"), "expected > after / in <\(name) .../>")
                pendingEnd = name
                break
            }
            guard blanks else { throw error("malformed", "expected a blank, > or /> in <\(name)>") }
            let (attributeLine, attributeColumn) = (line, column)
            let attribute = try readName()
            try skipBlanks()
            try expect(UInt8(ascii: "="), "expected = after the attribute \(attribute) of <\(name)>")
            try skipBlanks()
            let value = try readValue(of: attribute)
            if attributes.contains(where: { $0.name == attribute }) {
                throw XMLError("malformed", "<\(name)> has the attribute \(attribute) twice", line: attributeLine, column: attributeColumn)
            }
            guard attributes.count < limits.attributes else {
                throw XMLError("too-long", "<\(name)> has more than \(limits.attributes) attributes", line: attributeLine, column: attributeColumn)
            }
            // Most elements of an event log have two (key and value): one allocation.
            if attributes.isEmpty { attributes.reserveCapacity(4) }
            attributes.append(Attribute(name: attribute, value: value))
        }
        guard open.count < limits.depth else {
            throw XMLError("too-long", "elements are nested more than \(limits.depth) deep", line: startLine, column: startColumn)
        }
        if pendingEnd == nil { open.append(OpenElement(name: name, line: startLine, column: startColumn)) }
        return Element(name: name, attributes: attributes, line: startLine, column: startColumn)
    }

    private mutating func readName() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        while true {
            if index == count, try refill() == nil { break }
            let bytes = storage.bytes
            var end = index
            while end < count, XMLReader.isNameByte(bytes[end]) { end += 1 }
            guard scratch.count + (end - index) <= limits.nameBytes else { throw error("too-long", "a name longer than \(limits.nameBytes) bytes") }
            if scratch.isEmpty && end < count {
                // The usual case: the whole name is in the buffer.
                let name = UnsafeBufferPointer(start: bytes + index, count: end - index)
                try checkNameStart(name.first)
                column += XMLReader.characters(in: name)
                index = end
                return try text(name)
            }
            scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + index, count: end - index))
            column += XMLReader.characters(in: UnsafeBufferPointer(start: bytes + index, count: end - index))
            index = end
            if end < count { break }
        }
        try checkNameStart(scratch.first)
        return try scratch.withUnsafeBufferPointer { try text($0) }
    }

    private func checkNameStart(_ first: UInt8?) throws {
        guard let first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) && first != UInt8(ascii: "-") && first != UInt8(ascii: ".") else {
            throw error("malformed", "expected a name")
        }
    }

    private mutating func readValue(of attribute: String) throws -> String {
        guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw error("malformed", "expected the value of \(attribute) in quotes")
        }
        try advance()
        let (valueLine, valueColumn) = (line, column)
        scratch.removeAll(keepingCapacity: true)
        while true {
            if index == count, try refill() == nil {
                throw error("truncated", "the file ends inside the value of \(attribute)")
            }
            // A run of plain bytes, taken at once.
            let bytes = storage.bytes
            var end = index
            while end < count {
                let byte = bytes[end]
                if byte == quote || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == 0x0A { break }
                end += 1
            }
            let run = UnsafeBufferPointer(start: bytes + index, count: end - index)
            guard scratch.count + run.count <= limits.valueBytes else {
                throw error("too-long", "the value of \(attribute) is longer than \(limits.valueBytes) bytes")
            }
            column += XMLReader.characters(in: run)
            index = end
            if end < count && bytes[end] == quote && scratch.isEmpty {
                index += 1
                column += 1
                return try value(run, of: attribute, line: valueLine, column: valueColumn)
            }
            scratch.append(contentsOf: run)
            guard index < count else { continue }
            let (byteLine, byteColumn) = (line, column)
            let byte = bytes[index]
            try advance()
            if byte == quote { break }
            if byte == UInt8(ascii: "<") {
                throw XMLError("malformed", "< inside the value of \(attribute); write &lt;", line: byteLine, column: byteColumn)
            }
            if byte == UInt8(ascii: "&") {
                do {
                    scratch.append(contentsOf: try readReference())
                } catch let failure as XMLError {
                    throw XMLError(failure.code, failure.message, line: byteLine, column: byteColumn)
                }
            } else {
                scratch.append(byte)
            }
            guard scratch.count <= limits.valueBytes else {
                throw error("too-long", "the value of \(attribute) is longer than \(limits.valueBytes) bytes")
            }
        }
        return try scratch.withUnsafeBufferPointer { try value($0, of: attribute, line: valueLine, column: valueColumn) }
    }

    private func value(_ bytes: UnsafeBufferPointer<UInt8>, of attribute: String, line: Int, column: Int) throws -> String {
        if XMLReader.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        guard let value = String(validating: bytes, as: UTF8.self) else {
            throw XMLError("encoding", "the value of \(attribute) is not valid UTF-8; event logs are read as UTF-8", line: line, column: column)
        }
        return value
    }

    /// After `&`: a predefined entity or a character reference, as UTF-8.
    private mutating func readReference() throws -> [UInt8] {
        var name: [UInt8] = []
        while let byte = try peek(), byte != UInt8(ascii: ";") {
            guard name.count < 16, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "'"), byte != UInt8(ascii: "<") else {
                throw error("entity", "& starts a reference that does not end with ;; write &amp; for a plain &")
            }
            name.append(byte)
            try advance()
        }
        try expect(UInt8(ascii: ";"), "expected ; to end the reference")
        let written = String(decoding: name, as: UTF8.self)
        switch written {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            var scalar: UInt32?
            if written.hasPrefix("#x") || written.hasPrefix("#X") {
                scalar = UInt32(written.dropFirst(2), radix: 16)
            } else if written.hasPrefix("#") {
                scalar = UInt32(written.dropFirst(), radix: 10)
            }
            guard let scalar, let unicode = Unicode.Scalar(scalar), scalar != 0 else {
                throw error("entity", "&\(written); is not a predefined entity or a character reference; only &lt; &gt; &amp; &quot; &apos; and &#...; are read")
            }
            return Array(String(Character(unicode)).utf8)
        }
    }

    // MARK: Skipping

    private mutating func skipText() throws {
        while true {
            if index == count, try refill() == nil { return }
            let bytes = storage.bytes
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") { return }
                index += 1
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
        }
    }

    /// After `<!`: a comment, CDATA, or a refused document type declaration.
    private mutating func skipDeclaration(line startLine: Int, column startColumn: Int) throws {
        if try peek() == UInt8(ascii: "-") {
            try advance()
            try expect(UInt8(ascii: "-"), "expected <!-- to start a comment")
            try skip(through: Array("-->".utf8), what: "comment")
            return
        }
        scratch.removeAll(keepingCapacity: true)
        while let byte = try peek(), scratch.count < 8, byte != UInt8(ascii: " "), byte != UInt8(ascii: ">") {
            scratch.append(byte)
            try advance()
            if scratch == Array("[CDATA[".utf8) {
                try skip(through: Array("]]>".utf8), what: "CDATA section")
                return
            }
        }
        if String(decoding: scratch, as: UTF8.self).uppercased() == "DOCTYPE" {
            throw XMLError("doctype", "a document type declaration (<!DOCTYPE ...>) is not accepted: its entities could expand without bound or read other files, and an event log needs none",
                           line: startLine, column: startColumn)
        }
        throw XMLError("malformed", "<!\(String(decoding: scratch, as: UTF8.self)) is not a comment or CDATA section", line: startLine, column: startColumn)
    }

    private mutating func skip(through terminator: [UInt8], what: String) throws {
        // The last bytes read, compared with the terminator after each one (so `]]]>`
        // ends a CDATA section: no partial match is lost).
        var window = [UInt8](repeating: 0, count: terminator.count)
        var seen = 0
        let (startLine, startColumn) = (line, column)
        while true {
            guard let byte = try peek() else {
                throw XMLError("truncated", "the \(what) starting at line \(startLine), column \(startColumn) never ends", line: line, column: column)
            }
            try advance()
            window.removeFirst()
            window.append(byte)
            seen += 1
            if seen >= terminator.count && window == terminator { return }
        }
    }

    @discardableResult
    private mutating func skipBlanks() throws -> Bool {
        var skipped = false
        while true {
            if index == count, try refill() == nil { return skipped }
            let bytes = storage.bytes
            while index < count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return skipped }
                index += 1
                skipped = true
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        if index < count { return storage.bytes[index] }
        return try refill()
    }

    /// Reads the next buffer when the current one is used up; the byte there, or nil at the end.
    private mutating func refill() throws -> UInt8? {
        guard index == count else { return storage.bytes[index] }
        guard !atEnd else { return nil }
        do {
            count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage.bytes, count: storage.capacity))
        } catch let failure as ByteSourceError {
            throw XMLError(failure.code, failure.message + " (reading stopped at this place)", line: line, column: column)
        }
        index = 0
        if count == 0 {
            atEnd = true
            return nil
        }
        return storage.bytes[0]
    }

    @inline(__always)
    private mutating func advance() throws {
        guard let byte = try peek() else { return }
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ message: @autoclosure () -> String) throws {
        guard try peek() == byte else { throw error("malformed", message()) }
        try advance()
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        if XMLReader.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error("encoding", "the text is not valid UTF-8; event logs are read as UTF-8")
        }
        return text
    }

    /// Characters (not continuation bytes) in `bytes`, for columns.
    @inline(__always)
    private static func characters(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var characters = 0
        for byte in bytes where byte & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    private func error(_ code: String, _ message: String) -> XMLError {
        XMLError(code, message, line: line, column: column)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}
