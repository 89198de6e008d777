import FuzzSupport
import CardModel
import CardNormalize

/// Splits and cleans the bytes (as UTF-8 text) as a person's full name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzName(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let parsed = NameNormalizer.parse(text)
    _ = NameNormalizer.clean(PersonName(family: text, given: text))
    _ = parsed
    return 0
}

@_cdecl("FuzzName_main")
public func fuzzNameMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        guard let data else { return 0 }
        return fuzzName(UnsafeRawPointer(data), count)
    }
}
