#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull source of raw bytes: files, standard input, memory.
///
/// Readers pull fixed-size chunks so memory stays flat however large the input is.
public protocol ByteSource {
    /// Appends up to `maxCount` bytes to `buffer` and returns how many; 0 means the end.
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int
}

/// An I/O failure, with the path and the system's reason.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// Bytes from a file descriptor, read with `read(2)` (no Foundation buffering in the hot path).
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    public let path: String

    /// Opens `path`; "-" means standard input.
    public init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw InputError(path: path, reason: "is a directory")
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    public func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let start = buffer.count
        buffer.reserveCapacity(start + maxCount)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: maxCount))
        while true {
            got = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + start, maxCount)
            }
            if got < 0 && errno == EINTR { continue }
            break
        }
        if got < 0 {
            buffer.removeLast(maxCount)
            throw InputError(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.removeLast(maxCount - got)
        return got
    }
}

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
