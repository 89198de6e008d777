/// A web address (vCard `URL`).
public struct WebLink: Sendable, Codable, Equatable, Hashable {
    public var value: String
    public var types: [String]
    public var pref: Int?
    public var label: String?
    public var group: String?

    public init(value: String, types: [String] = [], pref: Int? = nil, label: String? = nil, group: String? = nil) {
        self.value = value
        self.types = types
        self.pref = pref
        self.label = label
        self.group = group
    }
}
