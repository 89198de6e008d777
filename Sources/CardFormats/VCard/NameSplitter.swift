import CardModel

/// The simple split of a display name used when a card has no `N`.
enum NameSplitter {
    /// "Family, Given" when there is exactly one comma and the part after it is not a credential;
    /// otherwise the last word is the family name and the rest the given names.
    static func split(_ fullName: String) -> PersonName? {
        let text = fullName.trimmed()
        let commaParts = text.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let family = String(commaParts[0]).trimmed()
            let given = String(commaParts[1]).trimmed()
            let credentials: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "mba", "cpa", "msc", "md"]
            if !family.isEmpty, !given.isEmpty, !credentials.contains(given.lowercased()),
               family.split(separator: " ").count <= 3, given.split(separator: " ").count <= 3 {
                return PersonName(family: String(family), given: String(given))
            }
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let last = words.last else { return nil }
        if words.count == 1 { return PersonName(given: String(last)) }
        return PersonName(family: String(last), given: words.dropLast().joined(separator: " "))
    }
}
