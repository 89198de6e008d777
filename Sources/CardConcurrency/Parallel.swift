import Dispatch
import Foundation
import Synchronization

/// Data parallelism for cardtool: split a range of indices into ordered chunks, run them on all
/// cores, and put the results back in order, so a parallel stage gives the same output as a serial
/// one.
///
/// cardtool runs work in parallel in exactly two shapes, both in this module:
/// - ``Parallel/map(_:threads:minChunk:_:)`` when all the input is in memory (scoring candidate
///   pairs, value statistics, blocking rules, random pairs for the model);
/// - ``OrderedPipeline`` when the input arrives as a stream (reading, normalizing, building
///   features, merging people while the previous ones are written).
///
/// Both run on plain threads (Dispatch's pool for ``Parallel``, dedicated threads for a pipeline)
/// rather than Swift tasks: the stages are CPU-bound and synchronous, the callers are synchronous
/// command-line code, and the few blocking waits (a full pipeline, an output not ready) must not
/// hold a cooperative-pool thread. Unsafe constructs are confined to `Unchecked.swift`.
public enum Parallel {
    /// The threads a parallel stage uses by default: the active cores, at most 16.
    public static var defaultThreads: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)) }

    /// Runs `body` over consecutive chunks of `0..<count` on up to `threads` cores and concatenates
    /// the chunks' results in index order.
    ///
    /// Chunks hold at least `minChunk` indices (fewer chunks than that run inline, on the calling
    /// thread), and there are up to eight a thread, so a slow chunk does not leave a core idle.
    public static func map<T: Sendable>(_ count: Int, threads: Int = defaultThreads, minChunk: Int = 1024,
                                        _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
        if count <= 0 { return [] }
        let chunks = threads <= 1 || count <= minChunk ? 1 : min(threads * 8, max(1, count / max(1, minChunk)))
        if chunks == 1 { return body(0..<count) }
        let slots = Mutex<[[T]]>(Array(repeating: [], count: chunks))
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let part = shared.value(count * k / chunks..<count * (k + 1) / chunks)
                slots.withLock { $0[k] = part }
            }
        }
        return slots.withLock { parts in
            var out: [T] = []
            out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { out.append(contentsOf: part) }
            return out
        }
    }
}
