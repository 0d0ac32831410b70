import DuchaCore

/// Writes cases as an XES log (IEEE 1849), one trace at a time, in the layout OpenXES
/// uses: the header, then each case as a trace with its `concept:name`, its kept
/// attributes, and its steps as events (`concept:name`, `org:resource`,
/// `time:timestamp` with the offset it was written with, `lifecycle:transition`, then
/// the kept attributes).
public struct XESWriter<Sink: ByteSink> {
    private var sink: Sink
    private var text = ""

    /// A writer into `sink`.
    public init(_ sink: Sink) {
        self.sink = sink
        text.reserveCapacity(1 << 16)
    }

    /// The sink, for what was written to memory.
    public var written: Sink { sink }

    /// The XML declaration and everything before the first trace.
    public mutating func writeHeader(_ header: XESHeader) throws {
        text += "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<log"
        for (name, value) in header.logAttributes {
            text += " \(name)=\"" + XESWriter.escaped(value) + "\""
        }
        text += ">\n"
        for declared in header.extensions {
            text += "\t<extension name=\"\(XESWriter.escaped(declared.name))\" prefix=\"\(XESWriter.escaped(declared.prefix))\" uri=\"\(XESWriter.escaped(declared.uri))\"/>\n"
        }
        for (scope, defaults) in [("trace", header.traceGlobals), ("event", header.eventGlobals)] where !defaults.isEmpty {
            text += "\t<global scope=\"\(scope)\">\n"
            for attribute in defaults { append(attribute, depth: 2) }
            text += "\t</global>\n"
        }
        for classifier in header.classifiers {
            text += "\t<classifier name=\"\(XESWriter.escaped(classifier.name))\" keys=\"\(XESWriter.escaped(classifier.keys))\"/>\n"
        }
        for attribute in header.attributes { append(attribute, depth: 1) }
        try flush()
    }

    /// One case as a trace.
    public mutating func write(_ record: CaseRecord) throws {
        text += "\t<trace>\n"
        append(AttributeRecord(key: "concept:name", type: "string", value: record.number), depth: 2)
        for attribute in record.attributes { append(attribute, depth: 2) }
        for step in record.steps {
            text += "\t\t<event>\n"
            append(AttributeRecord(key: "concept:name", type: "string", value: step.activity), depth: 3)
            if let resource = step.resource { append(AttributeRecord(key: "org:resource", type: "string", value: resource), depth: 3) }
            append(AttributeRecord(key: "time:timestamp", type: "date", value: step.occurred.xsDateTime), depth: 3)
            if let lifecycle = step.lifecycle { append(AttributeRecord(key: "lifecycle:transition", type: "string", value: lifecycle), depth: 3) }
            for attribute in step.attributes { append(attribute, depth: 3) }
            text += "\t\t</event>\n"
        }
        text += "\t</trace>\n"
        if text.utf8.count >= 1 << 16 { try flush() }
    }

    /// Closes the log.
    public mutating func finish() throws {
        text += "</log>\n"
        try flush()
    }

    private mutating func append(_ attribute: AttributeRecord, depth: Int) {
        let indent = String(repeating: "\t", count: depth)
        text += indent + "<" + attribute.type + " key=\"" + XESWriter.escaped(attribute.key) + "\""
        if !(attribute.type == "list" || attribute.type == "container") || !attribute.value.isEmpty {
            text += " value=\"" + XESWriter.escaped(attribute.value) + "\""
        }
        guard !attribute.children.isEmpty else {
            text += "/>\n"
            return
        }
        text += ">\n"
        if attribute.type == "list" {
            text += indent + "\t<values>\n"
            for child in attribute.children { append(child, depth: depth + 2) }
            text += indent + "\t</values>\n"
        } else {
            for child in attribute.children { append(child, depth: depth + 1) }
        }
        text += indent + "</" + attribute.type + ">\n"
    }

    private mutating func flush() throws {
        var pending = text
        text.removeAll(keepingCapacity: true)
        try pending.withUTF8 { try sink.write(UnsafeRawBufferPointer($0)) }
    }

    /// `value` escaped for a double-quoted XML attribute (also tabs and newlines, so they
    /// survive attribute-value normalization).
    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }) else {
            return value
        }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension XESHeader {
    /// The header as the rows an import keeps of it, by scope.
    public var keptAttributes: [(scope: String, attribute: AttributeRecord)] {
        var kept: [(scope: String, attribute: AttributeRecord)] = []
        kept += logAttributes.map { ("log_element", AttributeRecord(key: $0.name, type: "string", value: $0.value)) }
        kept += extensions.map { ("extension", AttributeRecord(key: $0.prefix, type: "id", value: $0.uri, children: [AttributeRecord(key: "name", type: "string", value: $0.name)])) }
        kept += traceGlobals.map { ("global_trace", $0) }
        kept += eventGlobals.map { ("global_event", $0) }
        kept += classifiers.map { ("classifier", AttributeRecord(key: $0.name, type: "string", value: $0.keys)) }
        kept += attributes.map { ("log", $0) }
        return kept
    }

    /// A header from the rows an import kept of it.
    public init(kept: [(scope: String, attribute: AttributeRecord)]) {
        self.init()
        for (scope, attribute) in kept {
            switch scope {
            case "log_element": logAttributes.append((attribute.key, attribute.value))
            case "extension":
                extensions.append(Extension(name: attribute.children.first { $0.key == "name" }?.value ?? "", prefix: attribute.key, uri: attribute.value))
            case "global_trace": traceGlobals.append(attribute)
            case "global_event": eventGlobals.append(attribute)
            case "classifier": classifiers.append(Classifier(name: attribute.key, keys: attribute.value))
            default: attributes.append(attribute)
            }
        }
    }

    /// The header of a log made here from cases of several sources.
    public static func standard(name: String) -> XESHeader {
        var header = XESHeader()
        header.logAttributes = [("xes.version", "1.0"), ("xes.features", "nested-attributes"), ("xmlns", "http://www.xes-standard.org/")]
        header.extensions = [
            Extension(name: "Concept", prefix: "concept", uri: "http://www.xes-standard.org/concept.xesext"),
            Extension(name: "Time", prefix: "time", uri: "http://www.xes-standard.org/time.xesext"),
            Extension(name: "Organizational", prefix: "org", uri: "http://www.xes-standard.org/org.xesext"),
            Extension(name: "Lifecycle", prefix: "lifecycle", uri: "http://www.xes-standard.org/lifecycle.xesext"),
        ]
        header.attributes = [AttributeRecord(key: "concept:name", type: "string", value: name)]
        return header
    }
}
