import CardParse
@testable import CardNormalize
import Testing

/// Names as cards and badges write them: the surname in capitals, generational suffixes, and
/// structured names an exporter filled with placeholders.
@Suite("names: capitals, suffixes, placeholders")
struct NameCasingTests {
    /// A contact as a one-column CSV gives it: the display name, split at its last word.
    func fromDisplayName(_ text: String) -> PersonName? {
        var c = Contact(fullName: text)
        c.name = PersonName(family: text.split(separator: " ").last.map(String.init),
                            given: text.split(separator: " ").dropLast().joined(separator: " "))
        _ = ContactNormalizer(region: "ES").normalize(&c)
        return c.name
    }

    @Test("the surname in capitals, after or before the given names, is the family name, re-cased",
          arguments: [
            ("Juan PÉREZ GARCÍA", "Juan", "Pérez García"),
            ("Marie DUPONT", "Marie", "Dupont"),
            ("DUPONT Marie", "Marie", "Dupont"),
            ("DE LA CRUZ Juan", "Juan", "de la Cruz"),
            ("Juan DE LA CRUZ", "Juan", "de la Cruz"),
            ("Sean O'NEIL", "Sean", "O'Neil"),
            ("María José GARCÍA-FERNÁNDEZ", "María José", "García-Fernández"),
            ("Jean-Pierre DUPONT-MOREAU", "Jean-Pierre", "Dupont-Moreau"),
            ("PEREZ Juan Carlos", "Juan Carlos", "Perez"),
          ])
    func capitals(_ input: String, _ given: String, _ family: String) {
        for name in [NameNormalizer.parse(input).name, fromDisplayName(input)] {
            #expect(name?.given == given, "\(input)")
            #expect(name?.family == family, "\(input)")
        }
    }

    @Test("a surname led by a particle, written first, in any case: the given names known at the end are the given name",
          arguments: [
            ("de la Cruz Juan", "Juan", "de la Cruz"),
            ("Van der Berg Kimberly", "Kimberly", "Van der Berg"),
            ("van der Berg Kimberly Ann", "Kimberly Ann", "van der Berg"),
            ("de la Fuente Martínez María", "María", "de la Fuente Martínez"),
            // Not a given name at the end, or nothing but a particle left: read as before.
            ("La Toya Jackson", "La Toya", "Jackson"),
            ("Van Morrison", "Van", "Morrison"),
            ("Juan de la Cruz", "Juan", "de la Cruz"),
          ])
    func particleFirst(_ input: String, _ given: String, _ family: String) {
        let name = NameNormalizer.parse(input).name
        #expect(name.given == given, "\(input)")
        #expect(name.family == family, "\(input)")
    }

    @Test("given and family columns swapped (two surnames, or a particle, in the given field; given names in the family field): read back in place",
          arguments: [
            ("Van der Berg", "Kimberly", "Kimberly", "Van der Berg"),
            ("Martínez Valuela", "Pepe", "Pepe", "Martínez Valuela"),
            ("Vázqjuez Cabrera", "María", "María", "Vázqjuez Cabrera"),
            ("García López", "María José", "María José", "García López"),
            ("del Rio Zamuela", "Mario", "Mario", "del Rio Zamuela"),
            ("Martín Gómez", "Carmen", "Carmen", "Martín Gómez"),       // Martín is a given name too
            ("Barano Guerrero", "Belén", "Belén", "Barano Guerrero"),   // the accent on the family field
            ("María Luisa", "Romero", "María Luisa", "Romero"),
            ("Chavez de la Cruz", "Montserrat", "Montserrat", "Chavez de la Cruz"),   // Cruz, led by a particle
            ("de la Fuente León", "Beatriz", "Beatriz", "de la Fuente León"),
            ("Galano del Rio", "Agustin", "Agustin", "Galano del Rio"),
            ("María del Carmen", "Luisa", "María del Carmen", "Luisa"),
            // A given name among the given field's words, or one word there: the columns stand.
            ("José Martínez", "Valuela", "José", "Martínez Valuela"),
            ("Ana Belén", "Luis", "Ana Belén", "Luis"),
            ("González", "Luis", "González", "Luis"),
          ])
    func swappedColumns(_ givenField: String, _ familyField: String, _ given: String, _ family: String) {
        var c = Contact(fullName: givenField + " " + familyField)
        c.name = PersonName(family: familyField, given: givenField)
        _ = ContactNormalizer(region: "ES").normalize(&c)
        #expect(c.name?.given == given && c.name?.family == family, "\(givenField) / \(familyField)")
        #expect(c.fullName == given + " " + family)
        if c.name?.given != givenField {
            #expect(c.originalName == PersonName(family: familyField, given: givenField))
        }
    }

    @Test("a name all in capitals or all in small letters is re-cased, accented letters included; a mixed one is kept",
          arguments: [
            ("JOSÉ ÑÚÑEZ", "José", "Ñúñez"),
            ("josé ñúñez", "José", "Ñúñez"),
            ("ÅSA ØSTBY", "Åsa", "Østby"),
            ("ŁUKASZ ŻÓŁW", "Łukasz", "Żółw"),
            ("łukasz żółw", "Łukasz", "Żółw"),
            ("José ÑúÑez", "José", "ÑúÑez"),
            ("Ástrid VON ÖSTERREICH", "Ástrid", "von Österreich"),
          ])
    func oneCase(_ input: String, _ given: String, _ family: String) {
        let name = NameNormalizer.parse(input).name
        #expect(name.given == given, "\(input)")
        #expect(name.family == family, "\(input)")
    }

    @Test("initials and names in one case are not the capitals convention")
    func notCapitals() {
        #expect(NameNormalizer.parse("JP Morgan").name.family == "Morgan")
        #expect(NameNormalizer.parse("John A. Smith").name.family == "Smith")
        #expect(NameNormalizer.parse("JUAN PÉREZ GARCÍA").name.given == "Juan")
        #expect(NameNormalizer.parse("JUAN PÉREZ GARCÍA").name.family == "Pérez García")
    }

    @Test("generational suffixes, with or without a comma, are suffixes",
          arguments: [
            ("John Smith Jr.", "John", "Smith", "Jr.", nil),
            ("John Smith III", "John", "Smith", "III", nil),
            ("Mr. John A. Smith Jr.", "John A.", "Smith", "Jr.", "Mr."),
            ("John Smith, Jr.", "John", "Smith", "Jr.", nil),
            ("Martin Luther King Sr.", "Martin Luther", "King", "Sr.", nil),
            ("José LÓPEZ hijo", "José", "López", "hijo", nil),
            ("Henry Ford II", "Henry", "Ford", "II", nil),
          ] as [(String, String, String, String, String?)])
    func suffixes(_ input: String, _ given: String, _ family: String, _ suffix: String, _ prefix: String?) {
        for name in [NameNormalizer.parse(input).name, fromDisplayName(input)] {
            #expect(name?.family == family, "\(input)")
            #expect(name?.suffixes == suffix, "\(input)")
            #expect(name?.prefixes == prefix, "\(input)")
            #expect(name?.given?.hasPrefix(given.split(separator: " ")[0]) == true, "\(input)")
        }
    }

    @Test("surnames that are also suffix words stay surnames: Nieto always, Ma and Ba unless written as a credential after a surname",
          arguments: [
            ("Laura", "Nieto", "Laura", "Nieto", nil), ("José", "Pérez Nieto", "José", "Pérez Nieto", nil),
            ("Jack", "Ma", "Jack", "Ma", nil), ("Oumar", "Ba", "Oumar", "Ba", nil),
            ("John", "Smith MA", "John", "Smith", "MA"), ("Jane", "Doe B.A.", "Jane", "Doe", "B.A."),
          ] as [(String, String, String, String, String?)])
    func surnamesLikeSuffixes(_ givenField: String, _ familyField: String, _ given: String, _ family: String, _ suffix: String?) {
        var c = Contact(fullName: givenField + " " + familyField)
        c.name = PersonName(family: familyField, given: givenField)
        _ = ContactNormalizer(region: "ES").normalize(&c)
        #expect(c.name?.given == given && c.name?.family == family && c.name?.suffixes == suffix, "\(givenField) / \(familyField)")
        // Written as one display name, the same.
        let parsed = NameNormalizer.parse(givenField + " " + familyField).name
        #expect(parsed.given == given && parsed.family == family && parsed.suffixes == suffix, "\(givenField) \(familyField)")
    }

    @Test("a middle initial stays with the given names, in a given field and in a display name", arguments: [
        ("Daniel A.", "Adams", "Daniel A.", "Adams"), ("Juan A.", "García López", "Juan A.", "García López"),
        ("Patricia K", "Smith", "Patricia K", "Smith"),
    ])
    func middleInitials(_ givenField: String, _ familyField: String, _ given: String, _ family: String) {
        var c = Contact(fullName: givenField + " " + familyField)
        c.name = PersonName(family: familyField, given: givenField)
        _ = ContactNormalizer(region: "ES").normalize(&c)
        #expect(c.name?.given == given && c.name?.family == family, "\(givenField) / \(familyField)")
        let parsed = NameNormalizer.parse(givenField + " " + familyField).name
        #expect(parsed.given == given && parsed.family == family, "\(givenField) \(familyField)")
    }

    @Test("common given names without nicknames are given names", arguments: ["Luisa", "Germán", "Keith", "Holly", "Liam", "Nicola"])
    func givenNamesWithoutNicknames(_ name: String) {
        #expect(Nicknames.isGivenName(name))
        #expect(!Nicknames.isGivenName("Mason") && !Nicknames.isGivenName("Nieto"))
    }

    @Test("a vCard N an exporter filled with None: the name shows only FN's words, in FN's order")
    func placeholders() throws {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jeff Newman\r\nN:None;Newman;Jeff;None;;None\r\nEND:VCARD\r\n"
        var c = try #require(try readVCard(card).contacts.first)
        _ = ContactNormalizer(region: "US").normalize(&c)
        #expect(c.fullName == "Jeff Newman")
        #expect(c.name?.given == "Jeff" && c.name?.family == "Newman")
        #expect(c.name?.prefixes == nil && c.name?.additional == nil)
        // A structured name with words of its own is kept (the card says Paco, N says Francisco).
        let paco = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Paco García\r\nN:García;Francisco;;;\r\nEND:VCARD\r\n"
        var p = try #require(try readVCard(paco).contacts.first)
        _ = ContactNormalizer(region: "ES").normalize(&p)
        #expect(p.name?.given == "Francisco" && p.name?.family == "García")
        // Placeholders alone, in CSV columns too.
        var d = Contact(fullName: "Ana Ruiz")
        d.name = PersonName(family: "Ruiz", given: "Ana", additional: "null", prefixes: "N/A")
        _ = ContactNormalizer(region: "ES").normalize(&d)
        #expect(d.fullName == "Ana Ruiz" && d.name?.additional == nil && d.name?.prefixes == nil)
        // Every placeholder, in any case and with spaces around; names that start alike are names.
        for placeholder in NameNormalizer.placeholders {
            for text in [placeholder, placeholder.uppercased(), " \(placeholder)\t"] {
                #expect(NameNormalizer.isPlaceholder(text), "\(text)")
            }
        }
        for name in ["Nuria", "Nil Ruiz", "Ursula", "Ana", "", "  ", "Ñone", "nonex"] {
            #expect(!NameNormalizer.isPlaceholder(name), "\(name)")
        }
    }

    @Test("columns: a family name in capitals next to an ordinary given name is re-cased, not moved")
    func columns() {
        var c = Contact(fullName: "Marie DUPONT")
        c.name = PersonName(family: "DUPONT", given: "Marie")
        _ = ContactNormalizer(region: "FR").normalize(&c)
        #expect(c.name?.given == "Marie" && c.name?.family == "Dupont" && c.fullName == "Marie Dupont")
        var d = Contact(fullName: "Ana DE LA FUENTE")
        d.name = PersonName(family: "DE LA FUENTE", given: "Ana")
        _ = ContactNormalizer(region: "ES").normalize(&d)
        #expect(d.name?.family == "de la Fuente")
    }
}
