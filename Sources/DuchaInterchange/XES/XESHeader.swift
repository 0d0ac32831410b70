import DuchaCore

/// What an XES log says about itself before (and around) its traces: the `<log>`
/// element's own XML attributes, extension and classifier declarations, `<global>`
/// defaults (declarations, not data), and log-level attributes with their nesting.
public struct XESHeader: Hashable, Sendable {
    /// An `<extension name= prefix= uri=>` declaration.
    public struct Extension: Hashable, Sendable {
        public let name: String
        public let prefix: String
        public let uri: String
    }

    /// A `<classifier name= keys=>` declaration.
    public struct Classifier: Hashable, Sendable {
        public let name: String
        public let keys: String
    }

    /// The `<log>` element's XML attributes (`xes.version`, `xmlns` ...), in order.
    public var logAttributes: [(name: String, value: String)] = []
    /// Extension declarations, in order.
    public var extensions: [Extension] = []
    /// `<global scope="trace">` defaults.
    public var traceGlobals: [AttributeRecord] = []
    /// `<global scope="event">` defaults.
    public var eventGlobals: [AttributeRecord] = []
    /// Classifier declarations, in order.
    public var classifiers: [Classifier] = []
    /// Log-level attributes (`concept:name`, metadata), nested ones kept as children.
    public var attributes: [AttributeRecord] = []

    /// The log's `concept:name`, if it has one.
    public var name: String? {
        attributes.first { $0.key == "concept:name" }?.value
    }

    public static func == (lhs: XESHeader, rhs: XESHeader) -> Bool {
        lhs.logAttributes.map { [$0.name, $0.value] } == rhs.logAttributes.map { [$0.name, $0.value] }
            && lhs.extensions == rhs.extensions && lhs.traceGlobals == rhs.traceGlobals
            && lhs.eventGlobals == rhs.eventGlobals && lhs.classifiers == rhs.classifiers && lhs.attributes == rhs.attributes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(extensions)
        hasher.combine(attributes)
    }
}
