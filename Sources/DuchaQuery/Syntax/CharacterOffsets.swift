/// Character offsets of a text's positions, computed once: diagnostics count in
/// characters, and asking `String.distance` for each token would make a long query
/// cost quadratic time.
struct CharacterOffsets {
    private let text: String
    /// The character offset of each UTF-8 position; nil when every character is one byte
    /// (the offset is then the position itself).
    private let table: [Int]?

    init(_ text: String) {
        self.init(text, readingASCIIBytes: true)
    }

    /// `init(_:)`, with or without stepping over lone ASCII bytes without building a
    /// `Character`: without, every character is read as a `Character`, the plain
    /// definition the byte path must agree with (a test compares the two).
    init(_ text: String, readingASCIIBytes bytes: Bool) {
        self.text = text
        let utf8 = text.utf8
        if bytes && !utf8.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            table = nil
            return
        }
        var table = [Int](repeating: 0, count: utf8.count + 1)
        var characters = 0
        var index = text.startIndex
        var start = 0
        while index < text.endIndex {
            let next = bytes && CharacterOffsets.isLoneASCII(utf8, index) ? utf8.index(after: index) : text.index(after: index)
            let end = start + utf8.distance(from: index, to: next)
            for byte in start..<end { table[byte] = characters }
            characters += 1
            index = next
            start = end
        }
        table[utf8.count] = characters
        self.table = table
    }

    /// Whether the byte at `index` is a whole character: ASCII, and followed by the end
    /// or by another ASCII byte that does not join it (only CR LF joins two ASCII bytes;
    /// a byte of 0x80 or more may be a combining mark).
    private static func isLoneASCII(_ utf8: String.UTF8View, _ index: String.Index) -> Bool {
        let byte = utf8[index]
        guard byte < 0x80 else { return false }
        let next = utf8.index(after: index)
        guard next < utf8.endIndex else { return true }
        let following = utf8[next]
        return following < 0x80 && !(byte == 0x0D && following == 0x0A)
    }

    /// The number of characters in the text.
    var characterCount: Int { table?.last ?? text.utf8.count }

    /// The character offset of `index` in the text.
    func offset(of index: String.Index) -> Int {
        let position = text.utf8.distance(from: text.startIndex, to: index)
        return table?[position] ?? position
    }
}
