import CardModel

/// Outlook's CSV import (classic column names, which Outlook, Outlook.com and Google all map).
/// `Title` is the honorific in Outlook; the job title is `Job Title`. Birthdays are `M/D/YYYY`,
/// which Outlook needs a year for.
public struct OutlookCSVExporter: CRMExporter {
    /// The layout's `--crm` name.
    public let name = "outlook"

    /// The header row: Outlook's classic import column names.
    public let header = [
        "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Company", "Department", "Job Title",
        "Business Street", "Business City", "Business State", "Business Postal Code", "Business Country/Region",
        "Home Street", "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Business Fax",
        "Business Phone", "Home Phone", "Mobile Phone", "Other Phone", "E-mail Address", "E-mail 2 Address",
        "E-mail 3 Address", "Web Page", "Birthday", "Categories", "Notes",
    ]

    /// Creates the exporter; the layout has no settings.
    public init() {}

    /// The row for `c`: phones by type, three e-mails, one web page, a work and a home address.
    public func row(for c: Contact, overflow: inout [String]) -> [String] {
        var emails = ValuePicker(c.emailValues)
        var phones = ValuePicker(c.phoneValues)
        let fax = phones.take(["fax"]), mobile = phones.take(["cell"]), business = phones.take(["work"])
        let home = phones.take(["home"]), other = phones.take()
        let email = [emails.take(), emails.take(), emails.take()]
        overflow += emails.left + phones.left
        let web = c.websiteURL ?? c.linkedInURL
        overflow += c.urls.map(\.value).filter { $0 != web }
        let work = c.addresses.first { $0.types.contains("work") } ?? c.addresses.first { !$0.types.contains("home") }
        let homeAddress = c.addresses.first { $0.types.contains("home") && $0 != work }
        let leftover = c.addresses.filter { $0 != work && $0 != homeAddress }.count
        if leftover > 0 { overflow.append("\(leftover) more address(es)") }
        var birthday = ""
        if let b = c.birthday {
            if let year = b.year { birthday = "\(b.month)/\(b.day)/\(year)" } else { overflow.append("birthday without a year") }
        }
        return [
            c.givenForExport, c.name?.additional ?? "", c.familyForExport, c.name?.prefixes ?? "", c.name?.suffixes ?? "",
            c.organization ?? "", c.department ?? "", c.title ?? "",
            work?.street ?? "", work?.locality ?? "", work?.region ?? "", work?.postalCode ?? "", work?.country ?? "",
            homeAddress?.street ?? "", homeAddress?.locality ?? "", homeAddress?.region ?? "",
            homeAddress?.postalCode ?? "", homeAddress?.country ?? "",
            fax, business, home, mobile, other, email[0], email[1], email[2],
            web ?? "", birthday, c.categories.joined(separator: ";"), c.note ?? "",
        ]
    }
}
