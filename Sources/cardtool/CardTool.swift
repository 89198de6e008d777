import ArgumentParser

/// `cardtool`: reads contacts from vCard (and, later, CSV and HTML) into one clean address book.
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
        subcommands: [Parse.self, Merge.self, Dedupe.self],
        defaultSubcommand: Parse.self
    )
}
