import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool show`: one person, everything the book knows.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one person: their values, where you met them, their records, touches, tags and rhythm.",
            discussion: """
                The person is named by id (p3k), by an id merged into another, by e-mail or by phone.
                """
        )

        static let examples = """
                  cardtool show p3k
                  cardtool show ana.garcia@example.es
                  cardtool show "+34 612 34 56 78" --to jsonl
                """

        @Argument(help: "An id, e-mail address or phone number.")
        var who: String
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let detail = try printer.book { () throws(BookError) in try book.detail(who) }
            guard listing.format == .table else {
                try listing.write([detail.person], printer: printer) { Table("") }
                return
            }
            print(Self.text(detail), terminator: "")
        }

        /// The person as a page of text.
        static func text(_ d: PersonDetail) -> String {
            let p = d.person, c = p.contact
            var lines: [String] = ["\(p.id)  \(c.fullName ?? c.name?.displayName ?? "(no name)")"]
            func line(_ label: String, _ value: String?) {
                if let value, !value.isEmpty { lines.append("  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value) }
            }
            line("nickname", c.nicknames.joined(separator: ", "))
            line("organization", [c.organization, c.department].compactMap { $0 }.joined(separator: " · "))
            line("title", c.title)
            for e in c.emails { line("e-mail", e.value) }
            for ph in c.phones { line("phone", [ph.e164 ?? ph.value, ph.numberType].compactMap { $0 }.joined(separator: "  ")) }
            for u in c.urls { line("web", u.value) }
            for a in c.addresses { line("address", [a.street, a.postalCode, a.locality, a.country].compactMap { $0 }.joined(separator: ", ")) }
            line("birthday", c.birthday?.iso8601)
            line("tags", p.tags.joined(separator: ", "))
            line("rhythm", "every \(d.cadence.days) days (\(d.cadence.from))")
            if let last = p.lastInteraction {
                line("last contact", "\(last.date.iso8601) \(last.kind)" + (last.note.map { ": \($0)" } ?? ""))
            }
            for e in c.events { line("met", [e.name, e.date?.iso8601].compactMap { $0 }.joined(separator: ", ")) }
            for t in d.touches {
                line("touch", "\(t.date.iso8601) \(t.kind)" + (t.note.map { ": \($0)" } ?? "") + (d.sharedBook ? t.by.map { " (\($0))" } ?? "" : ""))
            }
            // In a team's book: who met them, where, and each one's last interaction.
            if d.sharedBook {
                for m in d.team {
                    let events = m.events.map { [$0.name, $0.date?.iso8601].compactMap { $0 }.joined(separator: ", ") }.joined(separator: "; ")
                    let last = m.last.map { "last \($0.date.iso8601) \($0.kind)" } ?? "no interaction logged"
                    line("team", "\(m.name): " + (events.isEmpty ? "" : events + " · ") + last)
                }
            }
            for e in d.edits { line("edited", "\(e.field) = \(e.value)") }
            line("also known as", d.aliases.joined(separator: ", "))
            if let note = c.note { line("note", note.replacingOccurrences(of: "\n", with: " / ")) }
            lines.append("  records:")
            for s in p.sources {
                let event = s.event.map { " · " + [$0.name, $0.date?.iso8601].compactMap { $0 }.joined(separator: ", ") } ?? ""
                lines.append("    \(s.record)  \(s.file):\(s.number)  import #\(s.importID)\(event)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
