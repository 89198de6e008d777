import CardModel
import CardFormats
import CardConcurrency
import Foundation

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
    /// Where records that name no event were met (`--event`).
    public var defaultEvent: MetEvent?
    /// How large a line, a photo, a row or a page's nesting may be (`--max-line-bytes` …).
    public var limits: ReadLimits = .standard
    /// Counts bytes read and records delivered, for a progress line (nil: nobody is watching).
    public var meter: ProgressMeter?

    /// Creates an importer with these settings; `threads` is at least 1.
    public init(forcedFormat: SourceFormat? = nil, csv: CSVOptions = CSVOptions(), normalizer: ContactNormalizer? = nil,
                threads: Int = 1, defaultEvent: MetEvent? = nil) {
        self.forcedFormat = forcedFormat
        self.csv = csv
        self.normalizer = normalizer
        self.threads = max(1, threads)
        self.defaultEvent = defaultEvent
    }

    /// Reads `paths` in order. Problems with an input are diagnostics; an error thrown by `contact`
    /// (the output failing) stops the run and is rethrown.
    ///
    /// - Parameter observe: sees every record as it is delivered, with or without a contact
    ///   (the ``AuditLedger``).
    public func run(paths: [String], contact: (Contact) throws -> Void,
                    diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void = { _ in }) throws -> ImportSummary {
        try run(paths: paths, encode: nil as (@Sendable (Contact, Int) -> Void)?, contact: { c, _ in try contact(c) },
                diagnostic: diagnostic, observe: observe)
    }

    /// ``run(paths:contact:diagnostic:observe:)`` with a stage of the caller's on the worker
    /// threads: `encode` (a writer turning each contact into its bytes) runs beside normalization,
    /// so writing does not wait for one thread; `contact` gets each contact with what `encode`
    /// made of it, in input order. `encode` also gets the worker it runs on (0 up to
    /// ``threads``), for state a worker keeps to itself, such as a cache.
    public func run<Encoded: Sendable>(paths: [String], encode: (@Sendable (Contact, Int) -> Encoded)?,
                                       contact: (Contact, Encoded?) throws -> Void,
                                       diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void = { _ in }) throws -> ImportSummary {
        try run(paths: paths, stages: Stages(normalizers: workerNormalizers, defaultEvent: defaultEvent, encode: encode, keepContacts: true),
                contact: { c, encoded in try contact(c!, encoded) }, diagnostic: diagnostic, observe: observe)
    }

    /// ``run(paths:encode:contact:diagnostic:observe:)`` for a caller that needs only what `encode`
    /// makes of each contact (a writer): each contact is freed on the worker that encoded it, and
    /// `observe` sees records without their contact. Memory allocated on one thread and freed on
    /// another takes the allocator's slow path; a contact is some fifty allocations.
    public func run<Encoded: Sendable>(paths: [String], encode: @escaping @Sendable (Contact, Int) -> Encoded,
                                       encoded: (Encoded) throws -> Void,
                                       diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void = { _ in }) throws -> ImportSummary {
        try run(paths: paths, stages: Stages(normalizers: workerNormalizers, defaultEvent: defaultEvent, encode: encode, keepContacts: false),
                contact: { _, e in if let e { try encoded(e) } }, diagnostic: diagnostic, observe: observe)
    }

    private func run<Encoded: Sendable>(paths: [String], stages: Stages<Encoded>, contact: (Contact?, Encoded?) throws -> Void,
                                        diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void) throws -> ImportSummary {
        var summary = ImportSummary()
        if let meter {
            for path in paths.flatMap({ Self.folderCards($0) ?? [$0] }) where path != "-" {
                if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64 { meter.expect(bytes: size) }
            }
        }
        for path in paths {
            if let cards = Self.folderCards(path) {
                if cards.isEmpty {
                    diagnostic(Diagnostic(.warning, .inputEmpty, "folder has no .vcf files; no records", at: SourceLocation(file: path)))
                }
                for card in cards {
                    try read(path: card, into: &summary, stages: stages, contact: contact, diagnostic: diagnostic, observe: observe)
                }
                continue
            }
            try read(path: path, into: &summary, stages: stages, contact: contact, diagnostic: diagnostic, observe: observe)
        }
        return summary
    }

    /// What happens to each record between reading and delivery, on whichever thread does it:
    /// normalization (one normalizer per worker), the default event, the caller's encoding.
    struct Stages<Encoded: Sendable>: Sendable {
        let normalizers: [ContactNormalizer]
        let defaultEvent: MetEvent?
        let encode: (@Sendable (Contact, Int) -> Encoded)?
        /// Whether records keep their contact after encoding (false: freed where it was encoded).
        let keepContacts: Bool

        var parallel: Bool { !normalizers.isEmpty || encode != nil }

        func apply(_ record: inout ReadRecord, worker: Int) -> Encoded? {
            // Taken out of the record while it changes: a second reference would make every array
            // the normalizer touches a copy of its own.
            guard var c = record.contact.take() else { return nil }
            if !normalizers.isEmpty {
                let found = normalizers[worker].normalize(&c)
                record.diagnostics += found
                if record.outcome == .ok && found.contains(where: { $0.severity >= .warning }) { record.outcome = .withWarnings }
            }
            if let defaultEvent, c.events.isEmpty { c.events = [defaultEvent] }
            let encoded = encode?(c, worker)
            if keepContacts { record.contact = c }
            return encoded
        }
    }

    /// The CSV inputs' identity document columns (`DNI`, `national_id`; ``IdentityColumn``), by
    /// header as written and in input order, found from each file's header and first rows before
    /// the run, since deduplication decides what it compares before the first record. Only
    /// regular files are looked at: standard input, a pipe (`<(zcat contacts.csv.gz)`) or a FIFO
    /// gives its bytes once, to the run. An input that cannot be read has none (the run reports it).
    public func identityColumns(paths: [String]) -> [String] {
        var found: [String] = []
        for path in paths where path != "-" && FileByteSource.isRegularFile(path) {
            let input: UnicodeInput
            do { input = try UnicodeInput(try FileByteSource(path: path)) } catch { continue }
            guard FormatDetector.binaryBytes(in: input.head) == nil,
                  (forcedFormat ?? FormatDetector.detect(head: input.head, path: path)) == .csv else { continue }
            do {
                var reader = try CSVContactReader(input: input, file: path, options: csv, limits: limits)
                for column in try reader.identityColumns() where !found.contains(column) { found.append(column) }
            } catch {
                continue
            }
        }
        return found
    }

    /// A folder's vCard files in name order (a vdir, as vdirsyncer and khard keep one, or any
    /// folder of cards); nil when `path` is not a folder. Hidden files are a sync tool's state.
    public static func folderCards(_ path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && ($0.lowercased().hasSuffix(".vcf") || $0.lowercased().hasSuffix(".vcard")) }
            .sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    private func read<Encoded>(path: String, into summary: inout ImportSummary, stages: Stages<Encoded>, contact: (Contact?, Encoded?) throws -> Void,
                               diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void) throws {
        summary.files += 1
        let fileLocation = SourceLocation(file: path)
        let input: UnicodeInput
        do {
            let file = try FileByteSource(path: path)
            if let meter { input = try UnicodeInput(MeteredByteSource(file, meter: meter)) } else { input = try UnicodeInput(file) }
        } catch let error as IOError {
            summary.unreadableFiles += 1
            diagnostic(Diagnostic(.error, .inputUnreadable, "cannot read: \(error.reason)", at: fileLocation))
            return
        }
        if input.head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diagnostic(Diagnostic(.warning, .inputEmpty, "input is empty; no records", at: fileLocation))
            return
        }
        if let binary = FormatDetector.binaryBytes(in: input.head) {
            summary.unreadableFiles += 1
            diagnostic(Diagnostic(.error, .inputBinary,
                "not a contact file: \(binary.count) of its first \(binary.of) bytes are NUL or control bytes; not read",
                at: fileLocation))
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
            reader = ParallelVCardReader(input: input, file: path, limits: limits)
        case .csv:
            reader = try CSVContactReader(input: input, file: path, options: csv, limits: limits)
        case .html:
            reader = try HTMLContactReader(input: input, file: path, limits: limits)
        }
        if threads > 1 && stages.parallel {
            try readPipelined(reader, fileLocation: fileLocation, into: &summary, stages: stages, contact: contact,
                              diagnostic: diagnostic, observe: observe)
            return
        }
        while true {
            let next: ReadRecord?
            do {
                next = try reader.next()
            } catch let error as IOError {
                summary.unreadableFiles += 1
                diagnostic(Diagnostic(.error, .inputUnreadable, "read failed: \(error.reason)", at: fileLocation))
                next = nil
            }
            for d in reader.takeFileDiagnostics() { diagnostic(d) }
            guard var record = next else { return }
            let encoded = stages.apply(&record, worker: 0)
            try deliver(record, encoded, into: &summary, contact: contact, diagnostic: diagnostic, observe: observe)
        }
    }

    /// Records read in one go, with the file diagnostics met while reading them, and the reason
    /// reading stopped when the input failed.
    private struct Batch<Encoded: Sendable>: Sendable {
        var records: [ReadRecord] = []
        /// What the caller's stage made of each record's contact, by record.
        var encoded: [Encoded?] = []
        /// File diagnostics, each with the index of the record it comes before (as the serial
        /// reader reports them: a stray line found while reading a card, before that card).
        var fileDiagnostics: [(before: Int, diagnostic: Diagnostic)] = []
        var failure: String?
    }

    /// Records per batch: enough that handing a batch between threads costs nothing, few enough
    /// that both cores get work from a small file.
    static let batchSize = 512

    /// With several threads, a thread of its own reads and parses while the others normalize the
    /// batches already read (reading is serial, and alone it would leave a core idle). Records,
    /// diagnostics and callbacks keep the input order.
    private func readPipelined<Encoded>(_ reader: sending any ContactReader, fileLocation: SourceLocation, into summary: inout ImportSummary,
                                        stages: Stages<Encoded>, contact: (Contact?, Encoded?) throws -> Void,
                                        diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void) throws {
        var reader = reader
        var ended = false
        let pipeline = OrderedPipeline<Batch<Encoded>, Batch<Encoded>>(workers: threads, source: {
            if ended { return nil }
            var batch = Batch<Encoded>()
            batch.records.reserveCapacity(Self.batchSize)
            while batch.records.count < Self.batchSize {
                let position = batch.records.count
                do {
                    guard let record = try reader.next() else { ended = true; break }
                    batch.records.append(record)
                } catch let error as IOError {
                    batch.failure = error.reason
                    ended = true
                    break
                }
                batch.fileDiagnostics += reader.takeFileDiagnostics().map { (position, $0) }
            }
            let end = batch.records.count
            batch.fileDiagnostics += reader.takeFileDiagnostics().map { (end, $0) }
            return batch
        }, transform: { (batch: consuming Batch<Encoded>, worker: Int) in
            // Changed in place (a consuming parameter is the worker's own): a `var` copy would
            // share the records with the parameter, and the first change would copy them all.
            batch.encoded.reserveCapacity(batch.records.count)
            for i in batch.records.indices { batch.encoded.append(stages.apply(&batch.records[i], worker: worker)) }
            return batch
        })
        // Errors other than the input's own (the output failing) end the run.
        while let batch = try pipeline.next() {
            var next = 0
            for (i, (record, encoded)) in zip(batch.records, batch.encoded).enumerated() {
                while next < batch.fileDiagnostics.count && batch.fileDiagnostics[next].before <= i {
                    diagnostic(batch.fileDiagnostics[next].diagnostic); next += 1
                }
                try deliver(record, encoded, into: &summary, contact: contact, diagnostic: diagnostic, observe: observe)
            }
            for (_, d) in batch.fileDiagnostics[next...] { diagnostic(d) }
            if let failure = batch.failure {
                summary.unreadableFiles += 1
                diagnostic(Diagnostic(.error, .inputUnreadable, "read failed: \(failure)", at: fileLocation))
            }
        }
    }

    /// Reports a record and hands its contact on. Errors from the consumer (the output) are not
    /// about this input: they end the run.
    private func deliver<Encoded>(_ record: ReadRecord, _ encoded: Encoded?, into summary: inout ImportSummary,
                                  contact: (Contact?, Encoded?) throws -> Void,
                                  diagnostic: (Diagnostic) -> Void, observe: (ReadRecord) -> Void) throws {
        for d in record.diagnostics { diagnostic(d) }
        summary.count(record.outcome)
        meter?.add(records: 1)
        observe(record)
        // A record without a contact was skipped or rejected, unless only its encoding was kept.
        guard record.contact != nil || encoded != nil else { return }
        try contact(record.contact, encoded)
    }

    /// One normalizer per thread, made once per importer.
    private var workerNormalizers: [ContactNormalizer] {
        guard let normalizer else { return [] }
        return [normalizer] + (1..<threads).map { _ in
            ContactNormalizer(region: normalizer.phones.defaultRegion, computeKeys: normalizer.computeKeys)
        }
    }
}

/// A file that counts what is read from it on a ``ProgressMeter``.
struct MeteredByteSource: ByteSource {
    var file: FileByteSource
    let meter: ProgressMeter

    init(_ file: FileByteSource, meter: ProgressMeter) {
        self.file = file
        self.meter = meter
    }

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let n = try file.read(into: &buffer, maxCount: maxCount)
        meter.add(bytes: n)
        return n
    }
}
