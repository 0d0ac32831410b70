/// The pinyin spellings a Chinese name can be typed by: its initials (市农业局 → snyj)
/// and its full pinyin (shinongyeju). Each Han character is transliterated once, in one
/// call for all new characters of a batch of names, and each name's spellings are kept.
final class PinyinSpellings {
    private let transliterator: HanTransliterator?
    private var syllables: [Character: String] = [:]
    private var spellings: [String: [String]] = [:]

    init(transliterator: HanTransliterator? = HanTransliterator()) {
        self.transliterator = transliterator
    }

    /// Whether pinyin is available here (ICU found).
    var isAvailable: Bool { transliterator != nil }

    /// The spellings of `name`: initials and full pinyin, lower case; empty without ICU.
    func of(_ name: String) -> [String] {
        if let known = spellings[name] { return known }
        guard transliterator != nil else { return [] }
        learn(Set(name.filter(PinyinSpellings.isHan)))
        var initials = "", full = ""
        for character in name {
            if let syllable = syllables[character], !syllable.isEmpty {
                initials.append(syllable.first!)
                full += syllable
            } else if character.isASCII, character.isLetter || character.isNumber {
                initials += character.lowercased()
                full += character.lowercased()
            }
        }
        let result = initials == full ? [full] : [initials, full]
        spellings[name] = result
        return result
    }

    /// Transliterates the characters not seen yet, all in one call.
    func learn(_ characters: Set<Character>) {
        let new = characters.filter { syllables[$0] == nil }.sorted()
        guard let transliterator, !new.isEmpty else { return }
        let lines = (transliterator.latin(new.map(String.init).joined(separator: "\n")) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, character) in new.enumerated() {
            let syllable = index < lines.count && lines.count == new.count ? lines[index].lowercased().filter { $0.isLetter } : ""
            syllables[character] = syllable
        }
    }

    private var prepared: Set<String> = []

    /// Prepares a whole pool of names at once (one ICU call for all their characters);
    /// a pool already prepared under `key` is not looked at again.
    func prepare(_ names: [String], key: String) {
        guard transliterator != nil, prepared.insert(key).inserted else { return }
        var characters = Set<Character>()
        for name in names where spellings[name] == nil { characters.formUnion(name.filter(PinyinSpellings.isHan)) }
        learn(characters)
    }

    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x2FFFF).contains(scalar.value)
    }
}
