import DuchaCore
import DuchaStore

/// The one input loop: it serves the terminal, pipes, `-c`, `-f`, `.read` and the
/// startup file alike. It joins continuation lines into entries, runs each, reports
/// errors, and decides the exit status.
public enum InputLoop {
    /// How a run ends.
    public struct Result: Sendable, Equatable {
        /// The exit status: that of the first failure, or success.
        public let status: ExitStatus
        /// Whether `.quit` (or Ctrl-D) ended it.
        public let quit: Bool
    }

    /// Runs every entry of `source`. With `bail`, stops at the first failure.
    static func run(_ source: inout some LineSource, in session: Session, bail: Bool, promptWidth: Int = 0) -> Result {
        var status = ExitStatus.success
        var entry = EntryBuilder()
        var start: SourcePosition?
        func fail(_ error: ShellError, line: String? = nil) -> Bool {
            if !error.alreadyReported { report(error, interactive: source.isInteractive, typedLine: line, promptWidth: promptWidth, in: session) }
            // Ctrl-C outranks earlier failures: the run ends as interrupted.
            if status == .success || error.exitStatus == .interrupted { status = error.exitStatus }
            return bail || error.exitStatus == .interrupted && !source.isInteractive
        }
        while true {
            switch source.next(continuation: entry.isEmpty ? nil : entry.openMarker) {
            case .end:
                if !entry.isEmpty, let start {
                    _ = fail(ShellError(.unfinishedInput, "the input ended inside \(entry.openDescription); finish the entry or remove what opened it", at: start))
                }
                session.output.flush()
                return Result(status: status, quit: false)
            case .interrupted:
                InterruptSignal.take()
                entry.reset()
                start = nil
                if source.isInteractive {
                    session.diagnostics.line("^C")
                    session.diagnostics.flush()
                    continue
                }
                _ = fail(ShellError(.interrupted, "interrupted"))
                return Result(status: .interrupted, quit: true)
            case .invalid(let error):
                entry.reset()
                start = nil
                if fail(error) { return Result(status: status, quit: false) }
            case .line(let text, let number):
                if entry.isEmpty {
                    let trimmed = text.trimmingBlanks()
                    if trimmed.isEmpty || trimmed.hasPrefix("--") { continue }
                    start = SourcePosition(source: source.name, line: number, column: 1)
                }
                guard entry.add(text), let position = start else { continue }
                let complete = Entry(text: entry.text, position: position)
                let typedLine = entry.lineCount == 1 ? entry.text : nil
                entry.reset()
                start = nil
                if source.isInteractive { source.remember(complete.text) }
                switch execute(complete, in: session) {
                case .success(.quit):
                    session.output.flush()
                    return Result(status: status, quit: true)
                case .success(.proceed):
                    continue
                case .failure(let error):
                    if fail(error, line: typedLine) { return Result(status: status, quit: true) }
                }
            }
        }
    }

    /// Runs a script file as `.read` does, reporting its errors under its own name.
    /// Returns `.quit` when the script ran `.quit`: it ends the session from any depth.
    static func runScript(path: String, in session: Session, at position: SourcePosition) throws -> DotOutcome {
        guard session.readDepth < 16 else {
            throw ShellError(.readDepth, ".read is nested more than 16 deep; does a script read itself?", at: position)
        }
        let bytes: [UInt8]
        do {
            bytes = try session.files.read(path)
        } catch let error as ShellError {
            throw error.placed(at: position)
        }
        session.readDepth += 1
        defer { session.readDepth -= 1 }
        var source = TextLineSource(name: path, bytes: bytes)
        let result = run(&source, in: session, bail: session.bail)
        if result.quit && result.status == .success { return .quit }
        if result.status != .success {
            var error = ShellError(result.status == .interrupted ? .interrupted : .scriptFailed, "\(path) failed", at: position)
            error.alreadyReported = true
            error.statusOverride = result.status
            throw error
        }
        return .proceed
    }

    private static func execute(_ entry: Entry, in session: Session) -> Swift.Result<DotOutcome, ShellError> {
        let started = ContinuousClock.now
        defer {
            if session.timer {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                session.output.line("time: " + formatSeconds(seconds) + " s")
            }
        }
        do {
            let outcome = try EntryRunner.run(entry, in: session)
            if InterruptSignal.take() { return .failure(ShellError(.interrupted, "interrupted", at: entry.position)) }
            // Results of each entry leave at once, so a pipe sees them as they come.
            session.output.flush()
            if let failure = session.output.failure, !session.reportedOutputFailure {
                session.reportedOutputFailure = true
                return .failure(ShellError(.cannotWrite, "cannot write the results: \(failure)", at: entry.position))
            }
            return .success(outcome)
        } catch let error as ShellError {
            InterruptSignal.take()
            return .failure(error.placed(at: entry.position))
        } catch {
            InterruptSignal.take()
            return .failure(ShellError.from(error).placed(at: entry.position))
        }
    }

    private static func report(_ error: ShellError, interactive: Bool, typedLine: String?, promptWidth: Int, in session: Session) {
        session.output.flush()
        let diagnostics = error.diagnostics.isEmpty
            ? [Diagnostic(error.code.rawValue, error.message, at: 0..<0)]
            : error.diagnostics
        for diagnostic in diagnostics {
            let position = error.diagnostics.isEmpty ? error.position : error.position?.advanced(by: diagnostic.range.lowerBound, in: error.text)
            let code = error.diagnostics.isEmpty ? error.code.rawValue : diagnostic.id
            switch session.errorFormat {
            case .json:
                session.diagnostics.line(ErrorRecord(position: position, code: code, message: diagnostic.message).json)
            case .text where interactive && position?.source == "<terminal>" && typedLine != nil:
                let line = typedLine ?? ""
                let place = error.diagnostics.isEmpty
                    ? Diagnostic(code, diagnostic.message, at: (position?.column ?? 1) - 1..<(position?.column ?? 1))
                    : diagnostic.shifted(by: line.count - error.text.count)
                session.diagnostics.line(place.caret(in: line, indent: promptWidth)[1])
                session.diagnostics.line("error: " + diagnostic.message)
            case .text:
                session.diagnostics.line((position.map { "\($0): " } ?? "") + "error: " + diagnostic.message)
                if !error.diagnostics.isEmpty {
                    for line in diagnostic.caret(in: error.text) { session.diagnostics.line("    " + line) }
                }
            }
        }
        session.diagnostics.flush()
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        let whole = milliseconds / 1000, fraction = milliseconds % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }
}
