import CardModel

/// Bytes already in memory (tests, stdin captured elsewhere).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// The bytes of any byte sequence.
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }
    /// The UTF-8 bytes of `text`.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    /// Appends up to `maxCount` of the remaining bytes to `buffer` and returns how many; 0 means the end.
    public mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let n = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<(offset + n)])
        offset += n
        return n
    }
}
