import Foundation

/// Where the book lives: `--store PATH`, else `$CARDTOOL_STORE`, else
/// `$XDG_DATA_HOME/cardtool/book.sqlite` (`~/.local/share/cardtool/book.sqlite`), as the XDG base
/// directories say user data goes.
public enum BookLocation {
    /// The book's path for the option and environment given.
    public static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let store = environment["CARDTOOL_STORE"], !store.isEmpty { return store }
        let data: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            data = xdg
        } else {
            data = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return data + "/cardtool/book.sqlite"
    }
}
