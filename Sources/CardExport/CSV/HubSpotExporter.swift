import CardModel

/// HubSpot contact import: the default property labels its wizard maps by itself (FORMATS.md §3).
/// `LinkedIn URL`, `Email 2`, `Email 3` and `Phone Number 2` need custom properties there (or can
/// be skipped in the wizard); they keep the export lossless for re-import.
public struct HubSpotExporter: CRMExporter {
    /// The layout's `--crm` name.
    public let name = "hubspot"

    /// The header row: HubSpot's default labels, then `LinkedIn URL`, `Email 2`, `Email 3`, `Phone Number 2`.
    public let header = [
        "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title",
        "Website URL", "Street Address", "City", "State/Region", "Postal Code", "Country/Region", "LinkedIn URL",
        "Email 2", "Email 3", "Phone Number 2",
    ]

    /// Creates the exporter; the layout has no settings.
    public init() {}

    /// The row for `c`: three e-mails, a mobile and two other phones, a website, LinkedIn, one address.
    public func row(for c: Contact, overflow: inout [String]) -> [String] {
        var emails = ValuePicker(c.emailValues)
        var phones = ValuePicker(c.phoneValues)
        let email = emails.take()
        let mobile = phones.take(["cell"])
        let phone = phones.takeAny(excluding: ["fax"]), phone2 = phones.takeAny(excluding: ["fax"])
        let email2 = emails.take(), email3 = emails.take()
        overflow += emails.left + phones.left
        let website = c.websiteURL, linkedIn = c.linkedInURL
        overflow += c.urls.map(\.value).filter { $0 != website && $0 != linkedIn }
        let a = c.firstAddress
        return [
            c.givenForExport, c.familyForExport, email, phone, mobile, c.organization ?? "", c.title ?? "",
            website ?? "", a?.street ?? "", a?.locality ?? "", a?.region ?? "", a?.postalCode ?? "",
            a?.country ?? "", linkedIn ?? "", email2, email3, phone2,
        ]
    }
}
