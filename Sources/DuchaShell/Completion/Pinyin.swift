/// Toneless pinyin readings of Han characters (市 → shi, 长 → zhang, chang), from the table
/// that scripts/gen-pinyin-table makes of the Unihan database. Decoded once, on first use
/// (about 27,000 characters, a fraction of a millisecond); nothing is loaded at start-up.
enum Pinyin {
    /// The readings of `scalar`, the customary one first; empty for a character without a
    /// reading or outside U+3400..U+9FFF.
    static func readings(of scalar: Unicode.Scalar) -> [String] {
        let (first, more) = readingNumbers(of: scalar)
        guard first > 0 else { return [] }
        return ([first] + (more ?? [])).map(syllable)
    }

    /// The numbers of `scalar`'s readings (0 for none), for `syllable(_:)`; `more` is nil for
    /// the many characters with a single reading, so spelling a name allocates nothing.
    static func readingNumbers(of scalar: Unicode.Scalar) -> (first: UInt16, more: [UInt16]?) {
        guard scalar.value >= PinyinTable.first, scalar.value <= PinyinTable.last else { return (0, nil) }
        let offset = Int(scalar.value - PinyinTable.first)
        let first = decoded.first[offset]
        return (first, first > 0 && decoded.hasMore[offset] ? decoded.more[offset] : nil)
    }

    /// The syllable a reading number stands for.
    static func syllable(_ number: UInt16) -> String { PinyinTable.syllables[Int(number) - 1] }

    private struct Decoded {
        /// The first reading's number per code point from `PinyinTable.first`, 0 for none.
        var first: [UInt16] = []
        /// Whether the code point has further readings (most do not: no lookup for them).
        var hasMore: [Bool] = []
        /// The numbers of the further readings, by code point offset.
        var more: [Int: [UInt16]] = [:]
    }

    private static let decoded: Decoded = {
        var digit = [UInt16](repeating: 0, count: 128)
        PinyinTable.alphabet.withUTF8Buffer { letters in
            for (value, letter) in letters.enumerated() { digit[Int(letter)] = UInt16(value) }
        }
        func number(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
            var value = 0
            for index in start..<start + count { value = value * 64 + Int(digit[Int(text[index])]) }
            return value
        }
        var table = Decoded()
        PinyinTable.firstReadings.withUTF8Buffer { text in
            table.first.reserveCapacity(text.count / 2)
            for start in stride(from: 0, to: text.count - 1, by: 2) { table.first.append(UInt16(number(text, start, 2))) }
        }
        table.hasMore = [Bool](repeating: false, count: table.first.count)
        PinyinTable.moreReadings.withUTF8Buffer { text in
            var start = 0
            while start + 4 <= text.count {
                let offset = number(text, start, 3), count = number(text, start + 3, 1)
                table.more[offset] = (0..<count).map { UInt16(number(text, start + 4 + 2 * $0, 2)) }
                table.hasMore[offset] = true
                start += 4 + 2 * count
            }
        }
        return table
    }()
}
