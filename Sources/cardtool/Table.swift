import Rainbow

/// An aligned text table for people reading a terminal: a header, rows, columns as wide as
/// their widest cell (characters, not bytes, so accents align).
struct Table {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func add(_ cells: String...) { rows.append(cells) }

    /// The table as text, two spaces between columns, no trailing blanks; the header in bold when
    /// `colour` (the codes are added after the widths are measured, so columns stay aligned).
    func rendered(colour: Bool = false) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.count + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += (colour && row == header ? line.bold : line) + "\n"
        }
        return text
    }
}
