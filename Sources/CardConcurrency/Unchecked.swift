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
