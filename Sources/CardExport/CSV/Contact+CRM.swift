import CardModel

extension Contact {
    var emailValues: [(value: String, types: [String])] { emails.map { ($0.value, $0.types) } }
    var phoneValues: [(value: String, types: [String])] {
        phones.map { phone in (phone.ext.map { "\(phone.written) ext. \($0)" } ?? phone.written, phone.types) }
    }
    var firstAddress: PostalAddress? { addresses.first }
    var linkedInURL: String? {
        urls.first { $0.types.contains("linkedin") || $0.value.lowercased().contains("linkedin.com/") }?.value
    }
    var websiteURL: String? {
        urls.first { !($0.types.contains("linkedin") || $0.value.lowercased().contains("linkedin.com/")) }?.value
    }
    var givenForExport: String { name?.given ?? "" }
    var familyForExport: String { name?.family ?? "" }
}
