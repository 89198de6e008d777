import ArgumentParser
import CardParse

/// How to write contacts: the output format and the CSV and vCard variants, checked together.
struct ExportOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: jsonl, vcf or csv.")
    var to: ContactExport.Format = .jsonl

    @Option(name: .long, help: "CSV layout to write with --to csv: generic, hubspot, salesforce, google or outlook.")
    var crm: CRMProfile?

    @Option(name: .customLong("vcard-version"), help: "vCard version to write with --to vcf: 3.0 or 4.0.")
    var vcardVersion: String?

    @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark, so Excel shows accents.")
    var excel = false

    @Option(name: .customLong("output-delimiter"), help: "CSV delimiter for output (';' for Spanish-locale Excel).")
    var outputDelimiter: String?

    @Flag(name: .customLong("no-sanitize"), help: "Do not neutralise CSV cells that a spreadsheet would run as formulas.")
    var noSanitize = false

    func validate() throws {
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
        if let d = outputDelimiter, CSVDialect(argument: d) == nil {
            throw ValidationError("Unknown delimiter '\(d)': use ',', ';', tab or '|'.")
        }
    }

    /// The writer these options describe; `delimiter` (`--delimiter`) applies to CSV output when
    /// `--output-delimiter` is not given.
    /// `columns`: extra properties the CSV writes after the layout's (the compared custom fields).
    func export(delimiter: String? = nil, columns: [String] = []) -> ContactExport {
        let csvDelimiter = (outputDelimiter ?? delimiter).flatMap(CSVDialect.init(argument:)) ?? .comma
        var options = ContactExport.Options(vcardVersion: vcardVersion.flatMap(VCardVersion.init) ?? .v3_0, crm: crm ?? .generic,
                                            delimiter: csvDelimiter.delimiter, byteOrderMark: excel, sanitize: !noSanitize)
        options.extraColumns = columns
        return ContactExport(format: to, options: options)
    }
}

extension ContactExport.Format: ExpressibleByArgument {}
extension CRMProfile: ExpressibleByArgument {}
