import CardModel

/// Google Contacts' "Google CSV": fixed name and organization columns, then numbered groups
/// (`E-mail N - Label` / `E-mail N - Value`), three e-mails, three phones, one address, two websites.
public struct GoogleCSVExporter: CRMExporter {
    /// The layout's `--crm` name.
    public let name = "google"
    static let emails = 3, phones = 3, websites = 2

    /// The header row: name and organization columns, then numbered label and value pairs.
    public let header: [String] = {
        var h = ["First Name", "Middle Name", "Last Name", "Name Prefix", "Name Suffix", "Nickname", "Organization Name",
                 "Organization Title", "Organization Department", "Birthday", "Notes", "Labels"]
        for n in 1...emails { h += ["E-mail \(n) - Label", "E-mail \(n) - Value"] }
        for n in 1...phones { h += ["Phone \(n) - Label", "Phone \(n) - Value"] }
        h += ["Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
              "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
              "Address 1 - Extended Address"]
        for n in 1...websites { h += ["Website \(n) - Label", "Website \(n) - Value"] }
        return h
    }()

    /// Creates the exporter; the layout has no settings.
    public init() {}

    /// Google's labels for vCard types.
    static func label(_ types: [String], fallback: String?) -> String {
        if types.contains("fax") { return types.contains("home") ? "Home Fax" : "Work Fax" }
        if types.contains("cell") { return "Mobile" }
        if types.contains("work") { return "Work" }
        if types.contains("home") { return "Home" }
        if types.contains("main") { return "Main" }
        if types.contains("pager") { return "Pager" }
        return fallback ?? "Other"
    }

    /// The row for `c`: three e-mails, three phones, one address and two websites, each with its label.
    public func row(for c: Contact, overflow: inout [String]) -> [String] {
        var r = [c.givenForExport, c.name?.additional ?? "", c.familyForExport, c.name?.prefixes ?? "",
                 c.name?.suffixes ?? "", c.nicknames.joined(separator: " ::: "), c.organization ?? "", c.title ?? "",
                 c.department ?? "", c.birthday?.iso8601 ?? "", c.note ?? "",
                 (["* myContacts"] + c.categories).joined(separator: " ::: ")]
        for i in 0..<Self.emails {
            if i < c.emails.count {
                r += [Self.label(c.emails[i].types, fallback: c.emails[i].label), c.emails[i].value]
            } else {
                r += ["", ""]
            }
        }
        overflow += c.emails.dropFirst(Self.emails).map(\.value)
        for i in 0..<Self.phones {
            if i < c.phones.count {
                let p = c.phones[i]
                r += [Self.label(p.types, fallback: p.label), p.ext.map { "\(p.written) ext. \($0)" } ?? p.written]
            } else {
                r += ["", ""]
            }
        }
        overflow += c.phones.dropFirst(Self.phones).map(\.written)
        if let a = c.firstAddress {
            r += [Self.label(a.types, fallback: a.label), a.formatted ?? "", a.street ?? "", a.locality ?? "",
                  a.poBox ?? "", a.region ?? "", a.postalCode ?? "", a.country ?? "", a.extended ?? ""]
        } else {
            r += Array(repeating: "", count: 9)
        }
        if c.addresses.count > 1 { overflow.append("\(c.addresses.count - 1) more address(es)") }
        for i in 0..<Self.websites {
            if i < c.urls.count {
                let u = c.urls[i]
                r += [u.types.contains("linkedin") ? "LinkedIn" : (u.label ?? "Website"), u.value]
            } else {
                r += ["", ""]
            }
        }
        overflow += c.urls.dropFirst(Self.websites).map(\.value)
        return r
    }
}
