#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditline
import DuchaCore

/// The interactive line editor: libedit's wide-character API, with our own reader so
/// that Ctrl-C clears the line instead of ending the shell, tab completion from the
/// command table, and history saved (mode 0600) after every entry.
final class LineEditor: LineSource {
    let name = "<terminal>"
    var isInteractive: Bool { true }
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var prompt: UnsafeMutablePointer<wchar_t>
    private let primaryPrompt: String
    private let continuationPrompt: (String) -> String
    private let complete: (String) -> Completer.Completion
    private let output: TextOutput
    private var lineNumber = 0
    /// The streams libedit reads and writes, closed after it ends.
    private let streams: [UnsafeMutablePointer<FILE>]
    /// Strings libedit keeps pointers to without copying (function name and help): they
    /// live as long as the editor.
    private let retainedStrings: [UnsafeMutablePointer<wchar_t>]

    /// Makes an editor on the terminal. `complete` receives the text before the cursor.
    /// `screen` is the descriptor the editor draws on: standard output, or standard
    /// error when the results go to a file.
    init?(program: String, primaryPrompt: String, continuationPrompt: @escaping (String) -> String, historyPath: String?,
          screen: Int32, output: TextOutput, complete: @escaping (String) -> Completer.Completion) {
        TerminalLocale.ensureUTF8()
        // libedit is opened now, for a person at a terminal; without it the shell reads
        // plain lines.
        guard ducha_editline_available() != 0 else { return nil }
        guard let input = fdopen(dup(STDIN_FILENO), "r") else { return nil }
        guard let terminal = fdopen(dup(screen), "w"), let errors = fdopen(dup(STDERR_FILENO), "w") else {
            fclose(input)
            return nil
        }
        let streams = [input, terminal, errors]
        guard let editLine = ducha_el_init(program, input, terminal, errors) else {
            streams.forEach { fclose($0) }
            return nil
        }
        guard let history = ducha_history_winit() else {
            ducha_el_end(editLine)
            streams.forEach { fclose($0) }
            return nil
        }
        self.streams = streams
        let functionName = LineEditor.wide("ducha-complete")
        let functionHelp = LineEditor.wide("complete the word before the cursor")
        retainedStrings = [functionName, functionHelp]
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.primaryPrompt = primaryPrompt
        self.continuationPrompt = continuationPrompt
        self.complete = complete
        self.output = output
        self.prompt = LineEditor.wide(primaryPrompt)

        ducha_history_set_size(history, 2000)
        ducha_history_set_unique(history, 1)
        if let historyPath { _ = ducha_history_load(history, historyPath) }

        ducha_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = LineEditor.withWide("emacs") { ducha_el_set_editor(editLine, $0) }
        ducha_el_set_signal(editLine, 0)
        ducha_el_set_history(editLine, history)
        ducha_el_set_getc(editLine, { editLine, character in
            LineEditor.readCharacter(into: character)
        })
        ducha_el_set_prompt(editLine, { editLine in
            guard let editLine, let data = ducha_el_client_data(editLine) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
        })
        ducha_el_add_function(editLine, functionName, functionHelp, { editLine, _ in
            guard let editLine, let data = ducha_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeAtCursor()
        })
        _ = LineEditor.withWide("^I") { key in ducha_el_bind(editLine, key, functionName) }
    }

    deinit {
        ducha_el_end(editLine)
        ducha_history_wend(history)
        streams.forEach { fclose($0) }
        retainedStrings.forEach { $0.deallocate() }
        prompt.deallocate()
    }

    func next(continuation: String?) -> LineEvent {
        prompt.deallocate()
        prompt = LineEditor.wide(continuation.map { continuationPrompt($0) } ?? primaryPrompt)
        output.flush()
        // libedit's own SIGWINCH handling is off (our reader owns the signals): ask the
        // terminal's size before each line so a resize between entries is honoured.
        ducha_el_resize(editLine)
        var count: Int32 = 0
        errno = 0
        let line = ducha_el_wgets(editLine, &count)
        if InterruptSignal.isPending { return .interrupted }
        guard let line, count > 0 else { return .end }
        var scalars = String.UnicodeScalarView()
        for index in 0..<Int(count) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: line[index])) { scalars.append(scalar) }
        }
        var text = String(scalars)
        if text.hasSuffix("\n") { text.removeLast() }
        lineNumber += 1
        return .line(text, number: lineNumber)
    }

    /// Adds an entry to the history and saves the history file at once.
    func remember(_ entry: String) {
        guard !entry.trimmingBlanks().isEmpty else { return }
        _ = LineEditor.withWide(entry) { ducha_history_enter(history, $0) }
        guard let historyPath else { return }
        let descriptor = open(historyPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        _ = ducha_history_save(history, historyPath)
        chmod(historyPath, 0o600)
    }

    // MARK: Completion

    private func completeAtCursor() -> UInt8 {
        guard let info = ducha_el_wline(editLine) else { return UInt8(CC_ERROR) }
        var scalars = String.UnicodeScalarView()
        var cursor = info.pointee.buffer!
        while cursor < info.pointee.cursor {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: cursor.pointee)) { scalars.append(scalar) }
            cursor += 1
        }
        let completion = complete(String(scalars))
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let prefix = completion.commonPrefix
        if !prefix.isEmpty && !prefix.hasPrefix(completion.word) {
            // A name found by pinyin (snyj → "市农业局") replaces what was typed.
            ducha_el_deletestr(editLine, Int32(completion.word.count))
            _ = LineEditor.withWide(prefix + (completion.candidates.count == 1 ? " " : "")) { ducha_el_winsertstr(editLine, $0) }
            return UInt8(CC_REFRESH)
        }
        if prefix.count > completion.word.count {
            var insertion = String(prefix.dropFirst(completion.word.count))
            if completion.candidates.count == 1 { insertion += " " }
            _ = LineEditor.withWide(insertion) { ducha_el_winsertstr(editLine, $0) }
            return UInt8(CC_REFRESH)
        }
        if completion.candidates.count == 1 {
            _ = LineEditor.withWide(" ") { ducha_el_winsertstr(editLine, $0) }
            return UInt8(CC_REFRESH)
        }
        listCandidates(completion.candidates)
        return UInt8(CC_REDISPLAY)
    }

    /// Prints candidates in columns sized by display width.
    private func listCandidates(_ candidates: [String]) {
        let width = (candidates.map(\.displayWidth).max() ?? 0) + 2
        let terminalWidth = max(width, TerminalLocale.width())
        let perLine = max(1, terminalWidth / width)
        var text = "\n"
        for (index, candidate) in candidates.enumerated() {
            text += candidate.padded(toWidth: width, alignment: .left)
            if (index + 1) % perLine == 0 || index == candidates.count - 1 { text += "\n" }
        }
        output.write(text)
        output.flush()
    }

    // MARK: Reading keys

    /// libedit's character reader: UTF-8 from standard input, one wide character at a
    /// time; returns -1 on Ctrl-C so that el_wgets gives up the line.
    private static func readCharacter(into character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
        var bytes: [UInt8] = []
        var needed = 1
        while bytes.count < needed {
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR {
                    if InterruptSignal.isPending { return -1 }
                    continue
                }
                return -1
            }
            if count == 0 { return 0 }
            if bytes.isEmpty {
                switch byte {
                case 0..<0x80: needed = 1
                case 0xC0..<0xE0: needed = 2
                case 0xE0..<0xF0: needed = 3
                case 0xF0..<0xF8: needed = 4
                default: continue
                }
            } else if byte & 0xC0 != 0x80 {
                bytes = []
                needed = 1
                continue
            }
            bytes.append(byte)
        }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
        character?.pointee = wchar_t(bitPattern: scalar)
        return 1
    }

    // MARK: Wide strings

    private static func wide(_ text: String) -> UnsafeMutablePointer<wchar_t> {
        let scalars = Array(text.unicodeScalars)
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: scalars.count + 1)
        for (index, scalar) in scalars.enumerated() { buffer[index] = wchar_t(bitPattern: scalar.value) }
        buffer[scalars.count] = 0
        return buffer
    }

    private static func withWide<T>(_ text: String, _ body: (UnsafePointer<wchar_t>) -> T) -> T {
        let buffer = wide(text)
        defer { buffer.deallocate() }
        return body(buffer)
    }
}
