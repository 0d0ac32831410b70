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
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
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
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Attributes as a JSON array of `[type, key, value]`, nested ones as a fourth
    /// element in the same form; nil for none. Built as bytes: an import writes one of
    /// these for most of its events.
    public static func attributes(_ attributes: [AttributeRecord]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(attributes.count * 64)
        append(attributes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ attributes: [AttributeRecord], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "\"")])
            appendEscaped(attribute.type, to: &out)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\"")])
            appendEscaped(attribute.key, to: &out)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\"")])
            appendEscaped(attribute.value, to: &out)
            out.append(UInt8(ascii: "\""))
            if !attribute.children.isEmpty {
                out.append(UInt8(ascii: ","))
                append(attribute.children, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The bytes of `text`, escaped for the inside of a JSON string as `append(_:to:)`
    /// escapes them (bytes of multi-byte characters are all 0x80 or more, so they pass).
    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        // Most values need no escape: their bytes go in at once.
        let plain: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00 ..< 0x20, 0x7F:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
    }
}

extension JSONText {
    /// Reads back what `attributes(_:)` wrote: nil when `text` is not such an array.
    public static func parseAttributes(_ text: String) -> [AttributeRecord]? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let attributes = parser.attributes(), parser.atEnd else { return nil }
        return attributes
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool {
            mutating get {
                skipBlanks()
                return index == bytes.count
            }
        }

        mutating func attributes() -> [AttributeRecord]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var list: [AttributeRecord] = []
            if take(UInt8(ascii: "]")) { return list }
            repeat {
                guard take(UInt8(ascii: "[")), let type = string(), take(UInt8(ascii: ",")), let key = string(),
                      take(UInt8(ascii: ",")), let value = string() else { return nil }
                var children: [AttributeRecord] = []
                if take(UInt8(ascii: ",")) {
                    guard let nested = attributes() else { return nil }
                    children = nested
                }
                guard take(UInt8(ascii: "]")) else { return nil }
                list.append(AttributeRecord(key: key, type: type, value: value, children: children))
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? list : nil
        }

        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let unit = hex4() else { return nil }
                        var scalarValue = UInt32(unit)
                        if (0xD800 ..< 0xDC00).contains(unit) {
                            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00 ..< 0xE000).contains(low) else { return nil }
                            scalarValue = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: out.append(escaped)
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt16? {
            guard index + 4 <= bytes.count, let value = UInt16(String(decoding: bytes[index ..< index + 4], as: UTF8.self), radix: 16) else { return nil }
            index += 4
            return value
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipBlanks()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipBlanks() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D { index += 1 }
        }
    }
}
