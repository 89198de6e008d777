
/// The vCard versions cardtool reads; it writes 3.0 and 4.0.
public enum VCardVersion: String, Sendable, CaseIterable, Codable {
    case v2_1 = "2.1"
    case v3_0 = "3.0"
    case v4_0 = "4.0"

    /// Versions the writer produces (2.1 is read-only: nobody needs new 2.1 files).
    public static let writable: [VCardVersion] = [.v3_0, .v4_0]
}
