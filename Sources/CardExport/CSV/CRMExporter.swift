import CardModel

/// One CRM's import layout: the header its wizard maps automatically, and one row per contact.
///
/// Layouts are fixed-width so output can stream: contact points beyond a layout's columns (a fourth
/// e-mail, a second website) are reported by ``row(for:overflow:)`` instead of silently lost. Fields a
/// CRM layout has no column for at all (HubSpot has none for notes) are documented in docs/formats.md.
public protocol CRMExporter: Sendable {
    var name: String { get }
    var header: [String] { get }
    /// The row for `contact`, as wide as ``header``; `overflow` names what did not fit.
    func row(for contact: Contact, overflow: inout [String]) -> [String]
}
