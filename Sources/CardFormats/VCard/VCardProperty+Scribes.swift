import CardModel

extension VCardProperty {
    /// The value as one text, escapes undone; `trim` drops surrounding blanks.
    func text(_ version: VCardVersion, trim: Bool = true) -> String {
        valueBytes.withUnsafeBufferPointer { VCardValueCoding.text($0, version: version, trim: trim) }
    }

    /// The value's `;`-separated components, escapes undone, each trimmed.
    func components(_ version: VCardVersion) -> [String] {
        valueBytes.withUnsafeBufferPointer { VCardValueCoding.split($0, on: UInt8(ascii: ";"), version: version) }
    }

    /// The value's `,`-separated list items (CATEGORIES, NICKNAME), escapes undone, blanks dropped.
    func list(_ version: VCardVersion) -> [String] {
        valueBytes.withUnsafeBufferPointer {
            VCardValueCoding.split($0, on: UInt8(ascii: ","), version: version == .v2_1 ? .v3_0 : version)
        }.filter { !$0.isEmpty }
    }
}
