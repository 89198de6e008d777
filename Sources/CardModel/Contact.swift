import Foundation

/// One person (or organisation) as read from any source, before and after normalization.
///
/// Every reader fills this one type so that later stages (normalization, deduplication, the event book,
/// the writers) never care where a contact came from. Fields a source does not have stay `nil` or empty.
/// Anything a reader does not understand goes to ``extras`` verbatim, so a round trip loses nothing.
public struct Contact: Sendable, Codable, Equatable {
    // The fields live in one shared, copy-on-write box: a contact moves between the reader, the
    // normalizer, the writers and the book as one reference instead of some 600 bytes and two
    // dozen retained references copied at every hand-off.
    @usableFromInline var storage: ContactStorage

    /// The box's fields for writing, copied first if another contact shares them.
    @inlinable mutating func writable() -> UnsafeMutablePointer<ContactFields> {
        if !isKnownUniquelyReferenced(&storage) { storage = ContactStorage(storage.fields.pointee) }
        return storage.fields
    }

    /// The display name (vCard `FN`).
    public var fullName: String? {
        @inlinable get { storage.fields.pointee.fullName }
        @inlinable set { writable().pointee.fullName = newValue }
        @inlinable _modify { yield &writable().pointee.fullName }
    }
    /// The structured name (vCard `N`).
    public var name: PersonName? {
        @inlinable get { storage.fields.pointee.name }
        @inlinable set { writable().pointee.name = newValue }
        @inlinable _modify { yield &writable().pointee.name }
    }
    /// Nicknames in source order (vCard `NICKNAME`, which may be a list).
    public var nicknames: [String] {
        @inlinable get { storage.fields.pointee.nicknames }
        @inlinable set { writable().pointee.nicknames = newValue }
        @inlinable _modify { yield &writable().pointee.nicknames }
    }
    /// E-mail addresses in source order (vCard `EMAIL`).
    public var emails: [Email] {
        @inlinable get { storage.fields.pointee.emails }
        @inlinable set { writable().pointee.emails = newValue }
        @inlinable _modify { yield &writable().pointee.emails }
    }
    /// Telephone numbers in source order (vCard `TEL`).
    public var phones: [Phone] {
        @inlinable get { storage.fields.pointee.phones }
        @inlinable set { writable().pointee.phones = newValue }
        @inlinable _modify { yield &writable().pointee.phones }
    }
    /// Web addresses in source order (vCard `URL`), LinkedIn profiles included.
    public var urls: [WebLink] {
        @inlinable get { storage.fields.pointee.urls }
        @inlinable set { writable().pointee.urls = newValue }
        @inlinable _modify { yield &writable().pointee.urls }
    }
    /// Postal addresses in source order (vCard `ADR`).
    public var addresses: [PostalAddress] {
        @inlinable get { storage.fields.pointee.addresses }
        @inlinable set { writable().pointee.addresses = newValue }
        @inlinable _modify { yield &writable().pointee.addresses }
    }
    /// The organization's name: the first component of vCard `ORG`.
    public var organization: String? {
        @inlinable get { storage.fields.pointee.organization }
        @inlinable set { writable().pointee.organization = newValue }
        @inlinable _modify { yield &writable().pointee.organization }
    }
    /// The organizational units after the name (`ORG:Company;Unit;Subunit`), joined by "; ".
    public var department: String? {
        @inlinable get { storage.fields.pointee.department }
        @inlinable set { writable().pointee.department = newValue }
        @inlinable _modify { yield &writable().pointee.department }
    }
    /// The job title (vCard `TITLE`), such as "Head of Sales".
    public var title: String? {
        @inlinable get { storage.fields.pointee.title }
        @inlinable set { writable().pointee.title = newValue }
        @inlinable _modify { yield &writable().pointee.title }
    }
    /// The function the person plays, as opposed to the job title (vCard `ROLE`).
    public var role: String? {
        @inlinable get { storage.fields.pointee.role }
        @inlinable set { writable().pointee.role = newValue }
        @inlinable _modify { yield &writable().pointee.role }
    }
    /// The date of birth (vCard `BDAY`), possibly without a year (`--03-22`).
    public var birthday: PartialDate? {
        @inlinable get { storage.fields.pointee.birthday }
        @inlinable set { writable().pointee.birthday = newValue }
        @inlinable _modify { yield &writable().pointee.birthday }
    }
    /// Free-text notes (vCard `NOTE`).
    public var note: String? {
        @inlinable get { storage.fields.pointee.note }
        @inlinable set { writable().pointee.note = newValue }
        @inlinable _modify { yield &writable().pointee.note }
    }
    /// The person's picture (vCard `PHOTO`): inline bytes or a URI.
    public var photo: Media? {
        @inlinable get { storage.fields.pointee.photo }
        @inlinable set { writable().pointee.photo = newValue }
        @inlinable _modify { yield &writable().pointee.photo }
    }
    /// vCard `LOGO`, `SOUND` and `KEY`, which are kept as they came (bytes or URI).
    public var logo: Media? {
        @inlinable get { storage.fields.pointee.logo }
        @inlinable set { writable().pointee.logo = newValue }
        @inlinable _modify { yield &writable().pointee.logo }
    }
    /// A sound clip (vCard `SOUND`), usually how the name is pronounced.
    public var sound: Media? {
        @inlinable get { storage.fields.pointee.sound }
        @inlinable set { writable().pointee.sound = newValue }
        @inlinable _modify { yield &writable().pointee.sound }
    }
    /// A public key or certificate (vCard `KEY`).
    public var key: Media? {
        @inlinable get { storage.fields.pointee.key }
        @inlinable set { writable().pointee.key = newValue }
        @inlinable _modify { yield &writable().pointee.key }
    }
    /// The source's unique identifier (vCard `UID`); reports name the record by it unless `--id-column` gives one.
    public var uid: String? {
        @inlinable get { storage.fields.pointee.uid }
        @inlinable set { writable().pointee.uid = newValue }
        @inlinable _modify { yield &writable().pointee.uid }
    }
    /// Tags or groups the contact is filed under (vCard `CATEGORIES`, Google's `Labels`).
    public var categories: [String] {
        @inlinable get { storage.fields.pointee.categories }
        @inlinable set { writable().pointee.categories = newValue }
        @inlinable _modify { yield &writable().pointee.categories }
    }
    /// Where the person was met (filled by the CSV reader and the event book).
    public var events: [MetEvent] {
        @inlinable get { storage.fields.pointee.events }
        @inlinable set { writable().pointee.events = newValue }
        @inlinable _modify { yield &writable().pointee.events }
    }
    /// When the connection was made (LinkedIn's `Connected On`).
    public var connectedOn: PartialDate? {
        @inlinable get { storage.fields.pointee.connectedOn }
        @inlinable set { writable().pointee.connectedOn = newValue }
        @inlinable _modify { yield &writable().pointee.connectedOn }
    }
    /// Every property this model has no field for, kept verbatim so writers can put it back.
    public var extras: [RawProperty] {
        @inlinable get { storage.fields.pointee.extras }
        @inlinable set { writable().pointee.extras = newValue }
        @inlinable _modify { yield &writable().pointee.extras }
    }
    /// Where this contact was read from.
    public var source: SourceReference? {
        @inlinable get { storage.fields.pointee.source }
        @inlinable set { writable().pointee.source = newValue }
        @inlinable _modify { yield &writable().pointee.source }
    }
    /// The display name as the source wrote it, when normalization changed it.
    public var originalFullName: String? {
        @inlinable get { storage.fields.pointee.originalFullName }
        @inlinable set { writable().pointee.originalFullName = newValue }
        @inlinable _modify { yield &writable().pointee.originalFullName }
    }
    /// The structured name as the source had it (or as first derived), when normalization changed it.
    public var originalName: PersonName? {
        @inlinable get { storage.fields.pointee.originalName }
        @inlinable set { writable().pointee.originalName = newValue }
        @inlinable _modify { yield &writable().pointee.originalName }
    }
    /// Keys for matching this contact with others, computed by normalization.
    public var keys: MatchingKeys? {
        @inlinable get { storage.fields.pointee.keys }
        @inlinable set { writable().pointee.keys = newValue }
        @inlinable _modify { yield &writable().pointee.keys }
    }
    /// For a contact merged from several records: which records, and which of them gave each value.
    public var merged: MergeProvenance? {
        @inlinable get { storage.fields.pointee.merged }
        @inlinable set { writable().pointee.merged = newValue }
        @inlinable _modify { yield &writable().pointee.merged }
    }

    /// An empty contact. It shares one empty box with every other until it is first changed:
    /// readers start each record from an empty contact, and most are filled at once.
    public init() {
        storage = ContactStorage.empty
    }

    /// Creates a contact; every field not given is `nil` or empty.
    public init(
        fullName: String? = nil, name: PersonName? = nil, nicknames: [String] = [],
        emails: [Email] = [], phones: [Phone] = [], urls: [WebLink] = [], addresses: [PostalAddress] = [],
        organization: String? = nil, department: String? = nil, title: String? = nil, role: String? = nil,
        birthday: PartialDate? = nil, note: String? = nil, photo: Media? = nil,
        logo: Media? = nil, sound: Media? = nil, key: Media? = nil,
        uid: String? = nil, categories: [String] = [], events: [MetEvent] = [], connectedOn: PartialDate? = nil,
        extras: [RawProperty] = [], source: SourceReference? = nil
    ) {
        storage = ContactStorage(ContactFields(
            fullName: fullName,
            name: name,
            nicknames: nicknames,
            emails: emails,
            phones: phones,
            urls: urls,
            addresses: addresses,
            organization: organization,
            department: department,
            title: title,
            role: role,
            birthday: birthday,
            note: note,
            photo: photo,
            logo: logo,
            sound: sound,
            key: key,
            uid: uid,
            categories: categories,
            events: events,
            connectedOn: connectedOn,
            extras: extras,
            source: source))
    }

    /// True when the contact carries nothing a person could use.
    public var isEmpty: Bool {
        fullName == nil && (name?.isEmpty ?? true) && nicknames.isEmpty && emails.isEmpty && phones.isEmpty
            && urls.isEmpty && addresses.isEmpty && organization == nil && department == nil && title == nil
            && role == nil && birthday == nil && note == nil && photo == nil && logo == nil && sound == nil
            && key == nil && uid == nil && categories.isEmpty && events.isEmpty && connectedOn == nil && extras.isEmpty
    }

    // Coded exactly as the fields are: the same keys as when they were stored here directly.
    public init(from decoder: any Decoder) throws {
        storage = ContactStorage(try ContactFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.pointee.encode(to: encoder)
    }

    public static func == (a: Contact, b: Contact) -> Bool {
        a.storage === b.storage || a.storage.fields.pointee == b.storage.fields.pointee
    }
}

/// A contact's fields, as one value (see ``Contact``).
@usableFromInline
struct ContactFields: Sendable, Codable, Equatable {
    @usableFromInline var fullName: String?
    @usableFromInline var name: PersonName?
    @usableFromInline var nicknames: [String]
    @usableFromInline var emails: [Email]
    @usableFromInline var phones: [Phone]
    @usableFromInline var urls: [WebLink]
    @usableFromInline var addresses: [PostalAddress]
    @usableFromInline var organization: String?
    @usableFromInline var department: String?
    @usableFromInline var title: String?
    @usableFromInline var role: String?
    @usableFromInline var birthday: PartialDate?
    @usableFromInline var note: String?
    @usableFromInline var photo: Media?
    @usableFromInline var logo: Media?
    @usableFromInline var sound: Media?
    @usableFromInline var key: Media?
    @usableFromInline var uid: String?
    @usableFromInline var categories: [String]
    @usableFromInline var events: [MetEvent]
    @usableFromInline var connectedOn: PartialDate?
    @usableFromInline var extras: [RawProperty]
    @usableFromInline var source: SourceReference?
    @usableFromInline var originalFullName: String?
    @usableFromInline var originalName: PersonName?
    @usableFromInline var keys: MatchingKeys?
    @usableFromInline var merged: MergeProvenance?

    @usableFromInline init(fullName: String?, name: PersonName?, nicknames: [String], emails: [Email], phones: [Phone],
                           urls: [WebLink], addresses: [PostalAddress], organization: String?, department: String?,
                           title: String?, role: String?, birthday: PartialDate?, note: String?, photo: Media?,
                           logo: Media?, sound: Media?, key: Media?, uid: String?, categories: [String],
                           events: [MetEvent], connectedOn: PartialDate?, extras: [RawProperty], source: SourceReference?) {
        self.fullName = fullName; self.name = name; self.nicknames = nicknames; self.emails = emails
        self.phones = phones; self.urls = urls; self.addresses = addresses; self.organization = organization
        self.department = department; self.title = title; self.role = role; self.birthday = birthday
        self.note = note; self.photo = photo; self.logo = logo; self.sound = sound; self.key = key
        self.uid = uid; self.categories = categories; self.events = events; self.connectedOn = connectedOn
        self.extras = extras; self.source = source
    }
}

/// The box a contact's fields live in. Its fields are only written through a contact that holds the
/// only reference (``Contact/writable()``), so sharing it between threads is safe.
@usableFromInline
final class ContactStorage: @unchecked Sendable {
    // A pointer rather than a stored `var`: reads and writes through it need no run-time
    // exclusivity check, which a class's stored property would cost on every field access.
    @usableFromInline let fields: UnsafeMutablePointer<ContactFields>

    /// The box every new empty contact starts with.
    static let empty = ContactStorage(ContactFields(
        fullName: nil, name: nil, nicknames: [], emails: [], phones: [], urls: [], addresses: [], organization: nil,
        department: nil, title: nil, role: nil, birthday: nil, note: nil, photo: nil, logo: nil, sound: nil, key: nil,
        uid: nil, categories: [], events: [], connectedOn: nil, extras: [], source: nil))

    @usableFromInline init(_ value: consuming ContactFields) {
        fields = .allocate(capacity: 1)
        fields.initialize(to: value)
    }

    deinit {
        fields.deinitialize(count: 1)
        fields.deallocate()
    }
}
