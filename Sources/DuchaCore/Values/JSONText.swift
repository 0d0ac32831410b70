/// JSON text written by hand, for the few places that store or print JSON: string
/// literals, and imported attributes as `[type, key, value]` arrays.
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        append(text, to: &out)
        return out + "\""
    }

    /// Appends `text` to `out`, escaped for the inside of a JSON string.
    public static func append(_ text: String, to out: inout String) {
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Attributes as a JSON array of `[type, key, value]`, nested ones as a fourth
    /// element in the same form; nil for none.
    public static func attributes(_ attributes: [AttributeRecord]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var out = ""
        append(attributes, to: &out)
        return out
    }

    private static func append(_ attributes: [AttributeRecord], to out: inout String) {
        out += "["
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out += "," }
            out += "[\""
            append(attribute.type, to: &out)
            out += "\",\""
            append(attribute.key, to: &out)
            out += "\",\""
            append(attribute.value, to: &out)
            out += "\""
            if !attribute.children.isEmpty {
                out += ","
                append(attribute.children, to: &out)
            }
            out += "]"
        }
        out += "]"
    }
}
