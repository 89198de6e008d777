// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for cardtool's readers and normalizers. Built apart from the main package, with
// the sanitizers on every module they reach (`make fuzz` runs scripts/fuzz.sh):
//
//   swift build -c debug --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// Each target is one `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
let package = Package(
    name: "CardFuzz",
    dependencies: [.package(name: "cardtool", path: "..")],
    targets: [
        .executableTarget(name: "FuzzVCard", dependencies: [.product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzHTML", dependencies: [.product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzName", dependencies: [.product(name: "CardNormalize", package: "cardtool")]),
        .executableTarget(name: "FuzzPhone", dependencies: [.product(name: "CardNormalize", package: "cardtool")]),
    ]
)
