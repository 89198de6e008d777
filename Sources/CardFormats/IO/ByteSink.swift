#if canImport(Glibc)
import Glibc
#endif

/// Buffered output to a file or standard output, with `write(2)` underneath.
public final class ByteSink {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private let flushThreshold = 256 * 1024

    /// Opens (creating or truncating) `path`; nil or "-" means standard output.
    public init(path: String?) throws(IOError) {
        if let path, path != "-" {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard opened >= 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
            fd = opened
            self.path = path
        } else {
            fd = 1
            self.path = "<stdout>"
        }
        buffer.reserveCapacity(flushThreshold)
    }

    deinit {
        try? flush()
        if fd != 1 { close(fd) }
    }

    /// Buffers `bytes`, writing the buffer out once it holds 256 KiB or more.
    public func write(_ bytes: [UInt8]) throws(IOError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out everything buffered; releasing the sink does this too, ignoring errors.
    public func flush() throws(IOError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll()
                throw IOError(path: path, reason: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
