#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// A deterministic generator of realistic vCards (same seed, same bytes), written in chunks so
/// even a 1 GB corpus never sits in memory.
enum VCardCorpus {
    static let given = ["María José", "José Luis", "Lucía", "Álvaro", "Begoña", "Íñigo", "Guadalupe", "Sebastián",
                        "Ana", "Carlos", "Renée", "Zoë", "Ayşe", "John", "Mei", "Joaquín", "Inés", "Pedro"]
    static let family = ["García López", "Martín-Sánchez", "Núñez de Arce", "Hernández", "Muñoz Gómez", "Ortega Ruiz",
                         "de la Fuente", "Smith", "Dubois", "Müller", "Çelik", "Oyarzún", "Ibáñez", "Castro Lemos"]
    static let companies = ["Ibertech Soluciones S.L.", "Banco Ficticio, S.A.", "Grupo Ejemplo de México",
                            "Consultoría Ñandú", "Acme Corp", "Ejemplo Renovables S.L."]
    static let titles = ["Directora de Operaciones", "Head of Data", "Gerente Comercial", "CTO", "Abogado",
                         "Responsable de Transformación Digital"]
    static let cities = [("Madrid", "28014", "España"), ("Ciudad de México", "06600", "México"),
                         ("Barcelona", "08001", "España"), ("Austin", "78701", "USA")]

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// Bumped whenever the generator's output changes, so stale corpora are not reused.
    static let generation = 2

    /// Reuses `path` when a previous run generated it, otherwise writes it; returns the file size.
    static func ensure(cards: Int, at path: String, invalidPhones: Bool = false) throws -> Int {
        var info = stat()
        if stat(path, &info) == 0, info.st_size > 0 { return Int(info.st_size) }
        return try write(cards: cards, to: path, invalidPhones: invalidPhones)
    }

    /// Two numbers for card `i`, each different, most invalid for their country the way real
    /// lists get them wrong: a digit missing or extra, a Spanish number starting with 5, a
    /// fictional US 555 exchange, a Mexican number after a stray 0. One in five is valid.
    static func invalidPhones(_ i: Int) -> (String, String) {
        let n = 1_000_000 + i
        switch i % 5 {
        case 0: return ("+34 5\(String(n).suffix(2)) \(String(n).dropFirst(1).prefix(3)) \(String(n).suffix(3))", "612 34 \(String(n).suffix(4))")
        case 1: return ("+1 (555) 01\(String(n).suffix(2))-\(String(n).suffix(4))", "+52 0\(String(n).suffix(6)) 55")
        case 2: return ("+44 7\(String(n).suffix(6))", "+33 6 \(String(n).suffix(6))")
        case 3: return ("91 555 \(String(n).suffix(5))", "+49 0 \(String(n).suffix(6))")
        default: return ("+34 6\(String(n).suffix(2)) \(String(n).dropFirst(1).prefix(3)) \(String(n).suffix(3))", "+52 55 \(String(n).suffix(4)) \(String(n).prefix(4))")
        }
    }

    /// Writes `cards` cards to `path` and returns the file size.
    static func write(cards: Int, to path: String, invalidPhones: Bool = false) throws -> Int {
        var out = try CorpusWriter(path: path)
        var rng = Random(state: 42)
        var chunk = ""
        let photo = String(repeating: "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY", count: 40)
        for i in 0..<cards {
            let g = rng.pick(given), f = rng.pick(family), org = rng.pick(companies)
            let (city, zip, country) = rng.pick(cities)
            let user = "user\(i)"
            if i % 10 == 9 {
                // Outlook/Android 2.1 with quoted-printable and a soft line break.
                chunk += "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                chunk += "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:\(qp(f));\(qp(g));;;\r\n"
                chunk += "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:\(qp(g + " " + f))\r\n"
                let (cell, work) = invalidPhones ? Self.invalidPhones(i) : ("+34 6\(10_000_000 + i % 89_999_999)", "91 555 \(String(i % 100)) 00")
                chunk += "TEL;CELL;PREF:\(cell)\r\n"
                chunk += "TEL;WORK;VOICE:\(work)\r\n"
                chunk += "EMAIL;PREF;INTERNET:\(user)@example.es\r\n"
                chunk += "ORG:\(org.replacingOccurrences(of: ",", with: ""));Ventas\r\n"
                chunk += "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:\(qp("Conocido en la feria de \(city)."))=0D=0A=\r\n\(qp("Llamar en enero."))\r\n"
                chunk += "END:VCARD\r\n"
            } else {
                chunk += "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                if i % 3 == 0 { chunk += "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n" }
                chunk += "N:\(f);\(g);;;\r\nFN:\(g) \(f)\r\n"
                chunk += "ORG:\(org.replacingOccurrences(of: ",", with: "\\,"));Innovación\r\n"
                chunk += "TITLE:\(rng.pick(titles))\r\n"
                if i % 2 == 0 {
                    chunk += "item1.EMAIL;type=INTERNET;type=pref:\(user)@example.com\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
                } else {
                    chunk += "EMAIL;type=INTERNET;type=HOME:\(user).home@example.org\r\n"
                }
                let (cell, work) = invalidPhones ? Self.invalidPhones(i)
                    : ("+34 6\(String(10 + i % 89)) \(String(100 + i % 899)) \(String(100 + i % 899))", "+52 55 5555 \(String(1000 + i % 8999))")
                chunk += "TEL;type=CELL;type=VOICE;type=pref:\(cell)\r\n"
                chunk += "TEL;type=WORK;type=VOICE:\(work)\r\n"
                chunk += "ADR;type=WORK;type=pref:;;Calle de Alcalá \(i % 200)\\, 3º B;\(city);;\(zip);\(country)\r\n"
                chunk += "BDAY:19\(String(50 + i % 50))-0\(String(1 + i % 9))-1\(String(i % 10))\r\n"
                if i % 4 == 0 {
                    chunk += "NOTE:Conocida en el Networking Tech \(city) 2024. Interesada en IA aplicada a la lo\r\n gística\\, pide propuesta en enero.\\nSeguimiento: llamar el martes.\r\n"
                }
                if i % 3 == 1 { chunk += "CATEGORIES:Eventos,Clientes\r\n" }
                chunk += "UID:\(i)-4C2B-8E11-5A6B7C8D9E01\r\n"
                if i % 500 == 0 {
                    chunk += "PHOTO;ENCODING=b;TYPE=JPEG:"
                    var line = ""
                    for c in photo {
                        line.append(c)
                        if line.count == 72 { chunk += line + "\r\n "; line = "" }
                    }
                    chunk += line + "\r\n"
                }
                chunk += "END:VCARD\r\n"
            }
            try out.append(chunk)
            chunk = ""
        }
        return try out.finish()
    }

    private static func qp(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            if b >= 0x80 || b == UInt8(ascii: "=") || b == UInt8(ascii: ";") {
                let hex = String(b, radix: 16, uppercase: true)
                out += "=" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }
}
