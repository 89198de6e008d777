import Foundation
import Testing

/// Hostile and broken inputs through the real `cardtool`, each under a 4 GiB address-space limit
/// (`prlimit --as`) and a time-out that only a hang reaches: every run must end by itself with
/// status 0 or 1, never a signal, and account for what it read.
@Suite("Hostile inputs", .serialized, ScratchFolder.hostileInputs)
struct HostileInputTests {
    struct Run {
        var status: Int32
        var stderr: String
        var signalled: Bool
    }

    static var folder: URL { ScratchFolder.hostileInputs.url }

    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Runs cardtool under the memory limit, the output thrown away; `user` runs it as that uid.
    func run(_ arguments: [String], user: UInt32? = nil) throws -> Run {
        let process = Process()
        var command = ["--as=4294967296", "--", "/usr/bin/timeout", "--signal=KILL", "600", CardToolCLITests.binary.path]
        if let user { command = ["--as=4294967296", "--", "/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups",
                                 "/usr/bin/timeout", "--signal=KILL", "600", CardToolCLITests.binary.path] }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = command + arguments + ["-o", "/dev/null"]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // timeout exits 128+9 when it had to kill; a crash shows as 128+signal too.
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self),
                   signalled: process.terminationReason == .uncaughtSignal || process.terminationStatus > 128)
    }

    func expectClean(_ r: Run, status: Int32, codes: [String], summary: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!r.signalled, "crashed or hung: \(r.stderr.suffix(400))", sourceLocation: sourceLocation)
        #expect(r.status == status, "status \(r.status): \(r.stderr.suffix(400))", sourceLocation: sourceLocation)
        for code in codes { #expect(r.stderr.contains("[\(code)]"), "no \(code) in \(r.stderr.prefix(600))", sourceLocation: sourceLocation) }
        #expect(r.stderr.contains(summary), "summary: \(r.stderr.suffix(400))", sourceLocation: sourceLocation)
    }

    @Test("a 30 MB line with no newline: the property is skipped, the CSV row rejected, both said")
    func longLine() throws {
        let card = try Self.file("long.vcf", Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nNOTE:")
                                 + [UInt8](repeating: UInt8(ascii: "a"), count: 30 << 20))
        expectClean(try run(["parse", card]), status: 0, codes: ["limit.property-too-large", "vcard.missing-end"],
                    summary: "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected")
        let csv = try Self.file("long.csv", Self.bytes("Name,Email\nAna Ruiz,ana@example.es\nLuis,")
                                + [UInt8](repeating: UInt8(ascii: "a"), count: 30 << 20))
        let r = try run(["parse", csv])
        expectClean(r, status: 1, codes: ["limit.record-too-large"], summary: "read 2 records from 1 file: 1 ok, 0 with warnings, 1 rejected")
        #expect(r.stderr.contains("long.csv:3: error: row is 31457285 bytes, over the 1 MiB limit (--max-line-bytes); rejected"))
    }

    @Test("a property with 300,000 parameters: over the line limit by default, read when the limit allows it")
    func manyParameters() throws {
        let line = "TEL" + String(repeating: ";TYPE=x", count: 300_000) + ":+34 612 34 56 78\r\n"
        let card = try Self.file("params.vcf", Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\n" + line + "END:VCARD\r\n"))
        expectClean(try run(["parse", card]), status: 0, codes: ["limit.property-too-large"],
                    summary: "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected")
        expectClean(try run(["parse", card, "--max-line-bytes", "4M"]), status: 0, codes: [],
                    summary: "read 1 record from 1 file: 1 ok, 0 with warnings, 0 rejected")
    }

    @Test("a 100 MB photo, folded as exporters fold it: skipped with a warning, the card kept")
    func hugePhoto() throws {
        var bytes = Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
        let chunk = Self.bytes(String(repeating: "QUFB", count: 18) + "\r\n ")
        bytes.reserveCapacity(110 << 20)
        while bytes.count < 100 << 20 { bytes += chunk }
        bytes += Self.bytes("QUFB\r\nEMAIL:ana@example.es\r\nEND:VCARD\r\n")
        let card = try Self.file("photo.vcf", bytes)
        let r = try run(["parse", card])
        expectClean(r, status: 0, codes: ["limit.property-too-large"], summary: "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected")
        #expect(r.stderr.contains("over the 16 MiB limit (--max-photo-bytes)"))
    }

    @Test("5,000,000 backslashes in a vCard value and a CSV field")
    func backslashes() throws {
        let slashes = String(repeating: "\\", count: 5_000_000)
        let card = try Self.file("slashes.vcf", Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nNOTE:\(slashes)\r\nEND:VCARD\r\n"))
        expectClean(try run(["parse", card]), status: 0, codes: ["limit.property-too-large"],
                    summary: "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected")
        expectClean(try run(["parse", card, "--max-line-bytes", "8M"]), status: 0, codes: [],
                    summary: "read 1 record from 1 file: 1 ok, 0 with warnings, 0 rejected")
        let csv = try Self.file("slashes.csv", Self.bytes("Name,Notes\nAna Ruiz,\"\(slashes)\"\n"))
        expectClean(try run(["parse", csv]), status: 1, codes: ["limit.record-too-large"],
                    summary: "read 1 record from 1 file: 0 ok, 0 with warnings, 1 rejected")
        expectClean(try run(["parse", csv, "--max-line-bytes", "8M"]), status: 0, codes: [],
                    summary: "read 1 record from 1 file: 1 ok, 0 with warnings, 0 rejected")
    }

    @Test("HTML nested 200,000 deep: the cards above and after the deep part are read, the depth is reported")
    func deepHTML() throws {
        let page = "<html><body><div class=\"h-card\"><span class=\"p-name\">Ana Ruiz</span></div>"
            + String(repeating: "<div>", count: 200_000) + "<div class=\"h-card\"><span class=\"p-name\">Luis Gil</span></div>"
            + String(repeating: "</div>", count: 200_000) + "<div class=\"h-card\"><span class=\"p-name\">Marta Gil</span></div></body></html>"
        let file = try Self.file("deep.html", Self.bytes(page))
        let r = try run(["parse", file])
        expectClean(r, status: 0, codes: ["limit.too-deep"], summary: "read 2 records from 1 file: 2 ok, 0 with warnings, 0 rejected")
        #expect(r.stderr.contains("deep.html:1: warning: elements nested deeper than 256 (--max-depth) are not searched for contacts (199748 left out)"))
        // The deepest limit allowed: the walk stays within the stack.
        expectClean(try run(["parse", file, "--max-depth", "1000"]), status: 0, codes: ["limit.too-deep"],
                    summary: "read 2 records from 1 file: 2 ok, 0 with warnings, 0 rejected")
    }

    @Test("a CSV with 200,000 columns: the first 10,000 read, the rest reported on the header and the row")
    func manyColumns() throws {
        // Short cells, so the rows stay under the line limit and only the column limit is reached.
        let header = "Name,Email," + (3...200_000).map { _ in "c" }.joined(separator: ",")
        let row = "Ana Ruiz,ana@example.es," + (3...200_000).map { _ in "x" }.joined(separator: ",")
        let file = try Self.file("columns.csv", Self.bytes(header + "\n" + row + "\n"))
        let r = try run(["parse", file])
        expectClean(r, status: 0, codes: ["limit.too-many-columns"], summary: "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected")
        #expect(r.stderr.contains("row has 200000 fields; the 190000 past the limit of 10000 (--max-columns) are not read"))
    }

    @Test("a quote that never closes, followed by 3,000,000 doubled quotes (9 MB): linear, reported")
    func neverClosingQuote() throws {
        let quotes = "\"" + String(repeating: "\"\"", count: 3_000_000)
        let bare = try Self.file("quotes.csv", Self.bytes(quotes))
        // The quote is text, and the 6 MB row it leaves is over the line limit: rejected, said.
        expectClean(try run(["parse", bare]), status: 1, codes: ["csv.unterminated-quote", "limit.record-too-large"],
                    summary: "read 1 record from 1 file: 0 ok, 0 with warnings, 1 rejected")
        let row = try Self.file("quotes-row.csv", Self.bytes("Name,Email\nAna Ruiz,ana@example.es\n" + quotes))
        expectClean(try run(["parse", row]), status: 1, codes: ["csv.unterminated-quote", "limit.record-too-large"],
                    summary: "read 2 records from 1 file: 1 ok, 0 with warnings, 1 rejected")
    }

    @Test("invalid UTF-8 and NUL bytes everywhere: every card read and accounted for")
    func invalidBytes() throws {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for i in 0..<2_000 {
            bytes += Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana \(i) ")
            for _ in 0..<12 { bytes.append([0x00, 0xC3, 0xFF, 0x80, 0xE2, 0x82, UInt8(ascii: "x")].randomElement(using: &generator)!) }
            bytes += Self.bytes("\r\nNOTE;CHARSET=UTF-8:")
            for _ in 0..<12 { bytes.append([0x00, 0xC3, 0xFF, 0x80, 0xED, 0xA0, UInt8(ascii: "y")].randomElement(using: &generator)!) }
            bytes += Self.bytes("\r\nEND:VCARD\r\n")
        }
        let file = try Self.file("bytes.vcf", bytes)
        let r = try run(["parse", file])
        #expect(!r.signalled)
        #expect(r.status == 0)
        #expect(r.stderr.contains("read 2000 records from 1 file: "))
        #expect(r.stderr.contains("[encoding.nul-bytes]"))
        let zeros = try Self.file("zeros.csv", [UInt8](repeating: 0, count: 1 << 20))
        expectClean(try run(["parse", zeros]), status: 1, codes: ["input.binary"],
                    summary: "read 0 records from 1 file: 0 ok, 0 with warnings, 0 rejected; 1 file could not be read")
    }

    @Test("an empty file, a BOM alone, a directory, a missing file and an unreadable one")
    func notContactFiles() throws {
        let empty = try Self.file("empty.vcf", [])
        let bom = try Self.file("bom.csv", [0xEF, 0xBB, 0xBF])
        expectClean(try run(["parse", empty, bom]), status: 0, codes: ["input.empty"], summary: "read 0 records from 2 files")
        let folder = Self.folder.appendingPathComponent("a-folder.vcf").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let missing = Self.folder.appendingPathComponent("missing.csv").path
        // A folder is read as the cards in it (a vdir); one with none is a warning, not a failure.
        expectClean(try run(["parse", folder, missing]), status: 1, codes: ["input.empty", "input.unreadable"],
                    summary: "read 0 records from 1 file: 0 ok, 0 with warnings, 0 rejected; 1 file could not be read")
        let locked = try Self.file("locked.vcf", Self.bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        // root reads anything: run as nobody to see the refusal.
        let r = try run(["parse", locked], user: getuid() == 0 ? 65534 : nil)
        expectClean(r, status: 1, codes: ["input.unreadable"], summary: "1 file could not be read")
    }
}
