import ArgumentParser
import CardParse
import Foundation

/// Where the main output goes: a file, or standard output.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    /// Opens the output, or reports why not and ends the run with status 1.
    func open(printer: DiagnosticPrinter) throws -> ByteSink {
        try printer.exitOnFailure { try ByteSink(path: output) }
    }
}

extension DiagnosticPrinter {
    /// Runs `body`, turning a failure to open or write a file into `cardtool: error: cannot write …`
    /// and exit status 1.
    func exitOnFailure<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as IOError {
            fail("cannot write \(error.path): \(error.reason)")
            throw ExitCode(1)
        }
    }

    /// Writes a report file (clusters, pairs, review) whole, or ends the run with status 1.
    func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        try exitOnFailure {
            let sink = try ByteSink(path: path)
            try sink.write(bytes)
            try sink.commit()
        }
    }
}

/// Refuses, as a usage error before anything is read, an output that is one of the inputs or
/// another output (``OutputSafety``).
func refuseOverwriting(inputs: [String], outputs: [String?]) throws {
    // A folder input is the cards in it, and an output put in it would be read as one next time.
    let folders = inputs.filter { ContactImporter.folderCards($0) != nil }
    for output in outputs.compactMap({ $0 }) where output != "-" {
        let parent = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path
        if let folder = folders.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == parent }) {
            throw ValidationError("'\(output)' is inside the input folder '\(folder)'; write it elsewhere.")
        }
    }
    let files = inputs.flatMap { ContactImporter.folderCards($0) ?? [$0] }
    if let hit = OutputSafety.collision(outputs: outputs.compactMap { $0 }, inputs: files) {
        let what = inputs.contains(hit.other) ? "input" : "output"
        throw ValidationError("'\(hit.output)' is also the \(what) '\(hit.other)'; write to another file.")
    }
}
