// swift-tools-version: 6.0
import PackageDescription

// The stages are modules, and a module sees only the stages below it, so the compiler refuses a
// back-edge:
//
//   CardModel ← CardFormats ← CardNormalize ← CardDedup ← CardExport ← CardStore ← CardParse ← cardtool
//
// CardModel: the contact model and diagnostics. CardFormats: byte I/O, the vCard, CSV and HTML
// readers, the vCard and CSV writers. CardNormalize: names, phones, e-mails, URLs, and the importer
// (files in, normalized contacts out). CardDedup: matching and merging. CardExport: JSON Lines and
// the CRM layouts. CardStore: the event book (SQLite through GRDB). CardParse re-exports them all
// for library users. Export sits below the book so the book writes its people through the same
// exporters.
// CardConcurrency (the ordered pipeline and the parallel map) sits under every stage.
// C targets: CLibXML2 (system library, HTML parsing) and CPhoneNumber (C++ shim over libphonenumber).

/// Release builds optimize across the stage modules as if they were one (small helpers such as
/// `String.trimmed()` are called from every stage's inner loops).
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "cardtool",
    products: [
        .library(name: "CardParse", targets: ["CardParse"]),
        // The readers and normalizers alone, for the fuzz targets in Fuzz/ (no SQLite to build).
        .library(name: "CardFormats", targets: ["CardFormats"]),
        .library(name: "CardNormalize", targets: ["CardNormalize"]),
        .executable(name: "cardtool", targets: ["cardtool"]),
        .executable(name: "cardbench", targets: ["cardbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        // The team book on PostgreSQL; swift-nio, swift-nio-ssl and swift-log come with it and are
        // named for the event loop, TLS and a silent logger.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("protobuf"), .linkedLibrary("stdc++")]
        ),
        // A prefetch hint, which Swift lacks (header-only).
        .target(name: "CPrefetch"),
        .target(name: "CardConcurrency", dependencies: ["CPrefetch"], swiftSettings: crossModule),
        .target(name: "CardModel", swiftSettings: crossModule),
        .target(name: "CardFormats", dependencies: ["CardModel", "CardConcurrency", "CLibXML2"], swiftSettings: crossModule),
        .target(
            name: "CardNormalize",
            dependencies: ["CardFormats", "CPhoneNumber"],
            exclude: ["Resources/LICENSE-nicknames_en.txt"],
            // The nickname tables, as the CSV files they are, compiled into the library: no
            // resource bundle to install beside the binary.
            resources: [.embedInCode("Resources/nicknames_en.csv"), .embedInCode("Resources/nicknames_es.csv"),
                        .embedInCode("Resources/nicknames_extra.csv")],
            swiftSettings: crossModule
        ),
        .target(name: "CardDedup", dependencies: ["CardNormalize"], swiftSettings: crossModule),
        .target(name: "CardExport", dependencies: ["CardDedup"], swiftSettings: crossModule),
        .target(
            name: "CardStore",
            dependencies: [
                "CardExport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: crossModule
        ),
        .target(name: "CardParse", dependencies: ["CardStore"], swiftSettings: crossModule),
        .executableTarget(
            name: "cardtool",
            dependencies: [
                "CardParse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ],
            swiftSettings: crossModule
        ),
        .executableTarget(name: "cardbench", dependencies: ["CardParse"], swiftSettings: crossModule),
        .testTarget(name: "CardParseTests", dependencies: ["CardParse", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    cxxLanguageStandard: .cxx17
)
