import FuzzSupport
import CardFormats

/// Reads the bytes as a CSV contact file with tight limits, so records over the limit, quotes
/// that never close and column overflow are all reached.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let limits = ReadLimits(lineBytes: 128, photoBytes: 128, columns: 6, depth: 8)
    guard let input = try? UnicodeInput(MemoryByteSource(bytes)),
          var reader = try? CSVContactReader(input: input, file: "fuzz.csv", limits: limits) else { return 0 }
    var lastLine = 0
    while let r = try? reader.next() {
        precondition(r.source.line >= lastLine, "rows go backwards")
        lastLine = r.source.line
        _ = reader.takeFileDiagnostics()
    }
    return 0
}

@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        guard let data else { return 0 }
        return fuzzCSV(UnsafeRawPointer(data), count)
    }
}
