import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool parse`: read inputs, write them as JSON Lines, vCard or CSV, account for every record.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Read contact files and write them as JSON Lines, vCard or CRM-ready CSV.",
            discussion: """
                Each input's format is detected from its content. Diagnostics go to standard error as \
                `file:line: warning: message [code]`, followed by a summary line.
                """
        )

        static let examples = """
                  cardtool parse contacts.vcf                      # JSON Lines on stdout
                  cardtool parse a.vcf b.vcf --to vcf --vcard-version 4.0 -o all.vcf
                  cat card.vcf | cardtool parse - --to vcf
                  cardtool parse Connections.csv contactos.csv --to csv --crm hubspot -o hubspot.csv
                  cardtool parse badges.csv --map "Stand=custom:Stand" --map "Móvil=mobile" --id-column "Badge ID"
                  cardtool parse contacts.vcf --to csv --crm outlook --excel --output-delimiter ';' -o outlook.csv
                """

        @OptionGroup var input: InputOptions
        @OptionGroup var export: ExportOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            try refuseOverwriting(inputs: input.files, outputs: [output.output])
        }

        @Flag(name: .long, help: "Show the source values only: no normalization of names, phones, e-mails and URLs.")
        var raw = false

        func run() throws {
            let printer = diagnostics.printer
            let sink = try output.open(printer: printer)
            // A CSV keeps the identity numbers and custom fields dedupe would compare, as columns.
            var writer = export.export(delimiter: input.delimiter, columns: export.to == .csv ? try input.compareFields() : [])
            let importer = try input.importer(normalize: !raw, threads: Parallel.defaultThreads,
                                              meter: printer.meter(stdoutBusy: output.output == nil))
            let summary = try printer.exitOnFailure {
                try sink.write(writer.start())
                // Each contact is turned into bytes on the worker that normalized it; this thread writes.
                let encoder = writer
                let summary = try importer.run(paths: input.files, encode: { contact, _ in
                    var writer = encoder
                    var found: [Diagnostic] = []
                    return (writer.bytes(for: contact, diagnostics: &found), found)
                }, encoded: { bytes, found in
                    try sink.write(bytes)
                    found.forEach(printer.print)
                }, diagnostic: printer.print)
                try sink.commit()
                return summary
            }
            printer.progressDone()
            printer.summary(summary.line)
            if !summary.succeeded { throw ExitCode(1) }
        }
    }
}
