/// Where every value of a merged contact came from, so a merge can be explained and undone.
///
/// Value lists are parallel to the contact's own lists (`emails[0]` came from `sources` at
/// `emails[0]`'s indices); single values name one source.
public struct MergeProvenance: Sendable, Codable, Equatable {
    /// One record that went into the merged contact.
    public struct Source: Sendable, Codable, Equatable {
        /// Where the record was read from (file, record number, line).
        public var reference: SourceReference?
        /// The record's id in reports (`--id-column`, UID or `file:record`).
        public var recordID: String
        /// The last event the record names, if any.
        public var event: MetEvent?

        /// Creates the entry for one merged record.
        public init(reference: SourceReference?, recordID: String, event: MetEvent?) {
            self.reference = reference
            self.recordID = recordID
            self.event = event
        }
    }

    /// The merged records, oldest meeting first; the indices below point into this list.
    public var sources: [Source] = []
    /// The index in ``sources`` of the record whose name was chosen; `nil` when no record had a name.
    public var name: Int?
    /// For each of the contact's e-mails, the indices in ``sources`` of the records that had it.
    public var emails: [[Int]] = []
    /// For each of the contact's phones, the indices in ``sources`` of the records that had it.
    public var phones: [[Int]] = []
    /// For each of the contact's URLs, the indices in ``sources`` of the records that had it.
    public var urls: [[Int]] = []
    /// For each of the contact's postal addresses, the indices in ``sources`` of the records that had it.
    public var addresses: [[Int]] = []
    /// The index in ``sources`` of the record the organization and department came from (the latest).
    public var organization: Int?
    /// The index in ``sources`` of the record the title and role came from (the latest).
    public var title: Int?

    /// Creates empty provenance; the merger fills it in.
    public init() {}
}
