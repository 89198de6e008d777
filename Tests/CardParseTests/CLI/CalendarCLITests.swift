import Foundation
import Testing

/// `reconnect --ics` and `followup --ics`, read back with a real iCalendar parser (Python's
/// `icalendar`, which `make test` installs).
@Suite("Reminders in the calendar")
struct CalendarCLITests {
    let book = BookCLITests()

    /// The VTODOs of an .ics file as Python's icalendar reads them: uid, summary, due, description.
    func tasks(_ path: String) throws -> [[String: String]] {
        let script = """
            import json, sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = []
            for t in cal.walk('VTODO'):
                out.append({'uid': str(t['UID']), 'summary': str(t['SUMMARY']), 'due': t['DUE'].dt.isoformat(),
                            'description': str(t['DESCRIPTION']), 'status': str(t['STATUS'])})
            print(json.dumps({'version': str(cal['VERSION']), 'tasks': out}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "icalendar: \(errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["version"] as? String == "2.0")
        return try #require(json["tasks"] as? [[String: String]])
    }

    @Test("reconnect --ics: one task per person, due when the rhythm ran out, a stable UID; a second export updates, not duplicates")
    func reconnect() throws {
        let f = try BookCLITests.Folder()
        _ = try book.season(f)
        let listed = try book.run(f, ["reconnect", "--to", "jsonl"])
        let count = listed.stdout.split(separator: "\n").count
        #expect(count > 0)
        let r = try book.run(f, ["reconnect", "--ics", f.path("reconnect.ics")])
        #expect(r.status == 0)
        #expect(r.stderr.contains("written to \(f.path("reconnect.ics"))"))
        let first = try tasks(f.path("reconnect.ics"))
        #expect(first.count == count)
        #expect(first.allSatisfy { $0["uid"]!.hasPrefix("reconnect-p") && $0["uid"]!.hasSuffix("@cardtool") })
        #expect(Set(first.map { $0["uid"]! }).count == first.count)
        #expect(first.allSatisfy { $0["summary"]!.hasPrefix("Reconnect with ") && $0["status"] == "NEEDS-ACTION" })
        let sofia = try #require(first.first { $0["summary"] == "Reconnect with Sofía Herrera" })
        #expect(sofia["description"]!.contains("Met at: "))
        #expect(sofia["description"]!.contains("Last contact: "))
        #expect(sofia["description"]!.contains("cardtool show p"))
        // Met in March, a six-month rhythm: due in September.
        #expect(sofia["due"]!.hasPrefix("2026-09"), "\(sofia)")
        // Exported again after a touch: the same UIDs, one task fewer to do.
        let sofiaID = try book.id(f, named: "Sofía Herrera")
        _ = try book.run(f, ["touch", sofiaID, "--note", "café", "--date", "2026-11-20"])
        _ = try book.run(f, ["reconnect", "--ics", f.path("reconnect.ics")])
        let second = try tasks(f.path("reconnect.ics"))
        #expect(Set(second.map { $0["uid"]! }).isSubset(of: Set(first.map { $0["uid"]! })))
        #expect(!second.contains { $0["summary"] == "Reconnect with Sofía Herrera" })
        // --ics is the output: no --to or -o with it.
        #expect(try book.run(f, ["reconnect", "--ics", f.path("x.ics"), "--to", "csv"]).status == 64)
    }

    @Test("followup --ics: the people first met at the event, due two days after it")
    func followup() throws {
        let f = try BookCLITests.Folder()
        _ = try book.season(f)
        let listed = try book.run(f, ["followup", "--event", "DES Málaga", "--to", "jsonl"])
        let r = try book.run(f, ["followup", "--event", "DES Málaga", "--ics", f.path("followup.ics")])
        #expect(r.status == 0)
        let list = try tasks(f.path("followup.ics"))
        #expect(list.count == listed.stdout.split(separator: "\n").count)
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { $0["uid"]!.hasPrefix("followup-p") && $0["due"] == "2026-11-14" })
        #expect(list.allSatisfy { $0["description"]!.hasPrefix("Met at DES Málaga; not contacted since") })
    }
}
