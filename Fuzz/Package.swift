// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for cardtool's readers and normalizers. Built apart from the main package, with
// the sanitizers on every module they reach (`make fuzz` runs scripts/fuzz.sh):
//
//   swift build -c debug --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// Each target is one test function, started through libFuzzer's driver (FuzzSupport).
let package = Package(
    name: "CardFuzz",
    dependencies: [.package(name: "cardtool", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzVCard", dependencies: ["FuzzSupport", .product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzSupport", .product(name: "CardFormats", package: "cardtool")]),
        .executableTarget(name: "FuzzName", dependencies: ["FuzzSupport", .product(name: "CardNormalize", package: "cardtool")]),
        .executableTarget(name: "FuzzPhone", dependencies: ["FuzzSupport", .product(name: "CardNormalize", package: "cardtool")]),
    ]
)
