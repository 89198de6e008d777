import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

/// Checks every reader must pass (in the spirit of swift-collections' conformance checkers):
/// the account adds up, every diagnostic is located, every contact knows where it came from,
/// and writing then re-reading changes nothing.
enum ReaderConformance {
    static func check(_ result: ReadResult, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for record in result.records {
            switch record.outcome {
            case .ok:
                #expect(record.contact != nil, sourceLocation: sourceLocation)
                #expect(record.diagnostics.allSatisfy { $0.severity == .note }, sourceLocation: sourceLocation)
            case .withWarnings:
                #expect(record.contact != nil, sourceLocation: sourceLocation)
                #expect(record.diagnostics.contains { $0.severity == .warning }, sourceLocation: sourceLocation)
            case .skipped:
                #expect(record.contact == nil, sourceLocation: sourceLocation)
                #expect(record.diagnostics.contains { $0.severity == .warning }, sourceLocation: sourceLocation)
            case .rejected:
                #expect(record.contact == nil, sourceLocation: sourceLocation)
                #expect(record.diagnostics.contains { $0.severity == .error }, sourceLocation: sourceLocation)
            }
            #expect(record.source.file == file, sourceLocation: sourceLocation)
            if let contact = record.contact { #expect(contact.source == record.source, sourceLocation: sourceLocation) }
        }
        #expect(result.records.map(\.source.record) == Array(0..<result.records.count).map { $0 + 1 },
                "records are numbered 1, 2, 3 … in file order", sourceLocation: sourceLocation)
        for diagnostic in result.allDiagnostics {
            #expect(diagnostic.location.file == file, sourceLocation: sourceLocation)
            #expect(diagnostic.location.line != nil, "every diagnostic has a line", sourceLocation: sourceLocation)
            // No personal data in messages: values only ever travel in `detail`.
            #expect(!diagnostic.message.contains("@"), sourceLocation: sourceLocation)
        }
        for version in VCardVersion.writable {
            let written = VCardWriter.string(for: result.contacts, version: version)
            let reread = try readVCard(written, file: "rewritten.vcf")
            #expect(reread.contacts.map(\.withoutSource) == result.contacts.map(\.withoutSource),
                    "vCard \(version.rawValue) round trip", sourceLocation: sourceLocation)
            // What cardtool writes reads back cleanly, except values it kept raw because they were bad.
            let rereadCodes = Set(reread.allDiagnostics.filter { $0.severity >= .warning }.map(\.code.rawValue))
            #expect(rereadCodes.isSubset(of: Set(result.codes)), "\(rereadCodes)", sourceLocation: sourceLocation)
        }
    }
}
