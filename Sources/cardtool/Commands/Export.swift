import ArgumentParser
import CardParse
import Foundation

extension CardTool {
    /// `cardtool export`: the book's people for a CRM, all or what changed.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the book's people for a CRM (every person, or only those new or changed since the last such export).",
            discussion: """
                CRM layouts get a `cardtool ID` column, so a CRM that keeps it updates people instead of \
                adding them again. --clusters writes rec_id,cluster_id for every record (as `dedupe` does).

                --to vdir -o FOLDER keeps a folder with one vCard per person, named by its UID \
                (cardtool-p4.vcf): files change only when their person did, and the files of people no \
                longer in the book are removed; vdirsyncer syncs such a folder with a CardDAV server, \
                khard reads it, and `cardtool import FOLDER` reads it back.
                """
        )

        static let examples = """
                  cardtool export --to csv --crm hubspot -o hubspot.csv
                  cardtool export --to csv --crm hubspot -o changes.csv --changed-since-last
                  cardtool export --clusters clusters.csv
                  cardtool export --to vdir -o ~/.contacts/cardtool
                """

        @Flag(name: .customLong("changed-since-last"), help: "Only people new or changed since the previous export with this flag (per layout).")
        var changedSinceLast = false
        @Option(name: .long, help: "Write rec_id,cluster_id for every record instead of people.")
        var clusters: String?
        @OptionGroup var listing: ListingOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            try refuseOverwriting(inputs: [BookLocation.path(option: store.store)], outputs: [listing.output, clusters])
            if clusters != nil && (changedSinceLast || listing.to != nil || listing.output != nil) {
                throw ValidationError("--clusters writes its own file: give it alone.")
            }
            // Each layout remembers its own last export: which one must not depend on a terminal.
            if changedSinceLast && listing.to == .vdir {
                throw ValidationError("--changed-since-last does not apply to --to vdir: the folder is kept in step with the book.")
            }
            if changedSinceLast && (listing.to == nil || listing.to == .table) {
                throw ValidationError("--changed-since-last needs --to csv (with --crm), jsonl or vcf.")
            }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            if let clusters {
                let rows = try printer.book { () throws(BookError) in try book.recordClusters() }
                var w = CSVWriter()
                w.writeRow(["rec_id", "cluster_id"])
                for r in rows { w.writeRow([r.record, r.person]) }
                try printer.writeFile(clusters, w.takeOutput())
                printer.summary("\(rows.count) records in \(Set(rows.map(\.person)).count) people")
                return
            }
            if listing.format == .vdir, let folder = listing.output {
                let people = try printer.book { () throws(BookError) in try book.people() }
                let done = try printer.exitOnFailure { try VDirFolder(path: folder).write(people) }
                printer.summary("\(people.count) \(people.count == 1 ? "person" : "people") in \(folder): \(done.line)")
                return
            }
            let profile = listing.format == .csv ? (listing.crm ?? .generic).rawValue : listing.format.rawValue
            let (changed, through) = try printer.book { () throws(BookError) in
                try book.exportScope(profile: profile, changedOnly: changedSinceLast)
            }
            let count: Int
            if listing.streams {
                count = try listing.writeEach(printer: printer, columns: try printer.book { () throws(BookError) in try book.comparedFields() }) { each in try book.eachPerson(ids: changed, each) }
            } else {
                let people = try printer.book { () throws(BookError) in try book.peopleToExport(profile: profile, changedOnly: changedSinceLast).people }
                try listing.write(people, printer: printer, columns: try printer.book { () throws(BookError) in try book.comparedFields() }) {
                    PeopleTable.make(people)
                }
                count = people.count
            }
            if changedSinceLast { try printer.book { () throws(BookError) in try book.recordExport(profile: profile, through: through) } }
            printer.summary("\(count) \(count == 1 ? "person" : "people")" + (changedSinceLast ? " new or changed since the last export" : ""))
        }
    }

    /// `cardtool match`: the book against a CRM's own export.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Match the book against a CRM's export: write new.csv (people the CRM lacks) and updates.csv (what to change).",
            discussion: """
                updates.csv has the CRM's record id, the person's cardtool ID, the field, the CRM's value \
                and the book's.
                """
        )

        static let examples = """
                  cardtool match hubspot-export.csv -o crm-sync --crm hubspot
                  cardtool match salesforce-contacts.csv -o sync --crm salesforce --id-column "Contact ID"
                """

        @Argument(help: "The CRM's export (CSV).")
        var crmExport: String
        @Option(name: .shortAndLong, help: "Folder to write new.csv and updates.csv to.")
        var output: String
        @Option(name: .long, help: "Layout of new.csv: generic, hubspot, salesforce, google or outlook.")
        var crm: CRMProfile = .generic
        @Option(name: .customLong("id-column"), help: "The export's column with the CRM's record id (default: Record ID, Contact ID, rec_id…).")
        var idColumn: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer, create: false)
            var records: [Contact] = []
            let importer = ContactImporter(forcedFormat: .csv, csv: CSVOptions(idColumn: idColumn),
                                           normalizer: ContactNormalizer(region: ContactNormalizer.defaultRegion(option: nil), computeKeys: false))
            let summary = try importer.run(paths: [crmExport], contact: { records.append($0) }, diagnostic: printer.print)
            printer.summary(summary.line)
            guard summary.succeeded else { throw ExitCode(1) }
            let result = try printer.book { () throws(BookError) in try book.match(crm: records) }
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                printer.fail("cannot create \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            var writer = ContactExport(format: .csv, options: .init(crm: crm))
            writer.people = true
            var newBytes = writer.start()
            for person in result.new {
                var found: [Diagnostic] = []
                newBytes += writer.bytes(for: person, diagnostics: &found)
                found.forEach(printer.print)
            }
            try printer.writeFile(output + "/new.csv", newBytes)
            var updates = CSVWriter()
            updates.writeRow(["crm_id", "cardtool_id", "field", "crm_value", "book_value"])
            for u in result.updates { for c in u.changes { updates.writeRow([u.crmID, u.person.id, c.field, c.crm, c.book]) } }
            try printer.writeFile(output + "/updates.csv", updates.takeOutput())
            print("\(result.new.count) new (new.csv), \(result.updates.count) to update (updates.csv), \(result.unchanged) unchanged, "
                  + "\(result.crmOnly) only in the CRM")
        }
    }
}
