import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

func readHTML(fixture: String) throws -> ReadResult {
    var reader = try HTMLContactReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(fixture))), file: fixture)
    return try drain(&reader)
}

func readHTML(_ text: String) throws -> ReadResult {
    var reader = try HTMLContactReader(input: try UnicodeInput(MemoryByteSource(text)), file: "t.html")
    return try drain(&reader)
}

@Suite("Microformats against the community's expected JSON")
struct MicroformatsGoldenTests {
    static let cases = ["v1_hcard_email", "v1_hcard_multiple", "v1_hcard_name", "v1_hcard_single", "v2_h-card_hcard",
                        "v2_h-card_nested", "mixed_h-card_mixedproperties"]

    /// The properties cardtool reads; others (geo, tz, rev…) are not part of a contact.
    static let supported: Set<String> = [
        "name", "given-name", "family-name", "additional-name", "honorific-prefix", "honorific-suffix", "nickname",
        "email", "tel", "url", "photo", "org", "job-title", "role", "note", "bday", "category", "uid", "logo", "sound",
        "label", "key", "mailer", "sort-string", "adr", "agent", "street-address", "extended-address", "locality",
        "region", "postal-code", "country-name", "post-office-box",
    ]

    /// Our item as the JSON the test suite writes (nested items as objects with a value).
    static func json(_ item: MicroformatItem) -> [String: [AnyHashable]] {
        var result: [String: [AnyHashable]] = [:]
        for (name, values) in item.properties where supported.contains(name) {
            result[name] = values.map { value -> AnyHashable in
                switch value {
                case .text(let s): return s
                case .item(let nested):
                    return ["value": nested.value ?? "", "properties": json(nested) as AnyHashable] as [String: AnyHashable]
                }
            }
        }
        return result
    }

    static func expected(_ properties: [String: Any]) -> [String: [AnyHashable]] {
        var result: [String: [AnyHashable]] = [:]
        for (name, values) in properties where supported.contains(name) {
            result[name] = (values as? [Any] ?? []).map { value -> AnyHashable in
                if let s = value as? String { return s }
                let object = value as? [String: Any] ?? [:]
                return ["value": object["value"] as? String ?? "",
                        "properties": expected(object["properties"] as? [String: Any] ?? [:]) as AnyHashable] as [String: AnyHashable]
            }
        }
        return result
    }

    @Test("h-card and hCard properties match the expected JSON", arguments: cases)
    func golden(name: String) throws {
        let base = "html/microformats-tests/microformats-\(name)"
        let html = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(base + ".html"))))
        let document = try #require(HTMLDocument(bytes: html, encoding: "UTF-8", url: "http://example.com/"))
        let items = MicroformatsParser(baseURL: document.baseURL).cards(in: try #require(document.root))
        let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path(base + ".json"))))
        let goldenItems = ((golden as? [String: Any])?["items"] as? [[String: Any]] ?? []).filter {
            ($0["type"] as? [String])?.contains("h-card") == true
        }
        try #require(items.count == goldenItems.count)
        for (ours, theirs) in zip(items, goldenItems) {
            #expect(Self.json(ours) == Self.expected(theirs["properties"] as? [String: Any] ?? [:]))
        }
    }
}

@Suite("HTML contact reader")
struct HTMLReaderTests {
    @Test("saved LinkedIn connections page: one contact per profile, canonical URL, headline split when clear")
    func linkedInPage() throws {
        let result = try readHTML(fixture: "html/connections_page_saved.html")
        let contacts = result.contacts
        try #require(contacts.count == 4)
        #expect(contacts[0].fullName == "María José García Fernández")
        #expect(contacts[0].title == "Directora de Operaciones")
        #expect(contacts[0].organization == "Ibertech Soluciones S.L.")
        #expect(contacts[0].urls == [WebLink(value: "https://www.linkedin.com/in/mariajose-garcia-fernandez-3b1a2c9", types: ["linkedin"])])
        #expect(contacts[1].urls.first?.value == "https://www.linkedin.com/in/jlmartinsanchez")
        #expect(contacts[1].title == "Head of Data, Risk & Compliance")
        #expect(contacts[1].organization == "Banco Ficticio")
        #expect(contacts[2].title == "Gerente Comercial · Grupo Ejemplo de México · +52 55 5555 0134")
        #expect(contacts[2].organization == nil)
        #expect(contacts[3].fullName == nil)
        #expect(result.records[3].diagnostics.map(\.code) == [.htmlHiddenMember])
        #expect(contacts.allSatisfy { $0.source?.format == .html })
    }

    @Test("team page: h-card and vcard classes together, nested org card, organisation card, mailto query removed")
    func teamPage() throws {
        let contacts = try readHTML(fixture: "html/synthetic_equipo_hcard.html").contacts
        try #require(contacts.count == 4)
        #expect(contacts[0].name == PersonName(family: "García Fernández", given: "María José", prefixes: "Dña."))
        #expect(contacts[0].emails.map(\.value) == ["mj.garcia@example.es"])
        #expect(contacts[0].phones.map(\.value) == ["+34 91 234 56 67"])
        #expect(contacts[0].addresses.first?.postalCode == "28009")
        #expect(contacts[1].emails.map(\.value) == ["inigo.urquijo@example.es"])
        #expect(contacts[1].phones == [Phone(value: "+34 655 123 456", types: ["cell"])])
        #expect(contacts[2].organization == "Grupo Ejemplo de México")
        #expect(contacts[2].phones.map(\.value) == ["+525555550100"])
        #expect(contacts[3].name == nil)
        #expect(contacts[3].organization == "Ibertech Soluciones S.L.")
    }

    @Test("ISO-8859-1 page with a Spanish contacts table: headers through the CSV synonyms, mailto links")
    func table() throws {
        let contacts = try readHTML(fixture: "html/contactos_tabla_es_iso-8859-1.html").contacts
        #expect(contacts.map(\.fullName) == ["Begoña Ibáñez Ruiz", "Íñigo Urquijo"])
        #expect(contacts[0].emails.map(\.value) == ["begona.ibanez@example.es"])
        #expect(contacts[0].organization == "Ejemplo Renovables S.L.")
        #expect(contacts[0].extras == [RawProperty(name: "Stand", value: "A12")])
    }

    @Test("broken markup: what is recoverable is read; links in scripts and header-less tables are not contacts")
    func brokenMarkup() throws {
        let contacts = try readHTML(fixture: "html/broken_markup.html").contacts
        #expect(contacts.count == 3)
        #expect(contacts[1].fullName == "Carlos Vega")
        #expect(contacts[1].urls.map(\.value) == ["https://www.linkedin.com/in/carlos-vega-ej"])
        #expect(contacts[1].title == "Ingeniero de Datos")
        #expect(contacts[1].organization == "Ejemplo Analytics")
        #expect(contacts[2].fullName == "Elena Ruiz")
        #expect(contacts[2].title == "consultora en transformación digital")
        #expect(!contacts.flatMap(\.urls).contains { $0.value.contains("not-a-contact") || $0.value.contains("also-not") })
    }

    @Test("a page with no contacts says so and is not an error")
    func noContacts() throws {
        let result = try readHTML(fixture: "html/no_contacts.html")
        #expect(result.records.isEmpty)
        #expect(result.codes == ["html.no-contacts"])
        #expect(result.allDiagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("headline splitting", arguments: [
        ("Head of Data at Banco Ficticio", "Head of Data", "Banco Ficticio"),
        ("Directora de Operaciones en Ibertech S.L. | Logística", "Directora de Operaciones", "Ibertech S.L."),
        ("CTO @ Acme", "CTO", "Acme"),
    ])
    func headline(text: String, title: String, company: String) {
        let split = LinkedInPageExtractor.splitHeadline(text)
        #expect(split?.title == title)
        #expect(split?.company == company)
    }

    @Test("headlines that do not clearly name a company stay whole", arguments: [
        "consultora en transformación digital", "Gerente Comercial · Grupo Ejemplo", "Looking for opportunities",
    ])
    func headlineWhole(text: String) {
        #expect(LinkedInPageExtractor.splitHeadline(text) == nil)
    }

    @Test("profile links: relative, absolute, locale subdomains, queries; other sites are not profiles", arguments: [
        ("/in/ana-ruiz/", "ana-ruiz"), ("https://es.linkedin.com/in/ana-ruiz?trk=x", "ana-ruiz"),
        ("/in/ana-ruiz/?miniProfileUrn=urn%3Ali", "ana-ruiz"), ("https://example.com/in/ana", nil), ("/company/acme/", nil),
    ] as [(String, String?)])
    func slugs(href: String, slug: String?) {
        #expect(LinkedInProfileURL.slug(from: href) == slug)
    }
}

/// Edge cases found in review; each test fails without the handling it names.
@Suite("HTML edge cases")
struct HTMLEdgeCaseTests {
    @Test("CSS classes like h-full are not microformats; cards inside h-feed are found")
    func notRoots() throws {
        let result = try readHTML("<body class=\"h-full\"><div class=\"h-feed\"><div class=\"h-card\"><span class=\"p-name\">Ana Ruiz</span></div></div></body>")
        #expect(result.contacts.map(\.fullName) == ["Ana Ruiz"])
    }

    @Test("a card listed inside another card without a property is a contact of its own")
    func childCards() throws {
        let result = try readHTML("<div class=\"h-card\"><span class=\"p-name\">Equipo</span><div class=\"h-card\"><span class=\"p-name\">Ana Ruiz</span></div></div>")
        #expect(result.contacts.map(\.fullName) == ["Equipo", "Ana Ruiz"])
    }

    @Test("no implied name when the card has other text properties")
    func noImpliedName() throws {
        let contact = try #require(try readHTML("<div class=\"h-card\"><span class=\"p-org\">ACME</span><span class=\"p-tel\">555</span></div>").contacts.first)
        #expect(contact.fullName == "ACME")
        #expect(contact.name == nil)
    }

    @Test("a list of people does not lend one person's name to another")
    func sharedContainer() throws {
        let page = "<section class=\"artdeco-card\"><div><a href=\"/in/ana\"><span class=\"x__name\">Ana Ruiz</span></a></div><div><a href=\"/in/bob\"><span class=\"x__name\">Bob Lee</span></a></div></section>"
        let contacts = try readHTML(page).contacts
        #expect(contacts.map(\.fullName) == ["Ana Ruiz", "Bob Lee"])
    }

    @Test("profile slugs: path must start with /in/ on LinkedIn; case and percent-encoding do not make two people", arguments: [
        ("/school/x/in/y", nil), ("/in/Ana-Ruiz", "ana-ruiz"), ("/in/jos%C3%A9", "josé"), ("https://evil.example/in/ana", nil),
        ("  HTTPS://WWW.LinkedIn.COM/in/Ana-Ruiz#about ", "ana-ruiz"), ("https://linkedin.com/in/ana", "ana"),
        ("https://notlinkedin.com/in/ana", nil), ("https://evil.com/x.linkedin.com/in/ana", nil), ("/in/", nil),
        ("/in/josé-garcía", "josé-garcía"), ("/IN/ana", nil),
    ] as [(String, String?)])
    func slugRules(href: String, slug: String?) {
        #expect(LinkedInProfileURL.slug(from: href) == slug)
    }

    @Test("the canonical profile URL percent-encodes what is not unreserved, in upper-case hex")
    func canonicalProfile() {
        #expect(LinkedInProfileURL.canonical("ana-ruiz_1.b~") == "https://www.linkedin.com/in/ana-ruiz_1.b~")
        #expect(LinkedInProfileURL.canonical("josé garcía") == "https://www.linkedin.com/in/jos%C3%A9%20garc%C3%ADa")
    }

    @Test("a contacts table inside a layout table is found; a name linked with mailto keeps its name")
    func nestedTable() throws {
        let page = "<table><tr><td><table><tr><th>Nombre</th><th>Correo</th></tr><tr><td><a href=\"mailto:ana@example.es\">Ana Ruiz</a></td><td><a href=\"mailto:ana@example.es\">Escribir</a></td></tr></table></td></tr></table>"
        let contacts = try readHTML(page).contacts
        #expect(contacts.map(\.fullName) == ["Ana Ruiz"])
        #expect(contacts.first?.emails.map(\.value) == ["ana@example.es"])
    }

    @Test("line numbers past 65,535 are right")
    func bigLines() throws {
        let page = String(repeating: "<p>x</p>\n", count: 70_000) + "<div class=\"h-card\"><span class=\"p-name\">Ana</span></div>\n"
        #expect(try readHTML(page).contacts.first?.source?.line == 70_001)
    }
}
