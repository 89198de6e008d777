import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("Names as people write them")
struct NameNormalizerTests {
    /// (display name, prefixes, given, family, suffixes, nickname)
    static let cases: [(String, String?, String?, String?, String?, String?)] = [
        ("Juan Carlos de la Fuente Martínez", nil, "Juan Carlos", "de la Fuente Martínez", nil, nil),
        ("María del Carmen Ruiz-Giménez", nil, "María del Carmen", "Ruiz-Giménez", nil, nil),
        ("GARCÍA LÓPEZ, ANA", nil, "Ana", "García López", nil, nil),
        ("Ana García López", nil, "Ana", "García López", nil, nil),
        ("José Luis García López", nil, "José Luis", "García López", nil, nil),
        ("María José García", nil, "María José", "García", nil, nil),
        ("Guadalupe Hernández López", nil, "Guadalupe", "Hernández López", nil, nil),
        ("MARÍA JOSÉ GARCÍA FERNÁNDEZ", nil, "María José", "García Fernández", nil, nil),
        ("Dr. José Luis Martín-Sánchez", "Dr.", "José Luis", "Martín-Sánchez", nil, nil),
        ("Dña. María del Carmen Ruiz-Giménez", "Dña.", "María del Carmen", "Ruiz-Giménez", nil, nil),
        ("Sr. Álvaro Núñez de Arce Peña", "Sr.", "Álvaro", "Núñez de Arce Peña", nil, nil),
        ("Lic. Ignacio Moreno Díaz", "Lic.", "Ignacio", "Moreno Díaz", nil, nil),
        ("Ing. Sofía Castro Lemos", "Ing.", "Sofía", "Castro Lemos", nil, nil),
        ("Arq. Renata Ochoa", "Arq.", "Renata", "Ochoa", nil, nil),
        ("Mtro. Julio César Ramírez", "Mtro.", "Julio César", "Ramírez", nil, nil),
        ("Prof. Inés Ortega Ruiz", "Prof.", "Inés", "Ortega Ruiz", nil, nil),
        ("Dra. Inés Ortega Ruiz", "Dra.", "Inés", "Ortega Ruiz", nil, nil),
        ("D. Antonio Pérez", "D.", "Antonio", "Pérez", nil, nil),
        ("Mr. John Smith", "Mr.", "John", "Smith", nil, nil),
        ("Mrs. Jane Doe", "Mrs.", "Jane", "Doe", nil, nil),
        ("Ms. Emily Clarke", "Ms.", "Emily", "Clarke", nil, nil),
        ("John Smith Jr.", nil, "John", "Smith", "Jr.", nil),
        ("Henry Ford II", nil, "Henry", "Ford", "II", nil),
        ("Robert Kennedy III", nil, "Robert", "Kennedy", "III", nil),
        ("Priya Nayak, MSc, MBA", nil, "Priya", "Nayak", "MSc MBA", nil),
        ("Laura Goslee, CPA", nil, "Laura", "Goslee", "CPA", nil),
        ("Carmen Ruiz Peña, PhD", nil, "Carmen", "Ruiz Peña", "PhD", nil),
        ("Dr. Carmen Ruiz Peña, PhD", "Dr.", "Carmen", "Ruiz Peña", "PhD", nil),
        ("Alex Olazagoitia (he/him)", nil, "Alex", "Olazagoitia", nil, nil),
        ("Sam Taylor (they/them)", nil, "Sam", "Taylor", nil, nil),
        ("James \"JT\" Thornton", nil, "James", "Thornton", nil, "JT"),
        ("Francisco \"Paco\" Núñez", nil, "Francisco", "Núñez", nil, "Paco"),
        ("Anand ( Andy ) Kumar", nil, "Anand", "Kumar", nil, "Andy"),
        ("Jan Steenhuis-Daalhuizen 🍀", nil, "Jan", "Steenhuis-Daalhuizen", nil, nil),
        ("Pieter Konterman🔸", nil, "Pieter", "Konterman", nil, nil),
        ("Ludwig van Beethoven", nil, "Ludwig", "van Beethoven", nil, nil),
        ("Vincent van der Berg", nil, "Vincent", "van der Berg", nil, nil),
        ("Ursula von der Leyen", nil, "Ursula", "von der Leyen", nil, nil),
        ("Ana de la Cruz Ortega", nil, "Ana", "de la Cruz Ortega", nil, nil),
        ("Jordi Puig i Soler", nil, "Jordi", "Puig i Soler", nil, nil),
        ("Joao dos Santos", nil, "Joao", "dos Santos", nil, nil),
        ("Lula da Silva", nil, "Lula", "da Silva", nil, nil),
        ("JUAN CARLOS DE LA FUENTE MARTÍNEZ", nil, "Juan Carlos", "de la Fuente Martínez", nil, nil),
        ("ana de la cruz ortega", nil, "Ana", "de la Cruz Ortega", nil, nil),
        ("PATRICK MCDONALD", nil, "Patrick", "McDonald", nil, nil),
        ("MACARENA MACHADO MACÍAS", nil, "Macarena", "Machado Macías", nil, nil),
        ("DOUGLAS MACARTHUR", nil, "Douglas", "MacArthur", nil, nil),
        ("SEAN O'BRIEN", nil, "Sean", "O'Brien", nil, nil),
        ("ÍÑIGO URQUIJO ZUBIZARRETA", nil, "Íñigo", "Urquijo Zubizarreta", nil, nil),
        ("josé ramón muñoz gómez", nil, "José Ramón", "Muñoz Gómez", nil, nil),
        ("Martín-Sánchez, José Luis", nil, "José Luis", "Martín-Sánchez", nil, nil),
        ("Doe, John", nil, "John", "Doe", nil, nil),
        ("Cher", nil, "Cher", nil, nil, nil),
        ("Li Wei", nil, "Li", "Wei", nil, nil),
        ("Renée Dubois", nil, "Renée", "Dubois", nil, nil),
        ("Zoë Müller", nil, "Zoë", "Müller", nil, nil),
        ("Begoña Gutiérrez Peña", nil, "Begoña", "Gutiérrez Peña", nil, nil),
        ("Luis Alberto Pérez Gómez", nil, "Luis Alberto", "Pérez Gómez", nil, nil),
        ("María de los Ángeles Torres", nil, "María de los Ángeles", "Torres", nil, nil),
        ("John Ronald Reuel Tolkien", nil, "John Ronald Reuel", "Tolkien", nil, nil),
        ("Mary-Kate Olsen", nil, "Mary-Kate", "Olsen", nil, nil),
        ("Raúl De la Mota (Empresa Ficticia)", nil, "Raúl", "De la Mota", nil, nil),
    ]

    @Test("parsing display names", arguments: cases)
    func parse(text: String, prefixes: String?, given: String?, family: String?, suffixes: String?, nickname: String?) {
        let parsed = NameNormalizer.parse(text)
        #expect(parsed.name.prefixes == prefixes)
        #expect(parsed.name.given == given)
        #expect(parsed.name.family == family)
        #expect(parsed.name.suffixes == suffixes)
        #expect(parsed.nickname == nickname)
    }

    @Test("an address inside the name moves to the e-mails")
    func emailInName() {
        let parsed = NameNormalizer.parse("Marcela Escolar (marcela.escolar@example.com)")
        #expect(parsed.emails == ["marcela.escolar@example.com"])
        #expect(parsed.name.family == "Escolar")
    }

    @Test("a source's own split is kept, cleaned and re-cased", arguments: [
        (PersonName(family: "GARCÍA LÓPEZ", given: "ANA"), PersonName(family: "García López", given: "Ana")),
        (PersonName(family: "Ruiz Peña, PhD", given: "Dr. Carmen"), PersonName(family: "Ruiz Peña", given: "Carmen", prefixes: "Dr.", suffixes: "PhD")),
        (PersonName(family: "Smith Jones", given: "John"), PersonName(family: "Smith Jones", given: "John")),
        (PersonName(family: "Steenhuis-Daalhuizen 🍀", given: "Jan"), PersonName(family: "Steenhuis-Daalhuizen", given: "Jan")),
    ])
    func sourceSplit(source: PersonName, expected: PersonName) {
        #expect(NameNormalizer.clean(source).name == expected)
    }
}

@Suite("E-mails, organizations, URLs and keys")
struct NormalizationKeysTests {
    @Test("e-mail addresses", arguments: [
        ("mailto:Ana@Example.ES?subject=Hola", "Ana@example.es", true), (" ana@example.es ", "ana@example.es", true),
        ("<ana@example.es>", "ana@example.es", true), ("ANA@EXAMPLE.COM", "ANA@example.com", true),
        ("mj.garcia@example,es", "mj.garcia@example,es", false), ("no-at-sign", "no-at-sign", false),
        ("ana@localhost", "ana@localhost", false), ("ana @example.es", "ana @example.es", false),
        ("ana@example..es", "ana@example..es", false), ("urn:li:member:123456789", "urn:li:member:123456789", false),
        ("José@Correos.ES", "José@correos.es", true), ("ana@ESPAÑA.es", "ana@españa.es", true), ("ana@.example.es", "ana@.example.es", false),
        ("ana@example.es.", "ana@example.es.", false), ("ana@", "ana@", false), ("@example.es", "@example.es", false),
        ("MAILTO:ana@example.es;", "ana@example.es", true), ("ana@exa_mple.es", "ana@exa_mple.es", false),
    ])
    func emails(input: String, value: String, valid: Bool) {
        let result = EmailNormalizer.normalize(input)
        #expect(result.value == value)
        #expect(result.valid == valid)
    }

    @Test("organization keys", arguments: [
        ("Moreno & Asociados", "moreno asociados"), ("Moreno y Asociados SL", "moreno asociados"),
        ("Moreno y Asociados, S.L.P.", "moreno asociados"), ("Ibertech Soluciones S.L.", "ibertech soluciones"),
        ("IBERTECH SOLUCIONES, S.L.U.", "ibertech soluciones"), ("Grupo Ejemplo de México S.A. de C.V.", "grupo ejemplo de mexico"),
        ("Acme, Inc.", "acme"), ("Acme Corp.", "acme"), ("Example Holdings LLC", "example holdings"),
        ("Beispiel GmbH", "beispiel"), ("Exemple SARL", "exemple"), ("Voorbeeld B.V.", "voorbeeld"),
        ("Banco Ficticio, S.A.", "banco ficticio"), ("Servicios Andinos Ltda.", "servicios andinos"),
        ("Johnson and Johnson", "johnson johnson"), ("Example Ltd", "example"), ("Startup S.A.S.", "startup"),
    ])
    func organizations(input: String, key: String) {
        #expect(OrganizationNormalizer.key(input) == key)
    }

    @Test("the connector and legal-suffix checks by bytes agree with the word lists")
    func organizationTables() {
        func bytes(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer(OrganizationNormalizer.isConnector) }
        for word in OrganizationNormalizer.connectors { #expect(bytes(word), "\(word)") }
        for word in ["", "a", "an", "de", "ye", "ett", "andy", "y2", "sa", "und "] { #expect(!bytes(word), "\(word)") }
        // Every suffix is found under its last word, in the order of the list (longest first).
        for words in OrganizationNormalizer.legalWords {
            let last = Array(words.last!.utf8)
            let listed = OrganizationNormalizer.legalByLastWord[last.withUnsafeBufferPointer(OrganizationNormalizer.hash)] ?? []
            #expect(listed.contains(words.map { Array($0.utf8) }), "\(words)")
            #expect(zip(listed, listed.dropFirst()).allSatisfy { $0.count >= $1.count })
        }
        #expect(OrganizationNormalizer.key("Grupo Ejemplo S.A. de C.V.") == "grupo ejemplo")
        #expect(OrganizationNormalizer.key("Ejemplo de C.V.") == "ejemplo")
        #expect(OrganizationNormalizer.key("Acme Holdings Inc. Ltd.") == "acme holdings")
        // A connector inside a name, a suffix that is the whole name, a suffix not at the end.
        #expect(OrganizationNormalizer.key("Hijos de Pérez y Cía. Ltda.") == "hijos de perez cia")
        #expect(OrganizationNormalizer.key("S.L.") == "sl")
        #expect(OrganizationNormalizer.key("Inc Magazine Group") == "inc magazine group")
    }

    @Test("URLs", arguments: [
        ("https://es.linkedin.com/in/Ana-Ruiz/?trk=x", "https://www.linkedin.com/in/ana-ruiz"),
        ("linkedin.com/in/jlmartinsanchez", "https://www.linkedin.com/in/jlmartinsanchez"),
        ("https://www.linkedin.com/in/goran-stipeti%c4%87-5b837a2a0/", "https://www.linkedin.com/in/goran-stipeti%C4%87-5b837a2a0"),
        ("https://www.linkedin.com/in/josé-ruiz", "https://www.linkedin.com/in/jos%C3%A9-ruiz"),
        ("www.ibertech-example.es", "https://www.ibertech-example.es"), ("http://www.ibm.com", "http://www.ibm.com"),
        ("https://ibertech.example.es/", "https://ibertech.example.es/"),
    ])
    func urls(input: String, expected: String) {
        #expect(URLNormalizer.normalize(input) == expected)
    }

    @Test("folding Latin text by its bytes agrees with folding it scalar by scalar, for every two-byte scalar")
    func foldingBytes() {
        // The reference: each scalar's own fold, words joined by single spaces.
        func reference(_ text: String) -> String {
            var words: [String] = [], word = ""
            for scalar in text.unicodeScalars {
                let folded: TextFolding.Folded = scalar.value < 0x80
                    ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) ? .letters(Array(String(scalar).lowercased().utf8)) : .separator)
                    : TextFolding.foldSlow(scalar)
                switch folded {
                case .mark: continue
                case .separator: if !word.isEmpty { words.append(word); word = "" }
                case .letters(let bytes): word += String(decoding: bytes, as: UTF8.self)
                }
            }
            if !word.isEmpty { words.append(word) }
            return words.joined(separator: " ")
        }
        for v in 0x80..<0x800 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for text in ["\(scalar)", "Ab\(scalar)c d", "x \(scalar) Ñ€ß", "S.\(scalar). l-\(scalar)"] {
                #expect(TextFolding.fold(text) == reference(text), "U+\(String(v, radix: 16))")
                #expect(TextFolding.fold(text, spaces: false) == reference(text).replacingOccurrences(of: " ", with: ""))
                #expect(TextFolding.fold(text, dropDots: true) == reference(text.replacingOccurrences(of: ".", with: "")))
            }
        }
        // Text already folded comes back as it is; spaces at either end or doubled do not.
        for text in ["", " ", "jose garcia", "jose  garcia", " jose", "jose ", "joségarcia", "a.b", "ǅemal Ĳssel", "Dña. María-José"] {
            #expect(TextFolding.fold(text) == reference(text), "\(text)")
            #expect(TextFolding.fold(text, spaces: false) == reference(text).replacingOccurrences(of: " ", with: ""))
            #expect(TextFolding.fold(text, spaces: false, dropDots: true)
                    == reference(text.replacingOccurrences(of: ".", with: "")).replacingOccurrences(of: " ", with: ""))
        }
        #expect(TextFolding.fold("José Ñúñez-Ruiz, S.L.") == "jose nunez ruiz s l")
        #expect(TextFolding.fold("Ĳssel Straße 𝔸") == "ijssel straße a")   // ß has no decomposition
    }

    @Test("folding, nicknames both ways, phonetic surnames")
    func keys() {
        #expect(TextFolding.fold("Núñez de Arce-Peña") == "nunez de arce pena")
        #expect(Nicknames.forms(of: "Paco").contains("francisco"))
        #expect(Nicknames.forms(of: "Francisco").contains("paco"))
        #expect(Nicknames.forms(of: "Pepe").contains("jose"))
        #expect(Nicknames.forms(of: "Nacho").contains("ignacio"))
        #expect(Nicknames.forms(of: "Bill").contains("william"))
        // Every row of the three CSV tables shipped with the library is read (2,691 English, 279
        // Spanish, 3 English the published table lacks).
        #expect(Nicknames.pairs.count == 2_973)
        #expect(Nicknames.pairs.contains { $0 == ("guadalupe", "lupe") } && Nicknames.pairs.contains { $0 == ("emilio", "milo") })
        #expect(Nicknames.pairs.last! == ("katherine", "katie"))
        #expect(PhoneticKey.key("Vázquez") == PhoneticKey.key("Vasquez"))
        #expect(PhoneticKey.key("Gonzalez") == PhoneticKey.key("González"))
        #expect(PhoneticKey.key("Jiménez") == PhoneticKey.key("Giménez"))
        #expect(PhoneticKey.key("Llorente") == PhoneticKey.key("Yorente"))
        #expect(PhoneticKey.key("Smith") != PhoneticKey.key("Garcia"))
        // The keys themselves: silent h, a leading vowel or y as A, ll as Y, qu as K, ph as F, ch as X.
        for (surname, key) in [("Vázquez", "BSKS"), ("Llorente Chávez", "YRNTXBS"), ("Quiñones", "KNS"), ("Yáñez", "YNS"),
                               ("Phillips", "FYPS"), ("Hurtado-Gil", "ARTJL"), ("Ybarra", "ABR"), ("Schwarz", "SXBRS"), ("", "")] {
            #expect(PhoneticKey.key(surname) == key, "\(surname)")
        }
    }

    @Test("a whole contact: keys computed once, originals kept")
    func contact() {
        var c = Contact(fullName: "GARCÍA LÓPEZ, ANA", emails: [Email(value: "mailto:Ana.Garcia@Example.ES")],
                        phones: [Phone(value: "612 34 56 78")], urls: [WebLink(value: "es.linkedin.com/in/ana-garcia/")],
                        organization: "Moreno y Asociados, S.L.")
        let diagnostics = ContactNormalizer(region: "ES").normalize(&c)
        #expect(diagnostics.isEmpty)
        #expect(c.fullName == "Ana García López")
        #expect(c.originalFullName == "GARCÍA LÓPEZ, ANA")
        #expect(c.emails.map(\.value) == ["Ana.Garcia@example.es"])
        #expect(c.phones[0].e164 == "+34612345678")
        #expect(c.urls[0].value == "https://www.linkedin.com/in/ana-garcia")
        let keys = c.keys
        #expect(keys?.name == "ana garcia lopez")
        #expect(keys?.family == "garcia lopez")
        #expect(keys?.phones == ["+34612345678"])
        #expect(keys?.linkedIn == "ana-garcia")
        #expect(keys?.organization == "moreno asociados")
        #expect(keys?.emails == ["ana.garcia@example.es"])
        #expect(keys?.emailLocalParts == ["ana garcia"])
    }

    @Test("a normalizer that met a name before gives what a fresh one gives: parses, parts, forms, keys")
    func remembered() {
        let cards = [
            Contact(fullName: "Dra. María José PÉREZ GARCÍA", emails: [Email(value: "MJ.Perez@Example.es")],
                    organization: "Ibertech Soluciones S.L."),
            Contact(fullName: "María José Pérez García", name: PersonName(family: "PÉREZ GARCÍA", given: "Mª José"),
                    emails: [Email(value: "@mj.perez")], organization: "IBERTECH SOLUCIONES, S.L."),
            Contact(fullName: "None", name: PersonName(family: "Newman", given: "Jeff", additional: "None")),
            Contact(fullName: "Fco. Javier Ruiz", name: PersonName(family: "Ruiz", given: "Fco. Javier")),
        ]
        let seasoned = ContactNormalizer(region: "ES")
        for _ in 0..<2 { for var c in cards { _ = seasoned.normalize(&c) } }
        for card in cards {
            var once = card, again = card
            let fresh = ContactNormalizer(region: "ES").normalize(&once)
            let remembered = seasoned.normalize(&again)
            #expect(once == again)
            #expect(fresh.map(\.message) == remembered.map(\.message))
        }
        var c = cards[3]
        _ = seasoned.normalize(&c)
        #expect(c.keys?.given.prefix(3) == ["fco javier", "fco", "francisco"])
        #expect(c.keys?.name == "fco javier ruiz")
        var d = cards[1]
        _ = seasoned.normalize(&d)
        #expect(d.keys?.given.contains("maria") == true)
        #expect(d.keys?.emailLocalParts == ["mj perez"])   // "@mj.perez": the first part that is not empty
    }
}
