import CardModel
import CardConcurrency
import Foundation

/// Reads a vCard stream on several threads and hands out exactly what one ``VCardReader`` would.
///
/// Parsing, not I/O, is what costs, and cards are independent. A splitter thread cuts the decoded
/// stream into blocks of about `blockSize` bytes just before a `BEGIN:VCARD` line; worker threads
/// parse blocks with independent ``VCardReader``s; ``next()`` hands the records out in file order,
/// continuing record and line numbers from the previous blocks. A bounded number of blocks is in
/// flight, so memory stays flat however large the input.
public struct ParallelVCardReader: ContactReader {
    /// The path as given on the command line, for diagnostics and sources.
    public let file: String
    /// Splits on a thread of its own, parses on `threads` workers; dropping it stops them.
    private let pipeline: OrderedPipeline<Block, BlockResult>
    private var current = BlockResult()
    private var lineBase = 0
    private var recordBase = 0
    private var fileDiagnostics: [Diagnostic] = []
    private var reportedFallback = false

    /// - Parameters:
    ///   - blockSize: bytes per block; small values are for tests (many block boundaries).
    ///   - threads: worker threads parsing blocks.
    ///   - limits: how long a property line may be.
    public init(input: sending UnicodeInput, file: String, blockSize: Int = 256 << 10, threads: Int = 2,
                limits: ReadLimits = .standard) {
        self.file = file
        let splitter = BlockSplitter(input: input, blockSize: max(1, blockSize))
        pipeline = OrderedPipeline(workers: max(1, threads), source: { try splitter.next() },
                                   transform: { block, _ in Self.parseBlock(block, file: file, limits: limits) })
    }

    /// Diagnostics about the file rather than a card, drained (the Windows-1252 note only once).
    public mutating func takeFileDiagnostics() -> [Diagnostic] {
        defer { fileDiagnostics.removeAll() }
        return fileDiagnostics
    }

    /// The next record in file order, with file-wide line and record numbers, or nil at the end.
    public mutating func next() throws -> ReadRecord? {
        while true {
            // Events are stored reversed so popLast() moves each out without copying it.
            while let event = current.events.popLast() {
                // Consumed, so the record moves out of the event instead of being copied.
                switch consume event {
                case .record(var record):
                    record.source.line += lineBase
                    record.source.record += recordBase
                    record.contact?.source = record.source
                    for i in record.diagnostics.indices { shift(&record.diagnostics[i]) }
                    return record
                case .file(var diagnostic):
                    // Each block notes the Windows-1252 fallback; a sequential read notes it once.
                    if diagnostic.code == .encodingFallback {
                        if reportedFallback { continue }
                        reportedFallback = true
                    }
                    shift(&diagnostic)
                    fileDiagnostics.append(diagnostic)
                }
            }
            lineBase += current.lines
            recordBase += current.records
            current = BlockResult()
            guard var result = try pipeline.next() else { return nil }
            result.events.reverse()
            current = result
        }
    }

    private func shift(_ diagnostic: inout Diagnostic) {
        if let line = diagnostic.location.line { diagnostic.location.line = line + lineBase }
        if let record = diagnostic.location.record { diagnostic.location.record = record + recordBase }
    }

    enum Event: Sendable {
        case record(ReadRecord)
        case file(Diagnostic)
    }

    struct Block: Sendable {
        var bytes: [UInt8]
        /// More cards follow this block.
        var continues: Bool
    }

    /// One block's records and file diagnostics in order, numbered from 1 within the block.
    struct BlockResult: Sendable {
        var events: [Event] = []
        var lines = 0
        var records = 0
    }

    static func parseBlock(_ block: Block, file: String, limits: ReadLimits = .standard) -> BlockResult {
        var result = BlockResult()
        // About one card per 400 bytes: the list rarely grows (each growth copies every record so far).
        result.events.reserveCapacity(block.bytes.count / 400 + 8)
        do {
            var reader = VCardReader(input: try UnicodeInput(MemoryByteSource(block.bytes), detectEncoding: false),
                                     file: file, limits: limits)
            reader.inputContinues = block.continues
            while let record = try reader.next() {
                result.events += reader.takeFileDiagnostics().map(Event.file)
                result.events.append(.record(consume record))
                result.records += 1
            }
            result.events += reader.takeFileDiagnostics().map(Event.file)
            result.lines = reader.linesRead
        } catch {
            // Memory sources do not fail; keep the account honest if one ever does.
            result.events.append(.file(Diagnostic(.error, .inputUnreadable, "read failed: \(error)",
                                                  at: SourceLocation(file: file))))
        }
        return result
    }

    /// The last offset (> 0, and at or after `from`) where a line that is exactly `BEGIN:VCARD`
    /// starts, searching backwards.
    static func splitPoint(in bytes: [UInt8], from: Int = 1) -> Int? {
        let keyword = Array("BEGIN:VCARD".utf8)
        return bytes.withUnsafeBufferPointer { p -> Int? in
            var i = p.count - keyword.count
            while i > 0 && i >= from {
                let previous = p[i - 1]
                if (previous == 0x0A || previous == 0x0D) && p[i] | 0x20 == UInt8(ascii: "b") {
                    var match = true
                    for k in 1..<keyword.count where p[i + k] & 0xDF != keyword[k] & 0xDF {
                        match = false
                        break
                    }
                    // The whole line must be the keyword (trailing blanks allowed), as the reader
                    // requires; a line that is still incomplete at the end of the buffer does not count.
                    var after = i + keyword.count
                    while match && after < p.count && (p[after] == 0x20 || p[after] == 0x09) { after += 1 }
                    if match && after < p.count && (p[after] == 0x0A || p[after] == 0x0D) { return i }
                }
                i -= 1
            }
            return nil
        }
    }
}

/// Cuts the decoded input into blocks that end just before a `BEGIN:VCARD` line.
private final class BlockSplitter {
    private let input: UnicodeInput
    private let blockSize: Int
    private var carry: [UInt8] = []
    private var exhausted = false
    /// No split point starts before this offset of `carry`: a card larger than a block is searched
    /// once, as its bytes arrive, not again from its start at every read.
    private var searchedBefore = 1

    init(input: UnicodeInput, blockSize: Int) {
        self.input = input
        self.blockSize = blockSize
    }

    /// The next block, or nil at the end.
    func next() throws -> ParallelVCardReader.Block? {
        while true {
            while carry.count < blockSize && !exhausted {
                if try !input.read(into: &carry) { exhausted = true }
            }
            if carry.isEmpty { return nil }
            if let split = ParallelVCardReader.splitPoint(in: carry, from: searchedBefore) {
                let block = ParallelVCardReader.Block(bytes: Array(carry[..<split]), continues: true)
                carry.removeSubrange(..<split)
                searchedBefore = 1
                return block
            }
            // A keyword cut by the end of the buffer is found when the rest arrives.
            searchedBefore = max(1, carry.count - 16)
            if exhausted {
                defer { carry = [] }
                return ParallelVCardReader.Block(bytes: carry, continues: false)
            }
            // A card larger than a block: read on until a boundary shows up.
            if try !input.read(into: &carry) { exhausted = true }
        }
    }
}
