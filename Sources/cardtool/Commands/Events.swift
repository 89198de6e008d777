import ArgumentParser
import CardParse
import Foundation

extension CardTool {
    /// `cardtool events`: the events in the book, and what each one gave.
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events",
            abstract: "List the events in the book with what each gave: people met, new, followed up, still in touch, relationships.",
            discussion: """
                People: met at the event. New: first met there (known: met before, elsewhere). Followed up: \
                new people with a touch logged within --within days of the event. In touch: new people with \
                a touch in the last --recent days. Relationships: new people with at least --min interactions \
                (touches logged, and events where you met them, each counting one). Cost per relationship: \
                the event's cost (`cardtool event EVENT --cost N`) over its relationships. Sorted by \
                relationships per person met, the best first.
                """
        )

        static let examples = """
                  cardtool events
                  cardtool events --since 2026-01-01 --sort followed
                  cardtool events --within 14d --recent 180d --min 2 --to csv -o events.csv
                """

        /// The formats of an event listing.
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

        /// The orders of an event listing.
        enum Sort: String, ExpressibleByArgument, CaseIterable { case yield, date, people, new, followed, relationships, cost }

        @Option(name: .long, help: "table, jsonl or csv (default: table on a terminal, else jsonl).")
        var to: Format?
        @Option(name: .long, help: "Follow-up window after the event (7d, 2w).")
        var within = "7d"
        @Option(name: .long, help: "Still in touch: a touch in this many last days (90d, 6m).")
        var recent = "90d"
        @Option(name: .long, help: "Interactions that make a relationship.")
        var min = 3
        @Option(name: .long, help: "yield (relationships per person met), date, people, new, followed, relationships or cost (per relationship).")
        var sort: Sort = .yield
        @Option(name: .long, help: "Only events on or after this date (YYYY-MM-DD).")
        var since: String?
        @Option(name: .long, help: "Count 'in touch' as of this date (YYYY-MM-DD; default today).")
        var today: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            _ = try yieldOptions()
        }

        func yieldOptions() throws -> YieldOptions {
            var o = YieldOptions()
            guard let w = Interval.days(within) else { throw ValidationError("--within takes an interval such as 7d, 2w or 1m.") }
            guard let r = Interval.days(recent) else { throw ValidationError("--recent takes an interval such as 90d or 6m.") }
            guard min >= 1 else { throw ValidationError("--min takes a number of at least 1.") }
            o.within = w
            o.recent = r
            o.minInteractions = min
            if let since {
                guard let d = PartialDate(iso8601: since), d.year != nil else { throw ValidationError("--since takes YYYY-MM-DD, got '\(since)'.") }
                o.since = d
            }
            if let today {
                guard let d = PartialDate(iso8601: today), d.year != nil else { throw ValidationError("--today takes YYYY-MM-DD, got '\(today)'.") }
                o.today = d
            }
            return o
        }

        func sorted(_ rows: [EventYield]) -> [EventYield] {
            rows.sorted { a, b in
                let date = { (e: EventYield) in e.event.date?.iso8601 ?? "" }
                switch sort {
                case .date: return date(a) < date(b)
                case .people: return a.people != b.people ? a.people > b.people : date(a) < date(b)
                case .new: return a.new != b.new ? a.new > b.new : date(a) < date(b)
                case .followed: return a.followedUpShare != b.followedUpShare ? a.followedUpShare > b.followedUpShare : date(a) < date(b)
                case .relationships: return a.relationships != b.relationships ? a.relationships > b.relationships : date(a) < date(b)
                case .cost:
                    let x = a.costPerRelationship ?? .infinity, y = b.costPerRelationship ?? .infinity
                    return x != y ? x < y : date(a) < date(b)
                case .yield:
                    if a.relationshipsPerPerson != b.relationshipsPerPerson { return a.relationshipsPerPerson > b.relationshipsPerPerson }
                    if a.followedUpShare != b.followedUpShare { return a.followedUpShare > b.followedUpShare }
                    return date(a) < date(b)
                }
            }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let options = try yieldOptions()
            let events = sorted(try printer.book { () throws(BookError) in try book.eventYield(options) })
            let format = to ?? (output.output == nil && isatty(1) == 1 ? .table : .jsonl)
            let sink = try output.open(printer: printer)
            try printer.exitOnFailure {
                switch format {
                case .table:
                    var table = Table("DATE", "EVENT", "PEOPLE", "NEW", "KNOWN", "FOLLOWED UP", "IN TOUCH", "RELATIONSHIPS", "COST/REL.")
                    for e in events {
                        table.add(e.event.date?.iso8601 ?? "", e.event.name, String(e.people), String(e.new), String(e.known),
                                  "\(e.followedUp) (\(Int((e.followedUpShare * 100).rounded()))%)", String(e.inTouch), String(e.relationships),
                                  e.costPerRelationship.map { String(format: "%.0f", $0) } ?? (e.event.cost != nil ? "none" : ""))
                    }
                    try sink.write(Array(table.rendered(colour: output.output == nil && Terminal.colours(1)).utf8))
                case .jsonl:
                    for e in events {
                        var fields = ["\"name\":" + json(e.event.name)]
                        if let d = e.event.date { fields.append("\"date\":\"\(d.iso8601)\"") }
                        fields += ["\"records\":\(e.event.records)", "\"people\":\(e.people)", "\"new\":\(e.new)", "\"known\":\(e.known)",
                                   "\"followedUp\":\(e.followedUp)", "\"inTouch\":\(e.inTouch)", "\"relationships\":\(e.relationships)"]
                        if let note = e.event.note { fields.append("\"note\":" + json(note)) }
                        if let cost = e.event.cost { fields.append("\"cost\":\(number(cost))") }
                        if let per = e.costPerRelationship { fields.append("\"costPerRelationship\":\(number(per))") }
                        try sink.write(Array(("{" + fields.joined(separator: ",") + "}\n").utf8))
                    }
                case .csv:
                    var w = CSVWriter()
                    w.writeRow(["name", "date", "records", "people", "new", "known", "followed_up", "in_touch", "relationships",
                                "note", "cost", "cost_per_relationship"])
                    for e in events {
                        w.writeRow([e.event.name, e.event.date?.iso8601 ?? "", String(e.event.records), String(e.people), String(e.new),
                                    String(e.known), String(e.followedUp), String(e.inTouch), String(e.relationships), e.event.note ?? "",
                                    e.event.cost.map(number) ?? "", e.costPerRelationship.map(number) ?? ""])
                    }
                    try sink.write(w.takeOutput())
                }
                try sink.commit()
            }
        }
    }

    /// `cardtool event EVENT`: one event's people, and its note and cost.
    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event",
            abstract: "Show one event: whom you met, whom you followed up and whom not yet, who you already knew; or set its note and cost.",
            discussion: """
                With --note or --cost the event is described (one change, `cardtool undo` takes it back) \
                and nothing is listed. Followed up and interactions mean what they mean in `cardtool events`.
                """
        )

        static let examples = """
                  cardtool event "South Summit Madrid"
                  cardtool event "South Summit Madrid" --note "Organised by Spain Startup; stand 14" --cost 450
                  cardtool event 2026-11-12 --to jsonl
                """

        @Argument(help: "The event: its name (or part of it) or its date.")
        var event: String
        @Option(name: .long, help: "Set a note on the event (who organised it, what it was); \"\" clears it.")
        var note: String?
        @Option(name: .long, help: "Set what going cost (any currency, as a number).")
        var cost: Double?
        @Option(name: .long, help: "Follow-up window after the event (7d, 2w).")
        var within = "7d"
        @Option(name: .long, help: "table or jsonl (default: table on a terminal, else jsonl).")
        var to: Events.Format?
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if Interval.days(within) == nil { throw ValidationError("--within takes an interval such as 7d, 2w or 1m.") }
            if let cost, !(0...1e12).contains(cost) { throw ValidationError("--cost takes a number from 0 to 1000000000000.") }
            if to == .csv { throw ValidationError("cardtool event writes a table or JSON Lines.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            if note != nil || cost != nil {
                print(try printer.book { () throws(BookError) in try book.describeEvent(event, note: note, cost: cost) })
                return
            }
            var options = YieldOptions()
            options.within = Interval.days(within)!
            let (yield, people) = try printer.book { () throws(BookError) in try book.eventDetail(event, options: options) }
            let e = yield.event
            if (to ?? (isatty(1) == 1 ? .table : .jsonl)) == .jsonl {
                for p in people {
                    var fields = ["\"id\":" + json(p.person.id), "\"name\":" + json(p.person.displayName),
                                  "\"new\":\(p.isNew)", "\"interactions\":\(p.interactions)"]
                    if let d = p.followedUpOn { fields.append("\"followedUpOn\":\"\(d.iso8601)\"") }
                    if !p.knownFrom.isEmpty { fields.append("\"knownFrom\":[" + p.knownFrom.map(json).joined(separator: ",") + "]") }
                    print("{" + fields.joined(separator: ",") + "}")
                }
                return
            }
            var text = [e.name, e.date?.iso8601].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ").styled({ $0.bold }) + "\n"
            if let note = e.note { text += "  note: \(note)\n" }
            if let cost = e.cost { text += "  cost: \(number(cost))" + (yield.costPerRelationship.map { ", \(number($0)) per relationship" } ?? "") + "\n" }
            text += "  \(yield.people) people: \(yield.new) new, \(yield.known) already known; \(yield.followedUp) of the new followed up "
                + "within \(options.within) days; \(yield.relationships) relationships\n\n"
            let new = people.filter(\.isNew), known = people.filter { !$0.isNew }
            var followed = Table("FOLLOWED UP", "ID", "NAME", "ON", "INTERACTIONS")
            for p in new where p.followedUpOn != nil {
                followed.add("yes", p.person.id, p.person.displayName, p.followedUpOn!.iso8601, String(p.interactions))
            }
            for p in new where p.followedUpOn == nil {
                followed.add("not yet", p.person.id, p.person.displayName, "", String(p.interactions))
            }
            if !new.isEmpty { text += "New here:\n" + followed.rendered(colour: Terminal.colours(1)) + "\n" }
            var earlier = Table("ID", "NAME", "KNOWN FROM")
            for p in known { earlier.add(p.person.id, p.person.displayName, p.knownFrom.joined(separator: "; ")) }
            if !known.isEmpty { text += "Already known:\n" + earlier.rendered(colour: Terminal.colours(1)) }
            print(text, terminator: "")
        }
    }

    /// `cardtool history`: the changes made to the book, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the changes made to the book, newest first (what `cardtool undo` would take back first)."
        )

        static let examples = """
                  cardtool history
                  cardtool history --limit 5
                  cardtool history --who ana
                """

        @Option(name: .long, help: "Show at most this many changes.")
        var limit: Int?
        @Option(name: .long, help: ArgumentHelp("Only the changes this team member made (`--as`, else their login name).", valueName: "name"))
        var who: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit takes a number of changes, 1 or more.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let changes = try printer.book { () throws(BookError) in try book.history(limit: limit, who: who) }
            for c in changes { print("\(c.id)  \(c.at)  \(c.by ?? "-")  \(c.summary)") }
            if changes.isEmpty { printer.summary("no changes yet") }
        }
    }
}

/// A JSON string literal.
func json(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}

/// A JSON or CSV number: `120`, `37.50`.
func number(_ n: Double) -> String {
    n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(format: "%.2f", n)
}
