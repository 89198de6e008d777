import CardModel
import Foundation

/// One known CSV export (LinkedIn, Google, Outlook, HubSpot, Salesforce) or the generic synonyms.
///
/// A profile recognises its header, names the role of its columns, and knows its conventions
/// (date order, multi-value separators, categories). Columns a profile does not name fall back to
/// the generic synonym table, and columns nobody names are kept on the contact as extras.
public protocol CSVProfile: Sendable {
    var name: String { get }
    /// How strongly these normalized headers look like this export (0: not at all).
    func score(_ headers: [String]) -> Int
    /// The role of a normalized header in this export; nil to ask the generic synonyms.
    func role(for header: String) -> CSVColumnRole?
    /// The role of the n-th column (from 1) with this header, for exports that repeat a name.
    func role(for header: String, occurrence: Int) -> CSVColumnRole?
    /// Day-month order of slash dates when the data does not settle it.
    var prefersDayFirst: Bool { get }
    /// Splits a categories cell into categories.
    func categories(_ cell: String) -> [String]
    /// An export's filler value for a column it has no data for (Outlook's `Normal` priority).
    func isFiller(header: String, value: String) -> Bool
}

extension CSVProfile {
    /// A repeated header has the same role each time unless a profile says otherwise.
    public func role(for header: String, occurrence: Int) -> CSVColumnRole? { role(for: header) }

    /// Month first (`03/14/2024`) unless a profile says otherwise.
    public var prefersDayFirst: Bool { false }

    /// No value is filler unless a profile says otherwise.
    public func isFiller(header: String, value: String) -> Bool { false }

    /// Splits at `;` and `,`, trimmed, empty entries dropped.
    public func categories(_ cell: String) -> [String] {
        CSVValues.split(cell, separators: [";", ","]).map { $0.trimmed() }.filter { !$0.isEmpty }
    }
}
