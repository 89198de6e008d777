/// Where every value of a merged contact came from, so a merge can be explained and undone.
///
/// Value lists are parallel to the contact's own lists (`emails[0]` came from `sources` at
/// `emails[0]`'s indices); single values name one source.
public struct MergeProvenance: Sendable, Codable, Equatable {
    public struct Source: Sendable, Codable, Equatable {
        public var reference: SourceReference?
        /// The record's id in reports (`--id-column`, UID or `file:record`).
        public var recordID: String
        public var event: MetEvent?

        public init(reference: SourceReference?, recordID: String, event: MetEvent?) {
            self.reference = reference
            self.recordID = recordID
            self.event = event
        }
    }

    public var sources: [Source] = []
    public var name: Int?
    public var emails: [[Int]] = []
    public var phones: [[Int]] = []
    public var urls: [[Int]] = []
    public var addresses: [[Int]] = []
    public var organization: Int?
    public var title: Int?

    public init() {}
}
