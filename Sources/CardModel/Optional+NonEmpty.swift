extension Optional where Wrapped == String {
    /// `nil` for `nil`, "" and whitespace-only strings, so empty components never count as data.
    package var nonEmpty: String? {
        guard let s = self, let first = s.utf8.first else { return nil }
        if !first.isASCIIBlank { return s }
        return s.utf8.allSatisfy(\.isASCIIBlank) ? nil : s
    }
}

extension String {
    package var nonEmpty: String? { Optional(self).nonEmpty }
}
