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
    /// Day-month order of slash dates when the data does not settle it.
    var prefersDayFirst: Bool { get }
    /// Splits a categories cell into categories.
    func categories(_ cell: String) -> [String]
    /// An export's filler value for a column it has no data for (Outlook's `Normal` priority).
    func isFiller(header: String, value: String) -> Bool
}

extension CSVProfile {
    public var prefersDayFirst: Bool { false }

    public func isFiller(header: String, value: String) -> Bool { false }

    public func categories(_ cell: String) -> [String] {
        CSVValues.split(cell, separators: [";", ","]).map { $0.trimmed() }.filter { !$0.isEmpty }
    }
}

/// Header names compared the way people write them: case, accents, spacing and a trailing colon
/// do not matter (`Teléfono móvil` = `telefono movil`).
public enum CSVHeader {
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

/// Cell-level helpers shared by the profiles and the mapper.
public enum CSVValues {
    /// Splits on any of the separators (single characters), keeping empty parts out.
    static func split(_ text: String, separators: Set<Character>) -> [String] {
        text.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }

    /// Google's ` ::: ` between several values in one cell.
    static func multiValues(_ cell: String) -> [String] {
        guard cell.containsByte(UInt8(ascii: ":")) else { return [cell] }
        var parts: [String] = []
        var text = cell
        text.withUTF8 { p in
            var start = 0
            var i = 0
            while i + 2 < p.count {
                if p[i] == 0x3A && p[i + 1] == 0x3A && p[i + 2] == 0x3A {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<p.count]), as: UTF8.self))
        }
        if parts.count == 1 { return [cell] }
        return parts.map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    /// Several e-mails or phones typed into one cell (`a@x.com; b@y.com`, `612 345 678; 91 123 45 67`),
    /// besides Google's ` ::: `. A `;` that starts a tel parameter (`;ext=12`) is not a separator,
    /// and commas split only when every part is an address.
    static func listValues(_ cell: String, emails: Bool) -> [String] {
        var out: [String] = []
        for value in multiValues(cell) {
            guard value.containsByte(UInt8(ascii: ";")) || (emails && value.containsByte(UInt8(ascii: ","))) else {
                out.append(value)
                continue
            }
            var parts: [String] = []
            for piece in value.split(separator: ";", omittingEmptySubsequences: true) {
                let p = piece.trimmingCharacters(in: .whitespaces)
                if !emails, !parts.isEmpty, p.lowercased().hasPrefix("ext") || p.contains("=") {
                    parts[parts.count - 1] += ";" + p
                } else if !p.isEmpty {
                    parts.append(p)
                }
            }
            if emails {
                parts = parts.flatMap { part -> [String] in
                    let pieces = part.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    return pieces.count > 1 && pieces.allSatisfy({ $0.containsByte(UInt8(ascii: "@")) }) ? pieces : [part]
                }
            }
            out.append(contentsOf: parts)
        }
        return out
    }

    /// Types for a label that names one (`Mobile` → cell, `Work Fax` → work, fax); nil for a
    /// custom label, which is kept as the label.
    static func types(forLabel label: String) -> [String]? {
        labelTypes[label.lowercased()]
    }

    private static let labelTypes: [String: [String]] = {
        var map: [String: [String]] = [:]
        func add(_ types: [String], _ names: String...) { for n in names { map[n] = types } }
        add(["cell"], "mobile", "cell", "movil", "móvil", "celular", "iphone")
        add(["work"], "work", "business", "trabajo", "oficina")
        add(["home"], "home", "personal", "casa", "particular")
        add(["work", "fax"], "work fax", "business fax", "fax del trabajo")
        add(["home", "fax"], "home fax")
        add(["fax"], "fax")
        add(["main"], "main", "principal")
        add(["pager"], "pager")
        add([], "other", "otro")
        return map
    }()

    /// System groups that say nothing about the person (`myContacts`).
    static func isSystemCategory(_ category: String) -> Bool {
        ["mycontacts", "my contacts", "other contacts", "starred"].contains(category.lowercased())
    }

    /// Google marks system labels with `* ` (`* Work`, `* myContacts`).
    static func label(_ cell: String) -> String? {
        var text = cell.trimmed()
        if text.hasPrefix("* ") { text = String(text.dropFirst(2)) } else if text == "*" { text = "" }
        return text.isEmpty ? nil : text
    }
}

/// Every profile cardtool knows, most specific first.
public enum CSVProfiles {
    public static let all: [any CSVProfile] = [
        LinkedInConnectionsProfile(), GoogleContactsProfile(), OutlookContactsProfile(), HubSpotProfile(),
        SalesforceProfile(), GenericContactsProfile(),
    ]

    /// The best-scoring profile for a header row (the generic one when none recognises it).
    public static func detect(_ normalizedHeaders: [String]) -> any CSVProfile {
        var best: any CSVProfile = GenericContactsProfile()
        var bestScore = 0
        for profile in all {
            let s = profile.score(normalizedHeaders)
            if s > bestScore {
                best = profile
                bestScore = s
            }
        }
        return best
    }
}
