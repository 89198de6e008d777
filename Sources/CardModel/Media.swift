import Foundation

/// A photo, logo, sound or key: inline bytes with their media type, or a URI pointing elsewhere.
public struct Media: Sendable, Codable, Equatable, Hashable {
    /// Decoded bytes when the source embedded them (base64 or a `data:` URI).
    public var data: Data?
    /// A full media type ("image/jpeg") when known.
    public var mediaType: String?
    /// A link when the source referenced the media instead of embedding it.
    public var uri: String?

    /// Creates media from inline bytes with their type, or from a URI.
    public init(data: Data? = nil, mediaType: String? = nil, uri: String? = nil) {
        self.data = data
        self.mediaType = mediaType
        self.uri = uri
    }
}
