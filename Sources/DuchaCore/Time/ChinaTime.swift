/// Calendar logic in Asia/Shanghai. China Standard Time has been UTC+8 all year since
/// 1991 (no daylight saving), so for every date this project handles the zone is a
/// fixed offset and needs no time-zone database.
public enum ChinaTime {
    /// The offset of Asia/Shanghai from UTC, in seconds.
    public static let offsetSeconds: Int64 = 8 * 3600

    /// A local wall-clock time in Asia/Shanghai.
    public struct LocalTime: Hashable, Sendable {
        /// The local calendar date.
        public let date: CivilDate
        /// Hour of the day, 0 to 23.
        public let hour: Int
        /// Minute, 0 to 59.
        public let minute: Int
        /// Second, 0 to 59.
        public let second: Int
        /// Milliseconds within the second, 0 to 999.
        public let millisecond: Int
    }

    /// The instant at which a local date and time of day occurs in Asia/Shanghai.
    public static func instant(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Instant {
        let localSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(millisecondsSinceEpoch: (localSeconds - offsetSeconds) * 1000)
    }

    /// The local date and time of day of an instant in Asia/Shanghai.
    public static func local(_ instant: Instant) -> LocalTime {
        let localMilliseconds = instant.millisecondsSinceEpoch + offsetSeconds * 1000
        var days = localMilliseconds / Milliseconds.day
        var rest = localMilliseconds % Milliseconds.day
        if rest < 0 {
            rest += Milliseconds.day
            days -= 1
        }
        let seconds = Int(rest / 1000)
        return LocalTime(
            date: CivilDate(daysSinceEpoch: Int(days)),
            hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60,
            millisecond: Int(rest % 1000))
    }

    /// The local calendar date of an instant.
    public static func date(of instant: Instant) -> CivilDate { local(instant).date }

    /// The Beijing date of an instant given in milliseconds, as days since 1970-01-01:
    /// the form the working-day counts take on hot paths (every step, every case).
    @inline(__always)
    public static func day(of milliseconds: Int64) -> Int {
        Int((milliseconds + offsetSeconds * 1000).floorDivided(by: Milliseconds.day))
    }

    /// `YYYY-MM-DD HH:MM:SS` in local time.
    public static func format(_ instant: Instant) -> String {
        digits(local(instant), separator: UInt8(ascii: " "), milliseconds: false)
    }

    /// ISO 8601 with the +08:00 offset, for machine-readable output.
    public static func iso8601(_ instant: Instant) -> String {
        let time = local(instant)
        return digits(time, separator: UInt8(ascii: "T"), milliseconds: time.millisecond != 0) + "+08:00"
    }

    /// The date and time written digit by digit into one buffer: formatting runs for
    /// every instant cell of a result, so it makes one string, not a dozen.
    private static func digits(_ time: LocalTime, separator: UInt8, milliseconds: Bool) -> String {
        let year = time.date.year
        guard (0...9999).contains(year) else {
            var text = time.date.description + String(UnicodeScalar(separator)) + CivilDate.padded(time.hour, 2) + ":"
            text += CivilDate.padded(time.minute, 2) + ":" + CivilDate.padded(time.second, 2)
            return milliseconds ? text + "." + CivilDate.padded(time.millisecond, 3) : text
        }
        let zero = UInt8(ascii: "0")
        return String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = zero + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(time.date.month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(time.date.day, 2, at: 8)
            buffer[10] = separator
            put(time.hour, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(time.minute, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(time.second, 2, at: 17)
            guard milliseconds else { return 19 }
            buffer[19] = UInt8(ascii: ".")
            put(time.millisecond, 3, at: 20)
            return 23
        }
    }
}
