#if canImport(Glibc)
import Glibc
#endif

/// Refuses an output that would overwrite one of the run's inputs (`cardtool merge a.vcf -o
/// a.vcf`), or two outputs that are one file, before anything is read: the input would be gone
/// by the time the output is complete.
public enum OutputSafety {
    /// The first output that is an input or an earlier output (the same file, whatever the path
    /// says: links and `./` included), with the path it collides with.
    public static func collision(outputs: [String], inputs: [String]) -> (output: String, other: String)? {
        var seen: [(id: FileID, path: String)] = inputs.compactMap { path in fileID(path).map { ($0, path) } }
        var names = Set(inputs)
        for output in outputs where output != "-" {
            if let id = fileID(output) {
                if let hit = seen.first(where: { $0.id == id }) { return (output, hit.path) }
                seen.append((id, output))
            } else if names.contains(output) && !output.hasPrefix("/dev/") {
                return (output, output)
            }
            names.insert(output)
        }
        return nil
    }

    struct FileID: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// Device and inode of an existing regular file (through links); nil for anything else
    /// (`/dev/null` may be every output at once).
    static func fileID(_ path: String) -> FileID? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
