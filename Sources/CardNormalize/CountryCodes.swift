
/// Country names as addresses write them (in Spanish and English), to ISO 3166 alpha-2 regions for
/// libphonenumber.
enum CountryCodes {
    static func region(for country: String) -> String? {
        let key = TextFolding.fold(country)
        // Two ASCII letters are an ISO code (`es`, `MX`); counted in bytes, not characters.
        if key.utf8.count == 2, key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return key.uppercased() }
        return names[key]
    }

    static let names: [String: String] = [
        "espana": "ES", "spain": "ES", "mexico": "MX", "estados unidos": "US", "united states": "US",
        "united states of america": "US", "usa": "US", "eeuu": "US", "ee uu": "US", "u s a": "US", "argentina": "AR",
        "colombia": "CO", "chile": "CL", "peru": "PE", "venezuela": "VE", "ecuador": "EC", "bolivia": "BO",
        "uruguay": "UY", "paraguay": "PY", "guatemala": "GT", "costa rica": "CR", "panama": "PA", "cuba": "CU",
        "republica dominicana": "DO", "dominican republic": "DO", "puerto rico": "PR", "el salvador": "SV",
        "honduras": "HN", "nicaragua": "NI", "united kingdom": "GB", "reino unido": "GB", "uk": "GB",
        "great britain": "GB", "england": "GB", "inglaterra": "GB", "france": "FR", "francia": "FR",
        "germany": "DE", "alemania": "DE", "deutschland": "DE", "italy": "IT", "italia": "IT", "portugal": "PT",
        "brasil": "BR", "brazil": "BR", "canada": "CA", "ireland": "IE", "irlanda": "IE", "netherlands": "NL",
        "paises bajos": "NL", "holanda": "NL", "belgium": "BE", "belgica": "BE", "switzerland": "CH", "suiza": "CH",
        "austria": "AT", "turkey": "TR", "turquia": "TR", "china": "CN", "japan": "JP", "japon": "JP",
        "india": "IN", "australia": "AU",
    ]
}
