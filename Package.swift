// swift-tools-version: 6.0
import PackageDescription

// Layout: Model ← Diagnostics ← Input ← Formats ← (Normalize ← Dedup ← Store) ← Export ← Pipeline ← cardtool.
// C shim targets for libxml2 (CLibXML2) and libphonenumber (CPhoneNumber) join later as separate targets.
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
        .target(name: "CardParse"),
        .executableTarget(
            name: "cardtool",
            dependencies: [
                "CardParse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cardbench", dependencies: ["CardParse"]),
        .testTarget(name: "CardParseTests", dependencies: ["CardParse"]),
    ]
)
