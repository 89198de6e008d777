/// A property kept exactly as the source had it, because the model has no field for it.
///
/// For vCard this is `group.NAME;param=value:value`; the value keeps its escapes (`\,`, `\n`) as
/// vCard 3.0/4.0 write them, so writing it back reproduces it. CSV readers will keep unmapped
/// columns the same way (name = column header).
public struct RawProperty: Sendable, Codable, Equatable, Hashable {
    public var group: String?
    /// The property name as written (case kept).
    public var name: String
    public var parameters: [Parameter]
    public var value: String

    public init(group: String? = nil, name: String, parameters: [Parameter] = [], value: String) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// One parameter; a name with several values (`TYPE=work,voice`).
    public struct Parameter: Sendable, Codable, Equatable, Hashable {
        /// `nil` for vCard 2.1 bare parameters (`TEL;WORK`).
        public var name: String?
        public var values: [String]

        public init(name: String?, values: [String]) {
            self.name = name
            self.values = values
        }
    }
}
