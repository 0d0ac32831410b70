@testable import DuchaCore
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test("Scalar widths", arguments: [
        (Unicode.Scalar(0x61)!, 1),        // a
        (Unicode.Scalar(0x7E)!, 1),        // ~
        (Unicode.Scalar(0x00)!, 0),        // NUL
        (Unicode.Scalar(0x1B)!, 0),        // ESC
        (Unicode.Scalar(0x7F)!, 0),        // DEL
        (Unicode.Scalar(0x85)!, 0),        // NEL (C1)
        (Unicode.Scalar(0x9F)!, 0),        // last C1 control
        (Unicode.Scalar(0xA0)!, 1),        // NO-BREAK SPACE
        (Unicode.Scalar(0xAD)!, 1),        // SOFT HYPHEN
        (Unicode.Scalar(0xE9)!, 1),        // é
        (Unicode.Scalar(0x301)!, 0),       // COMBINING ACUTE ACCENT
        (Unicode.Scalar(0x20DD)!, 0),      // COMBINING ENCLOSING CIRCLE (Me)
        (Unicode.Scalar(0x200B)!, 0),      // ZERO WIDTH SPACE
        (Unicode.Scalar(0x200D)!, 0),      // ZERO WIDTH JOINER
        (Unicode.Scalar(0xFEFF)!, 0),      // ZERO WIDTH NO-BREAK SPACE
        (Unicode.Scalar(0xFE0F)!, 0),      // VARIATION SELECTOR-16
        (Unicode.Scalar(0x1100)!, 2),      // HANGUL CHOSEONG KIYEOK
        (Unicode.Scalar(0x1160)!, 0),      // HANGUL JUNGSEONG FILLER
        (Unicode.Scalar(0x11FF)!, 0),      // last Hangul final consonant
        (Unicode.Scalar(0xAC00)!, 2),      // 가
        (Unicode.Scalar(0x2E80)!, 2),      // CJK RADICAL REPEAT
        (Unicode.Scalar(0x3000)!, 2),      // IDEOGRAPHIC SPACE (F)
        (Unicode.Scalar(0x302A)!, 0),      // wide but a combining mark: stays zero width
        (Unicode.Scalar(0x303F)!, 1),      // IDEOGRAPHIC HALF FILL SPACE (N)
        (Unicode.Scalar(0x4E2D)!, 2),      // 中
        (Unicode.Scalar(0x9FFF)!, 2),      // end of CJK Unified Ideographs
        (Unicode.Scalar(0xFF0C)!, 2),      // ，
        (Unicode.Scalar(0xFF61)!, 1),      // ｡ halfwidth
        (Unicode.Scalar(0xE000)!, 1),      // private use (A)
        (Unicode.Scalar(0x2764)!, 1),      // ❤ text presentation by default
        (Unicode.Scalar(0x1F44D)!, 2),     // 👍
        (Unicode.Scalar(0x1F3FD)!, 2),     // skin tone modifier
        (Unicode.Scalar(0x20000)!, 2),     // CJK Extension B
        (Unicode.Scalar(0x2FFFD)!, 2),     // unassigned plane 2: defaults to W
        (Unicode.Scalar(0x10FFFF)!, 1),
    ])
    func scalarWidth(scalar: Unicode.Scalar, expected: Int) {
        #expect(DisplayWidth.of(scalar) == expected)
    }

    @Test("Grapheme cluster widths", arguments: [
        ("a" as Character, 1),
        ("市", 2),
        ("：", 2),
        ("e\u{301}", 1),                   // e + combining acute
        ("\u{E9}", 1),                     // precomposed é
        ("a\u{302A}", 1),                  // narrow base, wide-table combining mark
        ("👍", 2),
        ("👍🏽", 2),                         // emoji + skin tone
        ("👨‍👩‍👧", 2),                         // ZWJ family
        ("\u{2764}", 1),                   // ❤ text presentation
        ("\u{2764}\u{FE0F}", 2),           // ❤️ emoji presentation
        ("1\u{FE0F}\u{20E3}", 2),          // keycap 1️⃣
        ("\u{1112}\u{1161}\u{11AB}", 2),   // 한 as conjoining jamo
        ("\u{200B}", 0),
        ("\u{FE0F}", 0),                   // a lone selector has no base
        ("\r\n", 0),
    ])
    func characterWidth(character: Character, expected: Int) {
        #expect(DisplayWidth.of(character) == expected)
    }

    @Test("Text widths", arguments: [
        ("", 0),
        ("hello, world", 12),
        ("市农业局", 8),
        ("，。：", 6),
        ("督查：市农业局", 14),
        ("督查 2016-05-12", 15),
        ("café", 4),
        ("cafe\u{301}", 4),
        ("한국어", 6),
        ("\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}", 4),   // 한국 as conjoining jamo
        ("ｱｲｳ", 3),                                                   // halfwidth katakana
        ("ＡＢＣ", 6),                                                 // fullwidth Latin
        ("👍 ok", 5),
        ("👨‍👩‍👧 family", 9),
        ("a\tb", 2),
        ("\u{1B}[31m", 4),
        ("zero\u{200B}width", 9),
    ])
    func textWidth(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
        #expect(text.displayWidth == expected)
    }

    @Test func substringWidth() {
        let text = "x市农业局y"
        let inner = text.dropFirst().dropLast()
        #expect(DisplayWidth.of(inner) == 8)
        #expect(inner.displayWidth == 8)
        #expect("abcdef".dropFirst(2).displayWidth == 4)
    }

    @Test("Prefix fitting in columns", arguments: [
        ("市农业局", 5, "市农"),
        ("市农业局", 4, "市农"),
        ("市农业局", 1, ""),
        ("市农业局", 0, ""),
        ("市农业局", -1, ""),
        ("市农业局", 8, "市农业局"),
        ("市农业局", 20, "市农业局"),
        ("abcdef", 3, "abc"),
        ("abcdef", 0, ""),
        ("abc", 10, "abc"),
        ("a市b", 2, "a"),
        ("a市b", 3, "a市"),
        ("e\u{301}e\u{301}", 1, "e\u{301}"),
        ("ab\u{200B}c", 2, "ab\u{200B}"),
        ("👨‍👩‍👧x", 1, ""),
        ("👨‍👩‍👧x", 2, "👨‍👩‍👧"),
        ("，。：", 5, "，。"),
    ])
    func prefixFitting(text: String, columns: Int, expected: String) {
        let prefix = DisplayWidth.prefix(text, fittingIn: columns)
        #expect(String(prefix) == expected)
        #expect(prefix.displayWidth <= max(columns, 0))
    }

    @Test("Padding", arguments: [
        ("市农", 6, TextAlignment.left, "市农  "),
        ("市农", 6, .right, "  市农"),
        ("市农", 6, .center, " 市农 "),
        ("市农", 7, .center, " 市农  "),
        ("abc", 5, .center, " abc "),
        ("abc", 2, .left, "abc"),
        ("市农业局", 4, .right, "市农业局"),
        ("", 3, .right, "   "),
        ("e\u{301}", 3, .right, "  e\u{301}"),
        ("👍", 4, .left, "👍  "),
    ])
    func padding(text: String, width: Int, alignment: TextAlignment, expected: String) {
        let padded = text.padded(toWidth: width, alignment: alignment)
        #expect(padded == expected)
        #expect(padded.displayWidth == max(width, text.displayWidth))
    }

    @Test("Truncation", arguments: [
        ("市农业局", 8, "市农业局"),
        ("市农业局", 7, "市农业…"),
        ("市农业局", 6, "市农… "),
        ("市农业局", 2, "… "),
        ("市农业局", 1, "…"),
        ("市农业局", 0, ""),
        ("abcdef", 6, "abcdef"),
        ("abcdef", 4, "abc…"),
        ("abcdef", 1, "…"),
        ("a市农", 3, "a… "),
        ("a市农", 4, "a市…"),
        ("督查：市农业局", 10, "督查：市… "),
        ("👍👍👍", 5, "👍👍…"),
        ("", 0, ""),
    ])
    func truncation(text: String, width: Int, expected: String) {
        let truncated = text.truncated(toWidth: width)
        #expect(truncated == expected)
        #expect(truncated.displayWidth == min(max(width, 0), text.displayWidth))
    }

    @Test("Control character escaping", arguments: [
        ("plain text", "plain text"),
        ("市农业局", "市农业局"),
        ("a\nb", "a\\nb"),
        ("a\tb", "a\\tb"),
        ("\r\n", "\\r\\n"),
        ("\u{1B}[31mred", "\\u{1b}[31mred"),
        ("\u{0}", "\\u{00}"),
        ("\u{7}", "\\u{07}"),
        ("\u{7F}", "\\u{7f}"),
        ("\u{85}", "\\u{85}"),
        ("\u{9F}", "\\u{9f}"),
        ("\u{A0}", "\u{A0}"),
        ("back\\slash", "back\\slash"),
        ("e\u{301}\u{200B}", "e\u{301}\u{200B}"),
    ])
    func escaping(text: String, expected: String) {
        #expect(text.escapingControlCharacters == expected)
    }

    @Test("Generated tables are sorted, disjoint, and start at or after the fast path", arguments: [
        EastAsianWidthTable.wide, EastAsianWidthTable.zeroWidth,
    ])
    func tableInvariants(ranges: [(lower: UInt32, upper: UInt32)]) {
        #expect(!ranges.isEmpty)
        #expect(ranges.allSatisfy { $0.lower <= $0.upper })
        #expect(ranges.first.map { $0.lower >= DisplayWidth.firstTabulatedCodePoint } == true)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upper + 1 < $1.lower })
    }

    @Test func tablesDoNotOverlap() {
        let wide = EastAsianWidthTable.wide
        let zeroWidth = EastAsianWidthTable.zeroWidth
        let overlapping = wide.filter { wideRange in
            zeroWidth.contains { $0.lower <= wideRange.upper && wideRange.lower <= $0.upper }
        }
        #expect(overlapping.isEmpty)
        #expect(EastAsianWidthTable.unicodeVersion == "15.0.0")
    }
}
