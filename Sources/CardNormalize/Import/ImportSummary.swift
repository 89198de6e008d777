import CardFormats
import Foundation

/// The account every run ends with; its counts add up: records = ok + withWarnings + skipped + rejected.
public struct ImportSummary: Sendable, Equatable {
    /// Inputs the run was given, readable or not.
    public var files = 0
    /// Inputs that could not be opened, read or recognised (`input.unreadable`, `input.unknown-format`).
    public var unreadableFiles = 0
    /// Records read, whatever their outcome: `ok + withWarnings + skipped + rejected`.
    public var records = 0
    /// Records read with no warning or error (notes allowed).
    public var ok = 0
    /// Records kept despite warnings (a malformed line skipped, a phone that is not valid).
    public var withWarnings = 0
    /// Records with nothing to import (an empty card, an empty row), skipped with a warning.
    public var skipped = 0
    /// Records that could not be read at all, rejected with an error.
    public var rejected = 0

    /// An empty account: every count at zero.
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
