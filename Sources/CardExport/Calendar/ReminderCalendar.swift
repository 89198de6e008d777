import CardModel
import Foundation

/// A person to contact, with when and why: one task in the calendar.
public struct Reminder: Sendable {
    /// Why the person is on the list.
    public enum Kind: String, Sendable {
        /// Past their rhythm (`cardtool reconnect`).
        case reconnect
        /// Met at an event and not contacted since (`cardtool followup`).
        case followUp = "followup"
    }

    /// Who to contact.
    public var person: Person
    /// Why.
    public var kind: Kind
    /// When it is due.
    public var due: PartialDate
    /// A line on the reason (`overdue by 40 days; rhythm 182 days`).
    public var reason: String

    /// A reminder to contact `person` by `due`.
    public init(person: Person, kind: Kind, due: PartialDate, reason: String) {
        self.person = person
        self.kind = kind
        self.due = due
        self.reason = reason
    }
}

/// Reminders as an iCalendar file (RFC 5545) the person's own calendar reads: one `VTODO` per
/// person, due on a date, with the last interaction and where you met in the description.
///
/// The `UID` is the person's id and the reminder's kind (`reconnect-p3k@cardtool`), so importing a
/// newer file updates the tasks already there instead of adding them twice.
public enum ReminderCalendar {
    /// The calendar as bytes: CRLF line ends, lines folded at 75 octets, text escaped.
    public static func ics(_ reminders: [Reminder], stamp: Date = Date()) -> [UInt8] {
        var out = Lines()
        out.add("BEGIN:VCALENDAR")
        out.add("VERSION:2.0")
        out.add("PRODID:-//cardtool//reminders//EN")
        out.add("CALSCALE:GREGORIAN")
        let dtstamp = timestamp(stamp)
        for r in reminders {
            let c = r.person.contact
            let name = c.fullName ?? c.name?.displayName ?? c.emails.first?.value ?? r.person.id
            out.add("BEGIN:VTODO")
            out.add("UID:\(r.kind.rawValue)-\(r.person.id)@cardtool")
            out.add("DTSTAMP:" + dtstamp)
            out.add("SUMMARY:" + escape((r.kind == .reconnect ? "Reconnect with " : "Follow up with ") + name))
            if let year = r.due.year {
                out.add("DUE;VALUE=DATE:" + String(format: "%04d%02d%02d", year, r.due.month, r.due.day))
            }
            out.add("DESCRIPTION:" + escape(description(r)))
            out.add("STATUS:NEEDS-ACTION")
            out.add("CATEGORIES:cardtool," + r.kind.rawValue)
            out.add("END:VTODO")
        }
        out.add("END:VCALENDAR")
        return out.bytes
    }

    /// What to know before writing to them: why, the last interaction, where you met, how to reach them.
    static func description(_ r: Reminder) -> String {
        let p = r.person, c = p.contact
        var lines = [r.reason]
        if let last = p.lastInteraction {
            lines.append("Last contact: \(last.date.iso8601) (\(last.kind)\(last.note.map { ": " + $0 } ?? ""))")
        } else {
            lines.append("Last contact: none recorded")
        }
        let met = c.events.map { [$0.name, $0.date?.iso8601].compactMap { $0 }.joined(separator: " ") }.filter { !$0.isEmpty }
        if !met.isEmpty { lines.append("Met at: " + met.joined(separator: "; ")) }
        if let org = c.organization { lines.append("Organization: " + org + (c.title.map { " (" + $0 + ")" } ?? "")) }
        if let email = c.emails.first?.value { lines.append("E-mail: " + email) }
        if let phone = c.phones.first { lines.append("Phone: " + (phone.e164 ?? phone.value)) }
        lines.append("cardtool show \(p.id)")
        return lines.joined(separator: "\n")
    }

    /// TEXT escaping: backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func timestamp(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Content lines folded at 75 octets (a continuation starts with a space) without cutting a
    /// UTF-8 character, CRLF after each.
    struct Lines {
        var bytes: [UInt8] = []

        mutating func add(_ line: String) {
            let u = Array(line.utf8)
            var start = 0
            var width = 75
            while u.count - start > width {
                var cut = start + width
                while cut > start + 1 && u[cut] & 0xC0 == 0x80 { cut -= 1 }
                bytes += u[start..<cut]
                bytes += [0x0D, 0x0A, 0x20]
                start = cut
                width = 74
            }
            bytes += u[start...]
            bytes += [0x0D, 0x0A]
        }
    }
}
