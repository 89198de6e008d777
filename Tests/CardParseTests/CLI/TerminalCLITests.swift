import Foundation
import GRDB
import Testing

/// What a person at a terminal sees, tested on real pseudo-terminals: `cardtool review` driven
/// through tmux (`send-keys`, `capture-pane`), the progress line and colours recorded by
/// util-linux's `script`.
@Suite("cardtool at a terminal", .serialized)
struct TerminalCLITests {
    let cli = CardToolCLITests()
    let book = BookCLITests()

    /// Runs a program with the signals the test runner blocks unblocked again (tmux and script
    /// wait for their children with them) and no descriptor but the three standard ones (a tmux
    /// server that kept one would look like a child still running); returns its status, standard
    /// output and error.
    @discardableResult
    func launch(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                directory: URL = Fixtures.root, capture: Bool = true) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.closerange(3, 4096); os.execvp(sys.argv[1], sys.argv[1:])",
                             program] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"].flatMap { $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        // A server that goes on in the background (tmux's) would hold the pipes open forever.
        process.standardOutput = capture ? out : FileHandle.nullDevice
        process.standardError = capture ? err : FileHandle.nullDevice
        try process.run()
        guard capture else { process.waitUntilExit(); return (process.terminationStatus, "", "") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A book with the merge fixtures imported at two events: three pairs wait for review
    /// (María García Fernández, p4, against María García Sánchez, pb).
    func reviewBook(_ f: BookCLITests.Folder) throws {
        #expect(try book.run(f, ["import", "merge/cards.vcf", "--event", "Tech Day", "--date", "2026-10-01"]).status == 0)
        #expect(try book.run(f, ["import", "merge/badges.csv", "merge/connections.html", "--event", "Expo", "--date", "2026-10-20"]).status == 0)
    }

    /// The command's output as a terminal shows it, recorded by `script` on a pseudo-terminal.
    func onTerminal(_ command: String, in f: BookCLITests.Folder, environment: [String: String] = [:]) throws -> String {
        let typescript = f.path("typescript-\(UUID().uuidString)")
        let r = try launch("script", ["-q", "-e", "-c", command, typescript], environment: environment)
        #expect(r.status == 0, "\(command): \(r.err)")
        return try String(contentsOfFile: typescript, encoding: .utf8)
    }

    struct Tmux {
        let test: TerminalCLITests
        let socket: String
        let session = "review"

        func run(_ arguments: [String], capture: Bool = true) throws -> String {
            try test.launch("tmux", ["-S", socket] + arguments, capture: capture).out
        }

        /// The screen's text, without colours.
        func screen() throws -> String { try run(["capture-pane", "-p", "-J", "-S", "-200", "-t", session]) }

        /// Waits (up to 30 s) until the screen shows `text`.
        func wait(for text: String, count: Int = 1) throws -> String {
            let deadline = Date().addingTimeInterval(30)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.components(separatedBy: text).count - 1 >= count { return last }
                usleep(100_000)
            }
            Issue.record("the screen never showed '\(text)':\n\(last)")
            return last
        }
    }

    @Test("review through tmux: each pair side by side, answers recorded as decisions the book keeps")
    func reviewInTmux() throws {
        let f = try BookCLITests.Folder()
        try reviewBook(f)
        let listed = try book.run(f, ["review", "--list"])
        #expect(listed.stderr.contains("3 pairs waiting for review"))
        let tmux = Tmux(test: self, socket: f.path("tmux.sock"))
        let command = "\(CardToolCLITests.binary.path) review --store \(f.book); echo \"exit status $?\"; sleep 600"
        _ = try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "130", "-y", "60", "-c", Fixtures.root.path, command], capture: false)
        defer { _ = try? tmux.run(["kill-server"], capture: false) }

        var screen = try tmux.wait(for: "Same person? [s]ame, [d]ifferent, [k] skip, [q]uit:")
        #expect(screen.contains("Pair 1 of 3 · match probability 0.54"))
        #expect(screen.contains("#1 r4 · p4") && screen.contains("#2 r23 · pb"))
        #expect(screen.contains("María García Fernández") && screen.contains("María García Sánchez"))
        #expect(screen.contains("Logística Iberia S.A.") && screen.contains("Grupo Farmacéutico Alba"))

        // An answer it does not know is asked again; then: different, skip, same.
        _ = try tmux.run(["send-keys", "-t", tmux.session, "maybe", "Enter"])
        _ = try tmux.wait(for: "Answer s, d, k or q.")
        _ = try tmux.run(["send-keys", "-t", tmux.session, "d", "Enter"])
        screen = try tmux.wait(for: "Pair 2 of 3")
        #expect(screen.contains("different people: r4 (p4) and r23 (pb) kept apart"))
        _ = try tmux.run(["send-keys", "-t", tmux.session, "k", "Enter"])
        screen = try tmux.wait(for: "Pair 3 of 3")
        _ = try tmux.run(["send-keys", "-t", tmux.session, "s", "Enter"])
        screen = try tmux.wait(for: "exit status ")
        #expect(screen.contains("same person: linked pb into p4"))
        #expect(screen.contains("answered 3: 1 same person, 1 different, 1 skipped; 0 waiting"))
        #expect(screen.contains("exit status 0"))

        // In the book: the decisions, one change each (undo takes the last back), and one person.
        let db = try DatabaseQueue(path: f.book)
        let links = try db.read { db in try Row.fetchAll(db, sql: "SELECT a, b, together FROM link ORDER BY a, b") }
        #expect(links.contains { ($0["a"] as Int64) == 4 && ($0["b"] as Int64) == 23 })
        #expect(links.contains { ($0["together"] as Int64) == 1 })
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change WHERE kind = 'review'") } == 2)
        let names = try book.people(f).compactMap { $0["fullName"] as? String }
        #expect(names.filter { $0.hasPrefix("María García") }.count == 1)
        #expect(try book.run(f, ["review", "--list"]).stderr.contains("0 pairs waiting for review"))
        let undone = try book.run(f, ["undo"])
        #expect(undone.stdout.contains("same person: linked pb into p4"))
        // The skipped pair and the one answered last wait again; the one said to be different does not.
        #expect(try book.run(f, ["review", "--list"]).stderr.contains("2 pairs waiting for review"))
    }

    @Test("review reads answers from a pipe; a 'different' answer keeps the records apart in a later import")
    func reviewPiped() throws {
        let f = try BookCLITests.Folder()
        try reviewBook(f)
        let r = try cli.run(["review", "--store", f.book], stdin: "d\nd\nd\n")
        #expect(r.status == 0)
        #expect(r.stderr.contains("answered 3: 0 same person, 3 different, 0 skipped; 0 waiting"))
        // The same LinkedIn export imported again at a later event: María García Sánchez's new
        // record joins her own person, never María García Fernández's.
        _ = try book.run(f, ["import", "merge/connections.html", "--event", "Webinar", "--date", "2026-11-02"])
        let marias = try book.people(f).filter { ($0["fullName"] as? String)?.hasPrefix("María García") == true }
        #expect(marias.count == 2)
    }

    @Test("progress on a terminal: records, rate, share and time left, cleared before the summary; none with --quiet or into a pipe")
    func progress() throws {
        let f = try BookCLITests.Folder()
        // Enough rows that reading takes a few times the second before the line appears; on a
        // machine fast enough to read them in that second, four times as many, and so on.
        var rows = 20000, shown = ""
        let bin = CardToolCLITests.binary.path
        for _ in 0..<3 {
            var csv = "First Name,Last Name,Email,Phone,Company\n"
            for i in 0..<rows { csv += "Ana\(i),García López,ana\(i)@example.es,+34 612 \(100000 + i % 900000),Iberdata\n" }
            try csv.write(toFile: f.path("big.csv"), atomically: false, encoding: .utf8)
            shown = try onTerminal("\(bin) parse \(f.path("big.csv")) -o \(f.path("out.jsonl"))", in: f)
            if shown.contains("reading: ") { break }
            rows *= 4
        }
        #expect(shown.contains("\r\u{1B}[Kreading: "), "\(shown.prefix(400))")
        // The share read, with the time left while reading is under way; once the file is read
        // (the workers still busy) the share is 100% and no time is guessed.
        #expect(shown.contains(" records · ") && shown.contains("/s · ") && (shown.contains("% · about ") || shown.contains(" · 100%")))
        #expect(shown.contains("\r\u{1B}[Kread \(rows) records from 1 file: \(rows) ok, 0 with warnings, 0 rejected"))
        let quiet = try onTerminal("\(bin) parse \(f.path("big.csv")) -o \(f.path("out2.jsonl")) --quiet", in: f)
        #expect(!quiet.contains("reading: "))
        // Contacts written to the terminal itself: no line cutting into them.
        let onScreen = try onTerminal("\(bin) parse \(f.path("big.csv"))", in: f)
        #expect(!onScreen.contains("reading: ") && onScreen.contains("ana5999@example.es"))
        let piped = try cli.run(["parse", f.path("big.csv"), "-o", f.path("out3.jsonl")])
        #expect(piped.stderr == "read \(rows) records from 1 file: \(rows) ok, 0 with warnings, 0 rejected\n")
    }

    @Test("colour on a terminal unless NO_COLOR or --color never; never in a pipe unless --color always")
    func colour() throws {
        let f = try BookCLITests.Folder()
        try reviewBook(f)
        let bin = CardToolCLITests.binary.path
        let bold = "\u{1B}[1m"
        let table = try onTerminal("\(bin) list --store \(f.book)", in: f)
        #expect(table.contains(bold + "ID"), "\(table.prefix(300))")
        #expect(!(try onTerminal("\(bin) list --store \(f.book)", in: f, environment: ["NO_COLOR": "1"])).contains("\u{1B}["))
        #expect(!(try onTerminal("\(bin) list --store \(f.book) --color never", in: f)).contains("\u{1B}["))
        #expect(!(try book.run(f, ["list", "--to", "table"])).stdout.contains("\u{1B}["))
        #expect(try book.run(f, ["list", "--to", "table", "--color", "always"]).stdout.hasPrefix(bold + "ID"))
        // Diagnostics: the severity in colour on a terminal, plain in a pipe.
        let warned = try onTerminal("\(bin) parse csv/malformed_rows.csv -o \(f.path("x.jsonl"))", in: f)
        #expect(warned.contains(": \u{1B}[33;1mwarning\u{1B}[0m: "), "\(warned.prefix(300))")
        #expect(!(try cli.run(["parse", "csv/malformed_rows.csv"])).stderr.contains("\u{1B}["))
    }
}
