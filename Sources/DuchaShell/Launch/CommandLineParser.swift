import DuchaCore

/// One option a program takes: its names, the value it wants (none for a flag), and
/// what it is for.
public struct OptionSpec: Sendable, Hashable {
    /// Its names, the first the one it is known by: `-c`, `--mode`.
    public let names: [String]
    /// The name of its value in help (`TEXT`); nil for a flag.
    public let value: String?
    /// One sentence for `--help`.
    public let help: String
    /// Whether it may be given more than once (each value kept, in order).
    public let repeatable: Bool

    public init(_ names: String..., value: String? = nil, help: String, repeatable: Bool = false) {
        self.names = names
        self.value = value
        self.help = help
        self.repeatable = repeatable
    }

    /// The key its values are kept under: its first name.
    public var key: String { names[0] }
}

/// A mistake in the words a program was started with: the message, and the usage line
/// to show under it.
public struct UsageError: Error, Hashable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// What the words of a command line say, read against a list of `OptionSpec`s: the
/// values of each option and the positional arguments in order.
///
/// The rules are the usual ones: `--name VALUE` or `--name=VALUE`; `-c VALUE` or
/// `-cVALUE`; a value is the next word whatever it looks like (so `-c '-- note'` runs
/// that text); `--` ends the options; `-h`/`--help` and `--version` are answered by the
/// caller. An unknown option gets did-you-mean from the known names. Kept to arrays:
/// this runs at every start, where each new dictionary or set type costs the Swift
/// runtime a lookup of its own.
public struct ParsedArguments: Sendable, Hashable {
    private let options: [OptionSpec]
    /// The values given to each option, by its index among the options; a flag given
    /// has one empty value.
    private var given: [[String]]
    /// The words that are not options, in order.
    public private(set) var positionals: [String] = []

    /// The values of option `key` in the order given (empty when not given).
    public func values(_ key: String) -> [String] {
        guard let index = options.firstIndex(where: { $0.key == key }) else { return [] }
        return given[index]
    }

    /// The value of a non-repeatable option, nil when not given.
    public func value(_ key: String) -> String? { values(key).last }

    /// Whether the flag `key` was given.
    public func flag(_ key: String) -> Bool { !values(key).isEmpty }

    /// Reads `words` (without the program's name); at most `maximumPositionals` words
    /// that are not options, described as `positionalName` in errors.
    public static func parse(_ words: [String], options: [OptionSpec], maximumPositionals: Int, positionalName: String) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments(options: options, given: Array(repeating: [], count: options.count))
        var index = 0
        var optionsEnded = false
        func positional(_ word: String) throws(UsageError) {
            guard parsed.positionals.count < maximumPositionals else {
                let given = parsed.positionals.map { "'\($0)'" }.joined(separator: ", ")
                throw UsageError("unexpected argument '\(word)': the \(positionalName) is already \(given)"
                    + (word.hasPrefix("-") ? "" : "; quote a name with blanks"))
            }
            parsed.positionals.append(word)
        }
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                try positional(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            // The option's name, and a value attached to it (`--mode=csv`, `-cTEXT`).
            var name = word
            var attached: String?
            if word.hasPrefix("--") {
                if let equals = word.firstIndex(of: "=") {
                    name = String(word[..<equals])
                    attached = String(word[word.index(after: equals)...])
                }
            } else if word.count > 2 {
                name = String(word.prefix(2))
                attached = String(word.dropFirst(2))
            }
            guard let found = options.firstIndex(where: { $0.names.contains(name) }) else {
                let shown = attached == nil || name.hasPrefix("--") ? name : word
                // Only long names are worth a did-you-mean: every short one is one letter off.
                let close = name.hasPrefix("--") ? Suggestion.phrase(for: name, among: options.flatMap(\.names).filter { $0.hasPrefix("--") }) : ""
                throw UsageError("unknown option '\(shown)'" + close)
            }
            let option = options[found]
            guard let valueName = option.value else {
                guard attached == nil else {
                    throw UsageError(name.hasPrefix("--") ? "\(name) is a flag and takes no value; write \(name) alone"
                        : "unknown option '\(word)'; \(name) is a flag and takes no value")
                }
                if parsed.given[found].isEmpty { parsed.given[found] = [""] }
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < words.count else {
                    throw UsageError("\(name) needs a value: \(name) \(valueName)")
                }
                value = words[index]
                index += 1
            }
            if !option.repeatable, !parsed.given[found].isEmpty {
                throw UsageError("\(name) is given twice; give it once")
            }
            parsed.given[found].append(value)
        }
        return parsed
    }
}

/// The `--help` text of a program: what it does, its usage line, its arguments and
/// options, each help wrapped to `width` columns (by display width).
public struct CommandLineHelp: Sendable {
    public let overview: String
    public let usage: String
    public let arguments: [(name: String, help: String)]
    public let options: [OptionSpec]
    public let footer: String?

    public init(overview: String, usage: String, arguments: [(name: String, help: String)] = [], options: [OptionSpec], footer: String? = nil) {
        self.overview = overview
        self.usage = usage
        self.arguments = arguments
        self.options = options
        self.footer = footer
    }

    /// The whole text, ending in a line end.
    public func text(width: Int = 80) -> String {
        var lines = CommandLineHelp.wrapped(overview, width: width, indent: 0)
        lines.append("")
        lines.append("Usage: " + usage)
        if !arguments.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            for argument in arguments { lines += CommandLineHelp.entry(argument.name, argument.help, width: width) }
        }
        lines.append("")
        lines.append("Options:")
        for option in options {
            let label = option.names.joined(separator: ", ") + (option.value.map { " " + $0 } ?? "")
            lines += CommandLineHelp.entry(label, option.help, width: width)
        }
        if let footer {
            lines.append("")
            lines += footer.split(separator: "\n", omittingEmptySubsequences: false).flatMap { CommandLineHelp.wrapped(String($0), width: width, indent: 0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A usage error as it is printed: the message, the usage line and where help is.
    public func errorText(_ error: UsageError, program: String) -> String {
        "error: \(error.message)\nUsage: \(usage)\n  See '\(program) --help' for more.\n"
    }

    private static let column = 24

    private static func entry(_ label: String, _ help: String, width: Int) -> [String] {
        let lead = "  " + label
        var body = wrapped(help, width: width, indent: column)
        if lead.displayWidth + 2 <= column, !body.isEmpty {
            body[0] = lead + String(repeating: " ", count: column - lead.displayWidth) + body[0].dropFirst(column)
            return body
        }
        return [lead] + body
    }

    /// `text` broken at blanks into lines of at most `width` columns, each indented.
    private static func wrapped(_ text: String, width: Int, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, indent + candidate.displayWidth > width {
                lines.append(pad + line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(pad + line) }
        return lines
    }
}
