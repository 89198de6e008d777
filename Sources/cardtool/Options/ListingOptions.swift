import ArgumentParser
import CardParse
#if canImport(Glibc)
import Glibc
#endif

/// How a listing is written: an aligned table (the default on a terminal), JSON Lines (the
/// default otherwise), CSV in a CRM layout, or vCard.
struct ListingOptions: ParsableArguments {
    /// The listing formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl, csv, vcf, vdir
    }

    @Option(name: .long, help: "table, jsonl, csv, vcf, or vdir with export (default: table on a terminal, else jsonl).")
    var to: Format?

    @Option(name: .long, help: "CSV layout with --to csv: generic, hubspot, salesforce, google or outlook.")
    var crm: CRMProfile?

    @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark, so Excel shows accents.")
    var excel = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if crm != nil && to != .csv { throw ValidationError("--crm needs --to csv.") }
        if excel && to != .csv { throw ValidationError("--excel needs --to csv.") }
        if to == .vdir && (output == nil || output == "-") { throw ValidationError("--to vdir needs -o FOLDER: the folder the cards go in.") }
    }

    /// The format: as asked, else a table for a person at a terminal and JSON Lines for a program.
    var format: Format {
        if let to { return to }
        return output == nil && isatty(1) == 1 ? .table : .jsonl
    }

    /// Whether people are written as they are read (every format but the table, whose column
    /// widths need every row first).
    var streams: Bool { format != .table && format != .vdir }

    /// Writes the people `produce` hands to the closure it is given, each as it comes (JSON
    /// Lines, CSV, vCard): a listing of a large book is not held in memory. Returns how many.
    /// `columns`: extra properties CSV writes after the layout's (the book's compared custom fields).
    func writeEach(printer: DiagnosticPrinter, columns: [String] = [], _ produce: ((Person) throws -> Void) throws -> Int) throws -> Int {
        let sink = try OutputOptions(output: output).open(printer: printer)
        return try printer.exitOnFailure {
            var writer = ContactExport(format: format == .jsonl ? .jsonl : format == .csv ? .csv : .vcf,
                                       options: options(columns))
            writer.people = true
            try sink.write(writer.start())
            let count: Int
            do {
                count = try produce { person in
                    var found: [Diagnostic] = []
                    try sink.write(writer.bytes(for: person, diagnostics: &found))
                    found.forEach(printer.print)
                }
            } catch let error as BookError {
                printer.fail(error.message)
                throw ExitCode(1)
            }
            try sink.commit()
            return count
        }
    }

    /// Writes people in the chosen format; `table` gives the columns and rows of the table form.
    func write(_ people: [Person], printer: DiagnosticPrinter, columns: [String] = [], table: () -> Table) throws {
        if format == .vdir {
            printer.fail("only `cardtool export` writes a vdir folder; use --to vcf here")
            throw ExitCode(64)
        }
        let sink = try OutputOptions(output: output).open(printer: printer)
        try printer.exitOnFailure {
            switch format {
            case .table:
                try sink.write(Array(table().rendered(colour: output == nil && Terminal.colours(1)).utf8))
            case .vdir:
                throw IOError(path: output ?? "-", reason: "only `cardtool export` writes a vdir folder")
            case .jsonl, .csv, .vcf:
                var writer = ContactExport(format: format == .jsonl ? .jsonl : format == .csv ? .csv : .vcf,
                                           options: options(columns))
                writer.people = true
                try sink.write(writer.start())
                for person in people {
                    var found: [Diagnostic] = []
                    try sink.write(writer.bytes(for: person, diagnostics: &found))
                    found.forEach(printer.print)
                }
            }
            try sink.commit()
        }
    }
}

extension ListingOptions {
    /// The CSV and vCard settings of a listing, with `columns` after the CSV layout's.
    func options(_ columns: [String]) -> ContactExport.Options {
        var options = ContactExport.Options(crm: crm ?? .generic, byteOrderMark: excel)
        options.extraColumns = columns
        return options
    }
}

extension OutputOptions {
    /// Options that write to `output`.
    init(output: String?) {
        self.init()
        self.output = output
    }
}
