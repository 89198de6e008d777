import ArgumentParser
import Foundation
@preconcurrency import Rainbow
#if canImport(Glibc)
import Glibc
#endif

/// `--color`.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Whether to colour what goes to a terminal. `auto` colours a terminal unless `NO_COLOR` is set
/// (https://no-color.org) or `TERM` is `dumb`; files and pipes are never coloured, so scripts and
/// logs get plain text. The escape codes come from Rainbow.
enum Terminal {
    /// The run's mode, from `--color`.
    nonisolated(unsafe) static var mode = ColorMode.auto

    /// The decision for standard output and standard error, made once per run: reading the
    /// environment for every warning took an eighth of a run that prints many.
    nonisolated(unsafe) private static var decided: (out: Bool, err: Bool)?

    /// Whether output on `fd` (1 or 2) is coloured.
    static func colours(_ fd: Int32) -> Bool {
        if let decided { return fd == 2 ? decided.err : decided.out }
        return decide(fd)
    }

    private static func decide(_ fd: Int32) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            return isatty(fd) == 1 && env["TERM"] != "dumb"
        }
    }

    /// Sets the mode, and lets Rainbow write codes: the decision is ``colours(_:)``'s, per stream.
    static func configure(_ mode: ColorMode) {
        self.mode = mode
        decided = (decide(1), decide(2))
        Rainbow.enabled = true
        Rainbow.outputTarget = .console
    }
}

extension String {
    /// The text with `style` applied when `fd` is coloured, else as it is.
    func styled(_ style: (String) -> String, on fd: Int32 = 1) -> String {
        Terminal.colours(fd) ? style(self) : self
    }
}
