import Foundation

/// A stream worked on in parallel and handed on in order: items come in one at a time, are
/// transformed on several worker threads at once, and come out in the order they went in.
///
/// This is the shape of every streaming stage in cardtool: read a batch, normalize it, build its
/// features, write it. Reading and writing are serial; the transform is where the time goes.
/// At most `capacity` items are in flight (submitted and not yet taken), so memory stays flat
/// however long the stream is.
///
/// Items come from one of two places:
/// - a **source** run on a thread of its own (``init(workers:capacity:source:transform:)``),
///   while the caller takes the outputs with ``next()``: reading overlaps with everything else;
/// - the **caller** itself, with ``push(_:deliver:)`` and ``finish(deliver:)``, which hand each
///   output that is ready, in order, to `deliver`.
///
/// ```swift
/// let pipeline = OrderedPipeline<[Contact], [RecordFeatures]>(workers: 2) { batch, _ in
///     batch.map { RecordFeatures($0) }
/// }
/// for batch in batches { pipeline.push(batch) { features += $0 } }
/// pipeline.finish { features += $0 }
/// ```
///
/// Dropping the pipeline stops its threads: items not yet transformed are abandoned.
public final class OrderedPipeline<Item: Sendable, Output: Sendable>: Sendable {
    private let core: Core
    /// Items in flight (submitted, not yet taken) at most.
    public let capacity: Int

    /// A pipeline fed by the caller (``push(_:deliver:)``), transforming on `workers` threads.
    ///
    /// - Parameters:
    ///   - capacity: items in flight at most; twice the workers by default.
    ///   - transform: called on a worker thread with an item and the worker's number
    ///     (`0..<workers`), so each worker can keep state of its own.
    public init(workers: Int, capacity: Int? = nil, transform: @escaping @Sendable (_ item: consuming Item, _ worker: Int) -> Output) {
        let workers = max(1, workers)
        self.capacity = max(1, capacity ?? 2 * workers)
        core = Core(transform: transform)
        for w in 0..<workers { core.startWorker(w) }
    }

    /// A pipeline whose items come from `source`, called on a thread of its own until it returns
    /// nil or throws (``next()`` then throws the error after the outputs before it).
    public convenience init(workers: Int, capacity: Int? = nil, source: sending @escaping () throws -> Item?,
                            transform: @escaping @Sendable (_ item: consuming Item, _ worker: Int) -> Output) {
        self.init(workers: workers, capacity: capacity, transform: transform)
        let core = core, capacity = self.capacity
        let owned = UncheckedSendable(source)
        Thread.detachNewThread {
            while true {
                var item: Item?
                do {
                    item = try owned.value()
                } catch {
                    core.end(failure: error)
                    return
                }
                guard item != nil else {
                    core.end(failure: nil)
                    return
                }
                if !core.submit(&item, capacity: capacity) { return }
            }
        }
    }

    deinit { core.cancel() }

    /// The next output in order, waiting for it; nil once the source has ended and every output
    /// has been taken. Throws what the source threw, after the outputs of the items before it.
    public func next() throws -> Output? {
        try core.take(wait: true)
    }

    /// Submits `item`. When `capacity` items are already in flight, first hands the oldest
    /// outputs to `deliver` (waiting for them) until there is room; then hands on every output
    /// that is already done. Outputs reach `deliver` in order.
    public func push<E: Error>(_ item: consuming Item, deliver: (Output) throws(E) -> Void) throws(E) {
        while core.inFlight >= capacity {
            guard let output = try? core.take(wait: true) else { break }
            try deliver(output)
        }
        var slot: Item? = consume item
        _ = core.submit(&slot, capacity: Int.max)
        while let output = try? core.take(wait: false) { try deliver(output) }
    }

    /// Ends the input and hands every remaining output to `deliver`, in order.
    public func finish<E: Error>(deliver: (Output) throws(E) -> Void) throws(E) {
        core.end(failure: nil)
        while let output = try? core.take(wait: true) { try deliver(output) }
    }

    /// Stops the workers; items not yet transformed are abandoned.
    public func cancel() { core.cancel() }

    /// What the threads share. The threads hold the core, not the pipeline, so that dropping the
    /// pipeline cancels them.
    private final class Core: Sendable {
        struct State {
            /// Waiting items; a worker takes one out (leaving nil), so it holds the only reference
            /// and the transform may change it in place without copying.
            var queue: [(sequence: Int, item: Item?)] = []
            var queueHead = 0
            var done: [Int: Output] = [:]
            var submitted = 0
            var taken = 0
            var ended = false
            var cancelled = false
            var failure: (any Error)?
        }

        let state = Guarded(State())
        let transform: @Sendable (consuming Item, Int) -> Output

        init(transform: @escaping @Sendable (consuming Item, Int) -> Output) { self.transform = transform }

        var inFlight: Int { state.withLock { $0.submitted - $0.taken } }

        func startWorker(_ worker: Int) {
            Thread.detachNewThread { [self] in
                while true {
                    // The item moves from the queue to here to the transform: a copy left behind
                    // anywhere would make the transform's first change copy the whole item.
                    var item: Item? = nil
                    let sequence: Int? = state.when({ s in
                        s.cancelled || s.queueHead < s.queue.count || s.ended
                    }) { s in
                        guard !s.cancelled, s.queueHead < s.queue.count else { return nil }
                        swap(&item, &s.queue[s.queueHead].item)
                        let sequence = s.queue[s.queueHead].sequence
                        s.queueHead += 1
                        if s.queueHead == s.queue.count || s.queueHead >= 64 {
                            s.queue.removeFirst(s.queueHead)
                            s.queueHead = 0
                        }
                        return sequence
                    }
                    guard let sequence, item != nil else { return }
                    let output = transform(item.take()!, worker)
                    state.withLock { $0.done[sequence] = output }
                }
            }
        }

        /// Moves `item` into the queue once fewer than `capacity` are in flight (the queue then
        /// holds its only reference, and a worker can take it the moment the lock is let go);
        /// false when cancelled.
        func submit(_ item: inout Item?, capacity: Int) -> Bool {
            state.when({ $0.cancelled || $0.submitted - $0.taken < capacity }) { s in
                guard !s.cancelled else { return false }
                precondition(!s.ended, "an item pushed after the pipeline's input ended")
                s.queue.append((s.submitted, item.take()))
                s.submitted += 1
                return true
            }
        }

        func end(failure: (any Error)?) {
            state.withLock { s in
                s.ended = true
                if s.failure == nil { s.failure = failure }
            }
        }

        func cancel() {
            state.withLock { $0.cancelled = true }
        }

        /// The next output in order: waiting for it, or nil when it is not done yet (`wait: false`)
        /// or the stream is over.
        func take(wait: Bool) throws -> Output? {
            try state.when({ s in
                !wait || s.cancelled || s.done[s.taken] != nil || (s.ended && s.taken == s.submitted)
            }) { s in
                if let output = s.done.removeValue(forKey: s.taken) {
                    s.taken += 1
                    return output
                }
                if s.ended && s.taken == s.submitted, let failure = s.failure {
                    s.failure = nil
                    throw failure
                }
                return nil
            }
        }
    }
}
