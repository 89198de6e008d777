import CardModel

/// Turns CSV rows into contacts once the header is known: every column gets a role from the
/// profile, the generic synonyms or `--map`; columns with no role are kept as extras.
public struct CSVContactMapper: Sendable {
    /// The export the header was recognised as (or the profile passed in).
    public let profile: any CSVProfile
    /// The header row, as written.
    public let headers: [String]
    let normalizedHeaders: [String]
    let roles: [CSVColumnRole?]
    /// Notes on columns read by their content (`csv.column-by-content`), for the reader to report.
    public let notes: [Diagnostic]
    let dayFirst: Bool
    let idColumn: Int?
    let file: String

    /// - Parameters:
    ///   - overrides: `--map` entries, header (as written) → role.
    ///   - idColumn: `--id-column`: the column that identifies each record.
    ///   - sample: a few data rows, to tell `DD/MM` from `MM/DD` dates and what unnamed columns hold.
    ///   - headerLine: the header's line, for the notes on columns read by content.
    public init(headers: [String], profile: (any CSVProfile)? = nil, overrides: [String: CSVColumnRole] = [:],
                idColumn: String? = nil, dialect: CSVDialect = .comma, sample: [[String]] = [], file: String,
                headerLine: Int? = nil) {
        let normalized = headers.map(CSVHeader.normalize)
        let profile = profile ?? CSVProfiles.detect(normalized)
        self.profile = profile
        self.headers = headers
        self.normalizedHeaders = normalized
        self.file = file
        let normalizedOverrides = Dictionary(overrides.map { (CSVHeader.normalize($0.key), $0.value) },
                                             uniquingKeysWith: { a, _ in a })
        let generic = GenericContactsProfile()
        var seen: [String: Int] = [:]
        var roles = normalized.map { header -> CSVColumnRole? in
            seen[header, default: 0] += 1
            return normalizedOverrides[header] ?? profile.role(for: header, occurrence: seen[header]!) ?? generic.role(for: header)
        }
        // Columns nothing named: what their values are (a note says so; `--map` still decides).
        var notes: [Diagnostic] = []
        for (i, header) in normalized.enumerated() where roles[i] == nil {
            guard let kind = CSVColumnSniffer.kind(header: header, values: sample.compactMap { i < $0.count ? $0[i] : nil }) else { continue }
            let slot = 200 + i
            switch kind {
            case .email: roles[i] = .email(types: [], slot: slot)
            case .phone: roles[i] = .phone(types: [], slot: slot)
            case .linkedin: roles[i] = .url(types: ["linkedin"], slot: slot)
            case .url: roles[i] = .url(types: [], slot: slot)
            case .birthday: roles[i] = .birthday
            }
            let name = headers[i].trimmed().isEmpty ? "column \(i + 1)" : "'\(headers[i].trimmed())'"
            notes.append(Diagnostic(.note, .csvColumnByContent,
                "\(name) read as \(kind.rawValue), by its values (--map \"\(headers[i].trimmed())=…\" to say otherwise)",
                at: SourceLocation(file: file, line: headerLine)))
        }
        // Identity document numbers (`DNI`, `national_id`): kept under their header, as any
        // unnamed column is, and compared by deduplication (``identityColumns``).
        var identity: [String] = []
        for (i, header) in normalized.enumerated() where roles[i] == nil && IdentityColumn.isIdentity(normalizedHeader: header) {
            guard IdentityColumn.looksLikeNumbers(sample.compactMap { i < $0.count ? $0[i] : nil }),
                  !identity.contains(headers[i]) else { continue }
            roles[i] = .custom(headers[i])
            identity.append(headers[i])
            notes.append(Diagnostic(.note, .csvIdentityColumn,
                "'\(headers[i].trimmed())' read as an identity document number, compared when deduplicating (--map \"\(headers[i].trimmed())=…\" to say otherwise)",
                at: SourceLocation(file: file, line: headerLine)))
        }
        identityColumns = identity
        self.roles = roles
        self.notes = notes
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
        // Headers in a language that writes day first (Spanish, German, French, Italian, Portuguese, Dutch).
        let spanish = normalized.contains { ["nombre", "apellidos", "empresa", "telefono", "correo electronico",
                                              "puesto", "cargo", "notas", "movil", "fecha", "vorname", "nachname",
                                              "prenom", "cognome", "sobrenome", "apelido", "voornaam", "achternaam"].contains($0) }
        dayFirst = CSVDateParser.inferDayFirst(dateCells)
            ?? (dialect == .semicolon || spanish || profile.prefersDayFirst)
    }

    /// Columns read as identity document numbers (`DNI`, `Passport number`), by header as
    /// written: their values are extras under that name, which deduplication compares.
    public let identityColumns: [String]

    /// The header names no role was found for (kept as extras on every contact).
    public var unmappedHeaders: [String] {
        zip(headers, roles).filter { $0.1 == nil }.map(\.0)
    }

    /// Builds the contact for one data row; diagnostics go to `diagnostics`.
    public func contact(for row: CSVRow, record: Int, diagnostics: inout [Diagnostic]) -> Contact {
        var contact = Contact()
        var name = PersonName()
        // Values gathered per group (a slot ties Google's `E-mail 2 - Label` to `E-mail 2 - Value`);
        // a handful per row, so arrays searched linearly beat dictionaries.
        var emails: [Group] = []
        var phones: [Group] = []
        var urls: [Group] = []
        var addresses: [AddressGroup] = []
        var eventName: String?
        var isCompany = false
        var eventDate: PartialDate?
        var birthParts: (year: Int?, month: Int?, day: Int?) = (nil, nil, nil)
        let location = SourceLocation(file: file, line: row.line, record: record)

        func date(_ cell: String, column: Int, past: Bool = false) -> PartialDate? {
            switch CSVDateParser.parse(cell, dayFirst: dayFirst) {
            case .date(var d):
                // "3/14/62" is a birthday in 1962, not 2062.
                if past, let y = d.year, y > CSVDateParser.currentYear, let earlier = PartialDate(year: y - 100, month: d.month, day: d.day) {
                    d = earlier
                }
                return d
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
            /// Sets a single-valued field; a second column for the same field is kept as an extra.
            func set<T>(_ field: WritableKeyPath<Contact, T?>, _ newValue: T?, column: Int, cell: String) {
                guard let newValue else { return }
                if contact[keyPath: field] == nil {
                    contact[keyPath: field] = newValue
                } else {
                    contact.extras.append(RawProperty(name: headers[column], value: cell))
                }
            }
            func setName(_ field: WritableKeyPath<PersonName, String?>) {
                if name[keyPath: field] == nil {
                    name[keyPath: field] = value
                } else {
                    contact.extras.append(RawProperty(name: headers[column], value: cell))
                }
            }
            switch role {
            case .fullName: set(\.fullName, value, column: column, cell: cell)
            case .givenName: setName(\.given)
            case .middleName: setName(\.additional)
            case .familyName: setName(\.family)
            case .prefix: setName(\.prefixes)
            case .suffix: setName(\.suffixes)
            case .nickname: contact.nicknames.append(value)
            case .organization: set(\.organization, value, column: column, cell: cell)
            case .department: set(\.department, value, column: column, cell: cell)
            case .title: set(\.title, value, column: column, cell: cell)
            case .role: set(\.role, value, column: column, cell: cell)
            case .email(let types, let slot):
                emails[Group.index(slot, in: &emails)].add(CSVValues.listValues(value, emails: true), types: types)
            case .emailLabel(let slot):
                emails[Group.index(slot, in: &emails)].label = CSVValues.label(value)
            case .emailKind(let slot):
                emails[Group.index(slot, in: &emails)].kind = value
            case .phone(let types, let slot):
                phones[Group.index(slot, in: &phones)].add(CSVValues.listValues(value, emails: false), types: types)
            case .phoneLabel(let slot):
                phones[Group.index(slot, in: &phones)].label = CSVValues.label(value)
            case .url(let types, let slot):
                urls[Group.index(slot, in: &urls)].add(CSVValues.multiValues(value), types: types)
            case .urlLabel(let slot):
                urls[Group.index(slot, in: &urls)].label = CSVValues.label(value)
            case .address(let part, let types, let slot):
                let i = AddressGroup.index(slot, in: &addresses)
                addresses[i].parts.append((part, cell.trimmed()))
                if addresses[i].types.isEmpty { addresses[i].types = types }
            case .addressLabel(let slot):
                addresses[AddressGroup.index(slot, in: &addresses)].label = CSVValues.label(value)
            case .note:
                contact.note = contact.note.map { $0 + "\n" + cell } ?? cell
            case .birthday:
                set(\.birthday, date(value, column: column, past: true), column: column, cell: cell)
            case .categories:
                for c in profile.categories(value) where !contact.categories.contains(c) && !CSVValues.isSystemCategory(c) {
                    contact.categories.append(c)
                }
            case .isCompany:
                isCompany = ["true", "1", "yes", "si", "sí", "x", "verdadero"].contains(value.lowercased())
            case .birthYear: birthParts.year = Int(value)
            case .birthMonth: birthParts.month = Int(value)
            case .birthDay: birthParts.day = Int(value)
            case .uid: set(\.uid, value, column: column, cell: cell)
            case .connectedOn: set(\.connectedOn, date(value, column: column), column: column, cell: cell)
            case .eventName: eventName = value
            case .eventDate: eventDate = date(value, column: column)
            case .custom(let customName): contact.extras.append(RawProperty(name: customName, value: cell))
            case .ignored: break
            }
        }
        if !name.isEmpty { contact.name = PersonName(family: name.family, given: name.given, additional: name.additional,
                                                     prefixes: name.prefixes, suffixes: name.suffixes) }
        for e in emails {
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
        for p in phones {
            let (types, label) = Self.types(p.types, label: p.label)
            for v in p.values { contact.phones.append(Phone(value: v, types: types, label: label)) }
        }
        for u in urls {
            for v in u.values { contact.urls.append(WebLink(value: v, types: u.types, label: u.label)) }
        }
        for a in addresses {
            let street = [a[.street], a[.street2], a[.street3]].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: "\n")
            let (types, label) = Self.types(a.types, label: a.label)
            let address = PostalAddress(types: types, poBox: a[.poBox], extended: a[.extended],
                                        street: street, locality: a[.city], region: a[.region],
                                        postalCode: a[.postalCode], country: a[.country],
                                        formatted: a[.formatted], label: label)
            if address.hasComponents || address.formatted != nil { contact.addresses.append(address) }
        }
        if let month = birthParts.month, let day = birthParts.day, contact.birthday == nil {
            if let date = PartialDate(year: birthParts.year.flatMap { $0 > 0 ? $0 : nil }, month: month, day: day) {
                contact.birthday = date
            } else {
                diagnostics.append(Diagnostic(.warning, .csvBadDate, "birth year, month and day do not make a date; kept as written",
                                              at: location, detail: "\(birthParts.year.map(String.init) ?? "")-\(month)-\(day)"))
                contact.extras.append(RawProperty(name: "Birthday", value: "\(birthParts.year.map(String.init) ?? "--")-\(month)-\(day)"))
            }
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

    /// One row's values of one group (the e-mails of slot 2, say).
    struct Group {
        var slot: Int
        var values: [String] = []
        var types: [String] = []
        var label: String?
        var kind: String?

        mutating func add(_ more: [String], types: [String]) {
            values += more
            if self.types.isEmpty { self.types = types }
        }

        static func index(_ slot: Int, in groups: inout [Group]) -> Int {
            if let i = groups.firstIndex(where: { $0.slot == slot }) { return i }
            groups.append(Group(slot: slot))
            return groups.count - 1
        }
    }

    /// One row's parts of one address.
    struct AddressGroup {
        var slot: Int
        var parts: [(CSVColumnRole.AddressPart, String)] = []
        var types: [String] = []
        var label: String?

        subscript(part: CSVColumnRole.AddressPart) -> String? {
            parts.first { $0.0 == part }?.1
        }

        static func index(_ slot: Int, in groups: inout [AddressGroup]) -> Int {
            if let i = groups.firstIndex(where: { $0.slot == slot }) { return i }
            groups.append(AddressGroup(slot: slot))
            return groups.count - 1
        }
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
            guard column < roles.count, let role = roles[column] else {
                if column >= roles.count || !profile.isFiller(header: normalizedHeaders[column], value: cell.trimmed()) {
                    count += 1
                }
                continue
            }
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
