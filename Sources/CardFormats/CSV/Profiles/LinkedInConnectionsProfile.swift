
/// LinkedIn's `Connections.csv` (all three layouts: with URL and a `Notes:` preamble since 2022,
/// without URL in 2021, and 2018's `M/D/YY, h:mm AM` dates). `Connected On` is kept as the date
/// the connection was made; `URL` is the person's LinkedIn profile.
public struct LinkedInConnectionsProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `linkedin`.
    public let name = "linkedin"

    /// Creates the profile (it has no state).
    public init() {}

    /// 0 without `Connected On`; else 20 for each LinkedIn column present (`First Name`, `Position`, `URL`, …).
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        guard set.contains("connected on") else { return 0 }
        return ["first name", "last name", "email address", "company", "position", "url"].filter(set.contains).count * 20
    }

    /// LinkedIn's columns: `URL` is the profile, `Position` the title, `Connected On` the connection date.
    public func role(for header: String) -> CSVColumnRole? {
        switch header {
        case "first name": .givenName
        case "last name": .familyName
        case "url": .url(types: ["linkedin"], slot: 1)
        case "email address": .email(types: [], slot: 1)
        case "company": .organization
        case "position": .title
        case "connected on": .connectedOn
        default: nil
        }
    }
}
