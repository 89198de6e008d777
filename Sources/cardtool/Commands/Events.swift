import ArgumentParser
import CardParse
import Foundation

extension CardTool {
    /// `cardtool events`: the events in the book and whom you met there.
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the events in the book with the people met at each."
        )

        static let examples = """
                  cardtool events
                  cardtool events --to csv -o events.csv
                """

        /// The formats of an event listing.
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

        @Option(name: .long, help: "table, jsonl or csv (default: table on a terminal, else jsonl).")
        var to: Format?
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let events = try printer.book { () throws(BookError) in try book.events() }
            let format = to ?? (output.output == nil && isatty(1) == 1 ? .table : .jsonl)
            let sink = try output.open(printer: printer)
            try printer.exitOnFailure {
                switch format {
                case .table:
                    var table = Table("DATE", "EVENT", "RECORDS", "PEOPLE", "NEW")
                    for e in events { table.add(e.date?.iso8601 ?? "", e.name, String(e.records), String(e.people), String(e.new)) }
                    try sink.write(Array(table.rendered(colour: output.output == nil && Terminal.colours(1)).utf8))
                case .jsonl:
                    for e in events {
                        var fields = ["\"name\":" + json(e.name)]
                        if let d = e.date { fields.append("\"date\":\"\(d.iso8601)\"") }
                        fields += ["\"records\":\(e.records)", "\"people\":\(e.people)", "\"new\":\(e.new)"]
                        try sink.write(Array(("{" + fields.joined(separator: ",") + "}\n").utf8))
                    }
                case .csv:
                    var w = CSVWriter()
                    w.writeRow(["name", "date", "records", "people", "new"])
                    for e in events { w.writeRow([e.name, e.date?.iso8601 ?? "", String(e.records), String(e.people), String(e.new)]) }
                    try sink.write(w.takeOutput())
                }
                try sink.commit()
            }
        }
    }

    /// `cardtool history`: the changes made to the book, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the changes made to the book, newest first (what `cardtool undo` would take back first)."
        )

        static let examples = """
                  cardtool history
                  cardtool history --limit 5
                """

        @Option(name: .long, help: "Show at most this many changes.")
        var limit: Int?
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit takes a number of changes, 1 or more.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let changes = try printer.book { () throws(BookError) in try book.history(limit: limit) }
            for c in changes { print("\(c.id)  \(c.at)  \(c.summary)") }
            if changes.isEmpty { printer.summary("no changes yet") }
        }
    }
}

/// A JSON string literal.
func json(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}
