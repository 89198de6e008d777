import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool touch`: logs an interaction.
    struct Touch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "touch",
            abstract: "Log an interaction with a person; it resets their reconnect reminder."
        )

        static let examples = """
                  cardtool touch p3k --note "Coffee, wants the proposal in March" --kind meeting
                  cardtool touch ana@example.es --note "Sent the deck" --kind email --date 2026-11-28
                """

        /// Kinds of interaction.
        enum Kind: String, ExpressibleByArgument, CaseIterable { case call, meeting, email, message }

        @Argument(help: "The person (id, e-mail or phone).")
        var who: String
        @Option(name: .long, help: "What was said or agreed.")
        var note: String?
        @Option(name: .long, help: "When (YYYY-MM-DD; default today).")
        var date: String?
        @Option(name: .long, help: "call, meeting, email or message.")
        var kind: Kind = .message
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if let date, PartialDate(iso8601: date)?.year == nil { throw ValidationError("--date takes YYYY-MM-DD, got '\(date)'.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let day = date.flatMap(PartialDate.init(iso8601:)) ?? EventBook.today()
            print(try printer.book { () throws(BookError) in try book.touch(who, note: note, date: day, kind: kind.rawValue) })
        }
    }

    /// `cardtool followup`: whom to follow up after an event.
    struct Followup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "followup",
            abstract: "List the people first met at an event and not touched since."
        )

        static let examples = """
                  cardtool followup --event "South Summit Madrid"
                  cardtool followup --event "Expo CDMX" --to csv --crm hubspot -o followup.csv
                  cardtool followup --event "South Summit Madrid" --ics followup.ics
                """

        @Option(name: .long, help: "The event.")
        var event: String
        @Option(name: .long, help: ArgumentHelp("Write the list as calendar tasks (iCalendar VTODO, due two days after the event) to this file instead.", valueName: "file.ics"))
        var ics: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if ics != nil && (listing.output != nil || listing.to != nil) { throw ValidationError("--ics writes the list itself: leave out --to and -o.") }
            try refuseOverwriting(inputs: [BookLocation.path(option: store.store)], outputs: [ics])
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let people = try printer.book { () throws(BookError) in try book.followUp(event: event) }
            if let ics {
                let today = EventBook.today()
                let reminders = people.map { p -> Reminder in
                    // Two days after the first meeting at the event, or today when it has no date.
                    let met = p.contact.events.first { $0.name?.localizedCaseInsensitiveContains(event) == true }?.date
                    let due = met.flatMap { $0.year != nil ? $0.adding(days: 2) : nil } ?? today
                    return Reminder(person: p, kind: .followUp, due: due, reason: "Met at \(event); not contacted since")
                }
                try printer.writeFile(ics, ReminderCalendar.ics(reminders))
                printer.summary("\(people.count) to follow up; written to \(ics)")
                return
            }
            try listing.write(people, printer: printer) { PeopleTable.make(people) }
            printer.summary("\(people.count) to follow up")
        }
    }

    /// `cardtool tag`: labels people.
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Tag a person (or take tags off with --remove)."
        )

        static let examples = """
                  cardtool tag p3k investor madrid
                  cardtool tag p3k madrid --remove
                """

        @Argument(help: "The person (id, e-mail or phone).")
        var who: String
        @Argument(help: "Tags.")
        var tags: [String]
        @Flag(name: .long, help: "Take these tags off.")
        var remove = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws { if tags.isEmpty { throw ValidationError("Give at least one tag.") } }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            print(try printer.book { () throws(BookError) in try book.tag(who, tags, remove: remove) })
        }
    }

    /// `cardtool cadence`: how often to be in touch.
    struct Cadence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cadence",
            abstract: "Set how often you want to be in touch: with a person, with everyone tagged, or by default (6 months).",
            discussion: """
                Intervals: 2w, 90d, 3m, 1y.
                """
        )

        static let examples = """
                  cardtool cadence p3k 3m
                  cardtool cadence --tag investor 1m
                  cardtool cadence --default 4m
                """

        @Argument(help: "The person and the interval, or only the interval with --tag.")
        var arguments: [String] = []
        @Option(name: .long, help: "Set the rhythm of everyone with this tag.")
        var tag: String?
        @Option(name: .customLong("default"), help: "Set the rhythm of everyone without one of their own.")
        var everyone: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if everyone != nil && tag != nil { throw ValidationError("Give --tag or --default, not both.") }
            let expected = everyone != nil ? 0 : tag != nil ? 1 : 2
            guard arguments.count == expected else {
                throw ValidationError(everyone != nil ? "--default takes the interval: cardtool cadence --default 6m."
                    : tag != nil ? "Give the interval: cardtool cadence --tag TAG 3m." : "Give a person and an interval: cardtool cadence p3k 3m.")
            }
            guard Interval.days(arguments.last ?? everyone ?? "") != nil else {
                throw ValidationError("An interval is a number and d, w, m or y: 90d, 2w, 3m, 1y.")
            }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let days = Interval.days(arguments.last ?? everyone ?? "")!
            let who = tag == nil && everyone == nil ? arguments.first : nil
            print(try printer.book { () throws(BookError) in try book.cadence(person: who, tag: tag, days: days) })
        }
    }

    /// `cardtool reconnect`: whom you have neglected.
    struct Reconnect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconnect",
            abstract: "List the people past their rhythm, most overdue first, with the last interaction and where you met."
        )

        static let examples = """
                  cardtool reconnect --limit 10
                  cardtool reconnect --all --to csv -o everyone.csv
                  cardtool reconnect --ics reconnect.ics     # import into your calendar; re-import to update
                  cardtool reconnect --mine --store postgres://ana@db.example.internal/sales
                """

        @Option(name: .long, help: "At most this many people.")
        var limit: Int?
        @Flag(name: .long, help: "Everyone, oldest last interaction first, due or not.")
        var all = false
        @Flag(name: .long, help: "Only the people you met or were in touch with (you: --as, else your login name); for a team's book.")
        var mine = false
        @Option(name: .long, help: ArgumentHelp("Write the list as calendar tasks (iCalendar VTODO, due when the rhythm runs out) to this file instead.", valueName: "file.ics"))
        var ics: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit takes a number of people, 1 or more.") }
            if ics != nil && (listing.output != nil || listing.to != nil) { throw ValidationError("--ics writes the list itself: leave out --to and -o.") }
            try refuseOverwriting(inputs: [BookLocation.path(option: store.store)], outputs: [ics])
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let due = try printer.book { () throws(BookError) in try book.reconnect(all: all, mine: mine, limit: limit) }
            if let ics {
                let reminders = due.map { d in
                    Reminder(person: d.person, kind: .reconnect, due: d.due,
                             reason: d.daysOverdue > 0 ? "Overdue by \(d.daysOverdue) days (rhythm: every \(d.rhythm) days)"
                                                       : "Due in \(-d.daysOverdue) days (rhythm: every \(d.rhythm) days)")
                }
                try printer.writeFile(ics, ReminderCalendar.ics(reminders))
                printer.summary("\(due.count) \(all ? "people" : "to reconnect with"); written to \(ics)")
                return
            }
            try listing.write(due.map(\.person), printer: printer) {
                var table = Table("ID", "NAME", "LAST CONTACT", "HOW", "OVERDUE", "MET AT")
                for d in due {
                    let p = d.person, c = p.contact
                    let how = p.lastInteraction.map { $0.kind + ($0.note.map { ": " + $0 } ?? "") } ?? ""
                    let met = c.events.map { [$0.name, $0.date?.iso8601].compactMap { $0 }.joined(separator: " ") }.joined(separator: "; ")
                    table.add(p.id, c.fullName ?? c.name?.displayName ?? "", p.lastInteraction?.date.iso8601 ?? "never", how,
                              d.daysOverdue > 0 ? "\(d.daysOverdue) days" : "", met)
                }
                return table
            }
            printer.summary("\(due.count) \(all ? "people" : "to reconnect with")")
        }
    }
}

/// `3m`, `2w`, `90d`, `1y` in days.
enum Interval {
    static func days(_ text: String) -> Int? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0, n <= 100_000 else { return nil }
        switch unit {
        case "d": return n
        case "w": return n * 7
        case "m": return n * 30
        case "y": return n * 365
        default: return nil
        }
    }
}
