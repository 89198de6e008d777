import CardModel
import CardFormats
import Foundation

/// URLs: LinkedIn profiles made canonical, websites given a scheme.
public enum URLNormalizer {
    static func normalize(_ link: WebLink) -> WebLink { normalizeWithSlug(link).link }

    /// The normalized link and, for a LinkedIn profile, its slug (the matching key).
    static func normalizeWithSlug(_ link: WebLink) -> (link: WebLink, slug: String?) {
        var l = link
        let text = link.value.trimmed()
        let slug = linkedInSlug(text)
        if let slug {
            l.value = LinkedInProfileURL.canonical(slug)
            if !l.types.contains("linkedin") { l.types.append("linkedin") }
        } else {
            l.value = normalize(text)
        }
        return (l, slug)
    }

    /// Normalizes one URL: canonical LinkedIn profile links, and `https://` for a website without a scheme.
    public static func normalize(_ url: String) -> String {
        let text = url.trimmed()
        if let slug = linkedInSlug(text) { return LinkedInProfileURL.canonical(slug) }
        if text.isEmpty || text.byteRange(of: "://") != nil || text.hasPrefixIgnoringASCIICase("mailto:") { return text }
        if text.containsByte(UInt8(ascii: ".")) && !text.containsByte(0x20) && !text.containsByte(UInt8(ascii: "@")) {
            return "https://" + text
        }
        return text
    }

    /// The profile slug of a LinkedIn URL (with or without scheme, any subdomain), percent-encoding
    /// normalised: `linkedin.com/in/Jos%C3%A9-Ruiz/` → `josé-ruiz`.
    public static func linkedInSlug(_ url: String) -> String? {
        var text = url.trimmed()
        // Cheap test first: most URLs are not LinkedIn's.
        guard text.utf8.count > 12, text.containsIgnoringASCIICase("linkedin") else { return nil }
        if text.byteRange(of: "://") == nil { text = "https://" + text }
        return LinkedInProfileURL.slug(from: text)
    }
}
