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
    /// Where the page went deeper than the depth limit (the first line cut) and how many elements
    /// were cut; nil when it did not.
    public private(set) var pruned: (line: Int, removed: Int)?

    /// libxml2 must initialise its globals once before threads use it: two first parses at the
    /// same time can deadlock inside its lazy initialisation. A static `let` runs exactly once.
    private static let initialised: Void = xmlInitParser()

    /// Parses `bytes` as HTML, or nil when nothing parses; `url` is the base URL until a `<base href>`.
    ///
    /// - Parameters:
    ///   - encoding: the charset to read the bytes in; nil lets libxml2 use the page's `<meta>`.
    ///   - maxDepth: elements nested deeper are cut from the tree as soon as it is parsed
    ///     (``pruned`` says where), before anything walks it.
    public init?(bytes: [UInt8], encoding: String?, url: String? = nil, maxDepth: Int = ReadLimits.standard.depth) {
        _ = Self.initialised
        // BIG_LINES: line numbers past 65,535 (saved pages are long). No NOBLANKS: spaces between
        // inline elements are text.
        // HUGE: without it libxml2 stops reading at 256 levels of nesting, silently (errors are
        // off), and everything after the deep part of the page is lost; the depth limit is
        // cardtool's own (``prune(below:)``).
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_HUGE.rawValue)
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        // A parser context of our own, so the big-line option reaches the text nodes (the plain
        // htmlReadMemory path drops it).
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        context.pointee.options |= Int32(XML_PARSE_BIG_LINES.rawValue | XML_PARSE_HUGE.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(p.count), url, encoding, options)
            }
        }
        guard let doc else { return nil }
        pointer = doc
        baseURL = url
        pruned = prune(below: maxDepth)
        if let base = root?.first(where: { $0.name == "base" && $0.attribute("href") != nil })?.attribute("href") {
            baseURL = base
        }
    }

    deinit {
        // Whatever is left is at most `depth` deep (``prune(below:)``): freeing it cannot exhaust the stack.
        xmlFreeDoc(pointer)
    }

    /// Removes every element nested deeper than `depth` below the root, iteratively, and returns
    /// the line of the first one removed and how many elements went.
    ///
    /// Everything that reads the tree (microformats, tables, text) walks it recursively, and a
    /// hostile page nested 200,000 deep would overflow a thread's stack; past any real page's
    /// depth, nothing is a contact anyway. The caller says so in a diagnostic.
    func prune(below depth: Int) -> (line: Int, removed: Int)? {
        guard let top = xmlDocGetRootElement(pointer) else { return nil }
        var firstLine: Int?
        var removed = 0
        // Depth-first over the tree with parent links, no recursion.
        var node: xmlNodePtr? = top
        var level = 1
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE && level >= depth {
                // Detach the children of an element at the limit, then free them leaf first.
                var child = current.pointee.children
                while let c = child {
                    let next = c.pointee.next
                    if c.pointee.type == XML_ELEMENT_NODE {
                        if firstLine == nil { firstLine = Int(xmlGetLineNo(c)) }
                        xmlUnlinkNode(c)
                        removed += Self.freeIteratively(c)
                    }
                    child = next
                }
            }
            // Next node in document order: down, else along, else up and along.
            if level < depth, let child = current.pointee.children {
                node = child
                level += 1
                continue
            }
            var climb: xmlNodePtr? = current
            node = nil
            while let c = climb {
                if c == top { break }
                if let next = c.pointee.next {
                    node = next
                    break
                }
                climb = c.pointee.parent
                level -= 1
            }
        }
        guard let firstLine else { return nil }
        return (firstLine, removed)
    }

    /// Frees a detached subtree one leaf at a time (libxml2's own free recurses); returns the
    /// number of elements freed.
    private static func freeIteratively(_ root: xmlNodePtr) -> Int {
        var count = 0
        var node = root
        while true {
            while let child = node.pointee.children { node = child }
            let parent = node.pointee.parent
            if node.pointee.type == XML_ELEMENT_NODE { count += 1 }
            let done = node == root
            xmlUnlinkNode(node)
            xmlFreeNode(node)
            if done { return count }
            guard let parent else { return count }
            node = parent
        }
    }

    /// The `<html>` element (or whatever libxml2 made the root of a fragment).
    public var root: HTMLElement? {
        xmlDocGetRootElement(pointer).map { HTMLElement(node: $0, document: self) }
    }
}
