import CardModel

/// Mozilla Thunderbird's address-book export (`First Name`, `Last Name`, `Display Name`, `Nickname`,
/// `Primary Email`, `Secondary Email`, …, `Birth Year`, `Birth Month`, `Birth Day`, `Custom 1`…`4`,
/// `Notes`), comma- or semicolon-separated (its two CSV choices): the birthday comes in three
/// columns, home and work addresses in their own blocks.
public struct ThunderbirdProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `thunderbird`.
    public let name = "thunderbird"

    /// Creates the profile (it has no state).
    public init() {}

    /// 10 per column only Thunderbird writes, when at least three are present.
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        let own = ["primary email", "secondary email", "screen name", "pager number", "mobile number", "web page 1",
                   "web page 2", "birth year", "birth month", "birth day", "home zipcode", "work zipcode"].filter(set.contains).count
        return own >= 3 ? 10 * own : 0
    }

    /// Day-first or month-first does not arise: Thunderbird writes no slash dates.
    public func role(for header: String) -> CSVColumnRole? { Self.roles[header] }

    static let roles: [String: CSVColumnRole] = {
        var map: [String: CSVColumnRole] = [:]
        func add(_ role: CSVColumnRole, _ names: String...) { for n in names { map[n] = role } }
        add(.givenName, "first name")
        add(.familyName, "last name")
        add(.fullName, "display name")
        add(.nickname, "nickname")
        add(.email(types: [], slot: 1), "primary email")
        add(.email(types: [], slot: 2), "secondary email")
        add(.phone(types: ["work"], slot: 1), "work phone")
        add(.phone(types: ["home"], slot: 2), "home phone")
        add(.phone(types: ["fax"], slot: 3), "fax number")
        add(.phone(types: ["pager"], slot: 4), "pager number")
        add(.phone(types: ["cell"], slot: 5), "mobile number")
        for (block, types, slot) in [("home", ["home"], 11), ("work", ["work"], 10)] as [(String, [String], Int)] {
            add(.address(part: .street, types: types, slot: slot), "\(block) address")
            add(.address(part: .street2, types: types, slot: slot), "\(block) address 2")
            add(.address(part: .city, types: types, slot: slot), "\(block) city")
            add(.address(part: .region, types: types, slot: slot), "\(block) state")
            add(.address(part: .postalCode, types: types, slot: slot), "\(block) zipcode")
            add(.address(part: .country, types: types, slot: slot), "\(block) country")
        }
        add(.title, "job title")
        add(.department, "department")
        add(.organization, "organization")
        add(.url(types: ["work"], slot: 1), "web page 1")
        add(.url(types: ["home"], slot: 2), "web page 2")
        add(.birthYear, "birth year")
        add(.birthMonth, "birth month")
        add(.birthDay, "birth day")
        add(.note, "notes")
        return map
    }()
}
