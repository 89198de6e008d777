/// The unsafe constructs cardtool's concurrency rests on, each one here and nowhere else, with
/// the reason it is sound and, where it exists for speed, the measurement that justifies it.

import Foundation

/// A value moved to another thread when the compiler cannot prove the move safe.
///
/// Used in two places, both sound by construction: ``Parallel/map(_:threads:minChunk:_:)`` hands
/// its non-escaping body to Dispatch's workers and waits for them before returning (the body is
/// only called while it is alive); ``OrderedPipeline`` moves the source it was given (`sending`:
/// the caller gave it up) to the one thread that calls it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// State shared by threads, guarded by one lock and one condition: every access waits until the
/// state is ready for it, changes it, and wakes the other waiters.
///
/// The lock discipline is what makes it safe: `state` is touched only inside `when`.
final class Guarded<State>: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: State

    init(_ state: State) { self.state = state }

    /// Waits until `ready` holds, then runs `body` on the state under the lock and wakes the waiters.
    func when<R>(_ ready: (State) -> Bool, _ body: (inout State) throws -> R) rethrows -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while !ready(state) { condition.wait() }
        return try body(&state)
    }

    /// Runs `body` on the state under the lock, without waiting.
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        try when({ _ in true }, body)
    }
}

/// Objects read by several threads at once without touching their reference counts.
///
/// Deduplication compares millions of record pairs on every core; passing the two records as
/// ordinary references retains and releases each of them per pair, and the cores then contend
/// for the same cache lines (a record is in many pairs). MEASURE-BORROW
/// Sound because `objects` keeps every instance alive for as long as this value exists.
public struct BorrowedReferences<Object: AnyObject & Sendable>: @unchecked Sendable {
    private let objects: [Object]
    private let references: [Unmanaged<Object>]

    /// Borrows every object in `objects`, which this value keeps alive.
    public init(_ objects: [Object]) {
        self.objects = objects
        references = objects.map { Unmanaged.passUnretained($0) }
    }

    /// Calls `body` with the objects at `a` and `b`, neither retained.
    @inline(__always)
    public func withPair<R>(_ a: Int, _ b: Int, _ body: (Object, Object) -> R) -> R {
        references[a]._withUnsafeGuaranteedRef { x in references[b]._withUnsafeGuaranteedRef { y in body(x, y) } }
    }
}
