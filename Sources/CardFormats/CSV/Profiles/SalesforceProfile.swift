
/// Salesforce's Lead import/export (Data Import Wizard field labels). Company is required there, so
/// `--crm salesforce` writes a placeholder that reading turns back into "no organization".
public struct SalesforceProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `salesforce`.
    public let name = "salesforce"
    /// What the Salesforce export writes when a lead has no company (or no last name).
    public static let placeholder = "[not provided]"

    /// Creates the profile (it has no state).
    public init() {}

    /// 0 without `Last Name` and `Company`; else 9 per Lead column present (`Lead Source`, …) if two or more.
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        guard set.contains("last name") && set.contains("company") else { return 0 }
        let hits = ["lead source", "zip/postal code", "state/province", "mobile phone", "description", "title"]
            .filter(set.contains).count
        return hits >= 2 ? hits * 9 : 0
    }

    /// Salesforce's Lead columns: `Description` is the note, `Fax` a phone, `Lead Source` a custom field.
    public func role(for header: String) -> CSVColumnRole? {
        switch header {
        case "title": .title
        case "description": .note
        case "phone": .phone(types: ["work"], slot: 1)
        case "mobile phone": .phone(types: ["cell"], slot: 2)
        case "fax": .phone(types: ["fax"], slot: 3)
        case "lead source": .custom("Lead Source")
        default: nil
        }
    }
}
