import FuzzSupport
import CardFormats

/// Reads the bytes as vCard twice, sequentially and in parallel blocks with tight limits: neither
/// may crash, and both must hand out the same records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVCard(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let limits = ReadLimits(lineBytes: 256, photoBytes: 1024, columns: 8, depth: 8)
    guard let input = try? UnicodeInput(MemoryByteSource(bytes)),
          let again = try? UnicodeInput(MemoryByteSource(bytes)) else { return 0 }
    var sequential = VCardReader(input: input, file: "fuzz.vcf", limits: limits)
    var parallel = ParallelVCardReader(input: again, file: "fuzz.vcf", blockSize: 64, threads: 2, limits: limits)
    var one: [String] = [], other: [String] = []
    while let r = try? sequential.next() { one.append("\(r.outcome) \(r.source.line) \(r.contact?.fullName ?? "")") }
    while let r = try? parallel.next() { other.append("\(r.outcome) \(r.source.line) \(r.contact?.fullName ?? "")") }
    precondition(one == other, "sequential and parallel readers disagree")
    return 0
}

@_cdecl("FuzzVCard_main")
public func fuzzVCardMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        guard let data else { return 0 }
        return fuzzVCard(UnsafeRawPointer(data), count)
    }
}
