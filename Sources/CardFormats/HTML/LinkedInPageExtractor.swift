import CardModel
import Foundation

/// People from a saved LinkedIn page ("My Network > Connections", search results, any list of
/// profiles): every link to `/in/<slug>` and the card around it. One contact per profile, however
/// many links point to it; links inside `<script>` are not elements, so they never count.
enum LinkedInPageExtractor {
    struct Person {
        var slug: String
        var name: String?
        var headline: String?
        var line: Int
    }

    static let placeholderNames: Set<String> = ["linkedin member", "miembro de linkedin", "membre de linkedin",
                                                "linkedin-mitglied"]

    static func people(in root: HTMLElement, skipping excluded: (HTMLElement) -> Bool) -> [Person] {
        var order: [String] = []
        var found: [String: Person] = [:]
        root.walk { element in
            if excluded(element) { return false }
            guard element.isNamed("a"), let href = element.attribute("href"), let slug = LinkedInProfileURL.slug(from: href) else { return true }
            var card = container(of: element)
            // A container holding several profiles (a list, a section) belongs to none of them.
            if profileCount(in: card) > 1 { card = element.parent ?? element }
            let name = cardName(card, link: element)
            let headline = cardHeadline(card)
            if var person = found[slug] {
                person.name = person.name ?? name
                person.headline = person.headline ?? headline
                found[slug] = person
            } else {
                order.append(slug)
                found[slug] = Person(slug: slug, name: name, headline: headline, line: element.line)
            }
            return false
        }
        return order.compactMap { found[$0] }
    }

    /// Distinct profiles linked inside an element.
    static func profileCount(in element: HTMLElement) -> Int {
        var slugs = Set<String>()
        element.walk { e in
            if e.isNamed("a"), let href = e.attribute("href"), let s = LinkedInProfileURL.slug(from: href) { slugs.insert(s) }
            return slugs.count < 2
        }
        return slugs.count
    }

    /// The nearest ancestor that is a card: a list item, or an element whose class names a card,
    /// an entity result or a lockup; else the link's parent.
    static func container(of link: HTMLElement) -> HTMLElement {
        var current = link.parent
        var depth = 0
        while let element = current, depth < 6 {
            // Containers, not their parts: `entity-result` but not `entity-result__title-text`.
            let maybe = element.isNamed("li") || element.classAttributeContains("card")
                || element.classAttributeContains("entity-result") || element.classAttributeContains("lockup")
            if maybe && element.name == "li" || maybe && element.classes.contains(where: {
                ($0.contains("card") && !$0.contains("__")) || $0 == "entity-result" || $0 == "entity-result__item"
                    || $0 == "artdeco-entity-lockup"
            }) {
                return element
            }
            current = element.parent
            depth += 1
        }
        return link.parent ?? link
    }

    static func cardName(_ card: HTMLElement, link: HTMLElement) -> String? {
        // Screen-reader text ("Ver perfil", "Member's name") is not the name; LinkedIn marks the
        // visible name aria-hidden, so that one stays.
        let hidden: (HTMLElement) -> Bool = {
            ($0.classAttributeContains("visually-hidden") || $0.classAttributeContains("a11y-text"))
                && ($0.hasClass("visually-hidden") || $0.hasClass("a11y-text"))
        }
        if let named = card.first(where: { e in
            (e.classAttributeContains("__name") || e.classAttributeContains("title-text") || e.classAttributeContains("lockup__title"))
                && e.classes.contains { $0.hasSuffix("__name") || $0 == "entity-result__title-text" || $0.hasSuffix("lockup__title") }
        }) {
            let text = normalizeSpaces(named.text(skipping: hidden))
            if !text.isEmpty { return text }
        }
        if let alt = card.first(where: { $0.isNamed("img") && !($0.attribute("alt") ?? "").trimmed().isEmpty })?.attribute("alt") {
            return normalizeSpaces(alt)
        }
        let text = normalizeSpaces(link.text(skipping: hidden))
        return text.isEmpty ? nil : text
    }

    static func cardHeadline(_ card: HTMLElement) -> String? {
        guard let element = card.first(where: { e in
            (e.classAttributeContains("__occupation") || e.classAttributeContains("subtitle"))
                && e.classes.contains { $0.hasSuffix("__occupation") || $0 == "entity-result__primary-subtitle" || $0.hasSuffix("lockup__subtitle") }
        }) else { return nil }
        let text = normalizeSpaces(element.text)
        return text.isEmpty ? nil : text
    }

    /// "Directora de Operaciones en Ibertech | Logística" → ("Directora de Operaciones", "Ibertech");
    /// nil unless the headline clearly reads "Title at/en/@ Company".
    static func splitHeadline(_ headline: String) -> (title: String, company: String)? {
        for separator in [" at ", " en ", " @ "] {
            guard let range = headline.byteRange(of: separator) else { continue }
            let title = String(headline[..<range.lowerBound]).trimmed()
            var company = String(headline[range.upperBound...])
            for cut in [" | ", " · ", " - ", " – "] {
                if let r = company.byteRange(of: cut) { company = String(company[..<r.lowerBound]) }
            }
            company = company.trimmed()
            guard !title.isEmpty, let first = company.first, first.isUppercase || first.isNumber else { continue }
            return (title, company)
        }
        return nil
    }
}
