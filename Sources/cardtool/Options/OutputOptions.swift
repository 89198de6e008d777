import ArgumentParser
import CardParse

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
    if let hit = OutputSafety.collision(outputs: outputs.compactMap { $0 }, inputs: inputs) {
        let what = inputs.contains(hit.other) ? "input" : "output"
        throw ValidationError("'\(hit.output)' is also the \(what) '\(hit.other)'; write to another file.")
    }
}
