
/// HubSpot's contact import/export labels (what `--crm hubspot` writes, so exports re-import).
public struct HubSpotProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `hubspot`.
    public let name = "hubspot"

    /// Creates the profile (it has no state).
    public init() {}

    /// 7 per HubSpot column present (`Phone Number`, `Company Name`, …) when at least three are, else 0.
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        let hits = ["phone number", "mobile phone number", "company name", "website url", "street address",
                    "state/region", "country/region", "email"].filter(set.contains).count
        return hits >= 3 ? hits * 7 : 0
    }

    /// HubSpot's e-mail, phone, company, job title, website and LinkedIn columns; nil for the rest.
    public func role(for header: String) -> CSVColumnRole? {
        switch header {
        case "email": .email(types: [], slot: 1)
        case "phone number": .phone(types: [], slot: 1)
        case "mobile phone number": .phone(types: ["cell"], slot: 2)
        case "phone number 2": .phone(types: [], slot: 3)
        case "company name": .organization
        case "job title": .title
        case "website url": .url(types: [], slot: 1)
        case "linkedin url": .url(types: ["linkedin"], slot: 2)
        default: nil
        }
    }
}
