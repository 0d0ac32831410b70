import Dispatch
import DuchaCore

/// An `XESReader` running on its own thread, handing over cases in batches through a
/// bounded queue: parsing the next traces overlaps with writing the last ones, and
/// memory stays bounded (a few batches in flight). Errors are handed over in order, so
/// the consumer sees exactly what a plain reader would have thrown, where it would
/// have thrown it.
public final class BackgroundXESReader: @unchecked Sendable {
    private enum Message {
        case cases([CaseRecord], header: XESHeader?)
        case end(header: XESHeader, timesWithoutOffset: Int)
        case failure(any Error)
    }

    private static let batchSize = 128
    private let mutex = DispatchSemaphore(value: 1)
    private let filled = DispatchSemaphore(value: 0)
    private let slots = DispatchSemaphore(value: 8)
    private let producerDone = DispatchSemaphore(value: 0)
    private var joined = false
    private var messages: [Message] = []
    private var cancelled = false
    private var current: [CaseRecord] = []
    private var position = 0
    private var ended = false

    /// What the log says about itself: complete once `next()` has returned the first
    /// case, and final (trailing log attributes included) once it has returned nil.
    public private(set) var header = XESHeader()
    /// How many event times had no offset (read as UTC); final at the end.
    public private(set) var timesWithoutOffset = 0

    /// Starts reading `source` on another thread.
    public init(_ source: some ByteSource, limits: XMLReader.Limits = .init()) {
        nonisolated(unsafe) let reader = XESReader(source, limits: limits)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var reader = reader
            produce(&reader)
        }
    }


    /// The next case, or nil after the last; rethrows what reading met.
    public func next() throws -> CaseRecord? {
        while position == current.count {
            guard !ended else { return nil }
            filled.wait()
            mutex.wait()
            let message = messages.removeFirst()
            mutex.signal()
            slots.signal()
            switch message {
            case .cases(let cases, let header):
                if let header { self.header = header }
                current = cases
                position = 0
            case .end(let header, let times):
                self.header = header
                timesWithoutOffset = times
                ended = true
                return nil
            case .failure(let error):
                ended = true
                throw error
            }
        }
        position += 1
        return current[position - 1]
    }

    /// Stops the reading thread at its next batch and waits for it to end, so nothing
    /// runs on after the import (or at exit).
    public func cancel() {
        mutex.wait()
        let already = cancelled
        cancelled = true
        mutex.signal()
        guard !already else { return }
        // Unblock a producer waiting for room, then wait for it to finish.
        slots.signal()
        if !joined {
            producerDone.wait()
            joined = true
        }
    }

    private func produce(_ reader: inout XESReader) {
        defer { producerDone.signal() }
        var batch: [CaseRecord] = []
        var headerSent = false
        do {
            while let record = try reader.next() {
                batch.append(record)
                if batch.count == BackgroundXESReader.batchSize {
                    guard send(.cases(batch, header: headerSent ? nil : reader.header)) else { return }
                    headerSent = true
                    batch = []
                    batch.reserveCapacity(BackgroundXESReader.batchSize)
                }
            }
            if !batch.isEmpty {
                guard send(.cases(batch, header: headerSent ? nil : reader.header)) else { return }
            }
            _ = send(.end(header: reader.header, timesWithoutOffset: reader.timesWithoutOffset))
        } catch {
            _ = send(.failure(error))
        }
    }

    /// Queues a message when there is room; false once cancelled.
    private func send(_ message: Message) -> Bool {
        slots.wait()
        mutex.wait()
        defer { mutex.signal() }
        guard !cancelled else { return false }
        messages.append(message)
        filled.signal()
        return true
    }
}
