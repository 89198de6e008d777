import CardConcurrency
#if canImport(Glibc)
import Glibc
#endif

/// Buffered output to a file or standard output, with `write(2)` underneath.
///
/// A file is written atomically: the bytes go to a temporary file in the same folder, and
/// ``commit()`` renames it over the target. A run that fails half-way, or is killed, leaves the
/// previous file as it was, never a truncated one. Targets that are not regular files
/// (`/dev/null`, a pipe) are written in place.
public final class ByteSink {
    private let fd: Int32
    private let path: String
    /// The temporary file renamed over `path` by ``commit()``; nil when writing in place.
    private var temporary: String?
    private var buffer: [UInt8] = []
    private let flushThreshold = 256 * 1024

    /// Opens `path` for writing (through a temporary file when it is, or will be, a regular
    /// file); nil or "-" means standard output.
    public init(path: String?) throws(IOError) {
        buffer.reserveCapacity(flushThreshold)
        guard let path, path != "-" else {
            fd = 1
            self.path = "<stdout>"
            return
        }
        var info = stat(), link = stat()
        let exists = stat(path, &info) == 0
        let dangling = !exists && lstat(path, &link) == 0
        // Written in place: devices and descriptors (`/dev/null`, `/dev/stdout` into a file the
        // shell appends to), pipes, a file with other hard links (a rename would part them), and a
        // symbolic link to a file not there yet.
        let inPlace = path.hasPrefix("/dev/") || path.hasPrefix("/proc/") || dangling
            || (exists && ((info.st_mode & S_IFMT) != S_IFREG || info.st_nlink > 1))
        if exists && !inPlace && access(path, W_OK) != 0 {
            throw IOError(path: path, reason: String(cString: strerror(errno)))
        }
        if !inPlace, let (opened, temporary, target) = Self.temporaryBeside(path, exists: exists, mode: info.st_mode) {
            fd = opened
            self.temporary = temporary
            self.path = target
            InterruptCleanup.remember(temporary)
            return
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard opened >= 0 else { throw IOError(path: path, reason: String(cString: strerror(errno))) }
        fd = opened
        self.path = path
    }

    /// A new temporary file beside the target (a symbolic link's target, so the rename stays on
    /// one file system), with the mode the target has or a new file would get; nil when the
    /// folder cannot take one (the target is then written in place).
    private static func temporaryBeside(_ path: String, exists: Bool, mode: mode_t) -> (Int32, String, String)? {
        let target = exists ? (resolved(path) ?? path) : path
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        InterruptCleanup.prepare()
        var template = Array((folder + "." + name + ".cardtool-XXXXXX").utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else { return nil }
        fchmod(opened, exists ? mode & 0o7777 : 0o666 & ~creationMask)
        return (opened, String(cString: template.withUnsafeBufferPointer { $0.baseAddress! }), target)
    }

    /// The process's file creation mask, read once (reading it means setting it).
    private static let creationMask: mode_t = {
        let mask = umask(0)
        umask(mask)
        return mask
    }()

    /// `path` with symbolic links resolved, when it exists.
    private static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    deinit {
        if temporary != nil {
            // Never committed: the run failed, and the target keeps its previous content.
            close(fd)
            discard()
        } else {
            try? flush()
            if fd != 1 { close(fd) }
        }
    }

    /// Buffers `bytes`, writing the buffer out once it holds 256 KiB or more.
    public func write(_ bytes: [UInt8]) throws(IOError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out everything buffered (to the temporary file until ``commit()``).
    public func flush() throws(IOError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll()
                discard()
                throw IOError(path: path, reason: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out everything and puts the file in place: flushed to disk, then renamed over the
    /// target in one step. Standard output and in-place targets are only flushed.
    public func commit() throws(IOError) {
        try flush()
        guard let temporary else { return }
        if fsync(fd) != 0 || rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw IOError(path: path, reason: reason)
        }
        InterruptCleanup.forget(temporary)
        self.temporary = nil
    }

    private func discard() {
        if let temporary {
            unlink(temporary)
            InterruptCleanup.forget(temporary)
        }
        temporary = nil
    }
}
