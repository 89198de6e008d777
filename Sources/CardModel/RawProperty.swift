/// A property kept exactly as the source had it, because the model has no field for it.
///
/// For vCard this is `group.NAME;param=value:value`; the value keeps its escapes (`\,`, `\n`) as
/// vCard 3.0/4.0 write them, so writing it back reproduces it. CSV readers will keep unmapped
/// columns the same way (name = column header).
public struct RawProperty: Sendable, Codable, Equatable, Hashable {
    /// The vCard group (`item1` in `item1.X-ABLabel`), if any.
    public var group: String?
    /// The property name as written (case kept).
    public var name: String
    /// The parameters, in source order.
    public var parameters: [Parameter]
    /// The value as written, escapes kept (`\,`, `\n`); for a CSV column, the cell's text.
    public var value: String

    /// Creates a property from its parts.
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
        /// The values, in order (`work`, `voice` for `TYPE=work,voice`).
        public var values: [String]

        /// Creates a parameter; a `nil` name makes a vCard 2.1 bare parameter.
        public init(name: String?, values: [String]) {
            self.name = name
            self.values = values
        }
    }
}
