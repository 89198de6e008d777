/// Turns CSV rows into contacts once the header is known: every column gets a role from the
/// profile, the generic synonyms or `--map`; columns with no role are kept as extras.
public struct CSVContactMapper: Sendable {
    public let profile: any CSVProfile
    public let headers: [String]
    let normalizedHeaders: [String]
    let roles: [CSVColumnRole?]
    let dayFirst: Bool
    let idColumn: Int?
    let file: String

    /// - Parameters:
    ///   - overrides: `--map` entries, header (as written) → role.
    ///   - idColumn: `--id-column`: the column that identifies each record.
    ///   - sample: a few data rows, to tell `DD/MM` from `MM/DD` dates.
    public init(headers: [String], profile: (any CSVProfile)? = nil, overrides: [String: CSVColumnRole] = [:],
                idColumn: String? = nil, dialect: CSVDialect = .comma, sample: [[String]] = [], file: String) {
        let normalized = headers.map(CSVHeader.normalize)
        let profile = profile ?? CSVProfiles.detect(normalized)
        self.profile = profile
        self.headers = headers
        self.normalizedHeaders = normalized
        self.file = file
        let normalizedOverrides = Dictionary(overrides.map { (CSVHeader.normalize($0.key), $0.value) },
                                             uniquingKeysWith: { a, _ in a })
        let generic = GenericContactsProfile()
        roles = normalized.map { header in
            normalizedOverrides[header] ?? profile.role(for: header) ?? generic.role(for: header)
        }
        let idKey = idColumn.map(CSVHeader.normalize)
        self.idColumn = idKey.flatMap { key in normalized.firstIndex(of: key) }
        // Day-first dates: the data decides when it can, else the locale the file shows.
        var dateCells: [String] = []
        for (i, role) in roles.enumerated() {
            switch role {
            case .birthday?, .connectedOn?, .eventDate?:
                dateCells += sample.compactMap { i < $0.count ? $0[i] : nil }
            default: break
            }
        }
        let spanish = normalized.contains { ["nombre", "apellidos", "empresa", "telefono", "correo electronico",
                                              "puesto", "cargo", "notas", "movil", "fecha"].contains($0) }
        dayFirst = CSVDateParser.inferDayFirst(dateCells)
            ?? (dialect == .semicolon || spanish || profile.prefersDayFirst)
    }

    /// The header names no role was found for (kept as extras on every contact).
    public var unmappedHeaders: [String] {
        zip(headers, roles).filter { $0.1 == nil }.map(\.0)
    }

    /// Builds the contact for one data row; diagnostics go to `diagnostics`.
    public func contact(for row: CSVRow, record: Int, diagnostics: inout [Diagnostic]) -> Contact {
        var contact = Contact()
        var name = PersonName()
        var emails: [Int: (values: [String], types: [String], label: String?, kind: String?)] = [:]
        var emailOrder: [Int] = []
        var phones: [Int: (values: [String], types: [String], label: String?)] = [:]
        var phoneOrder: [Int] = []
        var urls: [Int: (values: [String], types: [String], label: String?)] = [:]
        var urlOrder: [Int] = []
        var addresses: [Int: (parts: [CSVColumnRole.AddressPart: String], types: [String], label: String?)] = [:]
        var addressOrder: [Int] = []
        var eventName: String?
        var isCompany = false
        var eventDate: PartialDate?
        let location = SourceLocation(file: file, line: row.line, record: record)

        func date(_ cell: String, column: Int) -> PartialDate? {
            switch CSVDateParser.parse(cell, dayFirst: dayFirst) {
            case .date(let d): return d
            case .empty: return nil
            case .invalid:
                diagnostics.append(Diagnostic(.warning, .csvBadDate, "\(headers[column]) is not a date; kept as written",
                                              at: location, detail: cell))
                contact.extras.append(RawProperty(name: headers[column], value: cell))
                return nil
            }
        }

        for (column, raw) in row.fields.enumerated() {
            let cell = SpreadsheetSafety.restore(raw)
            var value = cell.trimmed()
            if value == SalesforceProfile.placeholder { value = "" }
            guard column < roles.count else {
                // A ragged row's extra cells: kept under their position.
                if !value.isEmpty { contact.extras.append(RawProperty(name: "column \(column + 1)", value: cell)) }
                continue
            }
            guard !value.isEmpty else { continue }
            guard let role = roles[column] else {
                if !profile.isFiller(header: normalizedHeaders[column], value: value) {
                    contact.extras.append(RawProperty(name: headers[column], value: cell))
                }
                continue
            }
            switch role {
            case .fullName: contact.fullName = value
            case .givenName: name.given = value
            case .middleName: name.additional = value
            case .familyName: name.family = value
            case .prefix: name.prefixes = value
            case .suffix: name.suffixes = value
            case .nickname: contact.nicknames.append(value)
            case .organization: contact.organization = value
            case .department: contact.department = value
            case .title: contact.title = value
            case .role: contact.role = value
            case .email(let types, let slot):
                if emails[slot] == nil { emailOrder.append(slot); emails[slot] = ([], types, nil, nil) }
                emails[slot]!.values += CSVValues.multiValues(value)
            case .emailLabel(let slot):
                if emails[slot] == nil { emailOrder.append(slot); emails[slot] = ([], [], nil, nil) }
                emails[slot]!.label = CSVValues.label(value)
            case .emailKind(let slot):
                if emails[slot] == nil { emailOrder.append(slot); emails[slot] = ([], [], nil, nil) }
                emails[slot]!.kind = value
            case .phone(let types, let slot):
                if phones[slot] == nil { phoneOrder.append(slot); phones[slot] = ([], types, nil) }
                phones[slot]!.values += CSVValues.multiValues(value)
            case .phoneLabel(let slot):
                if phones[slot] == nil { phoneOrder.append(slot); phones[slot] = ([], [], nil) }
                phones[slot]!.label = CSVValues.label(value)
            case .url(let types, let slot):
                if urls[slot] == nil { urlOrder.append(slot); urls[slot] = ([], types, nil) }
                urls[slot]!.values += CSVValues.multiValues(value)
            case .urlLabel(let slot):
                if urls[slot] == nil { urlOrder.append(slot); urls[slot] = ([], [], nil) }
                urls[slot]!.label = CSVValues.label(value)
            case .address(let part, let types, let slot):
                if addresses[slot] == nil { addressOrder.append(slot); addresses[slot] = ([:], types, nil) }
                addresses[slot]!.parts[part] = cell.trimmed()
            case .addressLabel(let slot):
                if addresses[slot] == nil { addressOrder.append(slot); addresses[slot] = ([:], [], nil) }
                addresses[slot]!.label = CSVValues.label(value)
            case .note:
                contact.note = contact.note.map { $0 + "\n" + cell } ?? cell
            case .birthday:
                contact.birthday = date(value, column: column)
            case .categories:
                for c in profile.categories(value) where !contact.categories.contains(c) && !CSVValues.isSystemCategory(c) {
                    contact.categories.append(c)
                }
            case .isCompany:
                isCompany = ["true", "1", "yes", "si", "sí", "x", "verdadero"].contains(value.lowercased())
            case .uid: contact.uid = value
            case .connectedOn: contact.connectedOn = date(value, column: column)
            case .eventName: eventName = value
            case .eventDate: eventDate = date(value, column: column)
            case .custom(let customName): contact.extras.append(RawProperty(name: customName, value: cell))
            case .ignored: break
            }
        }
        if !name.isEmpty { contact.name = PersonName(family: name.family, given: name.given, additional: name.additional,
                                                     prefixes: name.prefixes, suffixes: name.suffixes) }
        for slot in emailOrder {
            guard let e = emails[slot] else { continue }
            for v in e.values {
                // Exchange X.500 addresses (`/o=…`, type EX) are not e-mail addresses.
                if e.kind?.uppercased() == "EX" || v.lowercased().hasPrefix("/o=") {
                    diagnostics.append(Diagnostic(.note, .csvExchangeAddress,
                        "Exchange (EX) address kept as an extra, not as an e-mail", at: location))
                    contact.extras.append(RawProperty(name: "X-EXCHANGE-ADDRESS", value: v))
                    continue
                }
                let (types, label) = Self.types(e.types, label: e.label)
                contact.emails.append(Email(value: v, types: types, label: label))
            }
        }
        for slot in phoneOrder {
            guard let p = phones[slot] else { continue }
            let (types, label) = Self.types(p.types, label: p.label)
            for v in p.values { contact.phones.append(Phone(value: v, types: types, label: label)) }
        }
        for slot in urlOrder {
            guard let u = urls[slot] else { continue }
            for v in u.values { contact.urls.append(WebLink(value: v, types: u.types, label: u.label)) }
        }
        for slot in addressOrder {
            guard let a = addresses[slot] else { continue }
            let street = [a.parts[.street], a.parts[.street2], a.parts[.street3]].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: "\n")
            let (types, label) = Self.types(a.types, label: a.label)
            let address = PostalAddress(types: types, poBox: a.parts[.poBox], extended: a.parts[.extended],
                                        street: street, locality: a.parts[.city], region: a.parts[.region],
                                        postalCode: a.parts[.postalCode], country: a.parts[.country],
                                        formatted: a.parts[.formatted], label: label)
            if address.hasComponents || address.formatted != nil { contact.addresses.append(address) }
        }
        if eventName != nil || eventDate != nil { contact.events.append(MetEvent(name: eventName, date: eventDate)) }
        if isCompany {
            // An organisation's own row: its name is the organization, not a person's name.
            contact.organization = contact.organization ?? contact.fullName ?? contact.name?.displayName
            contact.fullName = contact.organization
            contact.name = nil
        }
        // A full-name column is split into given and family; a split name gives the display name.
        if !isCompany, contact.name == nil, let full = contact.fullName { contact.name = NameSplitter.split(full) }
        if contact.fullName == nil { contact.fullName = contact.name?.displayName ?? contact.organization }
        var source = SourceReference(file: file, record: record, line: row.line, format: .csv)
        if let idColumn, idColumn < row.fields.count { source.id = row.fields[idColumn].trimmed().nonEmpty }
        contact.source = source
        return contact
    }

    /// A label that names a type (`Mobile`, `* Work`) becomes that type; other labels stay labels.
    static func types(_ types: [String], label: String?) -> ([String], String?) {
        guard let label, let labelTypes = CSVValues.types(forLabel: label) else { return (types, label) }
        var merged = types
        for t in labelTypes where !merged.contains(t) { merged.append(t) }
        return (merged, nil)
    }

    /// How many columns of this row carry something a person could use (names, contact points,
    /// organization); LinkedIn's `,,,,,,09 Oct 2024` rows have none.
    public func usefulCells(_ row: CSVRow) -> Int {
        var count = 0
        for (column, cell) in row.fields.enumerated() where !cell.utf8.allSatisfy(\.isASCIIBlank) {
            guard column < roles.count, let role = roles[column] else { count += 1; continue }
            switch role {
            case .connectedOn, .eventDate, .emailKind, .emailLabel, .phoneLabel, .urlLabel, .addressLabel, .ignored,
                 .categories, .isCompany:
                continue
            default:
                count += 1
            }
        }
        return count
    }
}
