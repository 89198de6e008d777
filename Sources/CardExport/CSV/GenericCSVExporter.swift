import CardModel

/// cardtool's own clean layout: every field the model has, one column each, readable by people
/// and by `cardtool parse` (the generic synonyms know every header).
public struct GenericCSVExporter: CRMExporter {
    /// The layout's `--crm` name.
    public let name = "generic"

    /// The header row: one column per field, each of which `cardtool parse` reads back.
    public let header = [
        "Full Name", "First Name", "Middle Name", "Last Name", "Prefix", "Suffix", "Nickname", "Company", "Department",
        "Title", "Email", "Email 2", "Email 3", "Mobile Phone", "Work Phone", "Home Phone", "Other Phone", "Website",
        "LinkedIn", "Street", "City", "Region", "Postal Code", "Country", "Birthday", "Categories", "Event",
        "Date Met", "Connected On", "Notes", "Source File", "Source Record", "Source ID",
    ]

    /// Creates the exporter; the layout has no settings.
    public init() {}

    /// The row for `c`: three e-mails, phones by type, a website, LinkedIn, one address, the latest event.
    public func row(for c: Contact, overflow: inout [String]) -> [String] {
        var emails = ValuePicker(c.emailValues)
        var phones = ValuePicker(c.phoneValues)
        let email = [emails.take(), emails.take(), emails.take()]
        let mobile = phones.take(["cell"]), work = phones.take(["work"]), home = phones.take(["home"])
        let other = phones.take()
        overflow += emails.left + phones.left
        if c.addresses.count > 1 { overflow.append("\(c.addresses.count - 1) more address(es)") }
        let website = c.websiteURL, linkedIn = c.linkedInURL
        overflow += c.urls.map(\.value).filter { $0 != website && $0 != linkedIn }
        if c.events.count > 1 { overflow += c.events.dropLast().map { $0.name ?? $0.date?.iso8601 ?? "event" } }
        let a = c.firstAddress
        let event = c.events.last
        return [
            c.fullName ?? "", c.givenForExport, c.name?.additional ?? "", c.familyForExport, c.name?.prefixes ?? "",
            c.name?.suffixes ?? "", c.nicknames.joined(separator: ", "), c.organization ?? "", c.department ?? "",
            c.title ?? "", email[0], email[1], email[2], mobile, work, home, other, website ?? "",
            linkedIn ?? "", a?.street ?? "", a?.locality ?? "", a?.region ?? "", a?.postalCode ?? "",
            a?.country ?? "", c.birthday?.iso8601 ?? "", c.categories.joined(separator: "; "), event?.name ?? "",
            event?.date?.iso8601 ?? "", c.connectedOn?.iso8601 ?? "", c.note ?? "", c.source?.file ?? "",
            c.source.map { String($0.record) } ?? "", c.source?.id ?? "",
        ]
    }
}
