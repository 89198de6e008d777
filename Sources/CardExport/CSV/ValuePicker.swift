
/// Picks a contact's values for fixed columns: by type first, then whatever is left, in order.
struct ValuePicker {
    private var remaining: [(value: String, types: [String])]

    init(_ values: [(value: String, types: [String])]) {
        remaining = values
    }

    /// The first value having any of `types` (any value when `types` is empty).
    mutating func take(_ types: [String] = []) -> String {
        guard let i = remaining.firstIndex(where: { v in types.isEmpty || types.contains(where: v.types.contains) }) else {
            return ""
        }
        return remaining.remove(at: i).value
    }

    /// The first value having none of `types`.
    mutating func takeAny(excluding types: [String]) -> String {
        guard let i = remaining.firstIndex(where: { v in !types.contains(where: v.types.contains) }) else { return "" }
        return remaining.remove(at: i).value
    }

    var left: [String] { remaining.map(\.value) }
}
