
/// The synonym table for spreadsheets people make themselves, in English and Spanish, and the
/// fallback for columns a specific profile does not name.
public struct GenericContactsProfile: CSVProfile {
    /// The profile's name, as ``CSVContactReader/profileName`` reports it: `generic`.
    public let name = "generic"

    /// Creates the profile (it has no state).
    public init() {}

    /// Always 1, the lowest score that counts: any profile that recognises the header wins.
    public func score(_ headers: [String]) -> Int { 1 }

    /// The role from the English and Spanish synonym table, else from a numbered group (`E-mail 2 - Value`).
    public func role(for header: String) -> CSVColumnRole? {
        if let role = Self.synonyms[header] { return role }
        return CSVHeader.numberedGroup(header)
    }

    /// Normalized header → role. Address columns of Outlook's business/home/other blocks live in
    /// ``OutlookContactsProfile``; these are the plain ones.
    static let synonyms: [String: CSVColumnRole] = {
        var map: [String: CSVColumnRole] = [:]
        func add(_ role: CSVColumnRole, _ names: String...) { for n in names { map[n] = role } }
        add(.fullName, "name", "full name", "fullname", "nombre completo", "nombre y apellidos", "display name",
            "contact name", "contact", "contacto", "person - name", "person name", "cliente", "nombre del cliente",
            "customer", "customer name", "client", "client name")
        add(.givenName, "first name", "firstname", "first", "given name", "nombre", "nombre de pila", "nombres",
            "person - first name")
        add(.middleName, "middle name", "additional name", "segundo nombre")
        add(.familyName, "last name", "lastname", "last", "surname", "family name", "apellidos", "apellido",
            "primer apellido", "person - last name")
        add(.prefix, "prefix", "name prefix", "honorific", "salutation", "tratamiento", "titulo de cortesia")
        add(.suffix, "suffix", "name suffix", "sufijo")
        add(.nickname, "nickname", "apodo", "alias", "nick")
        add(.organization, "company", "company name", "organization", "organisation", "organization name",
            "business", "business name", "empresa", "organizacion", "compania", "entidad", "account name", "organization - name", "employer", "parent id")
        add(.department, "department", "departamento", "organization department", "area")
        add(.title, "title", "job title", "position", "cargo", "puesto", "organization title", "designation",
            "person - job title", "occupation", "ocupacion", "profesion", "headline", "function")
        add(.role, "role", "rol", "funcion")
        add(.email(types: [], slot: 1), "email", "e-mail", "email address", "e-mail address", "mail", "correo",
            "correo electronico", "direccion de correo electronico", "direccion de correo", "email 1",
            "person - email", "emails", "primary email", "contact email", "email principal", "correo principal",
            "e-mail principal")
        add(.email(types: [], slot: 2), "email 2", "e-mail 2", "email 2 address", "e-mail 2 address", "correo 2",
            "correo electronico 2", "direccion de correo electronico 2", "secondary email", "otro correo")
        add(.email(types: [], slot: 3), "email 3", "e-mail 3", "email 3 address", "e-mail 3 address", "correo 3",
            "correo electronico 3", "direccion de correo electronico 3", "direccion del correo electronico 3")
        add(.email(types: ["work"], slot: 4), "work email", "business email", "correo del trabajo", "email trabajo",
            "email work", "work e-mail", "business e-mail", "office email", "correo corporativo", "email corporativo")
        add(.email(types: ["home"], slot: 5), "home email", "personal email", "correo personal", "email personal",
            "email home", "home e-mail", "private email", "email private")
        add(.email(types: [], slot: 6), "email other", "other email", "other e-mail", "alternate email", "alternative email")
        add(.phone(types: [], slot: 1), "phone", "telephone", "phone number", "telefono", "tel", "tlf", "tfno",
            "numero de telefono", "person - phone", "phone 1")
        add(.phone(types: ["cell"], slot: 2), "mobile", "mobile phone", "mobile phone number", "cell",
            "cell phone", "cellphone", "movil", "telefono movil", "celular", "telefono celular", "whatsapp")
        add(.phone(types: ["work"], slot: 3), "work phone", "business phone", "office phone", "telefono del trabajo",
            "telefono trabajo", "telefono oficina", "work phone number")
        add(.phone(types: ["home"], slot: 4), "home phone", "telefono particular", "telefono fijo", "fijo", "particular")
        add(.phone(types: ["fax"], slot: 5), "fax", "fax number")
        add(.phone(types: [], slot: 6), "phone 2", "telefono 2", "other phone", "otro telefono")
        add(.phone(types: [], slot: 7), "phone 3", "telefono 3")
        add(.url(types: [], slot: 1), "url", "website", "web site", "website url", "web", "web page", "pagina web",
            "sitio web", "homepage", "blog")
        add(.url(types: ["linkedin"], slot: 2), "linkedin", "linkedin url", "linkedin profile", "perfil de linkedin",
            "profile url", "linkedin profile url")
        add(.url(types: ["twitter"], slot: 3), "twitter", "x", "twitter url")
        add(.address(part: .street, types: [], slot: 1), "street", "street address", "address", "address 1",
            "direccion", "calle", "domicilio", "mailing street", "address line 1")
        add(.address(part: .street2, types: [], slot: 1), "address 2", "address line 2", "street 2")
        add(.address(part: .city, types: [], slot: 1), "city", "town", "ciudad", "localidad", "poblacion",
            "municipio", "mailing city")
        add(.address(part: .region, types: [], slot: 1), "state", "region", "province", "state/region",
            "state/province", "provincia", "estado", "comunidad autonoma", "mailing state/province")
        add(.address(part: .postalCode, types: [], slot: 1), "postal code", "postcode", "zip", "zip code",
            "zip/postal code", "codigo postal", "cp", "c.p.", "mailing zip/postal code")
        add(.address(part: .country, types: [], slot: 1), "country", "country/region", "pais", "nacion",
            "mailing country", "country id")
        add(.note, "notes", "note", "notas", "nota", "description", "descripcion", "comments", "comentarios",
            "observaciones", "note - content")
        add(.birthday, "birthday", "birth date", "date of birth", "cumpleanos", "fecha de nacimiento", "nacimiento")
        add(.categories, "categories", "category", "categorias", "categoria", "tags", "etiquetas", "labels",
            "groups", "grupos", "group membership", "category id", "person - labels")
        add(.eventName, "event", "evento", "event name", "nombre del evento", "met at", "conocido en", "lugar",
            "feria", "congreso")
        add(.eventDate, "date", "fecha", "date met", "event date", "fecha del evento", "met on", "fecha de contacto", "met date")
        add(.connectedOn, "connected on", "conectado el")
        add(.uid, "uid", "contact id", "record id", "rec id")
        add(.isCompany, "is company", "es empresa")
        return map
    }()
}
