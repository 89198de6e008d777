/// Why the book could not be opened or changed, in words for the user.
///
/// Database errors are wrapped: their text names SQL and tables, not what went wrong for the
/// person using cardtool, and their arguments may hold contact data.
public struct BookError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The book was written by a newer cardtool; it is left untouched.
        case newerBook
        /// The file is not a book (another SQLite database, or not a database at all).
        case notABook
        /// No book at the path, for a command that only reads.
        case missing
        /// An id, e-mail or phone that names no one in the book.
        case unknownPerson
        /// An import number, record id or other argument the book does not have.
        case notFound
        /// Nothing to undo.
        case nothingToUndo
        /// The newest change was made by someone else on the team (undo takes changes back newest first).
        case someoneElsesChange
        /// The database failed (disk full, permissions, corruption).
        case database
    }

    /// What went wrong, for programs.
    public var kind: Kind
    /// What went wrong, for the user; holds no contact data beyond what they typed.
    public var message: String
    /// The book was locked by another cardtool where SQLite does not wait by itself (opening it
    /// while another creates it): worth trying again.
    var busy = false

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
