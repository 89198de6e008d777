import CardModel

/// LinkedIn profile addresses: the profile slug a link points to, and the one canonical URL for
/// a slug. Readers (saved LinkedIn pages, CSV exports) and normalization both need them, so they
/// live here rather than in any one reader.
public enum LinkedInProfileURL {
    /// `/in/<slug>/?miniProfileUrn=…`, `https://es.linkedin.com/in/<slug>` → `<slug>`: the path must
    /// start with `/in/` on a LinkedIn host (or be relative); the slug is percent-decoded and
    /// lower-cased so that one profile is one key.
    public static func slug(from href: String) -> String? {
        // On bytes, in place: every delimiter is ASCII, and this runs for every URL of every contact.
        var href = href
        return href.withUTF8 { p -> String? in
            var lo = 0, hi = p.count
            while lo < hi, p[lo].isASCIIBlank { lo += 1 }
            while hi > lo, p[hi - 1].isASCIIBlank { hi -= 1 }
            var colon = lo
            while colon < hi && p[colon] != UInt8(ascii: ":") { colon += 1 }
            if colon + 2 < hi, p[colon + 1] == UInt8(ascii: "/"), p[colon + 2] == UInt8(ascii: "/") {
                let hostStart = colon + 3
                var hostEnd = hostStart
                while hostEnd < hi && p[hostEnd] != UInt8(ascii: "/") { hostEnd += 1 }
                let count = hostEnd - hostStart, suffix = Self.hostSuffix
                func lowered(_ i: Int) -> UInt8 { p[i] >= 0x41 && p[i] <= 0x5A ? p[i] | 0x20 : p[i] }
                func endsWith(_ n: Int) -> Bool {   // the host's last n bytes are the suffix's last n
                    (0..<n).allSatisfy { lowered(hostEnd - n + $0) == suffix[suffix.count - n + $0] }
                }
                guard count == suffix.count - 1 && endsWith(count) || count > suffix.count && endsWith(suffix.count) else { return nil }
                lo = hostEnd
            }
            guard hi - lo >= 4, p[lo] == UInt8(ascii: "/"), p[lo + 1] == UInt8(ascii: "i"), p[lo + 2] == UInt8(ascii: "n"),
                  p[lo + 3] == UInt8(ascii: "/") else { return nil }
            let first = lo + 4
            var end = first
            while end < hi && p[end] != UInt8(ascii: "/") && p[end] != UInt8(ascii: "?") && p[end] != UInt8(ascii: "#") { end += 1 }
            guard end > first else { return nil }
            let raw = UnsafeBufferPointer(rebasing: p[first..<end])
            // Plain ASCII (almost every slug): lower-cased as it is copied.
            if !raw.contains(where: { $0 == UInt8(ascii: "%") || $0 >= 0x80 }) {
                return String(unsafeUninitializedCapacity: raw.count) { out in
                    for (k, c) in raw.enumerated() { out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                    return raw.count
                }
            }
            let slug = String(decoding: raw, as: UTF8.self).removingPercentEncodingLeniently.lowercased()
            return slug.isEmpty ? nil : slug
        }
    }

    static let hostSuffix = Array(".linkedin.com".utf8)
    static let prefix = Array("https://www.linkedin.com/in/".utf8)
    static let hex = Array("0123456789ABCDEF".utf8)

    /// The canonical profile URL: no query, no locale subdomain.
    public static func canonical(_ slug: String) -> String {
        // Non-ASCII and reserved bytes percent-encoded with upper-case hex: one spelling per profile.
        var out: [UInt8] = []
        out.reserveCapacity(Self.prefix.count + slug.utf8.count * 3)
        out.append(contentsOf: Self.prefix)
        for b in slug.utf8 {
            let unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "~")
            if unreserved {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%")); out.append(Self.hex[Int(b >> 4)]); out.append(Self.hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
