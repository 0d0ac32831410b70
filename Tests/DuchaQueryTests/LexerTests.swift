import Testing
@testable import DuchaQuery

/// The kinds and texts of the tokens of `text`, without the end token.
func lexed(_ text: String) -> [String] {
    Lexer.tokens(text).dropLast().map { "\($0.kind.rawValue):\($0.text)" }
}

@Suite struct LexerTests {
    @Test(arguments: [
        ("departments | where region = \"万源市\" | sort name",
         ["identifier:departments", "|:|", "identifier:where", "identifier:region", "=:=", "string:\"万源市\"", "|:|", "identifier:sort", "identifier:name"]),
        ("cases | where opened in 2016-01..2016-04", ["identifier:cases", "|:|", "identifier:where", "identifier:opened", "identifier:in", "month:2016-01", "..:..", "month:2016-04"]),
        ("raised < today - 7d", ["identifier:raised", "<:<", "identifier:today", "-:-", "duration:7d"]),
        ("due >= 2016-06-15 and n != 3.5", ["identifier:due", ">=:>=", "date:2016-06-15", "identifier:and", "identifier:n", "!=:!=", "number:3.5"]),
        ("count(cases) as n", ["identifier:count", "(:(", "identifier:cases", "):)", "identifier:as", "identifier:n"]),
        ("案件 ｜ where 部门 = “市农业局”", ["identifier:案件", "|:｜", "identifier:where", "identifier:部门", "=:=", "string:“市农业局”"]),
        ("dept.region.name ~ 'x'", ["identifier:dept", ".:.", "identifier:region", ".:.", "identifier:name", "~:~", "string:'x'"]),
        ("12h 30m 3mo 2w 1y", ["duration:12h", "duration:30m", "duration:3mo", "duration:2w", "duration:1y"]),
        ("3x 2016-13x a <> b", ["malformedNumber:3x", "malformedNumber:2016-13x", "identifier:a", "!=:<>", "identifier:b"]),
        ("a @ b", ["identifier:a", "unknown:@", "identifier:b"]),
        ("cases -- 全部案件\n| count", ["identifier:cases", "|:|", "identifier:count"]),
        ("where name = \"x\\\" or 1=1 --\"", ["identifier:where", "identifier:name", "=:=", "string:\"x\\\" or 1=1 --\""]),
        ("name = \"未完", ["identifier:name", "=:=", "unterminatedString:\"未完"]),
        // Characters, not bytes: a combining mark joins the letter or dot before it, CR LF
        // is one blank, and an identifier goes on from Latin into Chinese letters.
        ("e\u{301}vents | count", ["identifier:e\u{301}vents", "|:|", "identifier:count"]),
        ("a.\u{301}.b", ["identifier:a", "unknown:.\u{301}", ".:.", "identifier:b"]),
        ("x\r\n|\r\ncount", ["identifier:x", "|:|", "identifier:count"]),
        ("dept部门 =x", ["identifier:dept部门", "=:=", "identifier:x"]),
        ("a=\u{301}b", ["identifier:a", "unknown:=\u{301}", "identifier:b"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(lexed(text) == expected)
    }

    @Test(arguments: ["", "   ", "cases | where a = \"b\" -- c\n", "部门（x，y）", "\"open", "a\u{3000}b", "🙂 | x", "2016-01-01..2016-05-31"])
    func tokensGiveTheTextBack(text: String) {
        let tokens = Lexer.tokens(text)
        #expect(tokens.last?.kind == .end)
        #expect(tokens.map { String($0.leadingTrivia) + String($0.text) }.joined() == text)
    }

    /// The byte path agrees with reading every character as a `Character`, token for
    /// token and position for position, on random text mixing ASCII, Chinese, full-width
    /// punctuation, combining marks, CR LF and emoji (fixed seed).
    @Test func readingASCIIByBytesChangesNothing() {
        let pieces = ["a", "Z", "_", "7", "2016-05", " ", "\t", "\r\n", "\n", "\r", "|", "｜", ".", "..", "=", "==", "!", "!=", "<", "<=", "<>", ">", ">=",
                      "~", "+", "-", "--", "*", "/", ",", "，", "(", "（", ")", "）", "\"", "'", "“", "”", "\\", "部门", "市农业局", "\u{301}", "\u{3000}",
                      "e\u{301}", "🙂", "3d", "1mo", "#", "@", "\u{7}", "where", "cases"]
        var random = SeededRandom(seed: 0x2016_0520)
        for _ in 0 ..< 4000 {
            let text = random.text(of: pieces, most: 14)
            let fast = Lexer.tokens(text, readingASCIIBytes: true)
            let plain = Lexer.tokens(text, readingASCIIBytes: false)
            let shape = { (tokens: [Token]) in tokens.map { "\($0.kind.rawValue)@\(text.utf8.distance(from: text.startIndex, to: $0.text.startIndex)):\($0.text)" } }
            #expect(shape(fast) == shape(plain), "\(text.debugDescription)")
        }
    }

    @Test func stringValuesResolveEscapes() {
        let tokens = Lexer.tokens(#""a\"b\\c\n" '市' “x\y”"#)
        #expect(tokens.map(\.stringValue).dropLast() == ["a\"b\\c\n", "市", "x\\y"])
    }

    @Test(arguments: [
        ("cases |", Lexer.OpenConstruct?.some(.pipe)), ("cases | where name = \"a", .string), ("departments | select count(cases", .parenthesis),
        ("cases | count", nil), ("cases | where note = \"a|\"", nil), ("cases -- a comment |", nil), ("", nil),
    ])
    func openConstructs(text: String, expected: Lexer.OpenConstruct?) {
        #expect(Lexer.openConstruct(text) == expected)
    }
}

@Suite struct CharacterOffsetTests {
    /// Stepping over lone ASCII bytes gives every position the offset that counting
    /// `Character`s gives, on random text of awkward pieces (CR LF, combining marks,
    /// emoji, Chinese, full-width punctuation).
    @Test func readingASCIIByBytesChangesNothing() {
        let pieces = ["a", "7", " ", "\r\n", "\r", "\n", "|", "\"", "部门", "市农业局", "\u{301}", "e\u{301}", "🙂", "👩‍👩‍👧", "🇨🇳", "\u{3000}", "，", "\u{600}", "x"]
        var random = SeededRandom(seed: 0x2016_1127)
        for _ in 0 ..< 3000 {
            let text = random.text(of: pieces, most: 12)
            let fast = CharacterOffsets(text, readingASCIIBytes: true)
            let plain = CharacterOffsets(text, readingASCIIBytes: false)
            var index = text.startIndex
            while true {
                #expect(fast.offset(of: index) == plain.offset(of: index), "\(text.debugDescription) at \(text.utf8.distance(from: text.startIndex, to: index))")
                guard index < text.endIndex else { break }
                index = text.utf8.index(after: index)
            }
            #expect(plain.offset(of: text.endIndex) == text.count)
            #expect(fast.characterCount == text.count && plain.characterCount == text.count)
        }
    }
}
