
/// Enough of RFC 3986 reference resolution for contact pages: absolute URLs stay, `mailto:` and
/// `tel:` stay, `//host/x`, `/x` and `x` are resolved against the base.
enum URLResolver {
    static func resolve(_ reference: String, against base: String) -> String {
        if let colon = reference.firstIndex(of: ":"),
           reference[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
           reference[..<colon].first?.isLetter == true {
            return reference  // has a scheme
        }
        guard let schemeEnd = base.range(of: "://") else { return reference }
        let scheme = base[..<schemeEnd.lowerBound]
        let afterScheme = base[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let host = afterScheme[..<hostEnd]
        if reference.hasPrefix("//") { return "\(scheme):\(reference)" }
        if reference.hasPrefix("/") { return "\(scheme)://\(host)\(reference)" }
        var path = String(afterScheme[hostEnd...])
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<q]) }
        if let slash = path.lastIndex(of: "/") { path = String(path[...slash]) } else { path = "/" }
        return "\(scheme)://\(host)\(path)\(reference)"
    }
}
