import Foundation

/// One person (or organisation) as read from any source, before and after normalization.
///
/// Every reader fills this one type so that later stages (normalization, deduplication, the event book,
/// the writers) never care where a contact came from. Fields a source does not have stay `nil` or empty.
/// Anything a reader does not understand goes to ``extras`` verbatim, so a round trip loses nothing.
public struct Contact: Sendable, Codable, Equatable {
    /// The display name (vCard `FN`).
    public var fullName: String?
    /// The structured name (vCard `N`).
    public var name: PersonName?
    /// Nicknames in source order (vCard `NICKNAME`, which may be a list).
    public var nicknames: [String]
    public var emails: [Email]
    public var phones: [Phone]
    public var urls: [WebLink]
    public var addresses: [PostalAddress]
    /// The organization's name: the first component of vCard `ORG`.
    public var organization: String?
    /// The organizational units after the name (`ORG:Company;Unit;Subunit`), joined by "; ".
    public var department: String?
    public var title: String?
    public var role: String?
    public var birthday: PartialDate?
    public var note: String?
    public var photo: Media?
    /// vCard `LOGO`, `SOUND` and `KEY`, which are kept as they came (bytes or URI).
    public var logo: Media?
    public var sound: Media?
    public var key: Media?
    public var uid: String?
    public var categories: [String]
    /// Where the person was met (filled by the CSV reader and the event book).
    public var events: [MetEvent]
    /// When the connection was made (LinkedIn's `Connected On`).
    public var connectedOn: PartialDate?
    /// Every property this model has no field for, kept verbatim so writers can put it back.
    public var extras: [RawProperty]
    /// Where this contact was read from.
    public var source: SourceReference?
    /// The display name as the source wrote it, when normalization changed it.
    public var originalFullName: String?
    /// The structured name as the source had it (or as first derived), when normalization changed it.
    public var originalName: PersonName?
    /// Keys for matching this contact with others, computed by normalization.
    public var keys: MatchingKeys?
    /// For a contact merged from several records: which records, and which of them gave each value.
    public var merged: MergeProvenance?

    public init(
        fullName: String? = nil, name: PersonName? = nil, nicknames: [String] = [],
        emails: [Email] = [], phones: [Phone] = [], urls: [WebLink] = [], addresses: [PostalAddress] = [],
        organization: String? = nil, department: String? = nil, title: String? = nil, role: String? = nil,
        birthday: PartialDate? = nil, note: String? = nil, photo: Media? = nil,
        logo: Media? = nil, sound: Media? = nil, key: Media? = nil,
        uid: String? = nil, categories: [String] = [], events: [MetEvent] = [], connectedOn: PartialDate? = nil,
        extras: [RawProperty] = [], source: SourceReference? = nil
    ) {
        self.fullName = fullName
        self.name = name
        self.nicknames = nicknames
        self.emails = emails
        self.phones = phones
        self.urls = urls
        self.addresses = addresses
        self.organization = organization
        self.department = department
        self.title = title
        self.role = role
        self.birthday = birthday
        self.note = note
        self.photo = photo
        self.logo = logo
        self.sound = sound
        self.key = key
        self.uid = uid
        self.categories = categories
        self.events = events
        self.connectedOn = connectedOn
        self.extras = extras
        self.source = source
    }

    /// True when the contact carries nothing a person could use.
    public var isEmpty: Bool {
        fullName == nil && (name?.isEmpty ?? true) && nicknames.isEmpty && emails.isEmpty && phones.isEmpty
            && urls.isEmpty && addresses.isEmpty && organization == nil && department == nil && title == nil
            && role == nil && birthday == nil && note == nil && photo == nil && logo == nil && sound == nil
            && key == nil && uid == nil && categories.isEmpty && events.isEmpty && connectedOn == nil && extras.isEmpty
    }
}
