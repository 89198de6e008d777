import CardModel
import Foundation

/// `PHOTO`, `LOGO`, `SOUND`, `KEY`: inline bytes (`ENCODING=b`/`BASE64` before 4.0, `data:` URIs in 4.0)
/// or a link. Bytes are decoded so writers can re-encode them for either version.
struct MediaScribe: VCardPropertyScribe {
    enum Kind: Sendable {
        case photo, logo, sound, key
    }

    let kind: Kind

    var propertyNames: [String] { [name] }

    private var name: String {
        switch kind {
        case .photo: "PHOTO"
        case .logo: "LOGO"
        case .sound: "SOUND"
        case .key: "KEY"
        }
    }

    /// The top-level media type that a bare 2.1/3.0 `TYPE=JPEG` belongs to.
    private var defaultTopLevel: String {
        switch kind {
        case .photo, .logo: "image"
        case .sound: "audio"
        case .key: "application"
        }
    }

    private func get(_ contact: Contact) -> Media? {
        switch kind {
        case .photo: contact.photo
        case .logo: contact.logo
        case .sound: contact.sound
        case .key: contact.key
        }
    }

    private func set(_ contact: inout Contact, _ media: Media) {
        switch kind {
        case .photo: contact.photo = media
        case .logo: contact.logo = media
        case .sound: contact.sound = media
        case .key: contact.key = media
        }
    }

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard get(contact) == nil else { return false }
        let value = property.value.trimmed()
        if value.isEmpty { return true }
        let declaredType = property.parameter("MEDIATYPE") ?? property.types.first
        let mediaType = declaredType.map(fullMediaType)
        if property.isBase64 {
            guard let data = Data(base64Encoded: String(value), options: .ignoreUnknownCharacters), !data.isEmpty else {
                context.warn(.vcardBase64, "\(name) is not valid base64; kept as written", line: property.line)
                return false
            }
            set(&contact, Media(data: data, mediaType: mediaType))
            return true
        }
        if value.prefix(5).lowercased() == "data:" {
            guard let media = Self.parseDataURI(value.dropFirst(5)) else {
                context.warn(.vcardBase64, "\(name) has a malformed data: URI; kept as written", line: property.line)
                return false
            }
            if media.data?.isEmpty == false { set(&contact, media) }
            return true
        }
        set(&contact, Media(mediaType: mediaType, uri: VCardValueCoding.unescape(String(value), version: .v3_0)))
        return true
    }

    private func fullMediaType(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.contains("/") ? lower : defaultTopLevel + "/" + lower
    }

    /// `data:[<mediatype>][;base64],<data>`.
    static func parseDataURI(_ rest: Substring) -> Media? {
        guard let comma = rest.firstIndex(of: ",") else { return nil }
        var header = rest[..<comma].split(separator: ";").map { $0.lowercased() }
        let payload = String(rest[rest.index(after: comma)...])
        let isBase64 = header.last == "base64"
        if isBase64 { header.removeLast() }
        let mediaType = header.first.flatMap { $0.contains("/") ? $0 : nil }
        let data: Data?
        if isBase64 {
            data = Data(base64Encoded: payload, options: .ignoreUnknownCharacters)
        } else {
            data = Data(payload.removingPercentEncodingLeniently.utf8)
        }
        guard let data else { return nil }
        return Media(data: data, mediaType: mediaType)
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard let media = get(contact) else { return }
        if let data = media.data {
            let base64 = data.base64EncodedString()
            if emitter.version == .v4_0 {
                emitter.emit(name, value: "data:\(media.mediaType ?? "");base64,\(base64)")
            } else {
                var parameters: [RawProperty.Parameter] = [.init(name: "ENCODING", values: ["b"])]
                if let type = media.mediaType { parameters.append(.init(name: "TYPE", values: [shortType(type)])) }
                emitter.emit(name, parameters: parameters, value: base64)
            }
        } else if let uri = media.uri {
            var parameters: [RawProperty.Parameter] = []
            if emitter.version == .v4_0 {
                if let type = media.mediaType { parameters.append(.init(name: "MEDIATYPE", values: [type])) }
            } else {
                parameters.append(.init(name: "VALUE", values: ["uri"]))
                if let type = media.mediaType { parameters.append(.init(name: "TYPE", values: [shortType(type)])) }
            }
            emitter.emit(name, parameters: parameters, value: VCardValueCoding.escapeURI(uri))
        }
    }

    /// "image/jpeg" → "JPEG" for 3.0's `TYPE=`, when the top level is the property's usual one.
    private func shortType(_ mediaType: String) -> String {
        let prefix = defaultTopLevel + "/"
        return mediaType.hasPrefix(prefix) ? String(mediaType.dropFirst(prefix.count)).uppercased() : mediaType
    }
}
