import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool parse`: read inputs, write them as JSON Lines or vCard, account for every record.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read contact files and write them as JSON Lines or vCard.",
            discussion: """
                Each input's format is detected from its content. Diagnostics go to standard error as \
                `file:line: warning: message [code]`, followed by a summary line.

                Examples:
                  cardtool parse contacts.vcf                      # JSON Lines on stdout
                  cardtool parse a.vcf b.vcf --to vcf --vcard-version 4.0 -o all.vcf
                  cat card.vcf | cardtool parse - --to vcf
                """
        )

        @Argument(help: ArgumentHelp("Input files; '-' reads standard input.", valueName: "file"))
        var files: [String]

        @Option(name: .long, help: "Output format: jsonl or vcf.")
        var to: OutputFormat = .jsonl

        @Option(name: .customLong("vcard-version"), help: "vCard version to write with --to vcf: 3.0 or 4.0.")
        var vcardVersion: String?

        @Option(name: .long, help: "Force the input format instead of detecting it: vcard.")
        var from: InputFormat?

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
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        }

        func run() throws {
            let printer = DiagnosticPrinter(verbose: verbose, quiet: quiet)
            let sink: ByteSink
            do {
                sink = try ByteSink(path: output)
            } catch {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            var writer = ContactOutput(format: to, vcardVersion: vcardVersion.flatMap(VCardVersion.init) ?? .v3_0)
            let importer = ContactImporter(forcedFormat: from?.sourceFormat)
            let summary: ImportSummary
            do {
                summary = try importer.run(paths: files, contact: { contact in
                    try sink.write(writer.bytes(for: contact))
                }, diagnostic: printer.print)
                try sink.flush()
            } catch let error as OutputError {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            printer.summary(summary.line)
            if !summary.succeeded { throw ExitCode(1) }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl
    case vcf
}

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case vcard

    var sourceFormat: SourceFormat {
        switch self {
        case .vcard: .vcard
        }
    }
}

/// Picks the writer for `--to`.
struct ContactOutput {
    private var jsonl = JSONLWriter()
    private var vcard: VCardWriter
    private let format: OutputFormat

    init(format: OutputFormat, vcardVersion: VCardVersion) {
        self.format = format
        self.vcard = VCardWriter(version: vcardVersion)
    }

    mutating func bytes(for contact: Contact) -> [UInt8] {
        switch format {
        case .jsonl:
            jsonl.write(contact)
            return jsonl.takeOutput()
        case .vcf:
            vcard.write(contact)
            return vcard.takeOutput()
        }
    }
}
