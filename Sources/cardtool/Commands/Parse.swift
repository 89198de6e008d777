import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool parse`: read inputs, write them as JSON Lines or vCard, account for every record.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read contact files and write them as JSON Lines, vCard or CRM-ready CSV.",
            discussion: """
                Each input's format is detected from its content. Diagnostics go to standard error as \
                `file:line: warning: message [code]`, followed by a summary line.

                Examples:
                  cardtool parse contacts.vcf                      # JSON Lines on stdout
                  cardtool parse a.vcf b.vcf --to vcf --vcard-version 4.0 -o all.vcf
                  cat card.vcf | cardtool parse - --to vcf
                  cardtool parse Connections.csv contactos.csv --to csv --crm hubspot -o hubspot.csv
                  cardtool parse badges.csv --map "Stand=custom:Stand" --map "Móvil=mobile" --id-column "Badge ID"
                  cardtool parse contacts.vcf --to csv --crm outlook --excel --output-delimiter ';' -o outlook.csv
                """
        )

        @Argument(help: ArgumentHelp("Input files; '-' reads standard input.", valueName: "file"))
        var files: [String]

        @Option(name: .long, help: "Output format: jsonl, vcf or csv.")
        var to: ContactExport.Format = .jsonl

        @Option(name: .customLong("vcard-version"), help: "vCard version to write with --to vcf: 3.0 or 4.0.")
        var vcardVersion: String?

        @Option(name: .long, help: "CSV layout to write with --to csv: generic, hubspot, salesforce, google or outlook.")
        var crm: CRMProfile?

        @Option(name: .long, help: "Force the input format instead of detecting it: vcard, csv or html.")
        var from: InputFormat?

        @Option(name: .long, help: "CSV delimiter (',', ';', tab or '|') for CSV input and output.")
        var delimiter: String?

        @Option(name: .customLong("input-delimiter"), help: "CSV delimiter for input only.")
        var inputDelimiter: String?

        @Option(name: .customLong("output-delimiter"), help: "CSV delimiter for output only (';' for Spanish Excel).")
        var outputDelimiter: String?

        @Option(name: .long, help: "Text encoding of CSV input (utf-8, windows-1252, iso-8859-1, …) instead of detecting it.")
        var encoding: String?

        @Option(name: .long, parsing: .singleValue,
                help: ArgumentHelp("Map a CSV column to a field, e.g. \"Móvil=mobile\" or \"Stand=custom:Stand\" (repeatable).",
                                   valueName: "Column=field"))
        var map: [String] = []

        @Option(name: .customLong("id-column"), help: "CSV column that identifies each record (kept in source.id).")
        var idColumn: String?

        @Option(name: .long, help: "Default region for national phone numbers (ISO code such as ES, MX, US); else CARDTOOL_REGION, else the locale.")
        var region: String?

        @Flag(name: .long, help: "Show the source values only: no normalization of names, phones, e-mails and URLs.")
        var raw = false

        @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark, so Excel shows accents.")
        var excel = false

        @Flag(name: .customLong("no-sanitize"), help: "Do not neutralise CSV cells that a spreadsheet would run as formulas.")
        var noSanitize = false

        @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
        var output: String?

        @Flag(name: .shortAndLong, help: "Show the offending values in diagnostics (they may be personal data).")
        var verbose = false

        @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
        var quiet = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one input file, or '-' for standard input.") }
            if let vcardVersion {
                guard to == .vcf else { throw ValidationError("--vcard-version needs --to vcf.") }
                guard let v = VCardVersion(rawValue: vcardVersion), VCardVersion.writable.contains(v) else {
                    throw ValidationError("--vcard-version must be 3.0 or 4.0.")
                }
            }
            if crm != nil && to != .csv { throw ValidationError("--crm needs --to csv.") }
            if (excel || noSanitize || outputDelimiter != nil) && to != .csv {
                throw ValidationError("--excel, --no-sanitize and --output-delimiter need --to csv.")
            }
            for d in [delimiter, inputDelimiter, outputDelimiter].compactMap({ $0 }) where CSVDialect(argument: d) == nil {
                throw ValidationError("Unknown delimiter '\(d)': use ',', ';', tab or '|'.")
            }
            if let region, region.count != 2 || !region.allSatisfy(\.isLetter) {
                throw ValidationError("--region takes a two-letter country code such as ES, MX or US.")
            }
            if let encoding, Charset(ianaName: encoding) == nil {
                throw ValidationError("Unknown encoding '\(encoding)'.")
            }
            _ = try mappings()
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        }

        /// `--map` entries as header → role.
        func mappings() throws -> [String: CSVColumnRole] { try columnMappings(map) }

        func run() throws {
            let printer = DiagnosticPrinter(verbose: verbose, quiet: quiet)
            let sink: ByteSink
            do {
                sink = try ByteSink(path: output)
            } catch {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            let outDelimiter = (outputDelimiter ?? delimiter).flatMap(CSVDialect.init(argument:)) ?? .comma
            var export = ContactExport(format: to, options: .init(
                vcardVersion: vcardVersion.flatMap(VCardVersion.init) ?? .v3_0, crm: crm ?? .generic,
                delimiter: outDelimiter.delimiter, byteOrderMark: excel, sanitize: !noSanitize))
            let csvOptions = CSVOptions(
                dialect: (inputDelimiter ?? delimiter).flatMap(CSVDialect.init(argument:)),
                charset: encoding.flatMap(Charset.init(ianaName:)), overrides: try mappings(), idColumn: idColumn)
            let normalizer = raw ? nil : ContactNormalizer(region: ContactNormalizer.defaultRegion(option: region))
            let importer = ContactImporter(forcedFormat: from?.sourceFormat, csv: csvOptions, normalizer: normalizer)
            let summary: ImportSummary
            do {
                try sink.write(export.start())
                summary = try importer.run(paths: files, contact: { contact in
                    var diagnostics: [Diagnostic] = []
                    try sink.write(export.bytes(for: contact, diagnostics: &diagnostics))
                    diagnostics.forEach(printer.print)
                }, diagnostic: printer.print)
                try sink.flush()
            } catch let error as IOError {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            printer.summary(summary.line)
            if !summary.succeeded { throw ExitCode(1) }
        }
    }
}

extension ContactExport.Format: ExpressibleByArgument {}
extension CRMProfile: ExpressibleByArgument {}

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case vcard, csv, html

    var sourceFormat: SourceFormat {
        switch self {
        case .vcard: .vcard
        case .csv: .csv
        case .html: .html
        }
    }
}
