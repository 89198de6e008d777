import CardModel

/// Bytes already in memory (tests, stdin captured elsewhere).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let n = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<(offset + n)])
        offset += n
        return n
    }
}
