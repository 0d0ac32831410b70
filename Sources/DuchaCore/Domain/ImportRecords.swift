/// A typed attribute as an event log carries it (`<string key="org:group" value="EMPTY"/>`),
/// with its nested attributes. Kept whole on import, so no information is lost.
public struct AttributeRecord: Hashable, Sendable {
    /// The key, e.g. `org:group`; empty for the items of a list.
    public let key: String
    /// The type as written: string, date, int, float, boolean, id, list or container.
    public let type: String
    /// The value as written (dates too, with their offset); empty for lists and containers.
    public let value: String
    /// Nested attributes, in file order.
    public let children: [AttributeRecord]

    /// Makes an attribute.
    public init(key: String, type: String, value: String, children: [AttributeRecord] = []) {
        self.key = key
        self.type = type
        self.value = value
        self.children = children
    }
}

/// A moment as a source wrote it: the instant, and the UTC offset written with it
/// (minutes east of UTC), or nil when none was written and the time was read as UTC.
/// Months and working days use the local time as written; durations use instants.
public struct WrittenTime: Hashable, Sendable {
    /// The instant denoted.
    public let instant: Instant
    /// The offset written, in minutes east of UTC; nil when none was written.
    public let utcOffset: Int?

    /// Makes a written time.
    public init(instant: Instant, utcOffset: Int?) {
        self.instant = instant
        self.utcOffset = utcOffset
    }

    /// The wall-clock date and time as written (UTC when no offset was written).
    public var localMilliseconds: Int64 {
        instant.millisecondsSinceEpoch + Int64(utcOffset ?? 0) * Milliseconds.minute
    }
}

/// One step of an imported case: an event of an event log, or a row of a step export.
public struct StepRecord: Hashable, Sendable {
    /// The activity (the workflow step's name).
    public let activity: String
    /// Who did it, as the source names them (case-sensitive); nil when not recorded.
    public let resource: String?
    /// When it happened.
    public let occurred: WrittenTime
    /// The lifecycle transition (`complete`, `start` ...), if written.
    public let lifecycle: String?
    /// Every other attribute, in file order.
    public let attributes: [AttributeRecord]
    /// The same as stored: JSON (`JSONText.attributes`), nil for none; made where the
    /// record is made, so a reader on another thread does this work too.
    public let attributesJSON: String?
    /// Where it starts in the source, for messages.
    public let line: Int

    /// Makes a step record.
    public init(activity: String, resource: String?, occurred: WrittenTime, lifecycle: String?, attributes: [AttributeRecord], line: Int) {
        self.activity = activity
        self.resource = resource
        self.occurred = occurred
        self.lifecycle = lifecycle
        self.attributes = attributes
        self.attributesJSON = JSONText.attributes(attributes)
        self.line = line
    }
}

/// One imported case with its steps in source order.
public struct CaseRecord: Hashable, Sendable {
    /// The case number (a trace's `concept:name`).
    public let number: String
    /// Every other case attribute, in file order.
    public let attributes: [AttributeRecord]
    /// The same as stored (JSON), nil for none.
    public let attributesJSON: String?
    /// Its steps, in file order.
    public let steps: [StepRecord]
    /// Where it starts in the source, for messages.
    public let line: Int
    /// Where it starts in the source, for messages.
    public let column: Int

    /// Makes a case record.
    public init(number: String, attributes: [AttributeRecord], steps: [StepRecord], line: Int, column: Int) {
        self.number = number
        self.attributes = attributes
        self.attributesJSON = JSONText.attributes(attributes)
        self.steps = steps
        self.line = line
        self.column = column
    }

    /// The steps in time order: a stable sort by instant, equal instants in source order.
    public var stepsInTimeOrder: [StepRecord] {
        steps.enumerated().sorted {
            ($0.element.occurred.instant, $0.offset) < ($1.element.occurred.instant, $1.offset)
        }.map(\.element)
    }
}
