import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool list`: the people in the book.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the people in the event book."
        )

        static let examples = """
                  cardtool list
                  cardtool list --event "South Summit Madrid" --to csv --crm hubspot -o summit.csv
                  cardtool list --tag investor --to jsonl
                """

        @Option(name: .long, help: "Only people met at this event.")
        var event: String?
        @Option(name: .long, help: "Only people with this tag.")
        var tag: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let filter = PersonFilter(event: event, tag: tag)
            let count: Int
            if listing.streams {
                count = try listing.writeEach(printer: printer, columns: try printer.book { () throws(BookError) in try book.comparedFields() }) { each in try book.eachPerson(filter, each) }
            } else {
                let people = try printer.book { () throws(BookError) in try book.people(filter) }
                try listing.write(people, printer: printer, columns: try printer.book { () throws(BookError) in try book.comparedFields() }) {
                    PeopleTable.make(people)
                }
                count = people.count
            }
            printer.summary("\(count) \(count == 1 ? "person" : "people")")
        }
    }

    /// `cardtool search`: people whose name, e-mail, phone, organization or city holds the text.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find people by name, e-mail, phone, organization, title or city (accents and case ignored)."
        )

        static let examples = """
                  cardtool search garcia
                  cardtool search "jose maria" --to jsonl
                  cardtool search iberdata
                """

        @Argument(help: "Text to look for.")
        var text: String
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let people = try printer.book { () throws(BookError) in try book.people(PersonFilter(text: text)) }
            try listing.write(people, printer: printer, columns: try printer.book { () throws(BookError) in try book.comparedFields() }) {
                    PeopleTable.make(people)
                }
            printer.summary("\(people.count) \(people.count == 1 ? "person" : "people")")
        }
    }
}

/// The table listings print on a terminal.
enum PeopleTable {
    static func make(_ people: [Person]) -> Table {
        var table = Table("ID", "NAME", "ORGANIZATION", "E-MAIL", "PHONE", "MET", "LAST")
        for p in people {
            let c = p.contact
            let met = c.events.first.map { [$0.name, $0.date?.iso8601].compactMap { $0 }.joined(separator: " ") } ?? ""
            let last = p.lastInteraction.map { "\($0.date.iso8601) \($0.kind)" } ?? ""
            table.add(p.id, c.fullName ?? c.name?.displayName ?? "", c.organization ?? "", c.emails.first?.value ?? "",
                      c.phones.first.map { $0.e164 ?? $0.value } ?? "", met, last)
        }
        return table
    }
}
