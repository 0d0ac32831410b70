extension WrittenTime {
    /// The forms read, for messages.
    public static let acceptedForms = "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM], e.g. 2011-10-11T13:45:40.276+02:00"

    /// Reads an ISO 8601 / xs:dateTime time: `2011-10-11T13:45:40.276+02:00`,
    /// `2006-07-24T00:00:00.000` (no offset: read as UTC), `2016-05-03 09:30:00Z`,
    /// `2016-05-03T09:30` or a bare date `2016-05-03` (midnight). Fractions beyond
    /// milliseconds are cut. Nil when the text is not such a time or names an
    /// impossible date, time or offset.
    public init?(parsing text: String) {
        var text = text
        let parsed: WrittenTime? = text.withUTF8 { WrittenTime.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// A reading position over the bytes of a time. A struct with mutating methods, not
    /// nested functions over a captured index: those made the runtime check exclusive
    /// access on every digit, a tenth of a big import's reading.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        /// `count` decimal digits as a number, or nil (and nothing taken).
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0 ..< count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// Takes `byte` if it comes next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> WrittenTime? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")), let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
              let day = cursor.digits(2), let date = CivilDate(year: year, month: month, day: day) else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0
        if cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: " ")) {
            guard let h = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let m = cursor.digits(2) else { return nil }
            (hour, minute) = (h, m)
            if cursor.take(UInt8(ascii: ":")) {
                guard let s = cursor.digits(2) else { return nil }
                second = s
                if cursor.take(UInt8(ascii: ".")) || cursor.take(UInt8(ascii: ",")) {
                    var scale = 100, any = false
                    while cursor.index < bytes.count, bytes[cursor.index] >= 0x30 && bytes[cursor.index] <= 0x39 {
                        millisecond += Int(bytes[cursor.index] - 0x30) * scale
                        scale /= 10
                        cursor.index += 1
                        any = true
                    }
                    guard any else { return nil }
                }
            }
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && millisecond == 0), minute < 60, second < 61 else { return nil }
        }
        var offset: Int?
        if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) {
            offset = 0
        } else if cursor.index < bytes.count, bytes[cursor.index] == UInt8(ascii: "+") || bytes[cursor.index] == UInt8(ascii: "-") {
            let sign = bytes[cursor.index] == UInt8(ascii: "-") ? -1 : 1
            cursor.index += 1
            guard let hours = cursor.digits(2) else { return nil }
            var minutes = 0
            if cursor.index < bytes.count {
                _ = cursor.take(UInt8(ascii: ":"))
                guard let m = cursor.digits(2) else { return nil }
                minutes = m
            }
            guard hours <= 14, minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
            offset = sign * (hours * 60 + minutes)
        }
        guard cursor.index == bytes.count else { return nil }
        let local = Int64(date.daysSinceEpoch) * Milliseconds.day + Int64(hour) * Milliseconds.hour
            + Int64(minute) * Milliseconds.minute + Int64(second) * Milliseconds.second + Int64(millisecond)
        return WrittenTime(instant: Instant(millisecondsSinceEpoch: local - Int64(offset ?? 0) * Milliseconds.minute), utcOffset: offset)
    }

    /// The time as written back: `2011-10-11T13:45:40.276+02:00`, or without an offset
    /// when none was written.
    public var xsDateTime: String {
        let local = localMilliseconds
        let days = Int(local.floorDivided(by: Milliseconds.day))
        let rest = local - Int64(days) * Milliseconds.day
        let date = CivilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = rest % 1000
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        var text = "\(date)T\(two(rest / Milliseconds.hour)):\(two(rest / Milliseconds.minute % 60)):\(two(rest / 1000 % 60)).\(fraction)"
        if let utcOffset {
            let magnitude = Int64(abs(utcOffset))
            text += (utcOffset < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60)
        }
        return text
    }
}
