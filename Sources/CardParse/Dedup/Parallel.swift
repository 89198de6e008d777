import Dispatch

/// Splits `0..<count` into ordered chunks, runs them on all cores and concatenates the results in
/// order, so parallel stages give the same output as serial ones.
enum Parallel {
    final class Slots<T>: @unchecked Sendable {
        var items: [[T]]
        init(_ n: Int) { items = Array(repeating: [], count: n) }
    }

    static func map<T>(_ count: Int, threads: Int, minChunk: Int = 1024,
                       _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
        if count == 0 { return [] }
        let chunks = threads <= 1 || count <= minChunk ? 1 : min(threads * 8, max(1, count / minChunk))
        if chunks == 1 { return body(0..<count) }
        let slots = Slots<T>(chunks)
        slots.items.withUnsafeMutableBufferPointer { buffer in
            let out = Output(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let lo = count * k / chunks, hi = count * (k + 1) / chunks
                out.base[k] = body(lo..<hi)    // each chunk writes only its own slot
            }
        }
        return slots.items.flatMap { $0 }
    }

    struct Output<T>: @unchecked Sendable { let base: UnsafeMutablePointer<[T]> }

    static var defaultThreads: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)) }
}

import Foundation

/// A small, fast, seedable generator (SplitMix64) so sampling is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
