import FuzzSupport
import CardNormalize

/// Parses the bytes (as UTF-8 text) as a phone number, through the libphonenumber shim, in the
/// regions cardtool's users meet most.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPhone(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    for region in ["ES", "MX", "US"] { _ = normalizers[region]!.parse(text) }
    return 0
}

let normalizers = ["ES", "MX", "US"].reduce(into: [String: PhoneNormalizer]()) {
    $0[$1] = PhoneNormalizer(defaultRegion: $1)
}

@_cdecl("FuzzPhone_main")
public func fuzzPhoneMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, count in
        guard let data else { return 0 }
        return fuzzPhone(UnsafeRawPointer(data), count)
    }
}
