/// Terminal column widths of Unicode text: Chinese, Japanese and Korean characters and emoji take two columns,
/// combining marks and format characters take none, everything else takes one.
public enum DisplayWidth {
    /// The number of columns `scalar` occupies; C0 and C1 control characters and DEL count 0 (renderers escape them first).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F {
            return value < 0x20 ? 0 : 1
        }
        if value < 0xA0 {
            return 0  // DEL and C1 controls.
        }
        if value < firstTabulatedCodePoint {
            return 1
        }
        if contains(value, in: EastAsianWidthTable.zeroWidth) {
            return 0
        }
        return contains(value, in: EastAsianWidthTable.wide) ? 2 : 1
    }

    /// The number of columns a grapheme cluster occupies: 2 when any scalar is wide or a base is followed by U+FE0F,
    /// otherwise the width of its first scalar that is not zero width (0 when there is none).
    public static func of(_ character: Character) -> Int {
        var firstVisibleWidth = 0
        for scalar in character.unicodeScalars {
            if scalar.value == emojiPresentationSelector {
                if firstVisibleWidth != 0 {
                    return 2
                }
                continue
            }
            let width = of(scalar)
            if width == 2 {
                return 2
            }
            if firstVisibleWidth == 0 {
                firstVisibleWidth = width
            }
        }
        return firstVisibleWidth
    }

    /// The number of columns `text` occupies, the sum over its grapheme clusters.
    @inlinable
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        width(of: substring(of: text))
    }

    /// The longest prefix of whole grapheme clusters of `text` that fits in `columns` columns.
    @inlinable
    public static func prefix<S: StringProtocol>(_ text: S, fittingIn columns: Int) -> Substring {
        prefix(of: substring(of: text), fittingIn: columns)
    }

    /// `text` as a Substring without copying when it is a String or a Substring, as every standard conformer is.
    @inlinable
    static func substring<S: StringProtocol>(of text: S) -> Substring {
        if let string = text as? String {
            return string[...]
        }
        if let substring = text as? Substring {
            return substring
        }
        return String(text)[...]
    }

    /// The non-generic body of `of(_:)` for text.
    @usableFromInline
    static func width(of text: Substring) -> Int {
        if let asciiWidth = printableASCIIWidth(of: text) {
            return asciiWidth
        }
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// The non-generic body of `prefix(_:fittingIn:)`.
    @usableFromInline
    static func prefix(of text: Substring, fittingIn columns: Int) -> Substring {
        guard columns >= 0 else {
            return text[text.startIndex..<text.startIndex]
        }
        if let asciiWidth = printableASCIIWidth(of: text) {
            guard columns < asciiWidth else {
                return text
            }
            return text[..<text.utf8.index(text.startIndex, offsetBy: columns)]
        }
        var total = 0
        var end = text.startIndex
        for character in text {
            total += of(character)
            if total > columns {
                break
            }
            end = text.utf8.index(end, offsetBy: character.utf8.count)
        }
        return text[..<end]
    }

    /// The UTF-8 byte count of `text` when every byte is printable ASCII (0x20...0x7E), otherwise nil.
    private static func printableASCIIWidth(of text: Substring) -> Int? {
        let utf8 = text.utf8
        let contiguousResult = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for byte in bytes where byte < 0x20 || byte >= 0x7F {
                return nil
            }
            return bytes.count
        }
        if let contiguousResult {
            return contiguousResult
        }
        var count = 0
        for byte in utf8 {
            if byte < 0x20 || byte >= 0x7F {
                return nil
            }
            count += 1
        }
        return count
    }

    /// Whether `value` lies in one of the sorted, non-overlapping `ranges` (binary search).
    private static func contains(_ value: UInt32, in ranges: [(lower: UInt32, upper: UInt32)]) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = low &+ (high &- low) / 2
            let range = ranges[middle]
            if value < range.lower {
                high = middle
            } else if value > range.upper {
                low = middle &+ 1
            } else {
                return true
            }
        }
        return false
    }

    /// Below this code point no scalar is wide or zero width (U+00AD SOFT HYPHEN counts 1), so the tables are skipped.
    static var firstTabulatedCodePoint: UInt32 { 0x300 }

    /// VARIATION SELECTOR-16, which asks for emoji presentation of the scalar before it.
    private static var emojiPresentationSelector: UInt32 { 0xFE0F }
}
