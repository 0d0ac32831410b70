/// Whether a word typed in Latin letters is the start of a Chinese name's pinyin, read as
/// pinyin input methods read one: each character by its initial, by the start of its
/// syllable or by the whole syllable, in any mix (市农业局 by snyj, shinongyeju, shinyj or
/// shin; 绿化局 by lvhj), a character with several readings by any of them (长江 by cj or
/// zhangjiang), tones left out and ü typed v. Letters and digits written in ASCII in a name
/// stand for themselves; other marks (spaces, brackets) are passed over.
struct PinyinMatcher {
    /// The typed word's letters, read once for all the names it is matched against.
    private let letters: [UInt8]

    /// A matcher for `typed`: lower-case ASCII letters.
    init(typed: String) {
        letters = Array(typed.utf8)
    }

    /// Whether the typed word starts the pinyin of `name` (never for an empty word).
    func matches(_ name: String) -> Bool {
        guard !letters.isEmpty else { return false }
        // How many typed letters the characters read so far can account for, each having
        // taken at least one; most names fall out at their first character.
        var reached = [0]
        for scalar in name.unicodeScalars {
            var next: [Int] = []
            func follow(_ reading: String.UTF8View) -> Bool {
                for start in reached {
                    var position = start
                    for letter in reading {
                        guard position < letters.count, letters[position] == letter else { break }
                        position += 1
                        if position == letters.count { return true }
                        if !next.contains(position) { next.append(position) }
                    }
                }
                return false
            }
            let (first, more) = Pinyin.readingNumbers(of: scalar)
            if first > 0 {
                if follow(Pinyin.syllable(first).utf8) { return true }
                for number in more ?? [] where follow(Pinyin.syllable(number).utf8) { return true }
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if follow(String(scalar).lowercased().utf8) { return true }
            } else {
                continue
            }
            guard !next.isEmpty else { return false }
            reached = next
        }
        return false
    }
}
