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
