import ArgumentParser
import CardParse

/// Which book: `--store PATH`, else `$CARDTOOL_STORE`, else `~/.local/share/cardtool/book.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event book: a SQLite file, or postgres://USER@HOST[:PORT]/DB for a team's book (default: $CARDTOOL_STORE, else $XDG_DATA_HOME/cardtool/book.sqlite).",
                                            valueName: "path"))
    var store: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("Who makes these changes, kept with each of them (default: the login name).", valueName: "name"))
    var actor: String?

    /// Opens the book; commands that only read do not create it.
    func open(printer: DiagnosticPrinter, create: Bool = true) throws -> EventBook {
        let path = BookLocation.path(option: store)
        do {
            return try EventBook(path: path, create: create, as: actor) {
                printer.summary("waiting for another cardtool to finish with the book…")
            }
        } catch {
            printer.fail(error.message)
            throw ExitCode(1)
        }
    }
}

extension DiagnosticPrinter {
    /// Runs a book operation, turning its error into `cardtool: error: …` and exit status 1.
    func book<T>(_ body: () throws(BookError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            fail(error.message)
            throw ExitCode(1)
        }
    }
}
