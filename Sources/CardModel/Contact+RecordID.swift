import Foundation

extension Contact {
    /// How reports name a record: the CSV `--id-column` value (or its uid column), the vCard UID,
    /// else `file:record`.
    public var recordID: String {
        if let id = source?.id { return id }
        if let uid { return uid }
        guard let source else { return "?" }
        return "\(source.file):\(source.record)"
    }
}
