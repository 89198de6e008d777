import ArgumentParser
import CardParse
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension CardTool {
    /// `cardtool review`: the pairs an import was unsure about, one at a time, answered by a person.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Go through the pairs waiting for review and say whether each is one person.",
            discussion: """
                Each pair is shown side by side; answer s (same person: they are linked), d (different \
                people: later imports keep them apart), k (skip: ask again next time) or q (quit). Every \
                answer is a change of its own, so `cardtool undo` takes back the last one. Answers are read \
                line by line from standard input, so a script can pipe them in.
                """
        )

        static let examples = """
                  cardtool review
                  cardtool review --list
                  printf 's\\nd\\n' | cardtool review --store team.sqlite
                """

        @Flag(name: .long, help: "List the pairs waiting for review and ask nothing.")
        var list = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            let pairs = try printer.book { () throws(BookError) in try book.pendingReviews() }
            if list {
                var table = Table("PROBABILITY", "RECORD", "PERSON", "NAME", "RECORD", "PERSON", "NAME")
                for p in pairs {
                    table.add(String(format: "%.2f", p.probability), p.records.0, p.people.0, Self.name(p.contacts.0),
                              p.records.1, p.people.1, Self.name(p.contacts.1))
                }
                print(table.rendered(colour: Terminal.colours(1)), terminator: "")
                printer.summary("\(pairs.count) pair\(pairs.count == 1 ? "" : "s") waiting for review")
                return
            }
            guard !pairs.isEmpty else {
                printer.summary("no pairs are waiting for review")
                return
            }
            var counts: [ReviewAnswer: Int] = [:]
            var skipped = Set<String>()
            var pending = pairs
            var shown = 0
            // The list is read again after each answer: linking two people settles every other
            // pair between their records.
            while let pair = pending.first(where: { !skipped.contains($0.records.0 + " " + $0.records.1) }) {
                shown += 1
                let waiting = pending.filter { !skipped.contains($0.records.0 + " " + $0.records.1) }.count
                print(Self.render(pair, number: shown, of: shown + waiting - 1, width: ProgressLine.columns()))
                var answer: ReviewAnswer?
                var quit = false
                while answer == nil && !quit {
                    print("Same person? [s]ame, [d]ifferent, [k] skip, [q]uit: ".styled({ $0.bold }), terminator: "")
                    fflush(nil)
                    guard let line = readLine() else { quit = true; print(""); break }
                    switch line.trimmingCharacters(in: .whitespaces).lowercased() {
                    case "s", "same", "y", "yes": answer = .same
                    case "d", "different", "n", "no": answer = .different
                    case "k", "skip", "": answer = .skip
                    case "q", "quit": quit = true
                    default: print("Answer s, d, k or q.")
                    }
                }
                guard let answer, !quit else { break }
                if let done = try printer.book({ () throws(BookError) in try book.answer(pair, answer) }) {
                    print(done.styled({ $0.green }))
                } else {
                    skipped.insert(pair.records.0 + " " + pair.records.1)
                    print("skipped")
                }
                counts[answer, default: 0] += 1
                print("")
                pending = try printer.book { () throws(BookError) in try book.pendingReviews() }
            }
            let waiting = try printer.book { () throws(BookError) in try book.pendingReviews().count }
            printer.summary("answered \(counts.values.reduce(0, +)): \(counts[.same] ?? 0) same person, "
                            + "\(counts[.different] ?? 0) different, \(counts[.skip] ?? 0) skipped; \(waiting) waiting")
        }

        static func name(_ c: Contact) -> String { c.fullName ?? c.name?.displayName ?? "(no name)" }

        /// One pair side by side, the columns cut to the terminal's width; values that differ
        /// between the two records are highlighted on a colour terminal.
        static func render(_ pair: ReviewPair, number: Int, of count: Int, width: Int) -> String {
            var text = "Pair \(number) of \(count) · match probability \(String(format: "%.2f", pair.probability))\n".styled({ $0.bold })
            let rows = MatchReport.sideBySide([pair.contacts.0, pair.contacts.1])
            let label = max(8, rows.map(\.label.count).max() ?? 8)
            let column = max(16, (width - label - 4) / 2)
            func cut(_ s: String, tail: Bool = false) -> String {
                s.count <= column ? s : tail ? "…" + String(s.suffix(column - 1)) : String(s.prefix(column - 1)) + "…"
            }
            func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
            text += pad("", label) + "  " + pad(cut("#1 \(pair.records.0) · \(pair.people.0)"), column) + "  "
                + cut("#2 \(pair.records.1) · \(pair.people.1)") + "\n"
            for (name, values) in rows {
                let left = values[0], right = values[1]
                let same = Set(left.map { $0.lowercased() }) == Set(right.map { $0.lowercased() })
                for i in 0..<max(left.count, right.count) {
                    let tail = name == "Source"
                    let a = cut(i < left.count ? left[i] : "", tail: tail), b = cut(i < right.count ? right[i] : "", tail: tail)
                    var line = pad(i == 0 ? name : "", label) + "  "
                    line += (same ? pad(a, column) : pad(a, column).styled({ $0.yellow })) + "  "
                    line += same ? b : b.styled({ $0.yellow })
                    while line.hasSuffix(" ") { line.removeLast() }
                    text += line + "\n"
                }
            }
            return text
        }
    }
}
