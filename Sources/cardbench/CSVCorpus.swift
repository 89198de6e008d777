#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// A deterministic Google-style contacts CSV (the current "Google CSV" header, quoted notes with
/// line breaks, ` ::: ` multi-values, accents), written in chunks so memory stays flat.
enum CSVCorpus {
    static let generation = 1

    static let header = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value\n"

    static func ensure(rows: Int, at path: String) throws -> Int {
        var info = stat()
        if stat(path, &info) == 0, info.st_size > 0 { return Int(info.st_size) }
        var out = try CorpusWriter(path: path)
        var rng = VCardCorpus.Random(state: 7)
        try out.append(header)
        var chunk = ""
        for i in 0..<rows {
            let g = rng.pick(VCardCorpus.given), f = rng.pick(VCardCorpus.family)
            let org = rng.pick(VCardCorpus.companies), title = rng.pick(VCardCorpus.titles)
            let (city, zip, country) = rng.pick(VCardCorpus.cities)
            let note = i % 5 == 0 ? "\"Conocida en la feria de \(city), \(2020 + i % 5).\nPide propuesta.\"" : ""
            let orgCell = org.contains(",") ? "\"\(org)\"" : org
            let birthday = i % 3 == 0 ? "19\(50 + i % 50)-0\(1 + i % 9)-1\(i % 10)" : ""
            let phones = i % 4 == 0 ? "+34 6\(10 + i % 89) \(100 + i % 899) \(100 + i % 899) ::: +34 699 00 11 22" : "+34 6\(10 + i % 89) \(100 + i % 899) \(100 + i % 899)"
            chunk += "\(g),,\(f),,,,,,,,\(orgCell),\(title),Ventas,\(birthday),\(note),,* myContacts ::: Clientes,"
            chunk += "* Work,user\(i)@example.com,Home,user\(i).home@example.org,Mobile,\(phones),Work,+34 91 123 45 67,"
            chunk += "Work,\"Calle de Alcalá \(i % 200), 3º B\n\(zip) \(city)\",Calle de Alcalá \(i % 200) 3º B,\(city),,\(city),\(zip),\(country),,"
            chunk += "Profile,https://www.linkedin.com/in/user-\(i)\n"
            try out.append(chunk)
            chunk = ""
        }
        return try out.finish()
    }
}
