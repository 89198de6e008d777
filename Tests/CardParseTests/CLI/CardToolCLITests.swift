import Foundation
import Testing

/// Runs the built `cardtool` binary and checks stdout, stderr and the exit status exactly,
/// as swift-argument-parser's own example tests do.
@Suite("cardtool CLI")
struct CardToolCLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [testBinary, testBinary.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("cardtool") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/cardtool")
    }()

    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = Fixtures.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    @Test("parse writes JSON Lines and ends with the summary")
    func parseJSONL() throws {
        let r = try run(["parse", "vcard/synthetic_es_mixed_versions.vcf", "vcard/utf16le_bom.vcf"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 4)
        #expect(r.stdout.hasPrefix(#"{"fullName":"María José García Fernández","#))
        #expect(r.stderr == "read 4 records from 2 files: 4 ok, 0 with warnings, 0 rejected\n")
    }

    @Test("normalized by default: E.164 and type, parsed name next to the original, keys; --raw and --region")
    func normalization() throws {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:GARCÍA LÓPEZ, ANA\r\nTEL;TYPE=CELL:612 34 56 78\r\n"
            + "EMAIL:mailto:Ana@Example.COM\r\nURL:https://es.linkedin.com/in/ana-garcia/?trk=x\r\nEND:VCARD\r\n"
        let normalized = try run(["-", "--region", "ES"], stdin: card)
        #expect(normalized.status == 0)
        #expect(normalized.stdout.hasPrefix(#"{"fullName":"Ana García López","name":{"family":"García López","given":"Ana"},"originalFullName":"GARCÍA LÓPEZ, ANA","#))
        #expect(normalized.stdout.contains(#""phones":[{"value":"612 34 56 78","types":["cell"],"e164":"+34612345678","type":"mobile"}]"#))
        #expect(normalized.stdout.contains(#""emails":[{"value":"Ana@example.com","types":[]}]"#))
        #expect(normalized.stdout.contains(#""urls":["https://www.linkedin.com/in/ana-garcia"]"#))
        #expect(normalized.stdout.contains(#""familyPhonetic":"GRSLPS""#))
        let raw = try run(["-", "--raw"], stdin: card)
        #expect(raw.stdout.hasPrefix(#"{"fullName":"GARCÍA LÓPEZ, ANA","#))
        #expect(!raw.stdout.contains("e164") && !raw.stdout.contains(#""keys""#))
        // The same national number is not a valid Mexican one: kept, no E.164, a warning without the number.
        let mexico = try run(["-", "--region", "MX"], stdin: card)
        #expect(mexico.status == 0)
        #expect(!mexico.stdout.contains("e164"))
        #expect(mexico.stderr == "-:1: warning: phone number is not valid for MX; kept as written, without E.164 [phone.invalid]\n"
            + "read 1 record from 1 file: 0 ok, 1 with warnings, 0 rejected\n")
    }

    @Test("parse without a subcommand, vCard 4.0 output, and standard input")
    func vcardOutputFromStdin() throws {
        let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Pérez;Lucía\r\nTEL;CELL:612 34 56 78\r\nEND:VCARD\r\n"
        let r = try run(["-", "--to", "vcf", "--vcard-version", "4.0"], stdin: card)
        #expect(r.status == 0)
        #expect(r.stdout == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lucía Pérez\r\nN:Pérez;Lucía;;;\r\n"
            + "TEL;VALUE=uri;TYPE=cell:tel:+34612345678\r\nEND:VCARD\r\n")
        #expect(r.stderr == "read 1 record from 1 file: 1 ok, 0 with warnings, 0 rejected\n")
    }

    @Test("warnings are located and keep exit status 0; --verbose adds the offending value")
    func warnings() throws {
        let r = try run(["parse", "vcard/malformed_recovery.vcf"])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("vcard/malformed_recovery.vcf:15: warning: line is not a property (no name and colon); skipped [vcard.malformed-line]"))
        #expect(lines.last == "read 6 records from 1 file: 1 ok, 4 with warnings, 1 skipped, 0 rejected")
        // In the file's order, though a stray line is the file's and the others are cards'.
        let numbers = lines.dropLast().compactMap { Int($0.split(separator: ":")[1]) }
        #expect(numbers == [7, 15, 18, 19, 26, 27, 30])
        #expect(!r.stderr.contains("esto no es una propiedad"))
        let verbose = try run(["parse", "vcard/malformed_recovery.vcf", "--verbose"])
        #expect(verbose.stderr.contains("    esto no es una propiedad"))
        let quiet = try run(["parse", "vcard/malformed_recovery.vcf", "--quiet"])
        #expect(quiet.stderr == "read 6 records from 1 file: 1 ok, 4 with warnings, 1 skipped, 0 rejected\n")
    }

    @Test("an unreadable input or a rejected record gives exit status 1; other inputs are still read")
    func failures() throws {
        let r = try run(["parse", "does-not-exist.vcf", "vcard/utf8_bom_crlf.vcf"])
        #expect(r.status == 1)
        #expect(r.stderr == "does-not-exist.vcf: error: cannot read: No such file or directory [input.unreadable]\n"
            + "read 1 record from 2 files: 1 ok, 0 with warnings, 0 rejected; 1 file could not be read\n")
        #expect(r.stdout.split(separator: "\n").count == 1)
        let rejected = try run(["parse", "-"], stdin: "BEGIN:VCARD\nVERSION:3.0\nnot a property\nEND:VCARD\n")
        #expect(rejected.status == 1)
        #expect(rejected.stderr.hasSuffix("read 1 record from 1 file: 0 ok, 0 with warnings, 1 rejected\n"))
        #expect(rejected.stderr.contains("-:1: error: card has no readable property; rejected [vcard.no-properties]"))
        let unknown = try run(["parse", "-"], stdin: "hello there\n")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("[input.unknown-format]"))
    }

    @Test("usage errors exit with 64", arguments: [
        ["parse"], ["parse", "x.vcf", "--vcard-version", "4.0"], ["parse", "x.vcf", "--to", "vcf", "--vcard-version", "2.1"],
        ["parse", "x.vcf", "--to", "xml"], ["parse", "-", "-"], ["parse", "x.csv", "--crm", "hubspot"],
        ["parse", "x.csv", "--to", "csv", "--crm", "sap"], ["parse", "x.csv", "--delimiter", "#"],
        ["parse", "x.csv", "--map", "Móvil"], ["parse", "x.csv", "--map", "Móvil=fax-machine"],
        ["parse", "x.csv", "--encoding", "klingon"], ["parse", "x.csv", "--excel"],
        // The same option groups on every command that reads and writes.
        ["merge", "x.csv", "--excel"], ["merge", "x.csv", "--no-sanitize"], ["merge", "x.csv", "--input-delimiter", "#"],
        ["merge", "x.csv", "--to", "jsonl", "--vcard-version", "4.0"], ["dedupe", "x.csv", "--map", "A=custom:1",
        "--map", "B=custom:2", "--map", "C=custom:3", "--map", "D=custom:4", "--map", "E=custom:5", "--map", "F=custom:6",
        "--map", "G=custom:7"],
    ])
    func usage(arguments: [String]) throws {
        #expect(try run(arguments).status == 64)
    }

    @Test("--version and --help with examples")
    func helpAndVersion() throws {
        #expect(try run(["--version"]).stdout == "0.1.0\n")
        let help = try run(["parse", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("cardtool parse a.vcf b.vcf --to vcf --vcard-version 4.0 -o all.vcf"))
    }

    @Test("CSV in: LinkedIn export with its preamble and empty rows, detected by content")
    func csvInput() throws {
        let r = try run(["parse", "csv/Connections_2024_with_notes_preamble.csv"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 10)
        #expect(r.stdout.contains(#""connectedOn":"2024-03-14""#))
        #expect(r.stderr.hasPrefix("csv/Connections_2024_with_notes_preamble.csv:1: note: 2 lines before the header skipped [csv.preamble]\n"))
        #expect(r.stderr.hasSuffix("read 11 records from 1 file: 10 ok, 0 with warnings, 1 skipped, 0 rejected\n"))
    }

    @Test("CSV out: CRM layout, Excel BOM and semicolons, --map and --id-column")
    func csvOutput() throws {
        let r = try run(["parse", "csv/badge_scanner_utf16le_tab.csv", "--to", "csv", "--crm", "hubspot", "--excel",
                         "--output-delimiter", ";", "--map", "Stand=custom:Stand", "--id-column", "ID Acreditación"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("\u{FEFF}First Name;Last Name;Email;Phone Number;Mobile Phone Number;Company Name;Job Title;"))
        // The phone in E.164: a CRM would read a national number in its own country.
        #expect(r.stdout.contains("Lucía;Pérez Sánchez;lucia.perez@example.es;;+34622112233;Ejemplo Renovables S.L.;"))
        // The custom field `--map` names is compared, so the CSV keeps it: a column after the layout's.
        let lines = r.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first?.hasSuffix(";Stand") == true)
        #expect(lines.dropFirst().first?.hasSuffix(";A12") == true)
        let jsonl = try run(["parse", "csv/badge_scanner_utf16le_tab.csv", "--id-column", "ID Acreditación"])
        #expect(jsonl.stdout.contains(#""id":"B-0001""#))
        #expect(jsonl.stdout.contains(#""events":[{"name":"Networking Tech Madrid","date":"2024-03-14"}]"#))
    }

    @Test("HTML in: detected by content, --from html forces it, a page without contacts is not an error")
    func htmlInput() throws {
        let r = try run(["parse", "html/connections_page_saved.html", "--to", "csv", "--crm", "generic"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("https://www.linkedin.com/in/jlmartinsanchez"))
        #expect(r.stderr.hasSuffix("read 4 records from 1 file: 3 ok, 1 with warnings, 0 rejected\n"))
        let forced = try run(["parse", "-", "--from", "html"], stdin: "<div class=\"h-card\"><span class=\"p-name\">Ana Ruiz</span></div>")
        #expect(forced.stdout.contains(#""fullName":"Ana Ruiz""#))
        let empty = try run(["parse", "html/no_contacts.html"])
        #expect(empty.status == 0)
        #expect(empty.stderr == "html/no_contacts.html:1: warning: page has no h-card, LinkedIn profile links or contact table; no records [html.no-contacts]\nread 0 records from 1 file: 0 ok, 0 with warnings, 0 rejected\n")
    }

    @Test("a failing output ends the run with exit status 1 and says so")
    func outputFailure() throws {
        let r = try run(["parse", "vcard/synthetic_es_mixed_versions.vcf", "-o", "/dev/full"])
        #expect(r.status == 1)
        #expect(r.stderr == "cardtool: error: cannot write /dev/full: No space left on device\n")
    }

    @Test("-o writes the output file; empty inputs are warned about")
    func outputFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-cli-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try run(["parse", "vcard/gmail-list.vcf", "vcard/ez-vcard/gmail-list.vcf", "vcard/empty.vcf", "-o", out.path])
        #expect(r.status == 1)  // the first path does not exist
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 3)
        #expect(r.stderr.contains("vcard/empty.vcf: warning: input is empty; no records [input.empty]"))
    }

    @Test("merge: three formats in, one person per line out, with the account; --review and --to csv")
    func merge() throws {
        let r = try run(["merge", "merge/cards.vcf", "merge/badges.csv", "merge/connections.html", "--region", "ES"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(r.stdout.contains(#""nickname":"Paco""#))
        #expect(r.stdout.contains(#""merged":{"sources":[{"id":"#))
        #expect(r.stderr.hasPrefix("read 26 records from 3 files: 26 ok, 0 with warnings, 0 rejected\n"
            + "26 records → 11 people (26 records merged into 11); "))
        #expect(r.stderr.hasSuffix(" pairs for review; 123 candidate pairs compared\n"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let review = dir.appendingPathComponent("review.csv"), out = dir.appendingPathComponent("hubspot.csv")
        let csv = try run(["merge", "merge/cards.vcf", "merge/badges.csv", "merge/connections.html", "--to", "csv",
                           "--crm", "hubspot", "-o", out.path, "--review", review.path, "-q"])
        #expect(csv.status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).split(whereSeparator: \.isNewline).count == 12)
        let reviewText = try String(contentsOf: review, encoding: .utf8)
        #expect(reviewText.hasPrefix("probability,match_weight,record_id_1,name_1,emails_1,phones_1,"))
        // --delimiter sets CSV output too unless --output-delimiter does, as in parse.
        let semicolons = try run(["merge", "merge/badges.csv", "--input-delimiter", ",", "--delimiter", ";", "--to", "csv", "--crm", "hubspot", "-q"])
        #expect(semicolons.status == 0)
        #expect(semicolons.stdout.hasPrefix("First Name;Last Name;Email;"))
    }

    @Test("dedupe: clusters, pairs and an explanation per merged pair")
    func dedupe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-dedupe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let clusters = dir.appendingPathComponent("clusters.csv"), pairs = dir.appendingPathComponent("pairs.csv")
        let r = try run(["dedupe", "merge/cards.vcf", "merge/badges.csv", "merge/connections.html", "--clusters",
                         clusters.path, "--pairs", pairs.path, "--explain"])
        #expect(r.status == 0)
        let rows = try String(contentsOf: clusters, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(rows.first == "rec_id,cluster_id")
        #expect(rows.count == 27)
        #expect(rows.contains("merge/cards.vcf:1,c01"))
        #expect(try String(contentsOf: pairs, encoding: .utf8).hasPrefix("record_id_1,record_id_2,probability,match_weight,merged,rules,given_name,family_name,email,phone,linkedin"))
        #expect(r.stdout.contains("model: prior"))
        #expect(r.stdout.contains("  prior "))
        #expect(r.stdout.contains("probability"))
        // Nineteen pairs cannot vouch for the doubtful one under 0.7: the model cuts at 0.7.
        #expect(r.stdout.contains("merged from probability 0.700 (the model's cut for 99.5 %, within 0.5–0.7)"))
        let bad = try run(["dedupe", "merge/cards.vcf", "--threshold", "1.5"])
        #expect(bad.status == 64)
        // A low --threshold takes the review threshold down with it; the review threshold alone stays under the model's cut.
        #expect(try run(["dedupe", "merge/cards.vcf", "--threshold", "0.1", "--quiet"]).status == 0)
        let review = try run(["dedupe", "merge/cards.vcf", "--review-threshold", "0.6"])
        #expect(review.status == 64 && review.stderr.contains("at most 0.5 (the lowest cut the model may choose), or give --threshold"))
        #expect(try run(["dedupe", "merge/cards.vcf", "--review-threshold", "0.6", "--threshold", "0.8", "--quiet"]).status == 0)
    }

    @Test("dedupe compares a register's DNI/NIE column without --map: one DNI makes a mistyped given name one person")
    func dedupeIdentityColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = "csv/padron_es_cp1252_semicolon.csv"
        func clusters(_ extra: [String]) throws -> (Run, [String: String], String) {
            let out = dir.appendingPathComponent("clusters.csv"), pairs = dir.appendingPathComponent("pairs.csv")
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: pairs)
            let r = try run(["dedupe", file, "--clusters", out.path, "--pairs", pairs.path] + extra)
            let rows = try String(contentsOf: out, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            let cluster = Dictionary(uniqueKeysWithValues: rows.map { row in
                let parts = row.split(separator: ",")
                return (String(parts[0].split(separator: ":").last!), String(parts[1]))
            })
            return (r, cluster, try String(contentsOf: pairs, encoding: .utf8))
        }
        let (found, byID, pairs) = try clusters([])
        #expect(found.status == 0)
        #expect(found.stderr.contains("\(file):1: note: 'DNI/NIE' read as an identity document number, compared when deduplicating"))
        #expect(pairs.split(whereSeparator: \.isNewline).first?.hasSuffix(",custom:DNI/NIE") == true)
        // Francisco and Pancracio: one DNI, birth date and street. José Luis moved: one NIE.
        #expect(byID["1"] == byID["2"] && byID["5"] == byID["6"])
        // Twins: one surname, birth date and flat, DNIs one apart.
        #expect(byID["3"] != byID["4"])
        #expect(found.stderr.hasSuffix("11 records → 7 people (8 records merged into 4); 0 pairs for review; 41 candidate pairs compared\n"))
        #expect(try run(["dedupe", file, "--explain", "--quiet"]).stdout.contains("merged from probability"))

        // Clean CSV exports keep the document number, as a column after the layout's.
        for command in ["parse", "merge"] {
            for crm in ["generic", "hubspot"] {
                let csv = try run([command, file, "--to", "csv", "--crm", crm, "--quiet"])
                let rows = csv.stdout.split(whereSeparator: \.isNewline)
                #expect(rows.first?.hasSuffix(",DNI/NIE") == true, "\(command) \(crm)")
                // Francisco is the first record and the first person; the twins' numbers are their own.
                #expect(rows.count > 4 && rows[1].hasSuffix(",53709116-E"), "\(command) \(crm)")
                #expect(rows.contains { $0.hasSuffix(",12345679S") }, "\(command) \(crm)")
                #expect(rows.count == (command == "parse" ? 12 : 8), "\(command) \(crm)")
            }
        }
        let jsonl = try run(["parse", file, "--quiet"])
        #expect(!jsonl.stdout.contains("DNI/NIE,"))

        // A FIFO (as `<(zcat padron.csv.gz)` gives a pipe) has its bytes once: they go to the run,
        // not to the look at the headers before it.
        let fifo = dir.appendingPathComponent("padron.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat \"$0\" > \"$1\"", Fixtures.path(file), fifo]
        try writer.run()
        let reader = Process()
        reader.executableURL = Self.binary
        reader.arguments = ["dedupe", fifo, "--quiet"]
        let err = Pipe()
        reader.standardError = err
        try reader.run()
        // A run that waits on the FIFO for ever is killed, and fails the test.
        let deadline = Date().addingTimeInterval(30)
        while reader.isRunning && Date() < deadline { usleep(20_000) }
        if reader.isRunning { kill(reader.processIdentifier, SIGKILL) }
        if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }
        reader.waitUntilExit()
        writer.waitUntilExit()
        #expect(reader.terminationReason == .exit && reader.terminationStatus == 0)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("11 records → 8 people"))

        let (ignored, without, _) = try clusters(["--map", "DNI/NIE=ignore"])
        #expect(!ignored.stderr.contains("csv.identity-column"))
        #expect(without["1"] != without["2"])
        // `--map DNI/NIE=custom:DNI` names it as the user likes: compared once, under that name.
        let (named, same, namedPairs) = try clusters(["--map", "DNI/NIE=custom:DNI"])
        #expect(!named.stderr.contains("csv.identity-column"))
        #expect(same["1"] == same["2"])
        #expect(namedPairs.split(whereSeparator: \.isNewline).first?.hasSuffix(",custom:DNI") == true)
    }
}
