import CardModel
import CardConcurrency
import CardFormats
import CardNormalize
import Foundation

/// Turns contacts into features as they are read, keeping their record ids and, only when asked,
/// the contacts themselves (a million contacts take gigabytes; their features and ids a fraction
/// of that).
///
/// Each full batch is built on a worker thread while reading and normalizing go on, so no core
/// waits at a barrier; a few batches at most are in flight, and they come back in order.
public final class FeatureCollector {
    /// Extra-property names (`--map column=custom:NAME`) whose values become features, in order.
    public let customFields: [String]
    let keepContacts: Bool
    private var pending: [Contact] = []
    public private(set) var features: [RecordFeatures] = []
    public private(set) var recordIDs: [String] = []
    public private(set) var contacts: [Contact] = []
    static let batch = 4096
    private var finished = false
    /// Nil on one thread: features are then built as batches fill.
    private let pipeline: OrderedPipeline<[Contact], [RecordFeatures]>?

    /// Creates a collector on `threads` (default: the active cores) that keeps contacts if `keepContacts`.
    public init(customFields: [String], threads: Int? = nil, keepContacts: Bool = true) {
        self.customFields = customFields
        self.keepContacts = keepContacts
        let threads = threads ?? Parallel.defaultThreads
        let custom = customFields
        pipeline = threads <= 1 ? nil : OrderedPipeline(workers: threads) { batch, _ in
            batch.map { RecordFeatures($0, customFields: custom) }
        }
    }

    /// Adds one normalized contact (not after ``finish()``); each full batch of 4,096 goes to be
    /// turned into features.
    public func append(_ contact: Contact) {
        precondition(!finished, "FeatureCollector.append after finish()")
        pending.append(contact)
        if pending.count >= Self.batch { flush() }
    }

    /// Builds what is still pending and waits for every batch; idempotent.
    public func finish() -> FeatureCollector {
        guard !finished else { return self }
        finished = true
        flush()
        pipeline?.finish { features += $0 }
        return self
    }

    /// What a worker makes of one contact: its features and its record id.
    struct Built: Sendable {
        let features: RecordFeatures
        let recordID: String
    }

    /// Reads `paths` through `importer`, each contact's features built on the worker thread that
    /// normalized it, beside the next contacts, and (unless the contacts are kept) the contact
    /// freed there too: no second hand-off between threads, and no thread freeing what another
    /// allocated. Diagnostics and `observe` as ``ContactImporter/run(paths:contact:diagnostic:observe:)``
    /// gives them; without kept contacts, `observe` sees records without their contact. Contacts
    /// appended before are built first; nothing is appended after.
    public func read(_ paths: [String], with importer: ContactImporter, diagnostic: (Diagnostic) -> Void,
                     observe: (ReadRecord) -> Void = { _ in }) throws -> ImportSummary {
        precondition(!finished, "FeatureCollector.read after finish()")
        flush()
        pipeline?.finish { features += $0 }
        let custom = customFields
        // A cache of names and organizations a worker: a run repeats them again and again.
        let caches = (0..<max(1, importer.threads)).map { _ in FeatureWordCache() }
        let build: @Sendable (Contact, Int) -> Built = { c, worker in
            Built(features: RecordFeatures(c, customFields: custom, cache: caches[worker % caches.count]), recordID: c.recordID)
        }
        if keepContacts {
            return try importer.run(paths: paths, encode: build, contact: { contact, built in
                guard let built else { return }
                add(built)
                contacts.append(contact)
            }, diagnostic: diagnostic, observe: observe)
        }
        return try importer.run(paths: paths, encode: build, encoded: add, diagnostic: diagnostic, observe: observe)
    }

    private func add(_ built: Built) {
        features.append(built.features)
        recordIDs.append(built.recordID)
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending
        recordIDs += batch.map(\.recordID)
        if keepContacts { contacts += batch }
        pending.removeAll(keepingCapacity: true)
        if let pipeline {
            pipeline.push(batch) { features += $0 }
        } else {
            features += batch.map { RecordFeatures($0, customFields: customFields) }
        }
    }
}
