import ArgumentParser

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
                      Undo.self, Split.self, Link.self, Review.self, Edit.self, Touch.self, Followup.self, Tag.self, Cadence.self, Reconnect.self,
                      Export.self, Match.self],
        defaultSubcommand: Parse.self
    )
}
