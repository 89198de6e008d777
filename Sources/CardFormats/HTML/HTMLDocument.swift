import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// An HTML page parsed by libxml2, owned and freed by this object.
///
/// libxml2's HTML parser recovers from broken markup the way browsers do, never touches the
/// network (`HTML_PARSE_NONET`) and keeps quiet about errors (they are the page's, not the user's).
/// Nodes (``HTMLElement``) hold a reference to their document, so the tree lives as long as any of them.
public final class HTMLDocument {
    let pointer: htmlDocPtr
    /// The page's base URL (`<base href>`), for resolving relative links.
    public private(set) var baseURL: String?

    /// libxml2 must initialise its globals once before threads use it: two first parses at the
    /// same time can deadlock inside its lazy initialisation. A static `let` runs exactly once.
    private static let initialised: Void = xmlInitParser()

    /// Parses `bytes` as HTML, or nil when nothing parses; `url` is the base URL until a `<base href>`.
    ///
    /// - Parameters:
    ///   - encoding: the charset to read the bytes in; nil lets libxml2 use the page's `<meta>`.
    public init?(bytes: [UInt8], encoding: String?, url: String? = nil) {
        _ = Self.initialised
        // BIG_LINES: line numbers past 65,535 (saved pages are long). No NOBLANKS: spaces between
        // inline elements are text.
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        // A parser context of our own, so the big-line option reaches the text nodes (the plain
        // htmlReadMemory path drops it).
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        context.pointee.options |= Int32(XML_PARSE_BIG_LINES.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(p.count), url, encoding, options)
            }
        }
        guard let doc else { return nil }
        pointer = doc
        baseURL = url
        if let base = root?.first(where: { $0.name == "base" && $0.attribute("href") != nil })?.attribute("href") {
            baseURL = base
        }
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The `<html>` element (or whatever libxml2 made the root of a fragment).
    public var root: HTMLElement? {
        xmlDocGetRootElement(pointer).map { HTMLElement(node: $0, document: self) }
    }
}
