
/// The byte encoding a whole input was found to be in, from its byte-order mark.
public enum InputEncoding: String, Sendable {
    case utf8
    case utf8BOM = "utf-8 with BOM"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
}
