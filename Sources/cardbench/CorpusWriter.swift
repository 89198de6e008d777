import CardParse

/// Text written to a file in ~1 MiB pieces, so generating a 1 GB corpus keeps memory flat.
struct CorpusWriter {
    private let sink: ByteSink
    private var pending = ""
    private(set) var total = 0

    init(path: String) throws {
        sink = try ByteSink(path: path)
    }

    mutating func append(_ text: String) throws {
        pending += text
        if pending.utf8.count > 1 << 20 { try flush() }
    }

    /// Writes what is pending and returns the file size so far.
    mutating func finish() throws -> Int {
        try flush()
        try sink.commit()
        return total
    }

    private mutating func flush() throws {
        total += pending.utf8.count
        try sink.write(Array(pending.utf8))
        pending = ""
    }
}
