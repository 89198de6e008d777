import Foundation
import Testing

/// Every command's `--help` ends with worked examples of that command.
@Suite("help")
struct HelpCLITests {
    let cli = CardToolCLITests()
    static let commands = ["parse", "merge", "dedupe", "import", "list", "show", "search", "events", "event", "history", "undo", "split",
                           "link", "review", "edit", "touch", "followup", "tag", "cadence", "reconnect", "export", "match", "book"]

    @Test("cardtool COMMAND --help and cardtool help COMMAND end with EXAMPLES of that command", arguments: commands)
    func examples(_ command: String) throws {
        for arguments in [[command, "--help"], ["help", command]] {
            let r = try cli.run(arguments)
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n").map(String.init)
            let start = try #require(lines.lastIndex(of: "EXAMPLES:"), "\(arguments): no examples")
            #expect(lines.firstIndex(of: "OPTIONS:").map { $0 < start } ?? true)
            let examples = lines[(start + 1)...]
            #expect(!examples.isEmpty)
            #expect(examples.allSatisfy { $0.hasPrefix("  ") && $0.contains("cardtool \(command)") }, "\(examples)")
        }
    }

    @Test("the top-level help ends with the event workflow; usage errors still exit 64")
    func topLevel() throws {
        let r = try cli.run(["--help"])
        #expect(r.stdout.hasSuffix("  cardtool export --to csv --crm hubspot -o hubspot.csv --changed-since-last\n"))
        #expect(try cli.run(["tag"]).status == 64)
        #expect(try cli.run(["--version"]).stdout == "0.1.0\n")
    }
}
