import DuchaCore

/// A streaming reader of XES event logs (IEEE 1849): one trace at a time as a
/// `CaseRecord`, so memory is bounded by the largest trace whatever the file's size.
///
/// Mapping: a trace's `concept:name` is the case number; an event's `concept:name` is the
/// activity, `org:resource` the resource (case-sensitive; absent means none),
/// `time:timestamp` the time with its offset as written (none written: read as UTC),
/// `lifecycle:transition` the lifecycle. Every other trace and event attribute is kept,
/// typed and nested. The XES namespace is optional (elements may also carry a prefix),
/// header declarations may come in any order, and `<global>` defaults are declarations,
/// never data.
public struct XESReader {
    private var xml: XMLReader
    private var started = false
    private var finished = false
    /// What the log says about itself; complete once `next()` has returned the first
    /// trace (log-level attributes written after the traces are added as they are met).
    public private(set) var header = XESHeader()
    /// How many event times had no offset (read as UTC).
    public private(set) var timesWithoutOffset = 0

    /// The attribute types XES defines.
    public static let attributeTypes: Set<String> = ["string", "date", "int", "float", "boolean", "id", "list", "container"]

    /// The most events one trace may have: a case is held whole while it is read, so
    /// this bounds memory as the XML limits bound one element.
    public let eventsPerTrace: Int

    /// A reader of `source`.
    public init(_ source: some ByteSource, limits: XMLReader.Limits = .init(), eventsPerTrace: Int = 1_000_000) {
        xml = XMLReader(source, limits: limits)
        self.eventsPerTrace = eventsPerTrace
    }

    /// The reader's place, for messages about what it returned last.
    public var line: Int { xml.line }

    /// Reads up to the first trace, so the header is complete; returns nothing.
    public mutating func readHeader() throws {
        try start()
    }

    /// The next trace as a case, or nil after the last.
    public mutating func next() throws -> CaseRecord? {
        try start()
        while !finished {
            guard let event = try xml.next() else {
                finished = true
                break
            }
            switch event {
            case .start(let element):
                switch XESReader.localName(element.name) {
                case "trace": return try readTrace(element)
                case "extension":
                    header.extensions.append(.init(name: element.value("name") ?? "", prefix: element.value("prefix") ?? "", uri: element.value("uri") ?? ""))
                    try skipChildren(of: element)
                case "classifier":
                    header.classifiers.append(.init(name: element.value("name") ?? "", keys: element.value("keys") ?? ""))
                    try skipChildren(of: element)
                case "global":
                    let scope = element.value("scope") ?? "event"
                    let defaults = try readChildren(of: element)
                    switch scope {
                    case "trace": header.traceGlobals += defaults
                    case "event": header.eventGlobals += defaults
                    default:
                        throw XMLError("value", "<global scope=\"\(scope)\"> has an unknown scope; expected trace or event", line: element.line, column: element.column)
                    }
                case let type where XESReader.attributeTypes.contains(type):
                    header.attributes.append(try readAttribute(element))
                default:
                    throw XESReader.unexpected(element, in: "log", expected: "trace, an attribute, extension, global or classifier")
                }
            case .end:
                // </log>: the document must end here.
                if let extra = try xml.next(), case .start(let element) = extra {
                    throw XMLError("malformed", "<\(element.name)> after </log>; a document has one root element", line: element.line, column: element.column)
                }
                finished = true
            }
        }
        return nil
    }

    // MARK: Structure

    private mutating func start() throws {
        guard !started else { return }
        started = true
        guard let first = try xml.next() else {
            throw XMLError("not-xes", "the file holds no element; an XES log starts with <log>", line: xml.line, column: xml.column)
        }
        guard case .start(let root) = first, XESReader.localName(root.name) == "log" else {
            if case .start(let root) = first {
                throw XMLError("not-xes", "the root element is <\(root.name)>; an XES log's root is <log>", line: root.line, column: root.column)
            }
            throw XMLError("not-xes", "an XES log starts with <log>", line: xml.line, column: xml.column)
        }
        header.logAttributes = root.attributes.map { ($0.name, $0.value) }
    }

    private mutating func readTrace(_ element: XMLReader.Element) throws -> CaseRecord {
        var attributes: [AttributeRecord] = []
        var steps: [StepRecord] = []
        var number: String?
        while let event = try xml.next() {
            guard case .start(let child) = event else { break }
            let name = XESReader.localName(child.name)
            if name == "event" {
                guard steps.count < eventsPerTrace else {
                    throw XMLError("too-long", "the <trace> at line \(element.line), column \(element.column) has more than \(eventsPerTrace) events; split the log, a case is read whole",
                                   line: child.line, column: child.column)
                }
                steps.append(try readEvent(child))
            } else if XESReader.attributeTypes.contains(name) {
                let attribute = try readAttribute(child)
                if number == nil && attribute.key == "concept:name" {
                    number = attribute.value
                    // Nested attributes under the name are kept with the case's others.
                    if !attribute.children.isEmpty { attributes.append(attribute) }
                } else {
                    attributes.append(attribute)
                }
            } else {
                throw XESReader.unexpected(child, in: "trace", expected: "event or an attribute (string, date, int, float, boolean, id, list, container)")
            }
        }
        guard let number, !number.isEmpty else {
            throw XMLError("missing", "the <trace> at line \(element.line), column \(element.column) has no concept:name; every trace needs a case number, e.g. <string key=\"concept:name\" value=\"case-1\"/>",
                           line: element.line, column: element.column)
        }
        return CaseRecord(number: number, attributes: attributes, steps: steps, line: element.line, column: element.column)
    }

    private mutating func readEvent(_ element: XMLReader.Element) throws -> StepRecord {
        var attributes: [AttributeRecord] = []
        var activity: String?
        var resource: String?
        var occurred: WrittenTime?
        var lifecycle: String?
        while let event = try xml.next() {
            guard case .start(let child) = event else { break }
            let type = XESReader.localName(child.name)
            guard XESReader.attributeTypes.contains(type) else {
                throw XESReader.unexpected(child, in: "event", expected: "an attribute (string, date, int, float, boolean, id, list, container)")
            }
            let attribute = try readAttribute(child)
            switch attribute.key {
            case "concept:name" where activity == nil && attribute.children.isEmpty:
                activity = attribute.value
            case "org:resource" where resource == nil && attribute.children.isEmpty:
                resource = attribute.value
            case "lifecycle:transition" where lifecycle == nil && attribute.children.isEmpty:
                lifecycle = attribute.value
            case "time:timestamp" where occurred == nil && attribute.children.isEmpty:
                guard let time = WrittenTime(parsing: attribute.value) else {
                    throw XMLError("date", "time:timestamp \"\(attribute.value)\" is not a date and time; expected \(WrittenTime.acceptedForms)",
                                   line: child.line, column: child.column)
                }
                if time.utcOffset == nil { timesWithoutOffset += 1 }
                occurred = time
            default:
                attributes.append(attribute)
            }
        }
        guard let activity else {
            throw XMLError("missing", "the <event> at line \(element.line), column \(element.column) has no concept:name; every event needs its activity, e.g. <string key=\"concept:name\" value=\"Register\"/>",
                           line: element.line, column: element.column)
        }
        guard let occurred else {
            throw XMLError("missing", "the <event> \"\(activity)\" at line \(element.line), column \(element.column) has no time:timestamp; every event needs one, e.g. <date key=\"time:timestamp\" value=\"2011-10-11T13:45:40.276+02:00\"/>",
                           line: element.line, column: element.column)
        }
        return StepRecord(activity: activity, resource: resource, occurred: occurred, lifecycle: lifecycle, attributes: attributes, line: element.line)
    }

    // MARK: Attributes

    /// A typed attribute element whose start tag was just read, with its children.
    private mutating func readAttribute(_ element: XMLReader.Element) throws -> AttributeRecord {
        let type = XESReader.localName(element.name)
        var key: String?
        var value: String?
        for attribute in element.attributes {
            if attribute.name == "key" { key = attribute.value } else if attribute.name == "value" { value = attribute.value }
        }
        guard let key else {
            throw XMLError("missing", "<\(element.name)> has no key; write <\(type) key=\"name\" value=\"...\"/>", line: element.line, column: element.column)
        }
        let isCollection = type == "list" || type == "container"
        if value == nil && !isCollection {
            throw XMLError("missing", "<\(type) key=\"\(key)\"> has no value; write value=\"...\"", line: element.line, column: element.column)
        }
        let text = value ?? ""
        // An event's time is read once, where it is used.
        if !(key == "time:timestamp" && type == "date"), let expected = XESReader.check(text, type: type) {
            throw XMLError("value", "<\(type) key=\"\(key)\"> has the value \"\(text)\", which is not \(expected)", line: element.line, column: element.column)
        }
        let children = try readChildren(of: element)
        return AttributeRecord(key: key, type: type, value: text, children: children)
    }

    /// The attributes nested in `element`, up to its end tag; a list's `<values>`
    /// wrapper is read through.
    private mutating func readChildren(of element: XMLReader.Element) throws -> [AttributeRecord] {
        var children: [AttributeRecord] = []
        while let event = try xml.next() {
            guard case .start(let child) = event else { break }
            let name = XESReader.localName(child.name)
            if name == "values" {
                children += try readChildren(of: child)
            } else if XESReader.attributeTypes.contains(name) {
                children.append(try readAttribute(child))
            } else {
                throw XESReader.unexpected(child, in: element.name, expected: "an attribute (string, date, int, float, boolean, id, list, container)")
            }
        }
        return children
    }

    private mutating func skipChildren(of element: XMLReader.Element) throws {
        var level = 1
        while level > 0, let event = try xml.next() {
            if case .start = event { level += 1 } else { level -= 1 }
        }
    }

    /// What the value would have to be for its type, when it is not that.
    private static func check(_ value: String, type: String) -> String? {
        switch type {
        case "int": return Int64(value) == nil ? "a whole number (int)" : nil
        case "float": return Double(value) == nil ? "a number (float)" : nil
        case "boolean": return ["true", "false", "1", "0"].contains(value) ? nil : "true or false (boolean)"
        case "date": return WrittenTime(parsing: value) == nil ? "a date and time (\(WrittenTime.acceptedForms))" : nil
        default: return nil
        }
    }

    private static func unexpected(_ element: XMLReader.Element, in parent: String, expected: String) -> XMLError {
        XMLError("not-xes", "<\(element.name)> is not expected inside <\(parent)>; expected \(expected)", line: element.line, column: element.column)
    }

    /// An element's name without a namespace prefix: `xes:trace` → `trace`.
    static func localName(_ name: String) -> String {
        var name = name
        return name.withUTF8 { bytes in
            guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]), as: UTF8.self)
        } ?? name
    }
}
