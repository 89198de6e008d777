import CardModel
import CardFormats

/// Salesforce Data Import Wizard, Leads: Last Name and Company are required there, so a missing
/// one is written as ``SalesforceProfile/placeholder`` (read back as empty). `Lead Source` is the
/// event where the person was met. `Email 2`, `Email 3` and `Other Phone` are not Lead fields: the
/// wizard lets you skip or map them; they keep the export lossless for re-import.
public struct SalesforceExporter: CRMExporter {
    /// The layout's `--crm` name.
    public let name = "salesforce"

    /// The header row: the Lead import fields, then `Email 2`, `Email 3` and `Other Phone`.
    public let header = [
        "First Name", "Last Name", "Company", "Title", "Email", "Phone", "Mobile Phone", "Fax", "Street", "City",
        "State/Province", "Zip/Postal Code", "Country", "Website", "Lead Source", "Description", "Email 2", "Email 3",
        "Other Phone",
    ]

    /// Creates the exporter; the layout has no settings.
    public init() {}

    /// The row for `c`; a missing Last Name or Company is `[not provided]`, the latest event is Lead Source.
    public func row(for c: Contact, overflow: inout [String]) -> [String] {
        var emails = ValuePicker(c.emailValues)
        var phones = ValuePicker(c.phoneValues)
        let email = emails.take()
        let fax = phones.take(["fax"]), mobile = phones.take(["cell"]), phone = phones.take()
        let otherPhone = phones.take(), email2 = emails.take(), email3 = emails.take()
        overflow += emails.left + phones.left
        let web = c.websiteURL ?? c.linkedInURL
        overflow += c.urls.map(\.value).filter { $0 != web }
        let a = c.firstAddress
        let placeholder = SalesforceProfile.placeholder
        let last = c.name?.family ?? (c.name == nil ? c.fullName : nil) ?? placeholder
        let first = c.name?.family == nil && c.name == nil ? "" : c.givenForExport
        return [
            first, last, c.organization ?? placeholder, c.title ?? "", email, phone, mobile, fax, a?.street ?? "",
            a?.locality ?? "", a?.region ?? "", a?.postalCode ?? "", a?.country ?? "", web ?? "",
            c.events.last?.name ?? "", c.note ?? "", email2, email3, otherPhone,
        ]
    }
}
