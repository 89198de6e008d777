import Foundation

/// Union–find that merges two clusters only when every record of one is compatible with every
/// record of the other, so a chain A–B–C never joins A and C when they clearly differ.
struct Clusterer {
    enum Outcome { case joined, alreadyTogether, refused }
    var parent: [Int32]
    var members: [[Int32]]
    let maxSize: Int

    init(count: Int, maxSize: Int) {
        parent = (0..<count).map { Int32($0) }
        members = (0..<count).map { [Int32($0)] }
        self.maxSize = maxSize
    }

    mutating func find(_ x: Int) -> Int {
        var r = x
        while Int(parent[r]) != r { r = Int(parent[r]) }
        var y = x
        while Int(parent[y]) != r { let next = Int(parent[y]); parent[y] = Int32(r); y = next }
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
        if checked && members[ra].count + members[rb].count > maxSize { return .refused }
        for x in members[ra] where checked {
            for y in members[rb] where !(Int(x) == a && Int(y) == b) && !(Int(x) == b && Int(y) == a) {
                if !compatible(Int(x), Int(y)) { return .refused }
            }
        }
        if members[ra].count < members[rb].count { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        members[ra] += members[rb]
        members[rb] = []
        return .joined
    }

    /// Cluster index per record and clusters in order of their first record.
    mutating func clusters() -> ([Int], [[Int]]) {
        var index = [Int](repeating: -1, count: parent.count)
        var clusters: [[Int]] = []
        var rootIndex: [Int: Int] = [:]
        for i in 0..<parent.count {
            let r = find(i)
            if let k = rootIndex[r] { index[i] = k; clusters[k].append(i) }
            else { rootIndex[r] = clusters.count; index[i] = clusters.count; clusters.append([i]) }
        }
        return (index, clusters)
    }
}
