import Foundation

/// Union–find that merges two clusters only when every record of one is compatible with every
/// record of the other, so a chain A–B–C never joins A and C when they clearly differ.
struct Clusterer {
    enum Outcome { case joined, alreadyTogether, refused }
    var parent: [Int32]
    /// Each cluster's records as a ring (`next` of a record is another of its cluster), and its
    /// size at its root: joining splices two rings, where an array a record cost a million
    /// allocations before the first pair was looked at.
    var next: [Int32]
    var size: [Int32]
    let maxSize: Int

    init(count: Int, maxSize: Int) {
        parent = (0..<count).map { Int32($0) }
        next = parent
        size = [Int32](repeating: 1, count: count)
        self.maxSize = maxSize
    }

    /// The records of the cluster whose root is `root`.
    func members(_ root: Int) -> [Int] {
        var out = [root], x = Int(next[root])
        while x != root { out.append(x); x = Int(next[x]) }
        return out
    }

    mutating func find(_ x: Int) -> Int {
        var r = x
        while Int(parent[r]) != r { r = Int(parent[r]) }
        var y = x
        while Int(parent[y]) != r { let up = Int(parent[y]); parent[y] = Int32(r); y = up }
        return r
    }

    /// Joins the clusters of `a` and `b` when every other pair across them is `compatible`.
    mutating func join(_ a: Int, _ b: Int, compatible: (Int, Int) -> Bool) -> Outcome {
        join(a, b, checked: true, compatible: compatible)
    }

    /// Joins without checks when `checked` is false (records known to be one person).
    mutating func join(_ a: Int, _ b: Int, checked: Bool, compatible: (Int, Int) -> Bool = { _, _ in true }) -> Outcome {
        var ra = find(a), rb = find(b)
        if ra == rb { return .alreadyTogether }
        if checked && Int(size[ra]) + Int(size[rb]) > maxSize { return .refused }
        if checked && (size[ra] > 1 || size[rb] > 1) {
            let left = members(ra), right = members(rb)
            for x in left {
                for y in right where !(x == a && y == b) && !(x == b && y == a) {
                    if !compatible(x, y) { return .refused }
                }
            }
        }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        size[ra] += size[rb]
        next.swapAt(ra, rb)     // splices the two rings into one
        return .joined
    }

    /// Cluster index per record and clusters in order of their first record.
    mutating func clusters() -> ([Int], [[Int]]) {
        var index = [Int](repeating: -1, count: parent.count)
        var clusters: [[Int]] = []
        var rootIndex = [Int32](repeating: -1, count: parent.count)
        for i in 0..<parent.count {
            let r = find(i)
            if rootIndex[r] >= 0 { let k = Int(rootIndex[r]); index[i] = k; clusters[k].append(i) }
            else { rootIndex[r] = Int32(clusters.count); index[i] = clusters.count; clusters.append([i]) }
        }
        return (index, clusters)
    }
}
