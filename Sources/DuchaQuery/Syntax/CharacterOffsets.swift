/// Character offsets of a text's positions, computed once: diagnostics count in
/// characters, and asking `String.distance` for each token would make a long query
/// cost quadratic time.
struct CharacterOffsets {
    private let text: String
    private let table: [Int]

    init(_ text: String) {
        var table = [Int](repeating: 0, count: text.utf8.count + 1)
        var characters = 0
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let start = text.utf8.distance(from: text.startIndex, to: index)
            let end = text.utf8.distance(from: text.startIndex, to: next)
            for byte in start..<end { table[byte] = characters }
            characters += 1
            index = next
        }
        table[text.utf8.count] = characters
        self.text = text
        self.table = table
    }

    /// The character offset of `index` in the text.
    func offset(of index: String.Index) -> Int {
        table[text.utf8.distance(from: text.startIndex, to: index)]
    }
}
