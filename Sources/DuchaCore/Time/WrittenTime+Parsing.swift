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

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> WrittenTime? {
        var index = 0
        func digits(_ count: Int) -> Int? {
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
        func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
              let day = digits(2), let date = CivilDate(year: year, month: month, day: day) else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0
        if take(UInt8(ascii: "T")) || take(UInt8(ascii: " ")) {
            guard let h = digits(2), take(UInt8(ascii: ":")), let m = digits(2) else { return nil }
            (hour, minute) = (h, m)
            if take(UInt8(ascii: ":")) {
                guard let s = digits(2) else { return nil }
                second = s
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    var scale = 100, any = false
                    while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                        millisecond += Int(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                        any = true
                    }
                    guard any else { return nil }
                }
            }
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && millisecond == 0), minute < 60, second < 61 else { return nil }
        }
        var offset: Int?
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = digits(2) else { return nil }
            var minutes = 0
            if index < bytes.count {
                _ = take(UInt8(ascii: ":"))
                guard let m = digits(2) else { return nil }
                minutes = m
            }
            guard hours <= 14, minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
            offset = sign * (hours * 60 + minutes)
        }
        guard index == bytes.count else { return nil }
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
