import CardModel

/// Reads contacts from an HTML page: h-card / hCard items, LinkedIn-style profile lists, and
/// tables with a header row, all from one libxml2 DOM.
///
/// Pages are parsed whole (a DOM needs the whole page), then handed out record by record. The
/// charset comes from a BOM, else from `<meta>` when the bytes are not UTF-8, else UTF-8, else
/// Windows-1252. Broken markup is repaired as browsers do; a page with no contacts says so.
public struct HTMLContactReader: ContactReader {
    /// The path as given on the command line, for diagnostics and sources.
    public let file: String
    private var records: [ReadRecord] = []
    private var index = 0
    private var fileDiagnostics: [Diagnostic] = []

    /// Reads and parses the whole page and extracts its contacts; `baseURL` resolves relative links.
    ///   - limits: how deep the page may nest before deeper elements are left out.
    public init(input: sending UnicodeInput, file: String, baseURL: String? = nil, limits: ReadLimits = .standard) throws {
        self.file = file
        var bytes: [UInt8] = []
        while try input.read(into: &bytes) {}
        if bytes.contains(0) {
            // libxml2 stops at a NUL byte; the rest of the page would be lost.
            bytes.removeAll { $0 == 0 }
            fileDiagnostics.append(Diagnostic(.warning, .encodingNulBytes, "NUL bytes in the page; removed",
                                              at: SourceLocation(file: file, line: 1)))
        }
        let encoding = Self.encoding(bytes, input: input)
        guard let document = HTMLDocument(bytes: bytes, encoding: encoding, url: baseURL, maxDepth: limits.depth),
              let root = document.root else {
            fileDiagnostics.append(Diagnostic(.warning, .htmlNoContacts, "page has no HTML content; no records",
                                              at: SourceLocation(file: file, line: 1)))
            return
        }
        if let pruned = document.pruned {
            fileDiagnostics.append(Diagnostic(.warning, .limitTooDeep,
                "elements nested deeper than \(limits.depth) (--max-depth) are not searched for contacts (\(pruned.removed) left out)",
                at: SourceLocation(file: file, line: pruned.line)))
        }
        var contacts: [(Contact, Int, [Diagnostic])] = []
        // h-card / hCard
        let parser = MicroformatsParser(baseURL: document.baseURL)
        for card in parser.contactCards(in: root) {
            contacts.append((HCardMapper.contact(card), card.line, []))
        }
        let insideCard: (HTMLElement) -> Bool = { MicroformatsParser.rootTypes($0)?.types.contains("h-card") == true }
        // LinkedIn-style profile lists
        for person in LinkedInPageExtractor.people(in: root, skipping: insideCard) {
            var contact = Contact()
            var diagnostics: [Diagnostic] = []
            let location = SourceLocation(file: file, line: person.line, record: contacts.count + 1)
            if let name = person.name, !LinkedInPageExtractor.placeholderNames.contains(name.lowercased()) {
                contact.fullName = name
                contact.name = NameSplitter.split(name)
            } else {
                diagnostics.append(Diagnostic(.warning, .htmlHiddenMember,
                    "LinkedIn shows no name for this member; kept with the profile link only", at: location))
            }
            if let headline = person.headline {
                if let (title, company) = LinkedInPageExtractor.splitHeadline(headline) {
                    contact.title = title
                    contact.organization = company
                } else {
                    contact.title = headline
                }
            }
            contact.urls = [WebLink(value: LinkedInProfileURL.canonical(person.slug), types: ["linkedin"])]
            contacts.append((contact, person.line, diagnostics))
        }
        // Tables with a header row
        for table in HTMLTableExtractor.tables(in: root, skipping: insideCard) {
            let mapper = CSVContactMapper(headers: table.headers, sample: table.rows.map(\.fields), file: file)
            for row in table.rows {
                var diagnostics: [Diagnostic] = []
                if row.isBlank || mapper.usefulCells(row) == 0 { continue }
                let contact = mapper.contact(for: row, record: contacts.count + 1, diagnostics: &diagnostics)
                contacts.append((contact, row.line, diagnostics))
            }
        }
        if contacts.isEmpty {
            fileDiagnostics.append(Diagnostic(.warning, .htmlNoContacts,
                "page has no h-card, LinkedIn profile links or contact table; no records",
                at: SourceLocation(file: file, line: 1)))
        }
        for (i, entry) in contacts.enumerated() {
            var (contact, line, diagnostics) = entry
            let source = SourceReference(file: file, record: i + 1, line: line, format: .html)
            contact.source = source
            for d in diagnostics.indices { diagnostics[d].location.record = i + 1 }
            let warned = diagnostics.contains { $0.severity >= .warning }
            records.append(ReadRecord(contact: contact, diagnostics: diagnostics, outcome: warned ? .withWarnings : .ok,
                                      source: source))
        }
    }

    /// The next contact found on the page, or nil after the last.
    public mutating func next() throws -> ReadRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }

    /// Diagnostics about the page as a whole (no content, no contacts), drained.
    public mutating func takeFileDiagnostics() -> [Diagnostic] {
        defer { fileDiagnostics.removeAll() }
        return fileDiagnostics
    }

    /// The charset to parse with: UTF-8 when the bytes are UTF-8 (or were transcoded from UTF-16),
    /// the page's own `<meta>` when they are not, else Windows-1252.
    static func encoding(_ bytes: [UInt8], input: UnicodeInput) -> String? {
        if input.encoding != .utf8 { return "UTF-8" }
        if bytes.withUnsafeBufferPointer({ TextDecoding.isValidUTF8($0) }) { return "UTF-8" }
        // A `<meta … charset=…>` (anywhere in the first 64 KiB, past inline CSS) lets libxml2 decide.
        let head = String(decoding: bytes.prefix(65_536), as: UTF8.self).lowercased()
        var rest = Substring(head)
        while let meta = rest.range(of: "<meta") {
            let tagEnd = rest[meta.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            if rest[meta.upperBound..<tagEnd].contains("charset") { return nil }
            rest = rest[tagEnd...]
        }
        return "windows-1252"
    }
}
