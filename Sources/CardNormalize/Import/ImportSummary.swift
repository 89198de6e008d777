import CardFormats
import Foundation

/// The account every run ends with; its counts add up: records = ok + withWarnings + skipped + rejected.
public struct ImportSummary: Sendable, Equatable {
    public var files = 0
    public var unreadableFiles = 0
    public var records = 0
    public var ok = 0
    public var withWarnings = 0
    public var skipped = 0
    public var rejected = 0

    public init() {}

    mutating func count(_ outcome: ReadRecord.Outcome) {
        records += 1
        switch outcome {
        case .ok: ok += 1
        case .withWarnings: withWarnings += 1
        case .skipped: skipped += 1
        case .rejected: rejected += 1
        }
    }

    /// Every input was read and no record was rejected.
    public var succeeded: Bool { unreadableFiles == 0 && rejected == 0 }

    /// `read 12 records from 3 files: 10 ok, 1 with warnings, 1 skipped, 0 rejected`.
    public var line: String {
        var text = "read \(records) record\(records == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"): "
        text += "\(ok) ok, \(withWarnings) with warnings, "
        if skipped > 0 { text += "\(skipped) skipped, " }
        text += "\(rejected) rejected"
        if unreadableFiles > 0 { text += "; \(unreadableFiles) file\(unreadableFiles == 1 ? "" : "s") could not be read" }
        return text
    }
}
