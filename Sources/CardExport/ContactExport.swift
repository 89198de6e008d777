import CardModel
import CardFormats

/// Writes contacts in the chosen output format, as bytes ready for a file or standard output.
///
/// The one place that knows every writer; the CLI picks the options and streams the bytes.
public struct ContactExport: Sendable {
    /// An output format: `--to jsonl`, `vcf` or `csv`.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, vcf, csv
    }

    /// Settings of the vCard and CSV writers; JSON Lines has none.
    public struct Options: Sendable {
        /// The vCard version `--to vcf` writes (`--vcard-version`; 3.0 by default).
        public var vcardVersion: VCardVersion
        /// The CSV layout `--to csv` writes (`--crm`; `generic` by default).
        public var crm: CRMProfile
        /// The CSV delimiter (`--output-delimiter`): a comma by default, `;` for Spanish-locale Excel.
        public var delimiter: UInt8
        /// Whether the CSV starts with a UTF-8 BOM, so Excel shows accents (`--excel`).
        public var byteOrderMark: Bool
        /// Whether cells a spreadsheet would run as a formula get a leading `'` (off with `--no-sanitize`).
        public var sanitize: Bool
        /// Extra properties written as CSV columns after the layout's, by name: the compared custom
        /// fields (an identity number such as `DNI/NIE`, `--map Column=custom:NAME`), which no
        /// layout has a column for and a clean export must not lose.
        public var extraColumns: [String] = []

        /// Creates options; by default vCard 3.0, and generic CSV with commas, no BOM and sanitized cells.
        public init(vcardVersion: VCardVersion = .v3_0, crm: CRMProfile = .generic, delimiter: UInt8 = UInt8(ascii: ","),
                    byteOrderMark: Bool = false, sanitize: Bool = true) {
            self.vcardVersion = vcardVersion
            self.crm = crm
            self.delimiter = delimiter
            self.byteOrderMark = byteOrderMark
            self.sanitize = sanitize
        }
    }

    private let format: Format
    private var jsonl = JSONLWriter()
    private var vcard: VCardWriter
    private var csv: CSVWriter
    private let exporter: any CRMExporter

    /// Creates an exporter that writes `format` with `options`.
    public init(format: Format, options: Options = Options()) {
        self.format = format
        vcard = VCardWriter(version: options.vcardVersion)
        csv = CSVWriter(delimiter: options.delimiter, byteOrderMark: options.byteOrderMark, sanitize: options.sanitize)
        exporter = options.crm.exporter
        extraColumns = options.extraColumns
    }

    private let extraColumns: [String]

    /// What comes before the first contact (the CSV header row, and a BOM when asked for).
    public mutating func start() -> [UInt8] {
        guard format == .csv else { return [] }
        csv.writeRow(exporter.header + extraColumns + (people ? [Self.personIDColumn] : []), sanitizeCells: false)
        return csv.takeOutput()
    }

    /// The column CRM layouts get when people of the event book are written: their stable id, so
    /// a CRM that keeps it updates the person instead of adding them again.
    public static let personIDColumn = "cardtool ID"

    /// Whether the rows are people of the event book (CSV gets the ``personIDColumn``).
    public var people = false

    /// One person's bytes: JSON Lines with the book's keys, vCard with `X-CARDTOOL-ID`, CSV with
    /// the id column.
    public mutating func bytes(for person: Person, diagnostics: inout [Diagnostic]) -> [UInt8] {
        switch format {
        case .jsonl:
            jsonl.write(person)
            return jsonl.takeOutput()
        case .vcf:
            var c = person.contact
            c.extras.removeAll { $0.name.uppercased() == "X-CARDTOOL-ID" }
            c.extras.append(RawProperty(name: "X-CARDTOOL-ID", value: person.id))
            vcard.write(c)
            return vcard.takeOutput()
        case .csv:
            return row(for: person.contact, extra: [person.id], diagnostics: &diagnostics)
        }
    }

    /// One contact's bytes; values the CSV layout has no column for become a warning.
    public mutating func bytes(for contact: Contact, diagnostics: inout [Diagnostic]) -> [UInt8] {
        switch format {
        case .jsonl:
            jsonl.write(contact)
            return jsonl.takeOutput()
        case .vcf:
            vcard.write(contact)
            return vcard.takeOutput()
        case .csv:
            return row(for: contact, extra: [], diagnostics: &diagnostics)
        }
    }

    private mutating func row(for contact: Contact, extra: [String], diagnostics: inout [Diagnostic]) -> [UInt8] {
        var overflow: [String] = []
        let columns = extraColumns.map { name in contact.extras.first { $0.name == name }?.value ?? "" }
        csv.writeRow(exporter.row(for: contact, overflow: &overflow) + columns + extra)
        if !overflow.isEmpty {
            let location = SourceLocation(file: contact.source?.file ?? "-", line: contact.source?.line,
                                          record: contact.source?.record)
            diagnostics.append(Diagnostic(.warning, .csvExportOverflow,
                "\(overflow.count) value\(overflow.count == 1 ? "" : "s") did not fit the \(exporter.name) layout",
                at: location, detail: overflow.joined(separator: " | ")))
        }
        return csv.takeOutput()
    }
}
