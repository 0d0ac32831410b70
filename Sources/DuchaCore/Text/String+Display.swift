extension StringProtocol {
    /// The number of terminal columns this text occupies.
    @inlinable
    public var displayWidth: Int {
        DisplayWidth.of(self)
    }

    /// This text padded with spaces to `width` columns, placed by `alignment`; text already as wide or wider is returned unchanged.
    public func padded(toWidth width: Int, alignment: TextAlignment) -> String {
        let padding = width - displayWidth
        guard padding > 0 else {
            return String(self)
        }
        let leading: Int
        switch alignment {
        case .left: leading = 0
        case .right: leading = padding
        case .center: leading = padding / 2
        }
        var result = String()
        result.reserveCapacity(utf8.count + padding)
        result.append(contentsOf: repeatElement(" " as Character, count: leading))
        result.append(contentsOf: self)
        result.append(contentsOf: repeatElement(" " as Character, count: padding - leading))
        return result
    }

    /// This text cut to at most `width` columns, ending in "…" when it was cut; a wide character that would straddle
    /// the edge is dropped and a space after the "…" makes up the column.
    public func truncated(toWidth width: Int) -> String {
        let fullWidth = displayWidth
        guard fullWidth > width else {
            return String(self)
        }
        guard width > 0 else {
            return ""
        }
        let kept = DisplayWidth.prefix(self, fittingIn: width - 1)
        let shortfall = width - 1 - DisplayWidth.of(kept)
        var result = String(kept)
        result.append("…")
        result.append(contentsOf: repeatElement(" " as Character, count: shortfall))
        return result
    }

    /// This text with control characters made visible: `\n`, `\t`, `\r`, and other C0, DEL and C1 controls as `\u{1b}`.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.isControl) else {
            return String(self)
        }
        var result = String()
        result.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result.append("\\n")
            case "\t": result.append("\\t")
            case "\r": result.append("\\r")
            case _ where Self.isControl(scalar):
                let hexadecimal = String(scalar.value, radix: 16)
                result.append("\\u{")
                if hexadecimal.utf8.count < 2 {
                    result.append("0")
                }
                result.append(hexadecimal)
                result.append("}")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `scalar` is a C0 control, DEL or a C1 control.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
