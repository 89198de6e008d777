import ArgumentParser
import CardParse

/// Reading options shared by `merge` and `dedupe` (the same flags as `parse`).
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files (vCard, CSV, HTML, mixed); '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "Force the input format instead of detecting it: vcard, csv or html.")
    var from: InputFormat?

    @Option(name: .long, help: "CSV delimiter (',', ';', tab or '|') for CSV input.")
    var delimiter: String?

    @Option(name: .long, help: "Text encoding of CSV input (utf-8, windows-1252, iso-8859-1, …) instead of detecting it.")
    var encoding: String?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Map a CSV column to a field, e.g. \"Móvil=mobile\"; \"DNI=custom:DNI\" also compares it (repeatable).",
                               valueName: "Column=field"))
    var map: [String] = []

    @Option(name: .customLong("id-column"), help: "CSV column that identifies each record (the record id in reports).")
    var idColumn: String?

    @Option(name: .long, help: "Default region for national phone numbers (ISO code such as ES, MX, US).")
    var region: String?

    @Option(name: .long, help: "Event where these contacts were met, for records that do not name one.")
    var event: String?

    @Flag(name: .shortAndLong, help: "Show the offending values in diagnostics (they may be personal data).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one input file, or '-' for standard input.") }
        if let delimiter, CSVDialect(argument: delimiter) == nil {
            throw ValidationError("Unknown delimiter '\(delimiter)': use ',', ';', tab or '|'.")
        }
        if let region, region.count != 2 || !region.allSatisfy(\.isLetter) {
            throw ValidationError("--region takes a two-letter country code such as ES, MX or US.")
        }
        if let encoding, Charset(ianaName: encoding) == nil { throw ValidationError("Unknown encoding '\(encoding)'.") }
        _ = try mappings()
        if customFields.count > MatchField.maxCustomFields {
            throw ValidationError("At most \(MatchField.maxCustomFields) custom fields (--map column=custom:NAME) can be compared.")
        }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
    }

    func mappings() throws -> [String: CSVColumnRole] { try columnMappings(map) }

    /// Custom fields named by `--map`, which deduplication compares.
    var customFields: [String] {
        Set(((try? mappings()) ?? [:]).values.compactMap { role -> String? in
            if case .custom(let name) = role { return name }
            return nil
        }).sorted()
    }

    /// Reads every input, normalized on all cores, into features for deduplication (keeping the
    /// contacts only when asked); prints diagnostics; returns the collector and the account.
    func collect(printer: DiagnosticPrinter, keepContacts: Bool) throws -> (FeatureCollector, ImportSummary) {
        let collector = FeatureCollector(customFields: customFields, keepContacts: keepContacts)
        // Matching keys are not read: features compute what they compare, and a merge gives the
        // merged people their keys.
        let summary = try read(printer: printer, keys: false) { collector.append($0) }
        return (collector.finish(), summary)
    }

    private func read(printer: DiagnosticPrinter, keys: Bool, _ consume: (Contact) -> Void) throws -> ImportSummary {
        let csvOptions = CSVOptions(dialect: delimiter.flatMap(CSVDialect.init(argument:)),
                                    charset: encoding.flatMap(Charset.init(ianaName:)), overrides: try mappings(),
                                    idColumn: idColumn)
        let normalizer = ContactNormalizer(region: ContactNormalizer.defaultRegion(option: region), computeKeys: keys)
        let importer = ContactImporter(forcedFormat: from?.sourceFormat, csv: csvOptions, normalizer: normalizer,
                                       threads: DedupConfiguration().threads)
        return try importer.run(paths: files, contact: { c in
            var c = c
            if let event, c.events.isEmpty { c.events = [MetEvent(name: event)] }
            consume(c)
        }, diagnostic: printer.print)
    }
}

/// `--threshold` and friends.
struct MatchOptions: ParsableArguments {
    @Option(name: .long, help: "Match probability at or above which two records are merged (0–1).")
    var threshold: Double = 0.7

    @Option(name: .customLong("review-threshold"), help: "Probability from which a pair not merged is listed for review.")
    var reviewThreshold: Double = 0.2

    func validate() throws {
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1.") }
        guard reviewThreshold > 0, reviewThreshold <= threshold else {
            throw ValidationError("--review-threshold must be above 0 and at most --threshold.")
        }
    }

    func configuration(custom: [String]) -> DedupConfiguration {
        DedupConfiguration(threshold: threshold, reviewThreshold: reviewThreshold, customFields: custom)
    }
}

func writeFile(_ path: String, _ bytes: [UInt8], printer: DiagnosticPrinter) throws {
    let sink: ByteSink
    do {
        sink = try ByteSink(path: path)
    } catch {
        printer.fail("cannot write \(error.path): \(error.reason)")
        throw ExitCode(1)
    }
    do {
        try sink.write(bytes)
        try sink.flush()
    } catch {
        printer.fail("cannot write \(error.path): \(error.reason)")
        throw ExitCode(1)
    }
}

/// `--map "Column=field"` entries as header → role (shared by every command that reads CSV).
func columnMappings(_ entries: [String]) throws -> [String: CSVColumnRole] {
    var result: [String: CSVColumnRole] = [:]
    for entry in entries {
        guard let eq = entry.lastIndex(of: "="), eq != entry.startIndex else {
            throw ValidationError("--map takes \"Column=field\", got '\(entry)'.")
        }
        let column = String(entry[..<eq]), field = String(entry[entry.index(after: eq)...])
        guard let role = CSVColumnRole(mapName: field) else {
            throw ValidationError("--map: unknown field '\(field)' (see cardtool parse --help and the README).")
        }
        result[column] = role
    }
    return result
}
