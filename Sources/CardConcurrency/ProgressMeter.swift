import Foundation

/// How far a long run has come, counted from any thread (the reader's, the workers') and read by
/// whoever draws it (`cardtool`'s progress line on a terminal). Counting is a lock and an add;
/// nothing here prints.
public final class ProgressMeter: Sendable {
    /// What the meter holds at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// The step under way (`reading`, `matching`, `writing`).
        public var phase: String
        /// Records done in this run.
        public var records: Int
        /// Input bytes read so far.
        public var bytes: Int64
        /// Input bytes in all; 0 when unknown (standard input).
        public var totalBytes: Int64
        /// Seconds since the meter was made.
        public var elapsed: Double
    }

    private struct State {
        var phase = "reading"
        var records = 0
        var bytes: Int64 = 0
        var totalBytes: Int64 = 0
    }

    private let state = Guarded(State())
    private let start = Date()

    /// A meter at zero, in the `reading` phase.
    public init() {}

    /// Adds to the bytes expected in all (each input's size, when it has one).
    public func expect(bytes: Int64) { state.withLock { $0.totalBytes += bytes } }

    /// Counts bytes read.
    public func add(bytes: Int) { state.withLock { $0.bytes += Int64(bytes) } }

    /// Counts records done.
    public func add(records: Int) { state.withLock { $0.records += records } }

    /// Names the step now under way.
    public func phase(_ name: String) { state.withLock { $0.phase = name } }

    /// The counts now.
    public var snapshot: Snapshot {
        let elapsed = -start.timeIntervalSinceNow
        return state.withLock { Snapshot(phase: $0.phase, records: $0.records, bytes: $0.bytes, totalBytes: $0.totalBytes, elapsed: elapsed) }
    }
}
