import FuzzSupport
import CardFormats

/// Parses the bytes as an HTML page and extracts its contacts with a shallow depth limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let input = try? UnicodeInput(MemoryByteSource(bytes)),
          var reader = try? HTMLContactReader(input: input, file: "fuzz.html",
                                              limits: ReadLimits(lineBytes: 1, photoBytes: 1, columns: 8, depth: 12)) else { return 0 }
    while (try? reader.next()) != nil {}
    return 0
}

@_cdecl("FuzzHTML_main")
public func fuzzHTMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        guard let data else { return 0 }
        return fuzzHTML(UnsafeRawPointer(data), count)
    }
}
