import CardModel
import Foundation

extension MatchReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no script, no external
    /// asset (contacts are personal data; the page must open offline and send nothing anywhere).
    /// Every value from a contact is escaped.
    public func html() -> String {
        var h = HTMLText()
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        h.raw("<title>"); h.text(title); h.raw("</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n")
        h.raw("<header id=\"summary\">\n<h1>"); h.text(title); h.raw("</h1>\n<p class=\"line\">"); h.text(summary); h.raw("</p>\n")
        h.raw("<table class=\"counts\">\n")
        for (label, value) in counts {
            h.raw("<tr><th scope=\"row\">"); h.text(label); h.raw("</th><td>\(value)</td></tr>\n")
        }
        h.raw("</table>\n")
        h.raw("<nav><a href=\"#merged\">Merged people (\(merged.count + mergedOmitted))</a> · <a href=\"#review\">Pairs to review (\(review.count + reviewOmitted))</a></nav>\n")
        h.raw("</header>\n")
        if !peoplePerEvent.isEmpty {
            h.raw("<section id=\"events\">\n<h2>People per event</h2>\n")
            eventChart(&h)
            h.raw("</section>\n")
        }
        if !eventYield.isEmpty {
            h.raw("<section id=\"yield\">\n<h2>What each event gave</h2>\n")
            yieldChart(&h)
            h.raw("</section>\n")
        }
        h.raw("<section id=\"merged\">\n<h2>Merged people (\(merged.count + mergedOmitted))</h2>\n")
        if merged.isEmpty { h.raw("<p class=\"none\">No records were merged.</p>\n") }
        for group in merged { self.group(group, into: &h) }
        if mergedOmitted > 0 { h.raw("<p class=\"more\">… and \(mergedOmitted) more merged people, not shown here.</p>\n") }
        h.raw("</section>\n")
        h.raw("<section id=\"review\">\n<h2>Pairs to review (\(review.count + reviewOmitted))</h2>\n")
        if review.isEmpty { h.raw("<p class=\"none\">No pairs are waiting for review.</p>\n") }
        for group in review { self.group(group, into: &h) }
        if reviewOmitted > 0 { h.raw("<p class=\"more\">… and \(reviewOmitted) more pairs, not shown here.</p>\n") }
        h.raw("</section>\n")
        h.raw("<footer>Written by cardtool. This page holds personal data: keep it where the contacts are kept.</footer>\n")
        h.raw("</body>\n</html>\n")
        return h.out
    }

    /// Horizontal bars, one per event, in inline SVG (drawn without script or stylesheet).
    private func eventChart(_ h: inout HTMLText) {
        let shown = Array(peoplePerEvent.prefix(30))
        let most = max(1, shown.map(\.people).max() ?? 1)
        let row = 26, labelWidth = 300, barWidth = 360
        let height = shown.count * row + 8
        h.raw("<svg class=\"chart\" role=\"img\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        h.raw("<title>People per event</title>\n")
        for (i, item) in shown.enumerated() {
            let y = i * row + 4
            let w = max(2, item.people * barWidth / most)
            let label = item.event.count > 42 ? String(item.event.prefix(41)) + "…" : item.event
            h.raw("<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">"); h.text(label); h.raw("</text>")
            h.raw("<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"18\" fill=\"#3b7dd8\"/>")
            h.raw("<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 17)\">\(item.people)</text>\n")
        }
        h.raw("</svg>\n")
        if peoplePerEvent.count > shown.count {
            h.raw("<p class=\"more\">… and \(peoplePerEvent.count - shown.count) more events.</p>\n")
        }
    }

    /// Per event, three bars side by side: new people, followed up, still in touch.
    private func yieldChart(_ h: inout HTMLText) {
        let shown = Array(eventYield.suffix(30))
        let most = max(1, shown.map(\.new).max() ?? 1)
        let row = 62, labelWidth = 300, barWidth = 360
        let series: [(String, String, KeyPath<(event: String, new: Int, followedUp: Int, inTouch: Int), Int>)] = [
            ("new people", "#3b7dd8", \.new), ("followed up", "#2f9e44", \.followedUp), ("still in touch", "#e8890c", \.inTouch),
        ]
        let height = shown.count * row + 30
        h.raw("<svg class=\"chart\" role=\"img\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        h.raw("<title>New people, followed up and still in touch, per event</title>\n")
        for (k, (label, colour, _)) in series.enumerated() {
            let x = labelWidth + k * 130
            h.raw("<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(colour)\"/><text x=\"\(x + 16)\" y=\"15\">\(label)</text>\n")
        }
        for (i, item) in shown.enumerated() {
            let y = 26 + i * row
            let name = item.event.count > 42 ? String(item.event.prefix(41)) + "…" : item.event
            h.raw("<text x=\"\(labelWidth - 8)\" y=\"\(y + 30)\" text-anchor=\"end\">"); h.text(name); h.raw("</text>")
            for (k, (_, colour, path)) in series.enumerated() {
                let value = item[keyPath: path]
                let w = max(value > 0 ? 2 : 0, value * barWidth / most)
                h.raw("<rect x=\"\(labelWidth)\" y=\"\(y + 4 + k * 17)\" width=\"\(w)\" height=\"15\" fill=\"\(colour)\"/>")
                h.raw("<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16 + k * 17)\">\(value)</text>")
            }
            h.raw("\n")
        }
        h.raw("</svg>\n")
    }

    /// One merged person or one pair: records side by side, then each pair's weights as bars.
    private func group(_ g: Group, into h: inout HTMLText) {
        let name = (g.result ?? g.records.first).flatMap { $0.fullName ?? $0.name?.displayName } ?? "(no name)"
        let kind = g.result == nil ? "pair" : "person"
        h.raw("<article class=\"\(kind)\">\n<h3>"); h.text(name); h.raw(" <small>"); h.text(g.id)
        h.raw(" · \(g.records.count) records</small></h3>\n")
        h.raw("<div class=\"scroll\"><table class=\"side\">\n<thead><tr><th></th>")
        for (i, c) in g.records.enumerated() {
            h.raw("<th scope=\"col\"><b>#\(i + 1)</b> ")
            if i < g.recordLabels.count { h.text(g.recordLabels[i]); h.raw("<br>") }
            h.text(c.source.map { "\($0.file):\($0.line)" } ?? "record \(i + 1)")
            if let e = c.events.first.flatMap(Self.eventLabel) { h.raw("<br><span class=\"event\">"); h.text(e); h.raw("</span>") }
            h.raw("</th>")
        }
        if g.result != nil { h.raw("<th scope=\"col\" class=\"result\">Merged result</th>") }
        h.raw("</tr></thead>\n<tbody>\n")
        let columns = g.records + (g.result.map { [$0] } ?? [])
        for (label, cells) in Self.sideBySide(columns) where label != "Source" {
            h.raw("<tr><th scope=\"row\">"); h.text(label); h.raw("</th>")
            for (i, cell) in cells.enumerated() {
                h.raw(i == g.records.count ? "<td class=\"result\">" : "<td>")
                for (n, line) in cell.enumerated() { if n > 0 { h.raw("<br>") }; h.text(line) }
                h.raw("</td>")
            }
            h.raw("</tr>\n")
        }
        h.raw("</tbody></table></div>\n")
        for p in g.pairs { pair(p, into: &h, count: g.records.count) }
        h.raw("</article>\n")
    }

    /// A pair's field-by-field weights, as bars left (against) or right (for) of a middle line.
    private func pair(_ p: Pair, into h: inout HTMLText, count: Int) {
        let scale = max(4, p.weights.map { abs($0.bits) }.max() ?? 4)
        h.raw("<table class=\"weights\">\n<caption>")
        h.text(count > 2 ? "#\(p.a + 1) and #\(p.b + 1): " : "")
        h.text(String(format: "match probability %.4f, weight %+.2f bits", p.probability, p.total))
        h.raw("</caption>\n")
        for w in p.weights {
            let width = Int((abs(w.bits) / scale * 50).rounded())
            let side = w.bits >= 0 ? "for" : "against"
            h.raw("<tr class=\"\(side)\"><th scope=\"row\">"); h.text(w.field); h.raw("</th><td class=\"level\">"); h.text(w.level)
            h.raw("</td><td class=\"bar\"><span class=\"axis\"></span><span class=\"\(side)\" style=\"width:\(width)%\"></span></td>")
            h.raw("<td class=\"bits\">"); h.text(String(format: "%+.2f", w.bits)); h.raw("</td></tr>\n")
        }
        h.raw("</table>\n")
    }

    /// Contacts side by side: for each field one of them has, its label and each contact's values
    /// (one line each). The HTML page and `cardtool review` show records this way.
    public static func sideBySide(_ contacts: [Contact]) -> [(label: String, values: [[String]])] {
        rows.compactMap { label, value in
            let cells = contacts.map(value)
            return cells.contains(where: { !$0.isEmpty }) ? (label, cells) : nil
        }
    }

    /// The rows of the side-by-side table: a label and a contact's values, one line each.
    private static let rows: [(String, @Sendable (Contact) -> [String])] = [
        ("Name", { [$0.fullName ?? $0.name?.displayName].compactMap { $0 } }),
        ("E-mail", { $0.emails.map(\.value) }),
        ("Phone", { $0.phones.map { $0.e164 ?? $0.value } }),
        ("Organization", { [$0.organization].compactMap { $0 } }),
        ("Title", { [$0.title].compactMap { $0 } }),
        ("City", { $0.addresses.compactMap(\.locality).uniqued() }),
        ("Web", { $0.urls.map(\.value) }),
        ("Met", { $0.events.compactMap(MatchReport.eventLabel) }),
        ("Source", { $0.source.map { ["\($0.file):\($0.line)"] } ?? [] }),
    ]

    private static let css = """
        body { font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2433; background: #fff; }
        h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { border-bottom: 2px solid #d8dee9; padding-bottom: .2rem; margin-top: 2.2rem; }
        h3 { margin: 1.6rem 0 .5rem; } h3 small { color: #667085; font-weight: normal; }
        .line { font-size: 1.15rem; } .counts th { text-align: left; font-weight: normal; padding-right: 1.5rem; } .counts td { text-align: right; font-weight: bold; }
        nav { margin-top: .8rem; } a { color: #2456a4; }
        .chart text { font: 13px system-ui, "DejaVu Sans", sans-serif; fill: #1d2433; }
        article { border: 1px solid #d8dee9; border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
        article.pair { border-color: #e5b95c; }
        .scroll { overflow-x: auto; }
        table.side { border-collapse: collapse; margin: .4rem 0 .8rem; width: 100%; }
        table.side td, table.side thead th { overflow-wrap: anywhere; }
        table.side th, table.side td { border: 1px solid #d8dee9; padding: .3rem .6rem; vertical-align: top; text-align: left; }
        table.side thead th { background: #f3f5f9; font-weight: normal; font-size: .9rem; }
        table.side tbody th { background: #f3f5f9; font-weight: 600; white-space: nowrap; }
        .event { color: #6b4e16; } td.result, th.result { background: #eef7ee; }
        table.weights { border-collapse: collapse; margin: .3rem 0 .8rem; width: 100%; max-width: 56rem; }
        table.weights caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        table.weights th { text-align: left; font-weight: normal; width: 9rem; padding: .1rem .4rem; }
        table.weights td.level { color: #475467; font-size: .9rem; width: 18rem; }
        table.weights td.bar { position: relative; width: 20rem; height: 1.1rem; }
        table.weights td.bar span { position: absolute; top: .2rem; height: .8rem; }
        table.weights td.bar .axis { left: 50%; width: 1px; height: 1.1rem; top: 0; background: #98a2b3; }
        table.weights td.bar .for { left: 50%; background: #2f9e44; }
        table.weights td.bar .against { right: 50%; background: #d9480f; }
        table.weights td.bits { text-align: right; font-variant-numeric: tabular-nums; width: 4rem; }
        .none, .more { color: #667085; } footer { margin-top: 3rem; color: #667085; font-size: .85rem; }

        """
}

/// Builds an HTML page: `raw` for markup, `text` for values, escaped.
struct HTMLText {
    var out = ""

    mutating func raw(_ s: String) { out += s }

    /// Escapes `&`, `<`, `>`, `"` and `'`, so a value can go in text and in attributes alike.
    mutating func text(_ s: String) {
        out.reserveCapacity(out.utf8.count + s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
    }
}

extension Array where Element == String {
    /// The strings in order, each once.
    fileprivate func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
