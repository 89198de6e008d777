/// One CRM's import layout: the header its wizard maps automatically, and one row per contact.
///
/// Layouts are fixed-width so output can stream: contact points beyond a layout's columns (a fourth
/// e-mail, a second website) are reported by ``row(for:overflow:)`` instead of silently lost. Fields a
/// CRM layout has no column for at all (HubSpot has none for notes) are documented in the README.
public protocol CRMExporter: Sendable {
    var name: String { get }
    var header: [String] { get }
    /// The row for `contact`, as wide as ``header``; `overflow` names what did not fit.
    func row(for contact: Contact, overflow: inout [String]) -> [String]
}

/// The CRM layouts cardtool writes (`--crm`).
public enum CRMProfile: String, Sendable, CaseIterable {
    case generic, hubspot, salesforce, google, outlook

    public var exporter: any CRMExporter {
        switch self {
        case .generic: GenericCSVExporter()
        case .hubspot: HubSpotExporter()
        case .salesforce: SalesforceExporter()
        case .google: GoogleCSVExporter()
        case .outlook: OutlookCSVExporter()
        }
    }
}

/// Picks a contact's values for fixed columns: by type first, then whatever is left, in order.
struct ValuePicker {
    private var remaining: [(value: String, types: [String])]

    init(_ values: [(value: String, types: [String])]) {
        remaining = values
    }

    /// The first value having any of `types` (any value when `types` is empty).
    mutating func take(_ types: [String] = []) -> String {
        guard let i = remaining.firstIndex(where: { v in types.isEmpty || types.contains(where: v.types.contains) }) else {
            return ""
        }
        return remaining.remove(at: i).value
    }

    /// The first value having none of `types`.
    mutating func takeAny(excluding types: [String]) -> String {
        guard let i = remaining.firstIndex(where: { v in !types.contains(where: v.types.contains) }) else { return "" }
        return remaining.remove(at: i).value
    }

    var left: [String] { remaining.map(\.value) }
}

extension Contact {
    var emailValues: [(value: String, types: [String])] { emails.map { ($0.value, $0.types) } }
    var phoneValues: [(value: String, types: [String])] {
        phones.map { phone in (phone.ext.map { "\(phone.value) ext. \($0)" } ?? phone.value, phone.types) }
    }
    var firstAddress: PostalAddress? { addresses.first }
    var linkedInURL: String? {
        urls.first { $0.types.contains("linkedin") || $0.value.lowercased().contains("linkedin.com/") }?.value
    }
    var websiteURL: String? {
        urls.first { !($0.types.contains("linkedin") || $0.value.lowercased().contains("linkedin.com/")) }?.value
    }
    var givenForExport: String { name?.given ?? "" }
    var familyForExport: String { name?.family ?? "" }
}
