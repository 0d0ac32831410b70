import DuchaCore

/// An `XESReader` running on its own thread, handing over cases in batches through a
/// bounded queue (`BackgroundBatches`): parsing the next traces overlaps with writing
/// the last ones, and memory stays bounded (a few batches in flight). Errors are handed
/// over in order, so the consumer sees exactly what a plain reader would have thrown,
/// where it would have thrown it.
public final class BackgroundXESReader: @unchecked Sendable {
    /// What the reading thread hands over: the header once the first trace is read,
    /// each case, and the final header with the count of times without an offset.
    private enum Piece: Sendable {
        case header(XESHeader)
        case record(CaseRecord)
        case end(header: XESHeader, timesWithoutOffset: Int)
    }

    private let pieces: BackgroundBatches<Piece>

    /// What the log says about itself: complete once `next()` has returned the first
    /// case, and final (trailing log attributes included) once it has returned nil.
    public private(set) var header = XESHeader()
    /// How many event times had no offset (read as UTC); final at the end.
    public private(set) var timesWithoutOffset = 0

    /// Starts reading `source` on another thread.
    public init(_ source: some ByteSource, limits: XMLReader.Limits = .init()) {
        nonisolated(unsafe) let handed = XESReader(source, limits: limits)
        pieces = BackgroundBatches(batchSize: 128) { emit in
            var reader = handed
            var headerSent = false
            while let record = try reader.next() {
                if !headerSent {
                    guard emit(.header(reader.header)) else { return }
                    headerSent = true
                }
                guard emit(.record(record)) else { return }
            }
            _ = emit(.end(header: reader.header, timesWithoutOffset: reader.timesWithoutOffset))
        }
    }

    /// The next case, or nil after the last; rethrows what reading met.
    public func next() throws -> CaseRecord? {
        while let piece = try pieces.next() {
            switch piece {
            case .header(let header):
                self.header = header
            case .record(let record):
                return record
            case .end(let header, let times):
                self.header = header
                timesWithoutOffset = times
            }
        }
        return nil
    }

    /// Stops the reading thread at its next batch and waits for it to end, so nothing
    /// runs on after the import (or at exit).
    public func cancel() {
        pieces.cancel()
    }
}
