import CardModel

/// Outlook's CSV exports: classic desktop (92 quoted columns, `Title` = honorific), the 88-column
/// "Outlook CSV" of Outlook.com and Google, the old LinkedIn "Microsoft Outlook" export (59 columns),
/// Spanish-localised headers (partly Spanish, partly English, depending on the build), and the
/// German, French, Italian, Portuguese and Dutch ones (``localizedNames``).
/// Business, home and other addresses and phones keep their type; `E-mail Type` `EX` marks an
/// Exchange X.500 address, which is not an e-mail address.
public struct OutlookContactsProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `outlook`.
    public let name = "outlook"

    /// Creates the profile (it has no state).
    public init() {}

    /// 10 per Outlook column present (English or Spanish, whichever has more) when at least three are;
    /// else 10 per localized column when at least eight are; else 0.
    public func score(_ headers: [String]) -> Int {
        let set = Set(headers)
        let english = ["e-mail address", "business phone", "job title", "business street", "home street",
                       "mobile phone", "e-mail 2 address", "business city"].filter(set.contains).count
        let spanish = ["apellidos", "puesto", "calle del trabajo", "particular", "telefono del trabajo",
                       "ciudad de trabajo", "organizacion", "direccion de correo electronico 2"].filter(set.contains).count
        if max(english, spanish) >= 3 { return 10 * max(english, spanish) }
        // German, French, Italian, Portuguese, Dutch: some of their names are everyday words
        // (`Empresa`, `Cargo`), so it takes many of them; an Outlook export has ninety columns.
        let localized = headers.filter { Self.localizedRoles[$0] != nil }.count
        return localized >= 8 ? 10 * localized : 0
    }

    /// Month first, as English Outlook writes; a Spanish-localised export (`DD/MM/YYYY`) is told by
    /// its Spanish headers, which the mapper checks for every profile.
    public var prefersDayFirst: Bool { false }

    /// The role from Outlook's English and Spanish column table; nil for columns it does not list.
    public func role(for header: String) -> CSVColumnRole? {
        Self.roles[header] ?? Self.localizedRoles[header]
    }

    /// French Outlook names two columns `Titre`: the first is the honorific, the second the job title.
    public func role(for header: String, occurrence: Int) -> CSVColumnRole? {
        if header == "titre" && occurrence == 2 { return .title }
        return role(for: header)
    }

    /// The localized names (``localizedNames``), normalized, with the role of their English name.
    static let localizedRoles: [String: CSVColumnRole] = {
        var map: [String: CSVColumnRole] = [:]
        for (local, english) in localizedNames {
            if let role = roles[CSVHeader.normalize(english)] { map[CSVHeader.normalize(local)] = role }
        }
        return map
    }()

    /// Outlook's values for empty fields (`Priority` `Normal`, `Private` `False`, in English or Spanish).
    public func isFiller(header: String, value: String) -> Bool {
        switch (header, value.lowercased()) {
        case ("gender", "unspecified"), ("genero", "sin especificar"), ("sensitivity", "normal"),
             ("confidencialidad", "normal"), ("priority", "normal"), ("prioridad", "normal"), ("private", "false"),
             ("privado", "false"), ("private", "falso"):
            true
        default:
            false
        }
    }

    /// Splits at `;` only, trimmed, empty entries dropped.
    public func categories(_ cell: String) -> [String] {
        CSVValues.split(cell, separators: [";"]).map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    static let roles: [String: CSVColumnRole] = {
        var map: [String: CSVColumnRole] = [:]
        func add(_ role: CSVColumnRole, _ names: String...) { for n in names { map[n] = role } }
        add(.prefix, "title")
        add(.givenName, "first name", "nombre")
        add(.middleName, "middle name", "segundo nombre")
        add(.familyName, "last name", "apellidos")
        add(.suffix, "suffix")
        add(.organization, "company", "organizacion", "compania")
        add(.department, "department", "departamento")
        add(.title, "job title", "puesto")
        add(.email(types: [], slot: 1), "e-mail address", "direccion de correo electronico")
        add(.emailKind(slot: 1), "e-mail type", "tipo de correo electronico")
        add(.email(types: [], slot: 2), "e-mail 2 address", "direccion de correo electronico 2")
        add(.emailKind(slot: 2), "e-mail 2 type", "tipo de correo electronico 2")
        add(.email(types: [], slot: 3), "e-mail 3 address", "direccion del correo electronico 3",
            "direccion de correo electronico 3")
        add(.emailKind(slot: 3), "e-mail 3 type", "tipo de correo electronico 3")
        add(.ignored, "e-mail display name", "e-mail 2 display name", "e-mail 3 display name",
            "nombre de pantalla de correo electronico", "nombre de pantalla de correo electronico 2",
            "nombre de pantalla de correo electronico 3")
        add(.phone(types: ["work"], slot: 1), "business phone", "telefono del trabajo")
        add(.phone(types: ["work"], slot: 2), "business phone 2")
        add(.phone(types: ["work", "fax"], slot: 3), "business fax", "fax del trabajo")
        add(.phone(types: ["home"], slot: 4), "home phone", "particular")
        add(.phone(types: ["home"], slot: 5), "home phone 2")
        add(.phone(types: ["home", "fax"], slot: 6), "home fax")
        add(.phone(types: ["cell"], slot: 7), "mobile phone", "telefono movil")
        add(.phone(types: [], slot: 8), "other phone", "otro telefono")
        add(.phone(types: ["fax"], slot: 9), "other fax", "otro fax")
        add(.phone(types: ["main"], slot: 10), "primary phone", "telefono principal")
        add(.phone(types: ["work", "main"], slot: 11), "company main phone", "numero de centralita de la organizacion")
        add(.phone(types: ["pager"], slot: 12), "pager", "localizador")
        add(.phone(types: ["car"], slot: 13), "car phone", "telefono del automovil")
        add(.phone(types: ["assistant"], slot: 14), "assistant's phone", "telefono del asistente")
        add(.phone(types: ["callback"], slot: 15), "callback", "devolucion de llamada")
        add(.phone(types: ["isdn"], slot: 16), "isdn", "rdsi")
        add(.phone(types: ["radio"], slot: 17), "radio phone", "radiotelefono")
        add(.phone(types: ["textphone"], slot: 18), "tty/tdd phone", "numero de teletipo")
        add(.phone(types: ["telex"], slot: 19), "telex", "telex")
        add(.url(types: ["work"], slot: 1), "web page", "pagina web")
        add(.url(types: ["home"], slot: 2), "personal web page")
        add(.note, "notes", "notas")
        add(.birthday, "birthday", "cumpleanos")
        add(.categories, "categories", "categorias")
        for (prefix, spanish, types, slot) in [
            ("business", ["calle del trabajo", "ciudad de trabajo", "provincia o estado de trabajo",
                          "codigo postal del trabajo", "pais o region del trabajo",
                          "apartado postal de la direccion del trabajo"], ["work"], 10),
            ("home", ["calle del domicilio", "ciudad del domicilio", "provincia o estado del domicilio",
                      "codigo postal del domicilio", "pais o region del domicilio",
                      "apartado postal de la direccion personal"], ["home"], 11),
            ("other", ["otra calle", "otra ciudad", "otra provincia o estado", "otro codigo postal",
                       "otro pais o region", "otro apartado postal"], [], 12),
        ] as [(String, [String], [String], Int)] {
            add(.address(part: .street, types: types, slot: slot), "\(prefix) street", spanish[0])
            add(.address(part: .street2, types: types, slot: slot), "\(prefix) street 2", spanish[0] + " 2")
            add(.address(part: .street3, types: types, slot: slot), "\(prefix) street 3", spanish[0] + " 3")
            add(.address(part: .city, types: types, slot: slot), "\(prefix) city", spanish[1])
            add(.address(part: .region, types: types, slot: slot), "\(prefix) state", spanish[2])
            add(.address(part: .postalCode, types: types, slot: slot), "\(prefix) postal code", spanish[3])
            add(.address(part: .country, types: types, slot: slot), "\(prefix) country/region", "\(prefix) country",
                spanish[4])
            add(.address(part: .poBox, types: types, slot: slot), "\(prefix) address po box", spanish[5])
            add(.address(part: .formatted, types: types, slot: slot), "\(prefix) address")
        }
        return map
    }()
}
