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
    /// E-mail addresses in source order (vCard `EMAIL`).
    public var emails: [Email]
    /// Telephone numbers in source order (vCard `TEL`).
    public var phones: [Phone]
    /// Web addresses in source order (vCard `URL`), LinkedIn profiles included.
    public var urls: [WebLink]
    /// Postal addresses in source order (vCard `ADR`).
    public var addresses: [PostalAddress]
    /// The organization's name: the first component of vCard `ORG`.
    public var organization: String?
    /// The organizational units after the name (`ORG:Company;Unit;Subunit`), joined by "; ".
    public var department: String?
    /// The job title (vCard `TITLE`), such as "Head of Sales".
    public var title: String?
    /// The function the person plays, as opposed to the job title (vCard `ROLE`).
    public var role: String?
    /// The date of birth (vCard `BDAY`), possibly without a year (`--03-22`).
    public var birthday: PartialDate?
    /// Free-text notes (vCard `NOTE`).
    public var note: String?
    /// The person's picture (vCard `PHOTO`): inline bytes or a URI.
    public var photo: Media?
    /// vCard `LOGO`, `SOUND` and `KEY`, which are kept as they came (bytes or URI).
    public var logo: Media?
    /// A sound clip (vCard `SOUND`), usually how the name is pronounced.
    public var sound: Media?
    /// A public key or certificate (vCard `KEY`).
    public var key: Media?
    /// The source's unique identifier (vCard `UID`); reports name the record by it unless `--id-column` gives one.
    public var uid: String?
    /// Tags or groups the contact is filed under (vCard `CATEGORIES`, Google's `Labels`).
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
