import CardModel
import Foundation

/// A person past their rhythm, for `cardtool reconnect`.
public struct Overdue: Sendable {
    /// The person.
    public var person: Person
    /// Days since the last interaction beyond the rhythm (negative: not due yet).
    public var daysOverdue: Int
    /// The rhythm in days.
    public var rhythm: Int
    /// The day the rhythm ran out (or runs out): the last interaction plus the rhythm; today for
    /// someone never contacted.
    public var due: PartialDate
}

extension EventBook {
    /// The default rhythm: six months.
    public static let defaultRhythm = 182

    /// Logs an interaction with a person; it becomes their last interaction when it is the latest.
    public func touch(_ who: String, note: String?, date: PartialDate, kind: String) throws(BookError) -> String {
        let text: String? = try change("touch") { db, journal in
            let person = try Self.resolve(who, db)
            let id = try Counter.next(.touch, db)
            try journal.save("touch", ["id": id])
            try db.cachedStatement(sql: "INSERT INTO touch (id, person_id, date, kind, note, by_name) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [id, person, date.iso8601, kind, note, actor])
            try PersonStore.derive([person], changeID: journal.changeID, journal: journal, coding: ContactCoding(), db: db)
            let text = "\(kind) with \(person) on \(date.iso8601)"
            return (text, text)
        }
        return text ?? ""
    }

    /// Adds tags to a person (or removes them).
    public func tag(_ who: String, _ tags: [String], remove: Bool = false) throws(BookError) -> String {
        let text: String? = try change("tag") { db, journal in
            let person = try Self.resolve(who, db)
            for tag in tags {
                try journal.save("tag", ["person_id": person, "tag": tag])
                if remove {
                    try db.cachedStatement(sql: "DELETE FROM tag WHERE person_id = ? AND tag = ?").execute(arguments: [person, tag])
                } else {
                    try db.cachedStatement(sql: "INSERT INTO tag (person_id, tag) VALUES (?, ?) ON CONFLICT (person_id, tag) DO NOTHING").execute(arguments: [person, tag])
                }
            }
            // Tags are part of the person's listing and JSON Lines: an export of what changed includes them.
            try PersonStore.derive([person], changeID: journal.changeID, journal: journal, coding: ContactCoding(), db: db)
            let text = "\(remove ? "untagged" : "tagged") \(person): \(tags.joined(separator: ", "))"
            return (text, text)
        }
        return text ?? ""
    }

    /// Sets a desired rhythm in days for a person, for everyone with a tag, or the default (`target` nil).
    public func cadence(person who: String?, tag: String?, days: Int) throws(BookError) -> String {
        let text: String? = try change("cadence") { db, journal in
            let target: String, label: String
            if let who {
                let id = try Self.resolve(who, db)
                (target, label) = ("person:" + id, id)
            } else if let tag {
                (target, label) = ("tag:" + tag, "tag \(tag)")
            } else {
                (target, label) = ("default", "everyone")
            }
            try journal.save("cadence", ["target": target])
            try db.cachedStatement(sql: "INSERT INTO cadence (target, days) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET days = excluded.days").execute(arguments: [target, days])
            let text = "rhythm for \(label): every \(days) days"
            return (text, text)
        }
        return text ?? ""
    }

    /// A person's rhythm: their own, else the shortest of their tags', else the default.
    static func rhythm(_ id: String, tags: [String], _ db: any BookConnection) throws -> (days: Int, from: String) {
        if let own = try Int.fetchOne(try db.cachedStatement(sql: "SELECT days FROM cadence WHERE target = ?"), arguments: ["person:" + id]) {
            return (own, "person")
        }
        var best: (Int, String)?
        for tag in tags {
            if let d = try Int.fetchOne(try db.cachedStatement(sql: "SELECT days FROM cadence WHERE target = ?"), arguments: ["tag:" + tag]), best == nil || d < best!.0 {
                best = (d, "tag " + tag)
            }
        }
        if let best { return best }
        return (try Int.fetchOne(try db.cachedStatement(sql: "SELECT days FROM cadence WHERE target = 'default'")) ?? defaultRhythm, "default")
    }

    /// People first met at an event and not touched since.
    public func followUp(event: String) throws(BookError) -> [Person] {
        let ids: [String] = try read { db in
            let events = try Self.eventIDs(matching: event, db)
            guard !events.isEmpty else { throw BookError(.notFound, "no event named '\(event)' in the book (`cardtool events` lists them)") }
            // Each person's first meeting; kept when it is one of these events and no touch came after.
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT m.person_id, r.event_id, r.met_on FROM membership m JOIN record r ON r.id = m.record_id
                ORDER BY m.person_id, COALESCE(r.met_on, '9999'), r.id
                """))
            var firstEvent: [String: (Int64?, String?)] = [:]
            for r in rows where firstEvent[r["person_id"]] == nil { firstEvent[r["person_id"]] = (r["event_id"], r["met_on"]) }
            var out: [String] = []
            for (person, (event, metOn)) in firstEvent where event.map(events.contains) == true {
                let touched = try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM touch WHERE person_id = ? AND date >= ? LIMIT 1"),
                                               arguments: [person, metOn ?? ""]) != nil
                if !touched { out.append(person) }
            }
            return out
        }
        let wanted = Set(ids)
        return try people().filter { wanted.contains($0.id) }
    }

    /// People past their rhythm, most overdue first (or everyone, oldest last interaction first).
    /// `mine` keeps the people this book's ``actor`` met (imported a record of) or was in touch with.
    public func reconnect(today: PartialDate = EventBook.today(), all: Bool = false, mine: Bool = false) throws(BookError) -> [Overdue] {
        var everyone = try people()
        if mine {
            let touched = Set(try read { db in
                try String.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT person_id FROM touch WHERE by_name = ?"), arguments: [actor])
            })
            everyone = everyone.filter { p in touched.contains(p.id) || p.sources.contains { $0.by == actor } }
        }
        let rhythms: [String: Int] = try read { db in
            var out: [String: Int] = [:]
            for p in everyone { out[p.id] = try Self.rhythm(p.id, tags: p.tags, db).days }
            return out
        }
        let todayDays = today.dayNumber
        var list = everyone.map { p -> Overdue in
            let rhythm = rhythms[p.id] ?? Self.defaultRhythm
            let since = p.lastInteraction.map { todayDays - $0.date.dayNumber } ?? rhythm * 10
            let due = p.lastInteraction.map { $0.date.adding(days: rhythm) } ?? today
            return Overdue(person: p, daysOverdue: since - rhythm, rhythm: rhythm, due: due)
        }
        if !all { list = list.filter { $0.daysOverdue > 0 } }
        list.sort { a, b in
            if all {
                let x = a.person.lastInteraction?.date, y = b.person.lastInteraction?.date
                if x != y { return (x ?? .min) < (y ?? .min) }
            } else if a.daysOverdue != b.daysOverdue {
                return a.daysOverdue > b.daysOverdue
            }
            return (PersonID.seq(a.person.id) ?? 0) < (PersonID.seq(b.person.id) ?? 0)
        }
        return list
    }
}

extension PartialDate {
    /// Days since 1 January of year 1 (the year taken as 1 when unknown): to count days between dates.
    /// The date `days` later (earlier when negative), in the Gregorian calendar; a date without
    /// a year is taken in year 1.
    public func adding(days: Int) -> PartialDate {
        var components = DateComponents(year: year ?? 1, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: components),
              let moved = calendar.date(byAdding: .day, value: days, to: start) else { return self }
        let c = calendar.dateComponents([.year, .month, .day], from: moved)
        return PartialDate(year: c.year, month: c.month ?? month, day: c.day ?? day) ?? self
    }

    var dayNumber: Int {
        let y = year ?? 1
        var days = (y - 1) * 365 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        days += before[month - 1] + (leap && month > 2 ? 1 : 0) + day
        return days
    }
}
