/// Contacts from HTML tables with a header row (an exported "Contactos" table): the header goes
/// through the same profiles and synonyms as CSV, so it imports like a CSV file. `mailto:` links
/// in a cell give its e-mail address.
enum HTMLTableExtractor {
    struct Table {
        var headers: [String]
        var rows: [CSVRow]
    }

    static func tables(in root: HTMLElement, skipping excluded: (HTMLElement) -> Bool) -> [Table] {
        var tables: [Table] = []
        root.walk { element in
            if excluded(element) { return false }
            guard element.isNamed("table") else { return true }
            if let table = read(element) { tables.append(table) }
            return false
        }
        return tables
    }

    private static func read(_ table: HTMLElement) -> Table? {
        var rows: [HTMLElement] = []
        table.walk { e in
            if e.name == "table" && !e.isSame(as: table) { return false }  // nested tables are their own
            if e.name == "tr" { rows.append(e); return false }
            return true
        }
        guard let headerRow = rows.first else { return nil }
        let headers = cells(headerRow).map(\.text)
        let known = Set(headers.map(CSVHeader.normalize).filter(CSVContactReader.isKnownHeader)).count
        guard known >= 2 else { return nil }
        let data = rows.dropFirst().enumerated().map { i, row in
            CSVRow(fields: cells(row).map(\.text), line: row.line, number: i + 2)
        }
        return Table(headers: headers, rows: data)
    }

    private static func cells(_ row: HTMLElement) -> [(text: String, line: Int)] {
        row.children.filter { $0.name == "td" || $0.name == "th" }.map { cell in
            if let mail = cell.first(where: { $0.name == "a" && ($0.attribute("href") ?? "").lowercased().hasPrefix("mailto:") }),
               let address = HCardMapper.emailAddress(mail.attribute("href") ?? "") {
                return (address, cell.line)
            }
            return (normalizeSpaces(cell.text), cell.line)
        }
    }
}
