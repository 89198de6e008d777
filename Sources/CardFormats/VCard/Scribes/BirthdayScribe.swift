import CardModel

/// `BDAY`: `1980-03-22`, `19800322`, 4.0's `--0412`, and Apple's year-less
/// `BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12` (the year 1604 is a placeholder, never a real year).
struct BirthdayScribe: VCardPropertyScribe {
    let propertyNames = ["BDAY"]
    /// Apple's placeholder year; a leap year, so February 29 survives.
    static let appleOmittedYear = 1604

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard contact.birthday == nil else { return false }
        let text = property.text(context.version)
        guard var date = PartialDate(iso8601: text) else {
            context.warn(.vcardBadDate, "BDAY is not a date; kept as written", line: property.line, detail: text)
            return false
        }
        if let omitted = property.parameter("X-APPLE-OMIT-YEAR").flatMap({ Int($0) }), date.year == omitted {
            date.year = nil
        }
        contact.birthday = date
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard let date = contact.birthday else { return }
        switch (emitter.version, date.year) {
        case (.v4_0, nil):
            emitter.emit("BDAY", value: date.iso8601.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "^", with: "--").prefixedDashes)
        case (.v4_0, _?):
            emitter.emit("BDAY", value: date.iso8601.replacingOccurrences(of: "-", with: ""))
        case (_, nil):
            var withYear = date
            withYear.year = Self.appleOmittedYear
            emitter.emit("BDAY", parameters: [.init(name: "X-APPLE-OMIT-YEAR", values: [String(Self.appleOmittedYear)])],
                         value: withYear.iso8601)
        case (_, _?):
            emitter.emit("BDAY", value: date.iso8601)
        }
    }
}

private extension String {
    /// "0412" → "--0412" (4.0's year-less date).
    var prefixedDashes: String { "--" + self }
}
