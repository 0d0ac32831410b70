/// The pinyin spellings a Chinese name can be typed by: its initials (市农业局 → snyj)
/// and its full pinyin (shinongyeju). Each Han character is transliterated once, in one
/// call for all new characters of a batch of names, and each name's spellings are kept.
final class PinyinSpellings {
    private let opener: () -> HanTransliterator?
    /// ICU is opened only when a typed word first has to be matched by pinyin.
    private lazy var transliterator: HanTransliterator? = opener()
    private var syllables: [Character: String] = [:]
    private var spellings: [String: [String]] = [:]
    /// Pools of names registered but whose characters are not transliterated yet.
    private var pending: [[String]] = []
    private var registered: Set<String> = []

    init(opener: @escaping () -> HanTransliterator? = { HanTransliterator.shared }) {
        self.opener = opener
    }

    /// Whether pinyin is available here (ICU found); opens ICU.
    var isAvailable: Bool { transliterator != nil }

    /// The spellings of `name`: initials and full pinyin, lower case; empty without ICU.
    func of(_ name: String) -> [String] {
        if let known = spellings[name] { return known }
        guard transliterator != nil else { return [] }
        if !pending.isEmpty {
            var characters = Set<Character>()
            for pool in pending { for item in pool { characters.formUnion(item.filter(PinyinSpellings.isHan)) } }
            pending = []
            learn(characters)
        }
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

    /// Registers a whole pool of names, so that the first pinyin match transliterates all
    /// their characters in one call; a pool already registered under `key` is skipped.
    func prepare(_ names: [String], key: String) {
        guard registered.insert(key).inserted else { return }
        pending.append(names)
    }

    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x3400...0x9FFF).contains(scalar.value) || (0x20000...0x2FFFF).contains(scalar.value)
    }
}
