import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// An element of an ``HTMLDocument``.
public struct HTMLElement {
    let node: xmlNodePtr
    /// Keeps the document (and so this node) alive.
    let document: HTMLDocument

    /// The lower-case tag name.
    public var name: String {
        String(cString: node.pointee.name)
    }

    /// Whether the tag name is `tag`, without building a string (the walks ask this of every element).
    public func isNamed(_ tag: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(node.pointee.name).assumingMemoryBound(to: CChar.self),
               UnsafeRawPointer(tag.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Whether the `class` attribute contains `fragment` anywhere (a cheap pre-check before
    /// splitting the class list).
    public func classAttributeContains(_ fragment: StaticString) -> Bool {
        guard let value = xmlGetProp(node, "class") else { return false }
        defer { cardtool_xml_free(value) }
        return strstr(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(fragment.utf8Start).assumingMemoryBound(to: CChar.self)) != nil
    }

    /// The physical line of the element's start tag.
    public var line: Int {
        Int(xmlGetLineNo(node))
    }

    /// The value of the attribute `name`, or nil when the element does not have it.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cardtool_xml_free(value) }
        return String(cString: value)
    }

    /// The class names, in order.
    public var classes: [String] {
        guard let value = xmlGetProp(node, "class") else { return [] }
        defer { cardtool_xml_free(value) }
        var result: [String] = []
        var start = value
        var p = value
        while true {
            let b = p.pointee
            if b == 0 || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                if p > start {
                    result.append(String(decoding: UnsafeBufferPointer(start: start, count: p - start), as: UTF8.self))
                }
                if b == 0 { break }
                start = p + 1
            }
            p += 1
        }
        return result
    }

    /// Whether `name` is one of the element's class names (a whole name, not part of one).
    public func hasClass(_ name: String) -> Bool {
        classes.contains(name)
    }

    /// Child elements (text, comments and the like skipped).
    public var children: [HTMLElement] {
        var result: [HTMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(HTMLElement(node: c, document: document)) }
            child = c.pointee.next
        }
        return result
    }

    /// The parent element, or nil at the root.
    public var parent: HTMLElement? {
        guard let p = node.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLElement(node: p, document: document)
    }

    /// All text inside, in document order (script and style content excluded).
    public var text: String {
        text { _ in false }
    }

    /// Text inside, leaving out elements for which `skip` is true (LinkedIn's `visually-hidden`).
    public func text(skipping skip: (HTMLElement) -> Bool) -> String {
        var out: [UInt8] = []
        let document = self.document
        Self.appendText(node, into: &out) { skip(HTMLElement(node: $0, document: document)) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendText(_ node: xmlNodePtr, into out: inout [UInt8], skipping skip: (xmlNodePtr) -> Bool) {
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    var p = content
                    while p.pointee != 0 {
                        out.append(p.pointee)
                        p += 1
                    }
                }
            case XML_ELEMENT_NODE:
                let name = String(cString: c.pointee.name)
                if name != "script" && name != "style" && !skip(c) {
                    if name == "br" { out.append(0x0A) }
                    appendText(c, into: &out, skipping: skip)
                }
            default:
                break
            }
            child = c.pointee.next
        }
    }

    /// Calls `body` for this element and every element below it, in document order; `body`
    /// returns false to skip an element's descendants.
    public func walk(_ body: (HTMLElement) -> Bool) {
        guard body(self) else { return }
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { HTMLElement(node: c, document: document).walk(body) }
            child = c.pointee.next
        }
    }

    /// The first element (this one or below) matching `predicate`.
    public func first(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        var found: HTMLElement?
        walk { element in
            if found != nil { return false }
            if predicate(element) {
                found = element
                return false
            }
            return true
        }
        return found
    }

    /// Whether two values are the same node.
    public func isSame(as other: HTMLElement) -> Bool { node == other.node }
}
