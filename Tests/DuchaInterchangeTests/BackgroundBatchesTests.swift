import Testing
@testable import DuchaInterchange

@Suite struct BackgroundBatchesTests {
    struct Stop: Error, Equatable { let after: Int }

    @Test(arguments: [1, 7, 256])
    func itemsArriveInOrderAcrossBatches(batchSize: Int) throws {
        let batches = BackgroundBatches<Int>(batchSize: batchSize, depth: 2) { emit in
            for number in 0 ..< 10_000 { guard emit(number) else { return } }
        }
        defer { batches.cancel() }
        var seen: [Int] = []
        while let number = try batches.next() { seen.append(number) }
        #expect(seen == Array(0 ..< 10_000))
        // After the end, the end again.
        #expect(try batches.next() == nil)
    }

    @Test func anErrorComesAfterTheItemsBeforeIt() throws {
        let batches = BackgroundBatches<Int>(batchSize: 64) { emit in
            for number in 0 ..< 1000 { guard emit(number) else { return } }
            throw Stop(after: 1000)
        }
        defer { batches.cancel() }
        var seen = 0
        #expect(throws: Stop(after: 1000)) {
            while let number = try batches.next() {
                #expect(number == seen)
                seen += 1
            }
        }
        #expect(seen == 1000)
    }

    @Test func cancellingStopsAProducerThatWouldNeverEnd() throws {
        let batches = BackgroundBatches<Int>(batchSize: 16, depth: 2) { emit in
            var number = 0
            while emit(number) { number += 1 }
        }
        #expect(try batches.next() == 0)
        #expect(try batches.next() == 1)
        // Returns only once the producer has stopped; a second cancel is harmless.
        batches.cancel()
        batches.cancel()
    }
}
