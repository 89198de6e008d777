/// An occasion where the person was met (a networking evening, a fair) and when.
public struct MetEvent: Sendable, Codable, Equatable, Hashable {
    /// The event's name (`South Summit Madrid 2024`).
    public var name: String?
    /// The day of the meeting (`2024-06-05`).
    public var date: PartialDate?

    /// Creates an event; either its name or its date may be unknown.
    public init(name: String? = nil, date: PartialDate? = nil) {
        self.name = name
        self.date = date
    }
}
