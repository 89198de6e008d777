/// A person in the event book: the contact merged from their records, with what the book knows
/// beyond the cards (their stable id, tags, the last time you were in touch, where each record
/// came from).
///
/// The book derives it; writers put the book's fields next to the contact's (JSON Lines adds
/// `id`, `lastInteraction`, `tags` and `sources`; CRM layouts add a `cardtool ID` column).
public struct Person: Sendable, Equatable {
    /// The stable, never reused id (`p3k`).
    public var id: String
    /// The merged contact, with manual edits applied.
    public var contact: Contact
    /// The latest interaction: a touch, an event where you met, or the date you connected.
    public var lastInteraction: Interaction?
    /// Tags given with `cardtool tag`.
    public var tags: [String]
    /// Every record the person is made of, oldest first.
    public var sources: [Source]

    /// A person with these values.
    public init(id: String, contact: Contact, lastInteraction: Interaction? = nil, tags: [String] = [], sources: [Source] = []) {
        self.id = id
        self.contact = contact
        self.lastInteraction = lastInteraction
        self.tags = tags
        self.sources = sources
    }

    /// A moment you were in touch with someone.
    public struct Interaction: Sendable, Equatable {
        /// When it happened.
        public var date: PartialDate
        /// `call`, `meeting`, `email`, `message` (touches), `met` (an event) or `connected` (LinkedIn).
        public var kind: String
        /// What was said, for a touch.
        public var note: String?
        /// Who on the team logged it (a touch) or met them (an event), when the book knows.
        public var by: String?

        /// An interaction of `kind` on `date`.
        public init(date: PartialDate, kind: String, note: String? = nil, by: String? = nil) {
            self.date = date
            self.kind = kind
            self.note = note
            self.by = by
        }
    }

    /// One record of the person, as the book keeps it.
    public struct Source: Sendable, Equatable {
        /// The record's id in the book (`r12`), for `cardtool split`.
        public var record: String
        /// The file it was read from, as given on the command line.
        public var file: String
        /// Its 1-based record number in that file.
        public var number: Int
        /// The import that brought it.
        public var importID: Int
        /// Where it was met, when known.
        public var event: MetEvent?
        /// Who imported it (`--as`, else the login name); nil in books from before the book knew.
        public var by: String?

        /// A source with these values.
        public init(record: String, file: String, number: Int, importID: Int, event: MetEvent?, by: String? = nil) {
            self.record = record
            self.file = file
            self.number = number
            self.importID = importID
            self.event = event
            self.by = by
        }
    }
}
