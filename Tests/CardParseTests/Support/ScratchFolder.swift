import Foundation
import Testing

/// A suite's scratch folder, removed once the whole suite has run (pass or fail): the hostile
/// inputs alone write about 190 MB, which every run of the tests left behind in the temporary
/// directory, beside files of contact data.
struct ScratchFolder: SuiteTrait, TestScoping {
    let url: URL

    /// `<temporary directory>/<prefix>-<pid>`, made when the suite starts.
    init(_ prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(getpid())")
    }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try await function()
    }
}

extension ScratchFolder {
    /// (Declared here: a suite's trait cannot name the suite's own members.)
    static let hostileInputs = ScratchFolder("cardtool-hostile")
    static let ledger = ScratchFolder("cardtool-ledger")
}
