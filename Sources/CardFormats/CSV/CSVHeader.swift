import CardModel
import Foundation

/// Header names compared the way people write them: case, accents, spacing and a trailing colon
/// do not matter (`Teléfono móvil` = `telefono movil`).
public enum CSVHeader {
    /// The comparison form of a header: trimmed, folded, `_` as a space (`Teléfono_Móvil:` → `telefono movil`).
    public static func normalize(_ header: String) -> String {
        var text = header.trimmed()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.hasSuffix(":") { text.removeLast() }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        // snake_case (`given_name`, `date_met`) reads as words.
        return folded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "_" }).joined(separator: " ")
    }

    /// Google's and others' numbered groups: `E-mail 2 - Value`, `Phone 1 - Label`, `Address 1 - City`.
    public static func numberedGroup(_ header: String) -> CSVColumnRole? {
        // "<kind> <n> - <part>"
        guard let dash = header.range(of: " - ") else { return nil }
        let left = header[..<dash.lowerBound]
        let part = String(header[dash.upperBound...])
        guard let space = left.lastIndex(of: " "), let n = Int(left[left.index(after: space)...]), n >= 1 else { return nil }
        let kind = String(left[..<space])
        switch kind {
        case "e-mail", "email":
            switch part {
            case "value": return .email(types: [], slot: n)
            case "label", "type": return .emailLabel(slot: n)
            default: return nil
            }
        case "phone":
            switch part {
            case "value": return .phone(types: [], slot: n)
            case "label", "type": return .phoneLabel(slot: n)
            default: return nil
            }
        case "website":
            switch part {
            case "value": return .url(types: [], slot: n)
            case "label", "type": return .urlLabel(slot: n)
            default: return nil
            }
        case "address":
            let parts: [String: CSVColumnRole.AddressPart] = [
                "formatted": .formatted, "street": .street, "city": .city, "po box": .poBox, "region": .region,
                "postal code": .postalCode, "country": .country, "extended address": .extended,
            ]
            if part == "label" || part == "type" { return .addressLabel(slot: 100 + n) }
            return parts[part].map { .address(part: $0, types: [], slot: 100 + n) }
        case "organization":
            guard n == 1 else { return nil }
            switch part {
            case "name": return .organization
            case "title": return .title
            case "department": return .department
            default: return nil
            }
        default:
            return nil
        }
    }
}
