/// The formats cardtool reads.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case vcard
    case csv
    case html
}
