import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool book`: the book as a whole.
    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "book",
            abstract: "Work on the book as a whole: copy it between a SQLite file and PostgreSQL.",
            subcommands: [Copy.self]
        )

        static let examples = """
                  cardtool book copy ~/.local/share/cardtool/book.sqlite postgres://ana@db.example.internal/sales
                  cardtool book copy postgres://ana@db.example.internal/sales backup.sqlite
                """

        /// `cardtool book copy FROM TO`: the whole book into a new one, on either backend.
        struct Copy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "copy",
                abstract: "Copy a whole book (records, people, decisions, touches, history) into a new, empty book.",
                discussion: """
                    FROM and TO are each a SQLite file or a postgres://USER@HOST[:PORT]/DB address (the \
                    password from PGPASSWORD or ~/.pgpass). TO must be new or empty; the copy is one \
                    transaction there, and undo works on the copy as on the original.
                    """
            )

            @Argument(help: "The book to copy: a file or a postgres:// address.")
            var from: String
            @Argument(help: "The new book: a file or a postgres:// address.")
            var to: String
            @OptionGroup var diagnostics: DiagnosticOptions

            func run() throws {
                let printer = diagnostics.printer
                let source = try printer.book { () throws(BookError) in try EventBook(path: from, create: false) }
                let target = try printer.book { () throws(BookError) in try EventBook(path: to, create: true) }
                let copy = try printer.book { () throws(BookError) in try source.copy(to: target) }
                print("copied \(copy.rows("record")) records, \(copy.rows("person")) people, \(copy.rows("touch")) touches and "
                      + "\(copy.rows("change")) changes from \(source.path) to \(target.path)")
            }
        }
    }
}
