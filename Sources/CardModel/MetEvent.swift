/// An occasion where the person was met (a networking evening, a fair) and when.
public struct MetEvent: Sendable, Codable, Equatable, Hashable {
    public var name: String?
    public var date: PartialDate?

    public init(name: String? = nil, date: PartialDate? = nil) {
        self.name = name
        self.date = date
    }
}
