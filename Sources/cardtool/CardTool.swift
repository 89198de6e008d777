import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `cardtool`: contact files from networking events into one clean, deduplicated address book that remembers.
@main
struct CardTool: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cardtool",
        abstract: "Turn the contacts you collect at events into one clean address book.",
        discussion: """
            Exit status: 0 when every input was read (warnings allowed), 1 when an input could not be \
            read or a record was rejected, 64 for usage errors.
            """,
        version: version,
        subcommands: [Parse.self, Merge.self, Dedupe.self, Import.self, List.self, Show.self, Search.self, Events.self, History.self,
                      Event.self, Undo.self, Split.self, Link.self, Review.self, Edit.self, Touch.self, Followup.self, Tag.self, Cadence.self, Reconnect.self,
                      Export.self, Match.self, Book.self],
        defaultSubcommand: Parse.self
    )

    static let examples = """
          cardtool import scans.vcf badges.csv --event "South Summit Madrid" --date 2026-06-05
          cardtool followup --event "South Summit Madrid"
          cardtool export --to csv --crm hubspot -o hubspot.csv --changed-since-last
        """

    /// Each command's worked examples, which its `--help` ends with (after the options, where
    /// swift-argument-parser's discussion cannot go).
    static let examplesByCommand: [String: String] = [
        "parse": Parse.examples, "merge": Merge.examples, "dedupe": Dedupe.examples, "import": Import.examples,
        "list": List.examples, "show": Show.examples, "search": Search.examples, "events": Events.examples,
        "event": Event.examples, "history": History.examples, "undo": Undo.examples, "split": Split.examples, "link": Link.examples,
        "review": Review.examples, "edit": Edit.examples, "touch": Touch.examples, "followup": Followup.examples,
        "tag": Tag.examples, "cadence": Cadence.examples, "reconnect": Reconnect.examples, "export": Export.examples,
        "match": Match.examples, "book": Book.examples,
    ]

    /// swift-argument-parser's entry point, with the help of a command followed by its examples.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            ProgressLine.shared?.stop()
            let asksHelp = arguments.first == "help" || arguments.contains("--help") || arguments.contains("-h")
            guard asksHelp, exitCode(for: error) == .success else { exit(withError: error) }
            let words = arguments.filter { !$0.hasPrefix("-") && $0 != "help" }
            let examples = words.first.flatMap { examplesByCommand[$0] } ?? (words.isEmpty ? Self.examples : nil)
            var text = fullMessage(for: error)
            while text.hasSuffix("\n") { text.removeLast() }
            if let examples { text += "\n\nEXAMPLES:\n" + examples }
            print(text)
            Glibc.exit(0)
        }
    }
}
