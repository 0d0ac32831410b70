import Dispatch

/// A producer running on its own thread, handing its items over in batches through a
/// bounded queue: reading and checking the next rows overlaps with writing the last
/// ones, and memory stays bounded (a few batches in flight). An error the producer
/// throws is handed over after the items before it, so the consumer meets it exactly
/// where a reader on its own thread would have thrown it.
public final class BackgroundBatches<Item: Sendable>: @unchecked Sendable {
    private enum Message {
        case items([Item])
        case end
        case failure(any Error)
    }

    private let batchSize: Int
    private let mutex = DispatchSemaphore(value: 1)
    private let filled = DispatchSemaphore(value: 0)
    /// Room in the queue. Made at zero and signalled up to the depth: libdispatch
    /// refuses to free a semaphore whose count is below the one it was made with, as a
    /// producer stopped halfway leaves it.
    private let slots = DispatchSemaphore(value: 0)
    private let producerDone = DispatchSemaphore(value: 0)
    private var joined = false
    private var messages: [Message] = []
    private var cancelled = false
    private var current: [Item] = []
    private var position = 0
    private var ended = false

    /// Starts `produce` on another thread. It calls `emit` with each item, in order,
    /// and stops when `emit` returns false (the consumer is gone); whatever it throws
    /// reaches the consumer's `next()` after the items emitted before.
    public init(batchSize: Int = 256, depth: Int = 8,
                _ produce: @escaping @Sendable (_ emit: (Item) -> Bool) throws -> Void) {
        self.batchSize = max(1, batchSize)
        for _ in 0 ..< max(1, depth) { slots.signal() }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            run(produce)
        }
    }

    /// The next item, or nil after the last; rethrows what the producer threw.
    public func next() throws -> Item? {
        while position == current.count {
            guard !ended else { return nil }
            filled.wait()
            mutex.wait()
            let message = messages.removeFirst()
            mutex.signal()
            slots.signal()
            switch message {
            case .items(let items):
                current = items
                position = 0
            case .end:
                ended = true
                current = []
                position = 0
                return nil
            case .failure(let error):
                ended = true
                current = []
                position = 0
                throw error
            }
        }
        position += 1
        return current[position - 1]
    }

    /// Stops the producer at its next batch and waits for it to end, so nothing runs
    /// on after the consumer is done (or at exit).
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

    private func run(_ produce: (_ emit: (Item) -> Bool) throws -> Void) {
        defer { producerDone.signal() }
        var batch: [Item] = []
        batch.reserveCapacity(batchSize)
        var going = true
        do {
            try produce { item in
                guard going else { return false }
                batch.append(item)
                if batch.count == batchSize {
                    going = send(.items(batch))
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
                return going
            }
            guard going else { return }
            if !batch.isEmpty {
                guard send(.items(batch)) else { return }
            }
            _ = send(.end)
        } catch {
            guard going else { return }
            if !batch.isEmpty {
                guard send(.items(batch)) else { return }
            }
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
