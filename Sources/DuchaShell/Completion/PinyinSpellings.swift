/// The pinyin spellings a Chinese name can be typed by: its initials (市农业局 → snyj)
/// and its full pinyin (shinongyeju), for every reading of a character with several
/// (长江 → zj, cj, zhangjiang, changjiang).
struct PinyinSpellings {
    /// At most this many readings of a whole name are spelled (a name of many characters
    /// with several readings each would otherwise have thousands); the customary readings
    /// come first.
    static let mostReadings = 16

    /// The spellings of `name`: initials, then full pinyin, lower case; letters and digits
    /// written in ASCII are kept as they are. Made anew each time, which is quicker than
    /// looking a Chinese name up in a dictionary (21,000 operators in about 10 ms).
    func of(_ name: String) -> [String] {
        var initials = [""], full = [""]
        // Scalar by scalar: a Han character is one scalar, and marks joined to one add no
        // letters (reading characters would cost a grapheme search per name).
        for scalar in name.unicodeScalars {
            let (first, more) = Pinyin.readingNumbers(of: scalar)
            if first > 0 {
                let syllables = [first] + (more ?? [])
                var longerInitials: [String] = [], longerFull: [String] = []
                for number in syllables {
                    let syllable = Pinyin.syllable(number)
                    for index in initials.indices where longerFull.count < PinyinSpellings.mostReadings {
                        longerInitials.append(initials[index] + String(syllable.first!))
                        longerFull.append(full[index] + syllable)
                    }
                }
                (initials, full) = (longerInitials, longerFull)
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                let written = String(scalar).lowercased()
                for index in initials.indices {
                    initials[index] += written
                    full[index] += written
                }
            }
        }
        var result: [String] = []
        for spelling in initials + full where !spelling.isEmpty && !result.contains(spelling) {
            result.append(spelling)
        }
        return result
    }
}
