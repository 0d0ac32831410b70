#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where rendered text goes: a file descriptor with a buffer, or a string in memory
/// (tests). Renderers write to the output they are given and never to stdout directly.
public final class TextOutput {
    private enum Target {
        case descriptor(Int32, ownsDescriptor: Bool)
        case memory
    }

    private let target: Target
    private var buffer: [UInt8] = []
    /// Everything written, for an in-memory output.
    public private(set) var captured: String = ""
    /// Whether the output is a terminal (tables get head and tail, colours may be used).
    public let isTerminal: Bool
    /// The width given to an in-memory output (tests).
    private let fixedWidth: Int?
    /// Why writing failed (the system's reason), once it has; later writes are dropped.
    public private(set) var failure: String?

    private init(target: Target, isTerminal: Bool, terminalWidth: Int?) {
        self.target = target
        self.isTerminal = isTerminal
        self.fixedWidth = terminalWidth
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        flush()
        if case .descriptor(let descriptor, true) = target { close(descriptor) }
    }

    /// Standard output.
    public static func standardOutput() -> TextOutput { descriptor(STDOUT_FILENO, owns: false) }

    /// Standard error.
    public static func standardError() -> TextOutput { descriptor(STDERR_FILENO, owns: false) }

    /// A string in memory.
    public static func memory(isTerminal: Bool = false, width: Int? = nil) -> TextOutput {
        TextOutput(target: .memory, isTerminal: isTerminal, terminalWidth: width)
    }

    /// A new or truncated file; throws with the system's reason when it cannot be created.
    public static func file(_ path: String) throws -> TextOutput {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ShellError(.cannotWrite, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return TextOutput(target: .descriptor(descriptor, ownsDescriptor: true), isTerminal: false, terminalWidth: nil)
    }

    private static func descriptor(_ descriptor: Int32, owns: Bool) -> TextOutput {
        TextOutput(target: .descriptor(descriptor, ownsDescriptor: owns), isTerminal: isatty(descriptor) == 1, terminalWidth: nil)
    }

    /// The terminal's width in columns, nil when the output is not a terminal (files and
    /// pipes) or its width is not known. A terminal is asked each time, so a resized
    /// window is followed; when it does not say, `COLUMNS` is read, as shells set it.
    public var terminalWidth: Int? {
        guard case .descriptor(let descriptor, _) = target else { return fixedWidth }
        guard isTerminal else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        guard let columns = getenv("COLUMNS"), let width = Int(String(cString: columns)), width > 0 else { return nil }
        return width
    }

    /// Appends text.
    public func write(_ text: String) {
        guard failure == nil else { return }
        switch target {
        case .memory:
            captured += text
        case .descriptor:
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { flush() }
        }
    }

    /// Appends a line given as UTF-8 bytes (the delimited renderers build lines as bytes),
    /// and a newline.
    public func line(utf8 bytes: [UInt8]) {
        guard failure == nil else { return }
        switch target {
        case .memory:
            captured += String(decoding: bytes, as: UTF8.self) + "\n"
        case .descriptor:
            buffer.append(contentsOf: bytes)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 { flush() }
        }
    }

    /// Appends text and a newline.
    public func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Hands buffered bytes to the system.
    public func flush() {
        guard case .descriptor(let descriptor, _) = target, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if failure == nil { failure = String(cString: strerror(errno)) }
                    break
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
