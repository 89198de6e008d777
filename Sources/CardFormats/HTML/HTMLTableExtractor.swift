
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
            guard let table = read(element) else { return true }  // a layout table: look inside
            tables.append(table)
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
        let headers = cells(headerRow, emailColumns: []).map(\.text)
        let emailColumns = Set(headers.enumerated().filter { _, h in
            let n = CSVHeader.normalize(h)
            return n.contains("mail") || n.contains("correo")
        }.map(\.offset))
        let known = Set(headers.map(CSVHeader.normalize).filter(CSVContactReader.isKnownHeader)).count
        guard known >= 2 else { return nil }
        let data = rows.dropFirst().enumerated().map { i, row in
            CSVRow(fields: cells(row, emailColumns: emailColumns).map(\.text), line: row.line, number: i + 2)
        }
        return Table(headers: headers, rows: data)
    }

    /// Cell texts; in e-mail columns (or when the text is empty or an address) a `mailto:` link
    /// gives the address, so "Escribir" links still import.
    private static func cells(_ row: HTMLElement, emailColumns: Set<Int>) -> [(text: String, line: Int)] {
        row.children.filter { $0.name == "td" || $0.name == "th" }.enumerated().map { index, cell in
            let text = normalizeSpaces(cell.text)
            if emailColumns.contains(index) || text.isEmpty || text.contains("@"),
               let mail = cell.first(where: { $0.name == "a" && ($0.attribute("href") ?? "").lowercased().hasPrefix("mailto:") }),
               let address = HCardMapper.emailAddress(mail.attribute("href") ?? "") {
                return (address, cell.line)
            }
            return (text, cell.line)
        }
    }
}
