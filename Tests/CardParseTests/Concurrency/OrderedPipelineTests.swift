import Foundation
import Synchronization
import Testing
@testable import CardConcurrency

@Suite("Ordered pipeline")
struct OrderedPipelineTests {
    /// Items that take uneven time still come out in the order they went in.
    @Test("outputs keep the input order with a source thread")
    func sourceOrder() throws {
        var next = 0
        let pipeline = OrderedPipeline<Int, String>(workers: 3, source: {
            defer { next += 1 }
            return next < 500 ? next : nil
        }, transform: { item, _ in
            if item % 7 == 0 { usleep(200) }   // slow items overtaken by later ones
            return "#\(item)"
        })
        var outputs: [String] = []
        while let output = try pipeline.next() { outputs.append(output) }
        #expect(outputs == (0..<500).map { "#\($0)" })
        #expect(try pipeline.next() == nil)
    }

    final class Box: @unchecked Sendable { var value = 0 }

    /// The transform owns what it is given: an item left referenced on the way (the source's or
    /// the pusher's binding, the queue, the worker's) would make the transform's first change
    /// copy the whole item (a batch of records, and every contact in it).
    @Test("items reach the transform as its only reference", arguments: [false, true])
    func itemsMoveToTheTransform(pushed: Bool) throws {
        let transform: @Sendable (consuming [Box], Int) -> Bool = { (item: consuming [Box], _: Int) in
            // An array changed in place keeps its buffer; a shared one is copied first. (A
            // consuming parameter is changed directly: `var copy = item` would share it.)
            let before = item.withUnsafeBufferPointer { $0.baseAddress }
            item[0] = Box()
            return before == item.withUnsafeBufferPointer { $0.baseAddress }
        }
        var outputs: [Bool] = []
        if pushed {
            let pipeline = OrderedPipeline<[Box], Bool>(workers: 2, transform: transform)
            for _ in 0..<300 { pipeline.push([Box(), Box()]) { outputs.append($0) } }
            pipeline.finish { outputs.append($0) }
        } else {
            var count = 0
            let pipeline = OrderedPipeline<[Box], Bool>(workers: 2, source: {
                count += 1
                return count <= 300 ? [Box(), Box()] : nil
            }, transform: transform)
            while let output = try pipeline.next() { outputs.append(output) }
        }
        #expect(outputs.count == 300)
        #expect(outputs.allSatisfy { $0 })
    }

    @Test("push and finish deliver every output once, in order")
    func pushOrder() {
        let pipeline = OrderedPipeline<Int, Int>(workers: 2, capacity: 3) { item, _ in
            if item % 5 == 0 { usleep(100) }
            return item * 2
        }
        var outputs: [Int] = []
        for item in 0..<300 { pipeline.push(item) { outputs.append($0) } }
        pipeline.finish { outputs.append($0) }
        #expect(outputs == (0..<300).map { $0 * 2 })
    }

    /// A slow consumer never has more than `capacity` items read ahead of it.
    @Test("the source runs at most capacity items ahead of the consumer")
    func boundedInFlight() throws {
        let produced = Mutex(0)
        var next = 0
        let pipeline = OrderedPipeline<Int, Int>(workers: 2, capacity: 4, source: {
            defer { next += 1 }
            guard next < 100 else { return nil }
            produced.withLock { $0 += 1 }
            return next
        }, transform: { item, _ in item })
        var taken = 0
        while let _ = try pipeline.next() {
            taken += 1
            usleep(300)
            // Produced ≤ taken + capacity, plus the one the source holds while it waits for room.
            #expect(produced.withLock { $0 } <= taken + 4 + 1)
        }
        #expect(taken == 100)
    }

    struct SourceFailed: Error {}

    @Test("a source error comes after the outputs before it")
    func sourceFailure() throws {
        var next = 0
        let pipeline = OrderedPipeline<Int, Int>(workers: 2, source: {
            defer { next += 1 }
            if next == 10 { throw SourceFailed() }
            return next
        }, transform: { item, _ in item })
        var outputs: [Int] = []
        #expect(throws: SourceFailed.self) {
            while let output = try pipeline.next() { outputs.append(output) }
        }
        #expect(outputs == Array(0..<10))
    }

    @Test("each worker gets its own number")
    func workerNumbers() {
        let seen = Mutex(Set<Int>())
        let pipeline = OrderedPipeline<Int, Int>(workers: 3) { item, worker in
            seen.withLock { _ = $0.insert(worker) }
            usleep(100)
            return item
        }
        for item in 0..<60 { pipeline.push(item) { _ in } }
        pipeline.finish { _ in }
        #expect(seen.withLock { $0 }.isSubset(of: [0, 1, 2]))
        #expect(!seen.withLock { $0 }.isEmpty)
    }

    /// Dropping a pipeline whose source never ends stops the source thread instead of leaving it
    /// blocked or reading forever.
    @Test("dropping the pipeline stops its threads")
    func dropStops() throws {
        let calls = Mutex(0)
        do {
            let pipeline = OrderedPipeline<Int, Int>(workers: 2, capacity: 2, source: {
                calls.withLock { $0 += 1 }
                return 1
            }, transform: { item, _ in item })
            _ = try pipeline.next()
        }
        usleep(50_000)
        let after = calls.withLock { $0 }
        usleep(50_000)
        #expect(calls.withLock { $0 } == after)
        #expect(after < 10)
    }
}

@Suite("Parallel map")
struct ParallelMapTests {
    @Test("chunks come back in index order", arguments: [0, 1, 5, 1023, 1024, 1025, 100_000])
    func order(count: Int) {
        let out = Parallel.map(count, threads: 4, minChunk: 100) { range in range.map { $0 * 3 } }
        #expect(out == (0..<count).map { $0 * 3 })
    }

    @Test("small inputs run on the calling thread")
    func inline() {
        let caller = pthread_self()
        let out = Parallel.map(10, threads: 4, minChunk: 100) { range in range.map { _ in pthread_equal(pthread_self(), caller) != 0 } }
        #expect(out.allSatisfy { $0 })
    }
}
