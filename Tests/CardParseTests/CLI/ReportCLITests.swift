import CardParse
import Foundation
import Testing

/// `--report FILE.html` on merge, dedupe and import, rendered by a real browser (Debian's
/// `chromium`, headless, which `make test` installs): the page is drawn, is not blank, and has its
/// sections.
@Suite("HTML report")
struct ReportCLITests {
    let cli = CardToolCLITests()
    let book = BookCLITests()
    static let merge = ["merge/cards.vcf", "merge/badges.csv", "merge/connections.html"]

    /// Runs a program with the signals the test runner blocks unblocked again (Chromium waits on
    /// its children with them), and returns its status and standard output.
    func launch(_ program: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             program] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Chromium's own flags for a run without a display, a sandbox or a profile left behind.
    func chromium(_ folder: BookCLITests.Folder, _ arguments: [String]) throws -> (status: Int32, out: String) {
        try launch("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                         "--user-data-dir=\(folder.path("chromium-profile"))"] + arguments)
    }

    /// The page as Chromium parsed it, and a screenshot's share of non-white pixels and its colours.
    func render(_ page: String, in f: BookCLITests.Folder) throws -> (dom: String, ink: Double, colours: Int) {
        let dom = try chromium(f, ["--dump-dom", "file://" + page])
        #expect(dom.status == 0)
        let png = f.path("report.png")
        let shot = try chromium(f, ["--window-size=1280,1600", "--screenshot=\(png)", "file://" + page])
        #expect(shot.status == 0)
        let stats = try launch("/usr/bin/python3", ["-c", """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert('RGB')
            px = list(im.getdata())
            ink = sum(1 for p in px if p != (255, 255, 255)) / len(px)
            print(im.size[0], im.size[1], ink, len(set(px)))
            """, png])
        let parts = stats.out.split(separator: " ").map(String.init)
        try #require(parts.count == 4, "PIL could not read the screenshot")
        #expect(parts[0] == "1280" && parts[1] == "1600")
        return (dom.out, Double(parts[2].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0,
                Int(parts[3].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("merge --report: Chromium draws the page, with the summary, the event chart, every merged person and every pair to review")
    func mergeReport() throws {
        let f = try BookCLITests.Folder()
        let page = f.path("merge.html")
        let r = try cli.run(["merge"] + Self.merge + ["-o", f.path("people.jsonl"), "--report", page])
        #expect(r.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // Self-contained: nothing to fetch, nothing to run.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("url("))
        #expect(!html.contains("href=\"http"))
        let (dom, ink, colours) = try render(page, in: f)
        #expect(dom.contains("<h1>cardtool merge</h1>"))
        #expect(dom.contains("3 files, 26 records: 11 people, 11 merged, 3 to review"))
        #expect(dom.contains("<section id=\"events\">") && dom.contains("<svg"))
        #expect(dom.contains("DES Málaga 2025, 2025-06-11"))
        #expect(count("<article class=\"person\">", in: dom) == 11)
        #expect(count("<article class=\"pair\">", in: dom) == 3)
        #expect(count("<td class=\"result\">", in: dom) > 11 * 3)
        #expect(dom.contains("Robert Smith") && dom.contains("Bob Smith"))
        // Weights as bars: the family name agreeing is evidence for, a different e-mail against.
        #expect(dom.contains("<tr class=\"for\"><th scope=\"row\">family_name</th>"))
        #expect(dom.contains("<tr class=\"against\"><th scope=\"row\">email</th>"))
        // Not blank: a real share of the first screen is drawn, in more than a couple of colours.
        #expect(ink > 0.05, "only \(ink) of the screenshot is not white")
        #expect(colours > 20)
    }

    @Test("dedupe --report and import --report write the same kind of page; an import shows the book's records and result")
    func dedupeAndImportReports() throws {
        let f = try BookCLITests.Folder()
        let dedupe = try cli.run(["dedupe"] + Self.merge + ["--report", f.path("dedupe.html"), "--quiet"])
        #expect(dedupe.status == 0)
        let d = try String(contentsOfFile: f.path("dedupe.html"), encoding: .utf8)
        #expect(d.contains("<h1>cardtool dedupe</h1>") && count("<article class=\"person\">", in: d) == 11)

        _ = try book.run(f, ["import", "merge/cards.vcf", "--event", "Tech Day", "--date", "2026-10-01"])
        let page = f.path("import.html")
        let r = try book.run(f, ["import", "merge/badges.csv", "merge/connections.html", "--report", page])
        #expect(r.status == 0)
        let (dom, ink, _) = try render(page, in: f)
        #expect(dom.contains("<h1>cardtool import #2</h1>"))
        #expect(dom.contains("2 files, 16 records: "))
        // Every person the batch joined: their records by id in the book, and what the book now holds.
        let people = count("<article class=\"person\">", in: dom)
        #expect(people >= 10)
        #expect(count("Merged result", in: dom) == people)
        #expect(dom.contains("</b> r1<br>merge/cards.vcf:1<br>"))
        #expect(count("<article class=\"pair\">", in: dom) == 3)
        // What each event in the book gave: new people, followed up, still in touch, side by side.
        #expect(dom.contains("<section id=\"yield\">") && dom.contains("still in touch"))
        #expect(dom.contains(">Tech Day, 2026-10-01</text>"))
        #expect(ink > 0.05)
    }

    @Test("every value is escaped: markup in a contact is shown as text, never run")
    func escaping() throws {
        var evil = Contact()
        evil.fullName = "<script>alert('x')</script> & \"Ana\""
        evil.organization = "<img src=x onerror=alert(1)>"
        evil.events = [MetEvent(name: "</svg><b>Expo", date: nil)]
        let group = MatchReport.Group(id: "c1", records: [evil, evil], pairs: [
            MatchReport.Pair(a: 0, b: 1, probability: 0.9, total: 3, weights: [MatchReport.Weight(field: "<f>", level: "<l>", bits: 2)])
        ], result: evil)
        let report = MatchReport(title: "<t>", summary: "<s>", peoplePerEvent: MatchReport.peoplePerEvent([[evil]]), merged: [group])
        let html = report.html()
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>Expo") && !html.contains("<f>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ana&quot;"))
        #expect(html.contains("&lt;/svg&gt;&lt;b&gt;Expo"))
        #expect(html.contains("<title>&lt;t&gt;</title>"))
    }
}
