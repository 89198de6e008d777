// swift-tools-version: 6.0
import PackageDescription

// Layout: Model ← Diagnostics ← Input ← Formats ← (Normalize ← Dedup ← Store) ← Export ← Pipeline ← cardtool.
// C targets: CLibXML2 (system library, HTML parsing) and CPhoneNumber (C++ shim over libphonenumber).
let package = Package(
    name: "cardtool",
    products: [
        .library(name: "CardParse", targets: ["CardParse"]),
        .executable(name: "cardtool", targets: ["cardtool"]),
        .executable(name: "cardbench", targets: ["cardbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libxml2 through pkg-config, in the shape of GRDB's SQLite target.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libphonenumber (C++) behind a small extern "C" API.
        .target(
            name: "CPhoneNumber",
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("stdc++")]
        ),
        .target(name: "CardConcurrency"),
        .target(
            name: "CardParse",
            dependencies: ["CardConcurrency", "CLibXML2", "CPhoneNumber"],
            exclude: ["Normalize/LICENSE-nicknames_en.txt"]
        ),
        .executableTarget(
            name: "cardtool",
            dependencies: [
                "CardParse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cardbench", dependencies: ["CardParse"]),
        .testTarget(name: "CardParseTests", dependencies: ["CardParse"]),
    ],
    cxxLanguageStandard: .cxx17
)
