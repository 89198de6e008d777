import CardModel


/// Finds h-card (microformats2) and hCard (classic `vcard`) items in a page: properties by class
/// prefix (`p-` text, `u-` URL, `dt-` date, `e-` HTML), the value-class pattern, `abbr[title]`,
/// `data[value]`, implied names, and the classic class names mapped to their mf2 equivalents.
/// Elements carrying both class sets are read once.
public struct MicroformatsParser {
    let baseURL: String?

    /// Creates a parser that resolves relative links against `baseURL` (the page's, if any).
    public init(baseURL: String?) {
        self.baseURL = baseURL
    }

    /// Every card to import: the top-level cards and the cards nested in them without being a
    /// property (a team card listing its members).
    public func contactCards(in root: HTMLElement) -> [MicroformatItem] {
        cards(in: root).flatMap { [$0] + $0.children.filter { $0.types.contains("h-card") } }
    }

    /// Top-level card items in document order (nested cards are property values or children).
    public func cards(in root: HTMLElement) -> [MicroformatItem] {
        var items: [MicroformatItem] = []
        root.walk { element in
            guard let (types, _) = Self.rootTypes(element) else { return true }
            guard types.contains("h-card") else { return true }  // an h-feed, h-entry…: look inside
            items.append(parseItem(element, types: types))
            return false
        }
        return items
    }

    /// Classic hCard class → (mf2 name, kind). Kinds follow the mf2 backcompat table.
    static let classic: [String: (String, Kind)] = [
        "fn": ("name", .text), "given-name": ("given-name", .text), "family-name": ("family-name", .text),
        "additional-name": ("additional-name", .text), "honorific-prefix": ("honorific-prefix", .text),
        "honorific-suffix": ("honorific-suffix", .text), "nickname": ("nickname", .text), "org": ("org", .text),
        "organization-name": ("organization-name", .text), "organization-unit": ("organization-unit", .text),
        "title": ("job-title", .text), "role": ("role", .text), "email": ("email", .url), "tel": ("tel", .text),
        "url": ("url", .url), "photo": ("photo", .url), "logo": ("logo", .url), "sound": ("sound", .url),
        "note": ("note", .text), "bday": ("bday", .date), "category": ("category", .text), "uid": ("uid", .url),
        "label": ("label", .text), "key": ("key", .text), "mailer": ("mailer", .text), "sort-string": ("sort-string", .text),
        "adr": ("adr", .text), "street-address": ("street-address", .text), "extended-address": ("extended-address", .text),
        "post-office-box": ("post-office-box", .text), "locality": ("locality", .text), "region": ("region", .text),
        "postal-code": ("postal-code", .text), "country-name": ("country-name", .text), "agent": ("agent", .text),
        "tz": ("tz", .text), "geo": ("geo", .text),
    ]

    enum Kind {
        case text, url, date, html
    }

    /// The properties an element declares: mf2 prefixed classes inside an mf2 item, classic class
    /// names inside a classic one (the spec's backward-compatible parsing).
    func declaredProperties(_ element: HTMLElement, classic: Bool) -> [(String, Kind)] {
        var result: [(String, Kind)] = []
        var seen = Set<String>()
        for c in element.classes {
            let pair: (String, Kind)?
            if classic {
                pair = Self.classic[c]
            } else if c.hasPrefix("p-") { pair = (String(c.dropFirst(2)), .text) }
            else if c.hasPrefix("u-") { pair = (String(c.dropFirst(2)), .url) }
            else if c.hasPrefix("dt-") { pair = (String(c.dropFirst(3)), .date) }
            else if c.hasPrefix("e-") { pair = (String(c.dropFirst(2)), .html) }
            else { pair = nil }
            if let pair, !pair.0.isEmpty, seen.insert(pair.0).inserted { result.append(pair) }
        }
        return result
    }

    /// An mf2 root (`h-card`, `h-adr`), or a classic one (`vcard`, `adr`).
    /// The microformats2 root vocabularies (so that CSS classes such as Tailwind's `h-full` are not
    /// mistaken for items).
    static let vocabularies: Set<String> = [
        "h-card", "h-adr", "h-geo", "h-entry", "h-feed", "h-event", "h-item", "h-product", "h-recipe", "h-resume",
        "h-review", "h-review-aggregate", "h-cite", "h-listing", "h-org", "h-app", "h-as-note", "h-breadcrumb",
    ]

    static func rootTypes(_ element: HTMLElement) -> (types: [String], classic: Bool)? {
        // Most elements have no such class: rule them out without splitting the class list.
        guard element.classAttributeContains("h-") || element.classAttributeContains("vcard")
            || element.classAttributeContains("adr") else { return nil }
        let classes = element.classes
        let mf2 = classes.filter(vocabularies.contains)
        if !mf2.isEmpty { return (mf2, false) }
        if classes.contains("vcard") { return (["h-card"], true) }
        if classes.contains("adr") { return (["h-adr"], true) }
        return nil
    }

    func parseItem(_ element: HTMLElement, types: [String]) -> MicroformatItem {
        let classic = Self.rootTypes(element)?.classic ?? false
        var item = MicroformatItem(types: Self.rootTypes(element)?.types ?? types, line: element.line)
        for child in element.children { collect(child, into: &item, classic: classic) }
        // Implied properties are mf2 only; classic roots never imply.
        if !classic && item.types.contains("h-card") {
            if item.properties["name"] == nil, !item.hasTextOrNested, let implied = impliedName(element) {
                item.properties["name"] = [.text(implied)]
            }
            if item.properties["url"] == nil, let href = impliedURL(element) { item.properties["url"] = [.text(resolve(href))] }
        }
        return item
    }

    private func collect(_ element: HTMLElement, into item: inout MicroformatItem, classic: Bool) {
        let properties = declaredProperties(element, classic: classic)
        if Self.rootTypes(element) != nil {
            // A nested item: a property value when the element also names a property, else a
            // child item of no concern to this card.
            var nested = parseItem(element, types: ["h-card"])
            item.hasTextOrNested = true
            guard !properties.isEmpty else {
                item.children.append(nested)
                item.children += nested.children
                return
            }
            for (name, kind) in properties {
                nested.value = kind == .url ? urlValue(element) : text(element)
                item.properties[name, default: []].append(.item(nested))
                if classic && Self.typed.contains(name) { item.valueTypes[name, default: []].append(typeValues(element)) }
            }
            return
        }
        for (name, kind) in properties {
            let value: String
            if kind == .text || kind == .html { item.hasTextOrNested = true }
            switch kind {
            case .text: value = text(element)
            case .url: value = urlValue(element)
            case .date: value = dateValue(element)
            case .html: value = normalizeSpaces(element.text)
            }
            item.properties[name, default: []].append(.text(value))
            if classic && Self.typed.contains(name) { item.valueTypes[name, default: []].append(typeValues(element)) }
        }
        for child in element.children { collect(child, into: &item, classic: classic) }
    }

    static let typed: Set<String> = ["tel", "email", "adr"]

    /// Classic `type` sub-properties under an element, lower-cased.
    private func typeValues(_ element: HTMLElement) -> [String] {
        var types: [String] = []
        for child in element.children {
            child.walk { e in
                if e.hasClass("type") {
                    types.append(normalizeSpaces(e.text).lowercased())
                    return false
                }
                return Self.rootTypes(e) == nil
            }
        }
        return types
    }

    /// `p-` values: value-class children, `abbr[title]`, `data[value]`, `img[alt]`, else the text
    /// content, trimmed (inner whitespace is kept, as the microformats test suite expects; the
    /// contact mapping collapses it).
    func text(_ element: HTMLElement) -> String {
        let values = element.children.flatMap { valueClassElements($0) }
        if !values.isEmpty {
            return values.map { v -> String in
                switch v.name {
                case "abbr": v.attribute("title") ?? v.text.trimmed()
                case "data", "input": v.attribute("value") ?? v.text.trimmed()
                case "img", "area": v.attribute("alt") ?? ""
                default: v.text.trimmed()
                }
            }.joined()
        }
        switch element.name {
        case "abbr", "link": if let t = element.attribute("title") { return t }
        case "data", "input": if let v = element.attribute("value") { return v }
        case "img", "area": if let a = element.attribute("alt") { return a }
        default: break
        }
        return element.text.trimmed()
    }

    /// `u-` values: `a[href]`, `img[src]`… resolved against the page's base URL.
    func urlValue(_ element: HTMLElement) -> String {
        let raw: String?
        switch element.name {
        case "a", "area", "link": raw = element.attribute("href")
        case "img", "audio", "video", "source", "iframe": raw = element.attribute("src")
        case "object": raw = element.attribute("data")
        default: raw = nil
        }
        if let raw { return resolve(raw) }
        let values = element.children.flatMap { valueClassElements($0) }
        if !values.isEmpty {
            // The value-class pattern reads text (`alt`, `title`, `value` attributes), never `href`.
            return resolve(values.map { v -> String in
                switch v.name {
                case "img", "area": v.attribute("alt") ?? ""
                case "abbr": v.attribute("title") ?? normalizeSpaces(v.text)
                case "data": v.attribute("value") ?? normalizeSpaces(v.text)
                default: normalizeSpaces(v.text)
                }
            }.joined())
        }
        if element.name == "abbr", let t = element.attribute("title") { return resolve(t) }
        if element.name == "data", let v = element.attribute("value") { return resolve(v) }
        return resolve(normalizeSpaces(element.text))
    }

    /// `dt-` values: `time[datetime]`, `abbr[title]`, `data[value]`, else the text.
    func dateValue(_ element: HTMLElement) -> String {
        switch element.name {
        case "time", "ins", "del": if let d = element.attribute("datetime") { return d }
        case "abbr": if let t = element.attribute("title") { return t }
        case "data", "input": if let v = element.attribute("value") { return v }
        default: break
        }
        return text(element)
    }

    private func valueClassElements(_ element: HTMLElement) -> [HTMLElement] {
        if element.hasClass("value") { return [element] }
        if Self.rootTypes(element) != nil { return [] }
        return element.children.flatMap { valueClassElements($0) }
    }

    /// The implied name of an item without `p-name`: `img[alt]`, `abbr[title]`, or the text.
    func impliedName(_ element: HTMLElement) -> String? {
        switch element.name {
        case "img", "area": if let alt = element.attribute("alt") { return alt }
        case "abbr": if let title = element.attribute("title") { return title }
        default: break
        }
        let only = element.children
        if only.count == 1, only[0].name == "img", let alt = only[0].attribute("alt") { return alt }
        let text = normalizeSpaces(element.text)
        return text.isEmpty ? nil : text
    }

    /// The implied URL: the root's own `href`, or that of its only link child.
    func impliedURL(_ element: HTMLElement) -> String? {
        if element.name == "a" || element.name == "area", let href = element.attribute("href") { return href }
        let links = element.children.filter { $0.name == "a" && $0.attribute("href") != nil }
        if links.count == 1, Self.rootTypes(links[0]) == nil, declaredProperties(links[0], classic: false).isEmpty {
            return links[0].attribute("href")
        }
        return nil
    }

    func resolve(_ link: String) -> String {
        let trimmed = link.trimmed()
        guard let base = baseURL, !trimmed.isEmpty else { return trimmed }
        return URLResolver.resolve(trimmed, against: base)
    }
}

/// Whitespace runs (spaces, tabs, line breaks, no-break spaces) as one space, trimmed.
func normalizeSpaces(_ text: String) -> String {
    var out = ""
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{A0}" {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
