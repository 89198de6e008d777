
/// Least-significant-digit radix sort on 64-bit keys, 11 bits a pass: blocking sorts tens of
/// millions of hashes and pair codes, where a comparison sort spends seconds. Stable, so values
/// appended in record order stay in record order within a key.
enum RadixSort {
    static let bits = 11
    static let buckets = 1 << bits
    /// Below this many elements the standard library's sort is as fast.
    static let minimum = 2048

    /// Sorts keys ascending.
    static func sort(_ keys: inout [UInt64]) {
        if keys.count < minimum { keys.sort(); return }
        var other = [UInt64](repeating: 0, count: keys.count)
        sort(&keys, &other, key: { $0 })
    }

    /// Sorts by `key` ascending, keeping the order of equal keys.
    static func sort(_ items: inout [(key: UInt64, record: UInt32)]) {
        if items.count < minimum {
            let sorted = items.enumerated().sorted { $0.element.key < $1.element.key || ($0.element.key == $1.element.key && $0.offset < $1.offset) }
            items = sorted.map(\.element)
            return
        }
        var other = [(key: UInt64, record: UInt32)](repeating: (0, 0), count: items.count)
        sort(&items, &other, key: { $0.key })
    }

    private static func sort<T>(_ items: inout [T], _ other: inout [T], key: (T) -> UInt64) {
        let n = items.count
        let passes = (64 + bits - 1) / bits
        // All digit histograms in one read.
        var counts = [Int](repeating: 0, count: passes * buckets)
        var orAll: UInt64 = 0, andAll: UInt64 = ~0
        for item in items {
            let k = key(item)
            orAll |= k; andAll &= k
            for p in 0..<passes { counts[p * buckets + Int((k >> UInt64(p * bits)) & UInt64(buckets - 1))] += 1 }
        }
        let mask = UInt64(buckets - 1)
        for p in 0..<passes {
            let shift = UInt64(p * bits)
            // A digit that is the same in every key orders nothing.
            if (orAll >> shift) & mask == (andAll >> shift) & mask { continue }
            var offset = 0
            for b in 0..<buckets {
                let c = counts[p * buckets + b]
                counts[p * buckets + b] = offset
                offset += c
            }
            items.withUnsafeBufferPointer { src in
                other.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { cnt in
                        let base = p * buckets
                        for i in 0..<n {
                            let d = base + Int((key(src[i]) >> shift) & mask)
                            dst[cnt[d]] = src[i]
                            cnt[d] += 1
                        }
                    }
                }
            }
            swap(&items, &other)
        }
    }
}
