#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes from a file descriptor, read with `read(2)` (no Foundation buffering in the hot path).
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The path as given ("-" for standard input), for error messages.
    public let path: String

    /// Opens `path`; "-" means standard input.
    public init(path: String) throws(IOError) {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw IOError(path: path, reason: "is a directory")
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Whether `path` is a regular file (symbolic links followed): one that can be read twice.
    /// A pipe, a FIFO or a terminal gives its bytes once (`<(zcat contacts.csv.gz)`), and opening
    /// a FIFO waits for a writer.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Appends up to `maxCount` bytes from one `read(2)` to `buffer` and returns how many; 0 means the end.
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
            throw IOError(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.removeLast(maxCount - got)
        return got
    }
}
