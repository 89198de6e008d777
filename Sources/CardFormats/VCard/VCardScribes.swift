
/// The scribes in the order the writer emits their properties.
enum VCardScribes {
    static let all: [any VCardPropertyScribe] = [
        FormattedNameScribe(), StructuredNameScribe(), NicknameScribe(),
        MediaScribe(kind: .photo), BirthdayScribe(), AddressScribe(), TelephoneScribe(), EmailScribe(),
        TextPropertyScribe(kind: .title), TextPropertyScribe(kind: .role), MediaScribe(kind: .logo),
        OrganizationScribe(), CategoriesScribe(), NoteScribe(), MediaScribe(kind: .sound),
        TextPropertyScribe(kind: .uid), URLScribe(), MediaScribe(kind: .key), ConnectedOnScribe(), MetEventScribe(),
    ]

    /// The scribe for a property kind; nil for properties kept raw.
    static func scribe(for kind: VCardPropertyKind) -> (any VCardPropertyScribe)? {
        switch kind {
        case .fn: formattedName
        case .n: structuredName
        case .tel: telephone
        case .email: email
        case .adr: address
        case .org: organization
        case .title: title
        case .role: role
        case .note: note
        case .url: url
        case .bday: birthday
        case .categories: categories
        case .uid: uid
        case .nickname: nickname
        case .photo: photo
        case .logo: logo
        case .sound: sound
        case .key: key
        case .connectedOn: connectedOn
        case .metEvent: metEvent
        case .csvField: csvField
        case .version, .appleLabel, .other: nil
        }
    }

    private static let formattedName = FormattedNameScribe()
    private static let structuredName = StructuredNameScribe()
    private static let telephone = TelephoneScribe()
    private static let email = EmailScribe()
    private static let address = AddressScribe()
    private static let organization = OrganizationScribe()
    private static let title = TextPropertyScribe(kind: .title)
    private static let role = TextPropertyScribe(kind: .role)
    private static let note = NoteScribe()
    private static let url = URLScribe()
    private static let birthday = BirthdayScribe()
    private static let categories = CategoriesScribe()
    private static let uid = TextPropertyScribe(kind: .uid)
    private static let nickname = NicknameScribe()
    private static let photo = MediaScribe(kind: .photo)
    private static let logo = MediaScribe(kind: .logo)
    private static let sound = MediaScribe(kind: .sound)
    private static let key = MediaScribe(kind: .key)
    private static let connectedOn = ConnectedOnScribe()
    private static let metEvent = MetEventScribe()
    private static let csvField = CSVFieldScribe()
}
