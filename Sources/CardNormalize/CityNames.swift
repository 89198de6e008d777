
/// Everyday names of the same city: abbreviations (`BCN`, `CDMX`, `NYC`), local-language forms
/// (`València`, `Donostia`, `Bilbo`) and English exonyms (`Seville`), folded, mapped to one key.
/// Contacts write their city every way; without this, one person looks like two movers.
public enum CityNames {
    static let aliases: [String: String] = {
        let groups: [[String]] = [
            ["barcelona", "bcn"], ["valencia"], ["sevilla", "seville"], ["malaga"], ["bilbao", "bilbo"],
            ["a coruna", "la coruna", "coruna"], ["san sebastian", "donostia", "donostia san sebastian"],
            ["palma", "palma de mallorca"], ["alicante", "alacant"], ["zaragoza", "saragossa"],
            ["girona", "gerona"], ["lleida", "lerida"], ["ourense", "orense"], ["vitoria", "gasteiz", "vitoria gasteiz"],
            ["pamplona", "iruna"], ["madrid", "mad"],
            ["ciudad de mexico", "cdmx", "mexico d f", "mexico df", "df", "mexico city", "ciudad de mexico cdmx"],
            ["guadalajara", "gdl"], ["monterrey", "mty"], ["queretaro", "qro"],
            ["san francisco", "sf"], ["new york", "nyc", "new york city", "ny"], ["los angeles", "la"],
            ["washington", "washington dc", "dc"], ["lisboa", "lisbon"], ["london", "londres"],
            ["munich", "munchen"], ["cologne", "koln"], ["milan", "milano"], ["rome", "roma"], ["turin", "torino"],
            ["florence", "firenze"], ["naples", "napoli"], ["geneva", "geneve", "ginebra"], ["brussels", "bruxelles", "bruselas"],
        ]
        var map: [String: String] = [:]
        for g in groups { for name in g { map[name] = g[0] } }
        return map
    }()

    /// The folded key of a city name (`BCN` → `barcelona`, `València` → `valencia`).
    public static func key(_ city: String) -> String {
        let folded = TextFolding.fold(city)
        return aliases[folded] ?? folded
    }
}
