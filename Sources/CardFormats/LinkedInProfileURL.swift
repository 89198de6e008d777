import CardModel

/// LinkedIn profile addresses: the profile slug a link points to, and the one canonical URL for
/// a slug. Readers (saved LinkedIn pages, CSV exports) and normalization both need them, so they
/// live here rather than in any one reader.
public enum LinkedInProfileURL {
    /// `/in/<slug>/?miniProfileUrn=…`, `https://es.linkedin.com/in/<slug>` → `<slug>`: the path must
    /// start with `/in/` on a LinkedIn host (or be relative); the slug is percent-decoded and
    /// lower-cased so that one profile is one key.
    public static func slug(from href: String) -> String? {
        // On bytes: every delimiter is ASCII, and this runs for every URL of every contact.
        var b = Array(href.utf8)[...]
        while let f = b.first, f.isASCIIBlank { b = b.dropFirst() }
        while let l = b.last, l.isASCIIBlank { b = b.dropLast() }
        if let colon = b.firstIndex(of: UInt8(ascii: ":")), b[colon...].starts(with: "://".utf8) {
            let afterScheme = b[(colon + 3)...]
            let hostEnd = afterScheme.firstIndex(of: UInt8(ascii: "/")) ?? afterScheme.endIndex
            let host = afterScheme[..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let suffix = Array(".linkedin.com".utf8)
            guard host.elementsEqual(suffix.dropFirst()) || host.count > suffix.count && host.suffix(suffix.count).elementsEqual(suffix)
            else { return nil }
            b = afterScheme[hostEnd...]
        }
        guard b.starts(with: "/in/".utf8) else { return nil }
        let rest = b.dropFirst(4)
        let end = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? rest.endIndex
        guard end > rest.startIndex else { return nil }
        let slug = String(decoding: rest[..<end], as: UTF8.self).removingPercentEncodingLeniently.lowercased()
        return slug.isEmpty ? nil : slug
    }

    /// The canonical profile URL: no query, no locale subdomain.
    public static func canonical(_ slug: String) -> String {
        // Non-ASCII and reserved bytes percent-encoded with upper-case hex: one spelling per profile.
        var out = "https://www.linkedin.com/in/"
        for b in slug.utf8 {
            let unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "~")
            if unreserved { out.unicodeScalars.append(Unicode.Scalar(b)) } else {
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
