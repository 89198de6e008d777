
/// The properties cardtool understands, recognised once from the name's bytes so the per-line
/// dispatch is a switch on a small enum rather than string comparisons.
enum VCardPropertyKind: UInt8, Sendable {
    case fn, n, tel, adr, org, url, uid, key, role, note, bday, logo, email, title, photo, sound
    case version, nickname, appleLabel, categories
    /// cardtool's own properties for what vCard has no property for.
    case connectedOn, metEvent, csvField
    /// Any other property: kept raw.
    case other

    /// Classifies `p[from..<to]` case-insensitively.
    static func classify(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> VCardPropertyKind {
        @inline(__always) func eq(_ keyword: StaticString) -> Bool {
            let k = keyword.utf8Start
            for j in 0..<(to - from) {
                let b = p[from + j]
                if (b >= 0x61 && b <= 0x7A ? b & 0xDF : b) != k[j] { return false }
            }
            return true
        }
        switch to - from {
        case 1: return eq("N") ? .n : .other
        case 2: return eq("FN") ? .fn : .other
        case 3:
            if eq("TEL") { return .tel }
            if eq("ADR") { return .adr }
            if eq("ORG") { return .org }
            if eq("URL") { return .url }
            if eq("UID") { return .uid }
            if eq("KEY") { return .key }
        case 4:
            if eq("NOTE") { return .note }
            if eq("BDAY") { return .bday }
            if eq("ROLE") { return .role }
            if eq("LOGO") { return .logo }
        case 5:
            if eq("EMAIL") { return .email }
            if eq("TITLE") { return .title }
            if eq("PHOTO") { return .photo }
            if eq("SOUND") { return .sound }
        case 7: return eq("VERSION") ? .version : .other
        case 8: return eq("NICKNAME") ? .nickname : .other
        case 9: return eq("X-ABLABEL") ? .appleLabel : .other
        case 10: return eq("CATEGORIES") ? .categories : .other
        case 14: return eq("X-CARDTOOL-MET") ? .metEvent : .other
        case 16: return eq("X-CARDTOOL-FIELD") ? .csvField : .other
        case 23: return eq("X-CARDTOOL-CONNECTED-ON") ? .connectedOn : .other
        default: break
        }
        return .other
    }
}
