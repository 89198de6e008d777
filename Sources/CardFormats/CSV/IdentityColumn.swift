/// Columns that hold an identity document's number (`DNI`, `NIE`, `CURP`, `Passport number`,
/// `national_id`): two records with the same one are one person, so deduplication compares
/// them without being told (`--map Column=custom:NAME` for any other name).
///
/// The header decides, in English and Spanish; a bare `ID` or `No.` is left alone, since exports
/// mostly use it for the row's own id. The values must agree: most of a sample must hold digits.
public enum IdentityColumn {
    /// Whether a header (in ``CSVHeader/normalize(_:)`` form) names an identity document number.
    public static func isIdentity(normalizedHeader header: String) -> Bool {
        // `DNI/NIE`, `N.º documento`, `ID-Number`: separators read as spaces.
        var words: [Substring] = []
        for word in header.split(whereSeparator: { " /-.:#º°()".contains($0) }) where !word.isEmpty { words.append(word) }
        let key = words.joined(separator: " ")
        if headers.contains(key) { return true }
        // `DNI/NIE`, `NIF o NIE`, `DNI / pasaporte`: every word a document name or a joiner.
        guard words.count > 1 else { return false }
        return words.allSatisfy { documents.contains(String($0)) || ["o", "or", "y", "and"].contains($0) }
            && words.contains { documents.contains(String($0)) }
    }

    /// Whether sample values look like document numbers: some are filled, and at least half of
    /// those hold four digits or more (`12345678Z`, `X1234567L`, `GARC850101HDFRRN09`,
    /// `123-45-6789`). An empty column (Outlook's `Government ID Number`) is left alone.
    public static func looksLikeNumbers(_ values: [String]) -> Bool {
        var filled = 0, numbers = 0
        for value in values {
            var digits = 0, other = false
            for byte in value.utf8 {
                if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte != 0x20 { other = true }
            }
            if digits == 0 && !other { continue }
            filled += 1
            if digits >= 4 { numbers += 1 }
        }
        return filled > 0 && numbers * 2 >= filled
    }

    /// Document names that are a header on their own or joined (`DNI/NIE`).
    static let documents: Set<String> = [
        "dni", "nie", "nif", "curp", "rfc", "ine", "rut", "cuit", "cuil", "nss", "ssn", "nino", "cpf",
        "pasaporte", "passport", "cedula", "dui", "tin", "itin",
    ]

    /// Whole headers, separators read as spaces.
    static let headers: Set<String> = documents.union([
        "national id", "national id number", "national id no", "national identity number", "national identification number",
        "national identity card", "national insurance number", "national insurance no", "ni number",
        "id number", "id no", "id nr", "id card", "id card number", "id card no", "id document", "id document number",
        "identity number", "identity card", "identity card number", "identity document", "identity document number",
        "identification number", "identification", "personal id", "personal id number",
        "document number", "document no", "document id", "passport number", "passport no", "passport nr",
        "social security number", "social security no", "government id", "government id number",
        "tax id", "tax id number", "tax number", "taxpayer id", "taxpayer id number", "tax identification number",
        "documento", "documento de identidad", "documento identidad", "documento nacional de identidad",
        "numero de documento", "numero documento", "num documento", "n documento", "no documento", "nro documento",
        "numero de identidad", "numero de identificacion", "identificacion", "numero de identificacion fiscal",
        "numero de pasaporte", "n pasaporte", "no pasaporte", "cedula de identidad", "numero de cedula", "cedula de ciudadania",
        "numero de seguridad social", "n seguridad social", "clave de elector", "clave unica de registro de poblacion",
        "registro federal de contribuyentes", "dni nie", "nif nie", "dni nif", "numero dni", "n dni", "no dni", "numero nie",
        "numero nif", "n de documento", "no de documento", "nro de documento", "n de identidad", "n de pasaporte",
        "no de pasaporte", "numero de dni", "numero de nie", "numero de nif",
    ])
}
