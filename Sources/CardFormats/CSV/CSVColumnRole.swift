import CardModel

/// What one CSV column holds, in contact-model terms.
///
/// Numbered groups (Google's `E-mail 2 - Label` / `E-mail 2 - Value`) carry a `slot` so a label
/// finds its value; fixed columns (Outlook's `Business Phone`) carry their types instead.
public enum CSVColumnRole: Sendable, Equatable {
    case fullName, givenName, middleName, familyName, prefix, suffix, nickname
    case organization, department, title, role
    case email(types: [String], slot: Int)
    case emailLabel(slot: Int)
    /// Outlook's `E-mail Type` (`SMTP`, or `EX` for an Exchange X.500 address).
    case emailKind(slot: Int)
    case phone(types: [String], slot: Int)
    case phoneLabel(slot: Int)
    case url(types: [String], slot: Int)
    case urlLabel(slot: Int)
    case address(part: AddressPart, types: [String], slot: Int)
    case addressLabel(slot: Int)
    case note, birthday, categories, uid
    /// A birthday in three columns (Thunderbird's `Birth Year`, `Birth Month`, `Birth Day`).
    case birthYear, birthMonth, birthDay
    /// LinkedIn's `Connected On`.
    case connectedOn
    /// The event where the person was met, and its date.
    case eventName, eventDate
    /// Marks an organisation's own row (Odoo's `is_company`): its name is the organization.
    case isCompany
    /// Kept as an extra property under this name (`--map Column=custom:NAME`).
    case custom(String)
    /// Known to carry nothing worth keeping (export filler such as Google's `File As`).
    case ignored

    /// Which part of a postal address a column holds; `street2` and `street3` are further street lines.
    public enum AddressPart: String, Sendable, Equatable {
        case street, street2, street3, city, region, postalCode, country, poBox, extended, formatted
    }

    /// Names accepted by `--map Column=field`.
    public init?(mapName: String) {
        let key = mapName.lowercased()
        if key.hasPrefix("custom:") {
            let name = String(mapName.dropFirst(7))
            guard !name.isEmpty else { return nil }
            self = .custom(name)
            return
        }
        switch key {
        case "fullname", "name": self = .fullName
        case "given", "givenname", "firstname", "first": self = .givenName
        case "middle", "middlename", "additional": self = .middleName
        case "family", "familyname", "lastname", "last": self = .familyName
        case "prefix", "prefixes": self = .prefix
        case "suffix", "suffixes": self = .suffix
        case "nickname": self = .nickname
        case "organization", "organisation", "company": self = .organization
        case "department": self = .department
        case "title", "jobtitle": self = .title
        case "role": self = .role
        case "email": self = .email(types: [], slot: 0)
        case "phone": self = .phone(types: [], slot: 0)
        case "mobile": self = .phone(types: ["cell"], slot: 0)
        case "url", "website": self = .url(types: [], slot: 0)
        case "linkedin": self = .url(types: ["linkedin"], slot: 0)
        case "street": self = .address(part: .street, types: [], slot: 0)
        case "city", "locality": self = .address(part: .city, types: [], slot: 0)
        case "region", "state": self = .address(part: .region, types: [], slot: 0)
        case "postalcode", "zip": self = .address(part: .postalCode, types: [], slot: 0)
        case "country": self = .address(part: .country, types: [], slot: 0)
        case "note", "notes": self = .note
        case "birthday": self = .birthday
        case "categories": self = .categories
        case "uid": self = .uid
        case "connectedon": self = .connectedOn
        case "event": self = .eventName
        case "eventdate", "datemet", "date": self = .eventDate
        case "ignore": self = .ignored
        default: return nil
        }
    }
}
