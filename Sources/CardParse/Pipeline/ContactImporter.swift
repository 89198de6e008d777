import Foundation
import Dispatch

/// Reads a list of inputs, whatever their formats, and accounts for every record.
///
/// The one place that knows every reader. The CLI hands it paths and two callbacks, one for
/// contacts and one for diagnostics, and prints the ``ImportSummary`` it returns.
public struct ContactImporter {
    /// Overrides detection for every input (`--from`).
    public var forcedFormat: SourceFormat?
    /// Delimiter, encoding, column mapping and id column for CSV inputs.
    public var csv: CSVOptions
    /// Normalizes every contact (nil: source values only, `--raw`).
    public var normalizer: ContactNormalizer?
    /// Normalize on this many threads (records are still delivered in input order).
    public var threads: Int

    public init(forcedFormat: SourceFormat? = nil, csv: CSVOptions = CSVOptions(), normalizer: ContactNormalizer? = nil,
                threads: Int = 1) {
        self.forcedFormat = forcedFormat
        self.csv = csv
        self.normalizer = normalizer
        self.threads = max(1, threads)
    }

    /// Reads `paths` in order. Problems with an input are diagnostics; an error thrown by `contact`
    /// (the output failing) stops the run and is rethrown.
    public func run(paths: [String], contact: (Contact) throws -> Void,
                    diagnostic: (Diagnostic) -> Void) throws -> ImportSummary {
        var summary = ImportSummary()
        let workers = workerNormalizers
        for path in paths {
            try read(path: path, into: &summary, workers: workers, contact: contact, diagnostic: diagnostic)
        }
        return summary
    }

    private func read(path: String, into summary: inout ImportSummary, workers: [ContactNormalizer], contact: (Contact) throws -> Void,
                      diagnostic: (Diagnostic) -> Void) throws {
        summary.files += 1
        let fileLocation = SourceLocation(file: path)
        let input: UnicodeInput
        do {
            input = try UnicodeInput(FileByteSource(path: path))
        } catch let error as InputError {
            summary.unreadableFiles += 1
            diagnostic(Diagnostic(.error, .inputUnreadable, "cannot read: \(error.reason)", at: fileLocation))
            return
        }
        if input.head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diagnostic(Diagnostic(.warning, .inputEmpty, "input is empty; no records", at: fileLocation))
            return
        }
        guard let format = forcedFormat ?? FormatDetector.detect(head: input.head, path: path) else {
            summary.unreadableFiles += 1
            diagnostic(Diagnostic(.error, .inputUnknownFormat,
                                  "cannot tell the format (not vCard, CSV or HTML); use --from", at: fileLocation))
            return
        }
        var reader: any ContactReader
        switch format {
        case .vcard:
            reader = ParallelVCardReader(input: input, file: path)
        case .csv:
            reader = try CSVContactReader(input: input, file: path, options: csv)
        case .html:
            reader = try HTMLContactReader(input: input, file: path)
        }
        if threads > 1 && normalizer != nil {
            try readPipelined(reader, fileLocation: fileLocation, into: &summary, workers: workers, contact: contact,
                              diagnostic: diagnostic)
            return
        }
        let batchSize = 1
        var batch: [ReadRecord] = []
        batch.reserveCapacity(batchSize)
        var finished = false
        while !finished {
            let next: ReadRecord?
            do {
                next = try reader.next()
            } catch let error as InputError {
                summary.unreadableFiles += 1
                diagnostic(Diagnostic(.error, .inputUnreadable, "read failed: \(error.reason)", at: fileLocation))
                next = nil
            }
            for d in reader.takeFileDiagnostics() { diagnostic(d) }
            if let next { batch.append(next) } else { finished = true }
            if batch.count >= batchSize || finished {
                normalize(&batch, workers)
                for record in batch {
                    for d in record.diagnostics { diagnostic(d) }
                    summary.count(record.outcome)
                    // Errors from the consumer (the output) are not about this input: they end the run.
                    if let c = record.contact { try contact(c) }
                }
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Batches of read records with the file diagnostics met while reading them, passed from the
    /// reading thread to the normalizing ones.
    private final class Handoff: @unchecked Sendable {
        let condition = NSCondition()
        var batches: [(records: [ReadRecord], fileDiagnostics: [Diagnostic])] = []
        var finished = false
        var cancelled = false
        var failure: String?
        var otherError: Error?
        var reader: any ContactReader
        init(_ reader: any ContactReader) { self.reader = reader }
    }

    /// With several threads, one thread reads and parses the next batch while the others normalize
    /// this one: reading is serial, and alone it would leave a core idle. Records, diagnostics
    /// and callbacks keep the input order.
    private func readPipelined(_ reader: any ContactReader, fileLocation: SourceLocation, into summary: inout ImportSummary,
                               workers: [ContactNormalizer], contact: (Contact) throws -> Void,
                               diagnostic: (Diagnostic) -> Void) throws {
        let handoff = Handoff(reader)
        let done = DispatchGroup()
        done.enter()
        Thread.detachNewThread {
            defer { done.leave() }
            var batch: [ReadRecord] = [], fileDiagnostics: [Diagnostic] = []
            while true {
                handoff.condition.lock()
                let cancelled = handoff.cancelled
                handoff.condition.unlock()
                if cancelled { return }
                var next: ReadRecord?
                do {
                    next = try handoff.reader.next()
                } catch let error as InputError {
                    handoff.condition.lock(); handoff.failure = error.reason; handoff.condition.unlock()
                    next = nil
                } catch {
                    // Not about the input: ends the run, as in the sequential path.
                    handoff.condition.lock(); handoff.otherError = error; handoff.condition.unlock()
                    next = nil
                }
                fileDiagnostics += handoff.reader.takeFileDiagnostics()
                if let next { batch.append(next) }
                if batch.count >= 4096 || next == nil {
                    handoff.condition.lock()
                    while handoff.batches.count >= 2 && !handoff.cancelled { handoff.condition.wait() }
                    let stop = handoff.cancelled
                    if !stop { handoff.batches.append((batch, fileDiagnostics)) }
                    if next == nil || stop { handoff.finished = true }
                    handoff.condition.broadcast()
                    handoff.condition.unlock()
                    batch = []; fileDiagnostics = []
                    if next == nil || stop { return }
                }
            }
        }
        defer {
            handoff.condition.lock(); handoff.cancelled = true; handoff.condition.broadcast(); handoff.condition.unlock()
            done.wait()
        }
        while true {
            handoff.condition.lock()
            while handoff.batches.isEmpty && !handoff.finished { handoff.condition.wait() }
            if handoff.batches.isEmpty {
                let failure = handoff.failure, otherError = handoff.otherError
                handoff.condition.unlock()
                if let otherError { throw otherError }
                if let failure {
                    summary.unreadableFiles += 1
                    diagnostic(Diagnostic(.error, .inputUnreadable, "read failed: \(failure)", at: fileLocation))
                }
                return
            }
            var (records, fileDiagnostics) = handoff.batches.removeFirst()
            handoff.condition.broadcast()
            handoff.condition.unlock()
            for d in fileDiagnostics { diagnostic(d) }
            normalize(&records, workers)
            for record in records {
                for d in record.diagnostics { diagnostic(d) }
                summary.count(record.outcome)
                if let c = record.contact { try contact(c) }
            }
        }
    }

    /// The batch's storage, handed to worker threads that each write a disjoint slice.
    private struct Slice: @unchecked Sendable {
        let base: UnsafeMutablePointer<ReadRecord>
    }

    private func normalize(_ records: inout [ReadRecord], _ workers: [ContactNormalizer]) {
        guard let normalizer, !records.isEmpty else { return }
        @Sendable func apply(_ record: inout ReadRecord, _ n: ContactNormalizer) {
            guard var c = record.contact else { return }
            let found = n.normalize(&c)
            record.contact = c
            record.diagnostics += found
            if record.outcome == .ok && found.contains(where: { $0.severity >= .warning }) { record.outcome = .withWarnings }
        }
        if threads == 1 || records.count < 64 {
            for i in records.indices { apply(&records[i], normalizer) }
            return
        }
        // One worker per normalizer, each taking small chunks in turn rather than a fixed half:
        // the reader thread shares the cores, and a worker that finishes early takes more work
        // instead of waiting.
        let count = records.count, chunk = 128
        let next = ChunkCounter()
        records.withUnsafeMutableBufferPointer { buffer in
            let slice = Slice(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers.count) { w in
                while true {
                    let start = next.take(chunk)
                    if start >= count { break }
                    for i in start..<min(count, start + chunk) { apply(&slice.base[i], workers[w]) }
                }
            }
        }
    }

    /// The next chunk's first index, shared by the workers.
    private final class ChunkCounter: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()
        func take(_ size: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            let start = next
            next += size
            return start
        }
    }

    /// One normalizer per thread, made once per importer.
    private var workerNormalizers: [ContactNormalizer] {
        guard let normalizer else { return [] }
        return [normalizer] + (1..<threads).map { _ in
            ContactNormalizer(region: normalizer.phones.defaultRegion, computeKeys: normalizer.computeKeys)
        }
    }
}

/// The account every run ends with; its counts add up: records = ok + withWarnings + skipped + rejected.
public struct ImportSummary: Sendable, Equatable {
    public var files = 0
    public var unreadableFiles = 0
    public var records = 0
    public var ok = 0
    public var withWarnings = 0
    public var skipped = 0
    public var rejected = 0

    public init() {}

    mutating func count(_ outcome: ReadRecord.Outcome) {
        records += 1
        switch outcome {
        case .ok: ok += 1
        case .withWarnings: withWarnings += 1
        case .skipped: skipped += 1
        case .rejected: rejected += 1
        }
    }

    /// Every input was read and no record was rejected.
    public var succeeded: Bool { unreadableFiles == 0 && rejected == 0 }

    /// `read 12 records from 3 files: 10 ok, 1 with warnings, 1 skipped, 0 rejected`.
    public var line: String {
        var text = "read \(records) record\(records == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"): "
        text += "\(ok) ok, \(withWarnings) with warnings, "
        if skipped > 0 { text += "\(skipped) skipped, " }
        text += "\(rejected) rejected"
        if unreadableFiles > 0 { text += "; \(unreadableFiles) file\(unreadableFiles == 1 ? "" : "s") could not be read" }
        return text
    }
}
