import DuchaCore
import DuchaStore

/// `calendar` lists the years the working-day calendar knows; `calendar YEAR` a year's
/// days off and make-up working days; `calendar add DATE N` counts N working days on;
/// `calendar import FILE [--replace]` loads a year from a holiday-cn JSON file.
enum CalendarCommand {
    static let usage = "[YEAR | add DATE N | import FILE [--replace]]"

    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = try CommandWords.arguments(rest, at: position)
        func place(_ index: Int) -> SourcePosition { position.advanced(by: words[index].offset) }
        let calendar = session.store.calendar
        guard let first = words.first else {
            try years(in: session)
            return
        }
        switch first.text {
        case "import":
            guard words.count >= 2 else { throw ShellError(.badArgument, "calendar import needs a file, e.g. calendar import 2027.json (holiday-cn layout)", at: place(0)) }
            let replace = words.dropFirst(2).contains { $0.text == "--replace" }
            if let odd = words.dropFirst(2).first(where: { $0.text != "--replace" }) {
                throw ShellError(.badArgument, "unknown option \(odd.text); calendar import takes --replace", at: position.advanced(by: odd.offset))
            }
            try importNotice(words[1].text, replace: replace, command: "calendar" + rest, at: place(1), in: session)
        case "add":
            guard words.count == 3, let start = CivilDate(words[1].text), let count = Int(words[2].text), (0...3660).contains(count) else {
                throw ShellError(.badArgument, "write calendar add DATE N, e.g. calendar add 2016-06-06 5 (N working days after DATE)", at: place(0))
            }
            let end = calendar.adding(workdays: count, to: start)
            session.output.line("\(count) working days after \(start) (\(OrderCommand.weekdayName(start))) end on \(end.date) (\(OrderCommand.weekdayName(end.date)))"
                + (end.isProvisional ? "; provisional: the calendar does not know every year on the way (calendar import adds one)" : ""))
        default:
            guard words.count == 1, let year = Int(first.text), (1900...2200).contains(year) else {
                throw ShellError(.badArgument, "calendar takes a year (calendar 2016), add DATE N, or import FILE", at: place(0))
            }
            guard let notice = calendar.notices[year] else {
                throw ShellError(.badArgument, "the calendar does not know \(year) (it knows \(yearsText(calendar))); calendar import FILE adds a year from a holiday-cn JSON file", at: place(0))
            }
            let rows: [[Value]] = notice.days.map { day in
                [.text(day.date.description), .text(OrderCommand.weekdayName(day.date)), .text(day.name), .text(day.isOffDay ? "休 off" : "班 work")]
            }
            try session.show(columns: [ResultColumn("date", .date), ResultColumn("weekday", .text), ResultColumn("holiday", .text), ResultColumn("day", .text)], rows: rows)
            session.output.line("\(year): \(notice.source); other days: Monday to Friday work, weekends off")
        }
    }

    private static func yearsText(_ calendar: WorkdayCalendar) -> String {
        let years = calendar.years
        guard let first = years.first, let last = years.last else { return "no year" }
        return years.count == last - first + 1 ? "\(first)–\(last)" : years.map(String.init).joined(separator: ", ")
    }

    private static func years(in session: Session) throws {
        let calendar = session.store.calendar
        let shipped = Set(WorkdayCalendar.official.years)
        let rows: [[Value]] = calendar.years.map { year in
            let notice = calendar.notices[year]!
            return [.integer(Int64(year)), .integer(Int64(notice.days.filter(\.isOffDay).count)), .integer(Int64(notice.days.filter { !$0.isOffDay }.count)),
                    .text(shipped.contains(year) && WorkdayCalendar.official.notices[year] == notice ? "shipped" : "imported"), .text(notice.source)]
        }
        try session.show(columns: [ResultColumn("year", .integer), ResultColumn("days_off", .integer), ResultColumn("make_up_days", .integer),
                                   ResultColumn("origin", .text), ResultColumn("source", .text)], rows: rows)
        session.output.line("deadlines in other years are provisional (weekends only) until calendar import adds them")
    }

    private static func importNotice(_ path: String, replace: Bool, command: String, at place: SourcePosition, in session: Session) throws {
        try session.requireWritable("calendar import")
        let bytes: [UInt8]
        do {
            // A year's notice is a few kilobytes.
            bytes = try session.files.read(path, kind: "holiday-cn JSON file", maximum: 1 << 20)
        } catch let error as ShellError {
            throw error.placed(at: place)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ShellError(.invalidUTF8, "\(path) is not UTF-8 text; a holiday-cn file is UTF-8 JSON", at: place)
        }
        let notice: HolidayNotice
        do {
            notice = try HolidayNotice.parseHolidayCN(text, source: path)
        } catch {
            if error.line > 0 {
                throw ShellError(.badInput, error.message, at: SourcePosition(source: path, line: error.line, column: error.column))
            }
            throw ShellError(.badInput, "\(path): \(error.message)", at: place)
        }
        let calendar = session.store.calendar
        if let known = calendar.notices[notice.year], !replace {
            throw ShellError(.refused, "the calendar already knows \(notice.year) (\(known.source)); add --replace to put this file's days in its place", at: place)
        }
        try session.store.keepHolidayNotice(notice, hash: SHA256.hex(bytes), stamp: AuditStamp(at: session.now, actor: session.actor, command: command))
        session.store.useHolidayNotice(notice)
        let off = notice.days.filter(\.isOffDay).count
        session.output.line("calendar \(notice.year): \(off) days off and \(notice.days.count - off) make-up working days from \(path)")
    }
}
