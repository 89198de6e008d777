import ArgumentParser
import CardParse

/// What to read and how: the input files and every reading flag, shared by every command that
/// reads contact files.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files (vCard, CSV, HTML, mixed); '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Force the input format instead of detecting it: vcard, csv or html.")
    var from: InputFormat?

    @Option(name: .long, help: "CSV delimiter (',', ';', tab or '|') for CSV input, and for CSV output unless --output-delimiter is given.")
    var delimiter: String?

    @Option(name: .customLong("input-delimiter"), help: "CSV delimiter for input only.")
    var inputDelimiter: String?

    @Option(name: .long, help: "Text encoding of CSV input (utf-8, windows-1252, iso-8859-1, …) instead of detecting it.")
    var encoding: String?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Map a CSV column to a field, e.g. \"Móvil=mobile\"; \"DNI=custom:DNI\" also compares it (repeatable).",
                               valueName: "Column=field"))
    var map: [String] = []

    @Option(name: .customLong("id-column"), help: "CSV column that identifies each record (the record id in reports).")
    var idColumn: String?

    @Option(name: .long, help: "Default region for national phone numbers (ISO code such as ES, MX, US); else CARDTOOL_REGION, else the locale.")
    var region: String?

    @Option(name: .long, help: "Event where these contacts were met, for records that do not name one.")
    var event: String?

    @Option(name: .customLong("max-line-bytes"),
            help: ArgumentHelp("Longest vCard property line or CSV row read (bytes; K, M, G allowed); longer ones are reported and skipped.", valueName: "size"))
    var maxLineBytes = "1M"

    @Option(name: .customLong("max-photo-bytes"),
            help: ArgumentHelp("Longest vCard PHOTO, LOGO, SOUND or KEY line read.", valueName: "size"))
    var maxPhotoBytes = "16M"

    @Option(name: .customLong("max-columns"), help: "Most CSV columns read; cells past them are reported.")
    var maxColumns = ReadLimits.standard.columns

    @Option(name: .customLong("max-depth"), help: "Deepest HTML nesting searched for contacts (at most 1000).")
    var maxDepth = ReadLimits.standard.depth

    /// The reading limits these options set.
    var limits: ReadLimits {
        ReadLimits(lineBytes: ReadLimits.parseBytes(maxLineBytes) ?? ReadLimits.standard.lineBytes,
                   photoBytes: ReadLimits.parseBytes(maxPhotoBytes) ?? ReadLimits.standard.photoBytes,
                   columns: maxColumns, depth: maxDepth)
    }

    func validate() throws {
        for (flag, value) in [("--max-line-bytes", maxLineBytes), ("--max-photo-bytes", maxPhotoBytes)]
        where ReadLimits.parseBytes(value) == nil {
            throw ValidationError("\(flag) takes a size in bytes such as 1048576, 512K or 16M, got '\(value)'.")
        }
        if maxColumns < 1 { throw ValidationError("--max-columns takes a number of at least 1.") }
        // The page's tree is walked recursively: past a thousand levels the stack is at risk.
        if !(1...1000).contains(maxDepth) { throw ValidationError("--max-depth takes a number from 1 to 1000.") }
        if files.isEmpty { throw ValidationError("Give at least one input file, or '-' for standard input.") }
        for d in [delimiter, inputDelimiter].compactMap({ $0 }) where CSVDialect(argument: d) == nil {
            throw ValidationError("Unknown delimiter '\(d)': use ',', ';', tab or '|'.")
        }
        if let region, region.count != 2 || !region.allSatisfy(\.isLetter) {
            throw ValidationError("--region takes a two-letter country code such as ES, MX or US.")
        }
        if let encoding, Charset(ianaName: encoding) == nil { throw ValidationError("Unknown encoding '\(encoding)'.") }
        let custom = CSVOptions.customFields(try mappings())
        if custom.count > MatchField.maxCustomFields {
            throw ValidationError("At most \(MatchField.maxCustomFields) custom fields (--map column=custom:NAME) can be compared.")
        }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
    }

    /// `--map` entries as header → role.
    func mappings() throws -> [String: CSVColumnRole] {
        do { return try CSVOptions.mappings(map) } catch { throw ValidationError(error.description) }
    }

    /// Custom fields named by `--map`, which deduplication compares.
    var customFields: [String] { CSVOptions.customFields((try? mappings()) ?? [:]) }

    /// What deduplication compares beyond the built-in fields: the custom fields `--map` names,
    /// then the CSV inputs' identity document columns (`DNI`, `national_id`), six at most.
    func compareFields() throws -> [String] {
        var fields = customFields
        for column in try importer(normalize: false).identityColumns(paths: files) where !fields.contains(column) {
            fields.append(column)
        }
        return Array(fields.prefix(MatchField.maxCustomFields))
    }

    /// The importer these options describe; `normalize: false` reads source values only, and
    /// `event: false` leaves `--event` to the caller.
    func importer(normalize: Bool = true, keys: Bool = true, threads: Int = 1, event applyEvent: Bool = true,
                  meter: ProgressMeter? = nil) throws -> ContactImporter {
        let csv = CSVOptions(dialect: (inputDelimiter ?? delimiter).flatMap(CSVDialect.init(argument:)),
                             charset: encoding.flatMap(Charset.init(ianaName:)), overrides: try mappings(), idColumn: idColumn)
        let normalizer = normalize ? ContactNormalizer(region: ContactNormalizer.defaultRegion(option: region), computeKeys: keys) : nil
        var importer = ContactImporter(forcedFormat: from?.sourceFormat, csv: csv, normalizer: normalizer, threads: threads,
                                       defaultEvent: applyEvent ? event.map { MetEvent(name: $0) } : nil)
        importer.limits = limits
        importer.meter = meter
        return importer
    }

    /// Reads every input, normalized on all cores, into features for deduplication (keeping the
    /// contacts only when asked); prints diagnostics; returns the collector and the account.
    func collect(printer: DiagnosticPrinter, keepContacts: Bool,
                 ledger: inout AuditLedger) throws -> (FeatureCollector, ImportSummary) {
        let collector = FeatureCollector(customFields: try compareFields(), keepContacts: keepContacts)
        // Matching keys are not read: features compute what they compare, and a merge gives the
        // merged people their keys.
        var noted = AuditLedger()
        let summary = try collector.read(files, with: importer(keys: false, threads: Parallel.defaultThreads, meter: printer.meter),
                                         diagnostic: printer.print, observe: { noted.note($0) })
        ledger = noted
        return (collector.finish(), summary)
    }

    /// ``collect(printer:keepContacts:ledger:)`` without a ledger.
    func collect(printer: DiagnosticPrinter, keepContacts: Bool) throws -> (FeatureCollector, ImportSummary) {
        var ledger = AuditLedger()
        return try collect(printer: printer, keepContacts: keepContacts, ledger: &ledger)
    }
}

/// `--from`.
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
