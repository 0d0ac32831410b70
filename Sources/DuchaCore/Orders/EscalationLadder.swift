/// The escalation ladder (督办升级): steps in order, each with the triggers that call
/// for it. Localities differ, so the ladder is data: a setting written as text,
/// `inquiry: overdue 1, zero 1; interview: overdue 10, repeat 2, zero 3; warning: overdue 20; accountability: overdue 40`.
public struct EscalationLadder: Sendable, Equatable {
    /// What calls for a step.
    public enum Trigger: Sendable, Equatable {
        /// The order is overdue by at least this many working days.
        case overdue(Int)
        /// This is at least the n-th order of the department's that went overdue this year.
        case repeatOverdue(Int)
        /// The department recorded no case in at least this many consecutive whole months.
        case zeroCases(Int)

        /// The word the ladder's text uses.
        public var word: String {
            switch self {
            case .overdue: return "overdue"
            case .repeatOverdue: return "repeat"
            case .zeroCases: return "zero"
            }
        }

        /// The threshold.
        public var threshold: Int {
            switch self {
            case .overdue(let n), .repeatOverdue(let n), .zeroCases(let n): return n
            }
        }

        /// How a person reads it.
        public var explanation: String {
            switch self {
            case .overdue(let n): return "overdue by \(n)+ working days"
            case .repeatOverdue(let n): return "the department's \(EscalationLadder.ordinal(n)) overdue order this year"
            case .zeroCases(let n): return n == 1 ? "no case in a whole month" : "no case in \(n) consecutive months"
            }
        }
    }

    /// One rung.
    public struct Step: Sendable, Equatable {
        /// The step's word: inquiry, interview, warning, accountability ...
        public let name: String
        /// What calls for it; any one suffices.
        public let triggers: [Trigger]

        public init(name: String, triggers: [Trigger]) {
            self.name = name
            self.triggers = triggers
        }

        /// The Chinese name of the step.
        public var chinese: String { EscalationLadder.vocabulary[name] ?? name }
    }

    /// The steps, mildest first.
    public let steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    /// The words a step may be called, with their Chinese names.
    public static let vocabulary: [String: String] = [
        "inquiry": "函询", "report": "书面说明", "interview": "约谈", "supervision": "挂牌督办",
        "warning": "书面告诫", "notice": "通报批评", "accountability": "追责",
    ]

    /// The default: inquiry letter → interview → written warning → accountability, with
    /// the bulletin's rules for zero-case departments (one month: a written report asked
    /// by inquiry letter; three consecutive months: the leaders interviewed).
    public static let standard = EscalationLadder(steps: [
        Step(name: "inquiry", triggers: [.overdue(1), .zeroCases(1)]),
        Step(name: "interview", triggers: [.overdue(10), .repeatOverdue(2), .zeroCases(3)]),
        Step(name: "warning", triggers: [.overdue(20)]),
        Step(name: "accountability", triggers: [.overdue(40)]),
    ])

    /// The ladder as text, in the form `parse` reads.
    public var text: String {
        steps.map { step in
            step.name + ": " + step.triggers.map { "\($0.word) \($0.threshold)" }.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    /// The step called `name`.
    public func step(_ name: String) -> Step? { steps.first { $0.name == name } }

    /// What an order or department calls for.
    public struct Facts: Sendable, Equatable {
        /// Working days past the deadline (0 when not overdue).
        public var overdueWorkdays = 0
        /// Which overdue order of the department's this is in the year (1 for the first; 0 when not overdue).
        public var overdueRank = 0
        /// Consecutive whole months without a case, ending last month.
        public var zeroCaseMonths = 0

        public init(overdueWorkdays: Int = 0, overdueRank: Int = 0, zeroCaseMonths: Int = 0) {
            self.overdueWorkdays = overdueWorkdays
            self.overdueRank = overdueRank
            self.zeroCaseMonths = zeroCaseMonths
        }
    }

    /// The highest step whose trigger holds, with the triggers that hold for it; nil when none.
    public func due(for facts: Facts) -> (step: Step, reasons: [Trigger])? {
        for step in steps.reversed() {
            let reasons = step.triggers.filter { trigger in
                switch trigger {
                case .overdue(let n): return facts.overdueWorkdays >= n && facts.overdueWorkdays > 0
                case .repeatOverdue(let n): return facts.overdueRank >= n
                case .zeroCases(let n): return facts.zeroCaseMonths >= n
                }
            }
            if !reasons.isEmpty { return (step, reasons) }
        }
        return nil
    }

    /// A mistake in a ladder's text: what is wrong and at which character offset.
    public struct ParseError: Error, Equatable {
        public let message: String
        public let offset: Int
    }

    /// Reads `name: trigger n, trigger n; name: ...`. Step names come from `vocabulary`,
    /// each once; thresholds are whole numbers from 1 to 1000.
    public static func parse(_ text: String) throws(ParseError) -> EscalationLadder {
        var steps: [Step] = []
        var offset = 0
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += part.count + 1 }
            let partOffset = offset + part.prefix { $0 == " " }.count
            guard let colon = part.firstIndex(of: ":") else {
                if part.allSatisfy({ $0 == " " }) { continue }
                throw ParseError(message: "each step is written NAME: TRIGGER N, e.g. interview: overdue 10, repeat 2", offset: partOffset)
            }
            let name = part[..<colon].trimmingBlanks()
            guard vocabulary[name] != nil else {
                throw ParseError(message: "no ladder step is called '\(name)'" + Suggestion.phrase(for: name, among: vocabulary.keys.sorted())
                    + "; steps are " + vocabulary.keys.sorted().joined(separator: ", "), offset: partOffset)
            }
            guard !steps.contains(where: { $0.name == name }) else {
                throw ParseError(message: "the step '\(name)' comes twice; each step is written once", offset: partOffset)
            }
            var triggers: [Trigger] = []
            var triggerOffset = offset + part.distance(from: part.startIndex, to: colon) + 1
            for written in part[part.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false) {
                defer { triggerOffset += written.count + 1 }
                let place = triggerOffset + written.prefix { $0 == " " }.count
                let words = written.split(separator: " ")
                guard words.count == 2, words[1].allSatisfy({ $0.isASCII && $0.isNumber }), !words[1].hasPrefix("0"),
                      let threshold = Int(words[1]), (1...1000).contains(threshold) else {
                    throw ParseError(message: "a trigger is a word and a whole number from 1 to 1000: overdue N (working days), repeat N (n-th overdue order this year) or zero N (months without a case)", offset: place)
                }
                switch words[0] {
                case "overdue": triggers.append(.overdue(threshold))
                case "repeat": triggers.append(.repeatOverdue(threshold))
                case "zero": triggers.append(.zeroCases(threshold))
                default:
                    throw ParseError(message: "no trigger is called '\(words[0])'" + Suggestion.phrase(for: String(words[0]), among: ["overdue", "repeat", "zero"])
                        + "; triggers are overdue, repeat and zero", offset: place)
                }
            }
            steps.append(Step(name: name, triggers: triggers))
        }
        guard !steps.isEmpty else { throw ParseError(message: "the ladder needs at least one step, e.g. inquiry: overdue 1", offset: 0) }
        return EscalationLadder(steps: steps)
    }

    static func ordinal(_ n: Int) -> String {
        switch n % 100 {
        case 11, 12, 13: return "\(n)th"
        default:
            switch n % 10 {
            case 1: return "\(n)st"
            case 2: return "\(n)nd"
            case 3: return "\(n)rd"
            default: return "\(n)th"
            }
        }
    }
}
