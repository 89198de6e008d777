
/// A microformats item (`h-card`, `h-adr`) as the microformats2 parsing spec describes it:
/// types, and properties whose values are text or nested items.
public struct MicroformatItem: Sendable, Equatable {
    /// The item's types (`h-card`, `h-adr`).
    public var types: [String]
    /// Property values by name without the prefix (`name`, `email`, `adr`), in document order.
    public var properties: [String: [Value]] = [:]
    /// For a nested item used as a property: its text value.
    public var value: String?
    /// Nested items that are not property values (mf2 "children").
    public var children: [MicroformatItem] = []
    /// Whether any `p-`/`e-` property or nested item was found (implied names need neither).
    var hasTextOrNested = false
    /// Classic hCard `type` sub-properties (`<span class="type">cell</span>`) of each `tel`,
    /// `email` and `adr` value, aligned with the values.
    public var valueTypes: [String: [[String]]] = [:]
    /// The line of the item's root element.
    public var line: Int

    /// A property value: text, or a nested item (an `h-adr` inside an `h-card`).
    public indirect enum Value: Sendable, Equatable {
        case text(String)
        case item(MicroformatItem)

        /// The text, or a nested item's value or name.
        public var string: String? {
            switch self {
            case .text(let s): s
            case .item(let item): item.value ?? item.first("name")
            }
        }
    }

    /// The first value of `property` as text, or nil.
    public func first(_ property: String) -> String? {
        properties[property]?.first?.string
    }

    /// Every value of `property` as text, in document order.
    public func strings(_ property: String) -> [String] {
        properties[property]?.compactMap(\.string) ?? []
    }
}
