/// The unsafe constructs cardtool's concurrency rests on, each one here and nowhere else, with
/// the reason it is sound and, where it exists for speed, the measurement that justifies it.

import Foundation
import CPrefetch

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

/// Objects that several threads read without retaining them.
///
/// A retain writes to the object. When both cores read the same objects, each write sends the
/// object's memory back and forth between them; scoring reads the two records of every candidate
/// pair this way. Reading through this view took scoring of 200,000 records from 2.25 s to
/// 1.9–2.0 s, and `swift_retain` from 14 % to 8 % of the run's cycles.
///
/// It is sound because the view holds the objects for as long as it exists. A body only borrows
/// them for its call and must not keep them.
public struct UnretainedObjects<Object: AnyObject> {
    @usableFromInline let objects: [Object]
    @usableFromInline let references: [Unmanaged<Object>]

    /// A view of `objects`, which it keeps alive.
    public init(_ objects: [Object]) {
        self.objects = objects
        references = objects.map { Unmanaged.passUnretained($0) }
    }

    /// Asks for the first `bytes` of the object at `i` ahead of their use: work that reads
    /// objects in random order waits on memory for each, unless it is fetched a few steps
    /// before. Only a hint: nothing is read or retained.
    @inlinable
    public func prefetch(_ i: Int, bytes: Int) {
        let address = UnsafeRawPointer(references[i].toOpaque())
        var offset = 0
        while offset < bytes { cardtool_prefetch(address + offset); offset += 64 }
        cardtool_prefetch(address + (bytes - 1))   // the last line, when the object starts mid-line
    }

    /// Asks for the reference to the object at `i`, to be read by ``prefetch(_:bytes:)`` or
    /// ``with(_:_:)`` some steps later: with a million objects, the references alone are 8 MB.
    @inlinable
    public func prefetchReference(_ i: Int) {
        references.withUnsafeBufferPointer { cardtool_prefetch(UnsafeRawPointer($0.baseAddress! + i)) }
    }

    /// The size of the object at `i` (its allocation), for ``prefetch(_:bytes:)`` of all of it.
    public func size(_ i: Int) -> Int {
        Int(cardtool_allocation_size(references[i].toOpaque()))
    }

    /// Runs `body` with the object at `i`, without retaining it.
    @inlinable
    public func with<R>(_ i: Int, _ body: (Object) throws -> R) rethrows -> R {
        try references[i]._withUnsafeGuaranteedRef { try body($0) }
    }

    /// Runs `body` with the objects at `i` and `j`, without retaining them.
    @inlinable
    public func with<R>(_ i: Int, _ j: Int, _ body: (Object, Object) throws -> R) rethrows -> R {
        try references[i]._withUnsafeGuaranteedRef { a in
            try references[j]._withUnsafeGuaranteedRef { b in try body(a, b) }
        }
    }
}

extension UnretainedObjects: @unchecked Sendable where Object: Sendable {}

/// Where an immutable array keeps its elements, kept beside the array only to prefetch them
/// (``UnretainedObjects/prefetch(_:bytes:)`` fetches an object; this, the arrays it points to).
///
/// Sound because the address is never read through: a prefetch of memory since freed is only a
/// wasted hint, not an access. Arrays are shared buffers, so the address stays that of the
/// elements for as long as the array the owner holds is not changed (owners keep them in `let`s).
public struct ElementsAddress: @unchecked Sendable {
    @usableFromInline let address: UnsafeRawPointer?

    /// The address of `array`'s elements.
    public init<T>(_ array: [T]) {
        address = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// Asks for the array's count and first elements ahead of their use.
    @inlinable
    public func prefetch() {
        guard let address else { return }
        cardtool_prefetch(address - 16)
        cardtool_prefetch(address + 32)
    }
}

/// Files to remove if the process is interrupted (SIGINT, SIGTERM, SIGHUP): the temporary files of
/// outputs not yet renamed into place, so Ctrl-C leaves no half-written file behind.
///
/// Sound because the signal handler only reads a fixed table of C strings and calls `unlink`,
/// `signal` and `raise` (async-signal-safe); a slot is filled before it is published and cleared
/// under a lock the handler never takes. The handler is installed only where the default action
/// is in force (a shell's own `trap` is kept), and re-raises the signal so the process ends as it
/// would have.
public enum InterruptCleanup {
    static let slots = 64
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        table.initialize(repeating: nil, count: slots)
        return table
    }()

    /// Installed once, after the table exists (the handler must find it initialised).
    static let handlers: Void = {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(number, nil, &current)
            guard current.__sigaction_handler.sa_handler == nil else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                for k in 0..<InterruptCleanup.slots { if let path = InterruptCleanup.table[k] { unlink(path) } }
                signal(received, SIG_DFL)
                raise(received)
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }()
    static let lock = NSLock()

    /// Installs the handlers (once), before a file that needs them is created.
    public static func prepare() {
        _ = table
        _ = handlers
    }

    /// Removes `path` if the process is interrupted, until ``forget(_:)`` (at most 64 at once).
    public static func remember(_ path: String) {
        let table = self.table
        _ = handlers
        lock.lock()
        defer { lock.unlock() }
        for k in 0..<slots where table[k] == nil {
            table[k] = strdup(path)
            return
        }
    }

    /// `path` is in place or gone: nothing to remove any more.
    public static func forget(_ path: String) {
        let table = self.table
        lock.lock()
        defer { lock.unlock() }
        for k in 0..<slots {
            if let entry = table[k], String(cString: entry) == path {
                table[k] = nil
                free(entry)
                return
            }
        }
    }
}
