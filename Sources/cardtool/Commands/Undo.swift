import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool undo`: takes back the latest change, or one import however old.
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Take back the most recent change (an import, touch, link, split, edit, tag), or one import with --import.",
            discussion: """
                Each call takes back one change and says which. On a team's book the newest change \
                may be someone else's: it is taken back only with --anyone. --import N takes import N \
                out of the book even after later imports, and matches the people it touched again without it.
                """
        )

        static let examples = """
                  cardtool undo
                  cardtool undo --import 3
                  cardtool undo --anyone
                """

        @Option(name: .customLong("import"), help: "Take this import out of the book (its number is in `cardtool history`).")
        var importID: Int?
        @Flag(help: "Take back the newest change even when someone else on the team made it.")
        var anyone = false
        @OptionGroup(title: "Matching the people the import touched again (with --import)") var match: MatchOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            if let importID {
                let text = try printer.book { () throws(BookError) in
                    try book.removeImport(importID, configuration: match.configuration(custom: []))
                }
                print(text)
            } else {
                let change = try printer.book { () throws(BookError) in try book.undo(anyone: anyone) }
                print("undid \(change.id): \(change.summary)")
            }
        }
    }

    /// `cardtool split`: corrects a wrong merge.
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split records off a person the matcher merged wrongly; later imports keep them apart.",
            discussion: """
                Name the records to take out (their ids are in `cardtool show`); with none, every record \
                becomes a person of its own.
                """
        )

        static let examples = """
                  cardtool split p3k r17
                  cardtool split p3k
                """

        @Argument(help: "The person (id, e-mail or phone).")
        var who: String
        @Argument(help: "Records to split off together (r17 …).")
        var records: [String] = []
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            print(try printer.book { () throws(BookError) in try book.split(who, records: records) })
        }
    }

    /// `cardtool link`: two people are one.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Say two people are one: they are merged (the older id stays) and later imports keep them together."
        )

        static let examples = """
                  cardtool link p3k p7q
                  cardtool link ana@example.es "+34 612 34 56 78"
                """

        @Argument(help: "The first person (id, e-mail or phone).")
        var first: String
        @Argument(help: "The second person.")
        var second: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            print(try printer.book { () throws(BookError) in try book.link(first, second) })
        }
    }

    /// `cardtool edit`: a manual value over what the records say.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Set a person's value by hand (it wins over the records) or clear it.",
            discussion: """
                Fields: name, given, family, organization, department, title, role, note, birthday, \
                email, phone, url, city, country.
                """
        )

        static let examples = """
                  cardtool edit p3k --set title="Directora de Operaciones" --set organization=Iberdata
                  cardtool edit p3k --clear title
                """

        @Argument(help: "The person (id, e-mail or phone).")
        var who: String
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Set a field (repeatable).", valueName: "field=value"))
        var set: [String] = []
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Clear a manual value (repeatable).", valueName: "field"))
        var clear: [String] = []
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if set.isEmpty && clear.isEmpty { throw ValidationError("Give --set field=value or --clear field.") }
            for s in set where !s.contains("=") { throw ValidationError("--set takes field=value, got '\(s)'.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            var values: [(field: String, value: String?)] = set.map { s in
                let eq = s.firstIndex(of: "=")!
                return (String(s[..<eq]), String(s[s.index(after: eq)...]))
            }
            values += clear.map { ($0, nil) }
            print(try printer.book { () throws(BookError) in try book.edit(who, set: values) })
        }
    }
}
