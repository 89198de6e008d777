
/// Google Contacts' "Google CSV", current (2020 on: `First Name … Labels`, numbered `E-mail N - Label/
/// Value` groups) and legacy (`Name, Given Name, … Group Membership`, `E-mail N - Type/Value`).
/// `* ` marks a system label, ` ::: ` separates several values in one cell.
public struct GoogleContactsProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `google`.
    public let name = "google"

    /// Creates the profile (it has no state).
    public init() {}

    /// High for current (`Labels`) or legacy (`Group Membership`) headers; more with numbered groups.
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        var score = 0
        if set.contains("labels") && set.contains("organization name") { score += 60 }
        if set.contains("group membership") && set.contains("given name") { score += 60 }
        if headers.contains(where: { $0.hasPrefix("e-mail 1 - ") || $0.hasPrefix("phone 1 - ") }) { score += 30 }
        return score
    }

    /// Google's name, organization and label columns, else the numbered groups (`Phone 1 - Value`).
    public func role(for header: String) -> CSVColumnRole? {
        switch header {
        case "name": return .fullName
        case "given name", "first name": return .givenName
        case "additional name", "middle name": return .middleName
        case "family name", "last name": return .familyName
        case "name prefix": return .prefix
        case "name suffix": return .suffix
        case "organization name": return .organization
        case "organization title": return .title
        case "organization department": return .department
        case "labels", "group membership": return .categories
        case "file as", "initials", "short name": return .ignored
        default: return CSVHeader.numberedGroup(header)
        }
    }

    /// Labels split at ` ::: `, with the `* ` of system labels dropped (`* myContacts` → `myContacts`).
    public func categories(_ cell: String) -> [String] {
        CSVValues.multiValues(cell).compactMap(CSVValues.label)
    }
}
