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
        try Cadences(db).rhythm(id, tags: tags)
    }

    /// The book's rhythms, read once (a few rows): `reconnect` asks for every person's.
    struct Cadences {
        var days: [String: Int] = [:]

        init(_ db: any BookConnection) throws {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT target, days FROM cadence")) { days[row["target"]] = row["days"] }
        }

        func rhythm(_ id: String, tags: [String]) -> (days: Int, from: String) {
            if let own = days["person:" + id] { return (own, "person") }
            var best: (Int, String)?
            for tag in tags {
                if let d = days["tag:" + tag], best == nil || d < best!.0 { best = (d, "tag " + tag) }
            }
            return best ?? (days["default"] ?? EventBook.defaultRhythm, "default")
        }
    }

    /// People first met at an event and not touched since.
    public func followUp(event: String) throws(BookError) -> [Person] {
        let ids: [String] = try read { db in
            let events = try Self.eventIDs(matching: event, db)
            guard !events.isEmpty else { throw BookError(.notFound, "no event named '\(event)' in the book (`cardtool events` lists them)") }
            // The people met there, then each one's first meeting (kept when it is one of these
            // events) and latest touch (none since that meeting): a few statements per thousands of
            // people, not a pass over the whole book.
            var met: [String] = []
            for list in db.lists(events) {
                met += try String.fetchAll(try db.cachedStatement(sql: """
                    SELECT DISTINCT m.person_id FROM membership m JOIN record r ON r.id = m.record_id WHERE r.event_id \(list.test)
                    """), arguments: list.arguments)
            }
            var firstEvent: [String: (Int64?, String?)] = [:]
            var lastTouch: [String: String] = [:]
            for list in db.lists(Set(met)) {
                for r in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                    SELECT m.person_id, r.event_id, r.met_on FROM membership m JOIN record r ON r.id = m.record_id
                    WHERE m.person_id \(list.test) ORDER BY m.person_id, COALESCE(r.met_on, '9999'), r.id
                    """), arguments: list.arguments) where firstEvent[r["person_id"]] == nil {
                    firstEvent[r["person_id"]] = (r["event_id"], r["met_on"])
                }
                for r in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                    SELECT person_id, MAX(date) AS last FROM touch WHERE person_id \(list.test) GROUP BY person_id
                    """), arguments: list.arguments) {
                    lastTouch[r["person_id"]] = r["last"]
                }
            }
            return firstEvent.compactMap { person, first in
                guard let event = first.0, events.contains(event) else { return nil }
                let touched = lastTouch[person].map { $0 >= (first.1 ?? "") } ?? false
                return touched ? nil : person
            }
        }
        return try people(ids: ids)
    }

    /// People past their rhythm, most overdue first (or everyone, oldest last interaction first).
    /// `mine` keeps the people this book's ``actor`` met (imported a record of) or was in touch with.
    /// `limit` keeps the first that many: who is overdue is worked out from each person's last
    /// interaction and tags alone, and only the people listed are loaded.
    public func reconnect(today: PartialDate = EventBook.today(), all: Bool = false, mine: Bool = false,
                          limit: Int? = nil) throws(BookError) -> [Overdue] {
        struct Due {
            var id: String
            var last: PartialDate?
            var overdue: Int
            var rhythm: Int
        }
        let chosen: [Due] = try read { db in
            let cadences = try Cadences(db)
            var tags: [String: [String]] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT person_id, tag FROM tag ORDER BY tag")) {
                tags[row[0], default: []].append(row[1])
            }
            var yours: Set<String>?
            if mine {
                // People you were in touch with, or met: a record of theirs came in an import you made.
                yours = Set(try String.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT person_id FROM touch WHERE by_name = ?"), arguments: [actor]))
                yours!.formUnion(try String.fetchAll(try db.cachedStatement(sql: """
                    SELECT DISTINCT m.person_id FROM membership m JOIN record r ON r.id = m.record_id
                    JOIN import i ON i.id = r.import_id JOIN change c ON c.id = i.change_id WHERE c.by_name = ?
                    """), arguments: [actor]))
            }
            let todayDays = today.dayNumber
            var list: [Due] = []
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, last_interaction FROM person")) {
                let id: String = row[0]
                if let yours, !yours.contains(id) { continue }
                let last = (row[1] as String?).flatMap(PartialDate.init(iso8601:))
                let rhythm = cadences.rhythm(id, tags: tags[id] ?? []).days
                let since = last.map { todayDays - $0.dayNumber } ?? rhythm * 10
                if !all && since - rhythm <= 0 { continue }
                list.append(Due(id: id, last: last, overdue: since - rhythm, rhythm: rhythm))
            }
            // Keys worked out once: comparing would otherwise parse ids at every step of the sort.
            let keys = list.map { d in
                // Dates in PartialDate's own order (no year before any year); no interaction as 0001-01-01.
                let date = d.last ?? .min
                return (last: (date.year ?? 0) * 10_000 + date.month * 100 + date.day, overdue: d.overdue, seq: PersonID.seq(d.id) ?? 0)
            }
            let order = list.indices.sorted { a, b in
                let x = keys[a], y = keys[b]
                if all {
                    if x.last != y.last { return x.last < y.last }
                } else if x.overdue != y.overdue {
                    return x.overdue > y.overdue
                }
                return x.seq < y.seq
            }
            return order.prefix(limit ?? order.count).map { list[$0] }
        }
        var loaded: [String: Person] = [:]
        for person in try people(ids: chosen.map(\.id)) { loaded[person.id] = person }
        return chosen.compactMap { d in
            loaded[d.id].map { p in
                Overdue(person: p, daysOverdue: d.overdue, rhythm: d.rhythm, due: d.last.map { $0.adding(days: d.rhythm) } ?? today)
            }
        }
    }
}

extension PartialDate {
    /// Days since 1 January of year 1 (the year taken as 1 when unknown): to count days between dates.
    /// The date `days` later (earlier when negative), in the Gregorian calendar; a date without
    /// a year is taken in year 1.
    public func adding(days: Int) -> PartialDate {
        // Counted on day numbers where both calendars are Gregorian (Foundation's turns Julian
        // before October 1582): `reconnect` works out a due date for every person in the book.
        if let year, year >= 1600 {
            let n = dayNumber + days
            if let moved = PartialDate(dayNumber: n), let y = moved.year, y >= 1600, y <= 9999 { return moved }
        }
        var components = DateComponents(year: year ?? 1, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: components),
              let moved = calendar.date(byAdding: .day, value: days, to: start) else { return self }
        let c = calendar.dateComponents([.year, .month, .day], from: moved)
        return PartialDate(year: c.year, month: c.month ?? month, day: c.day ?? day) ?? self
    }

    /// The date of a day number (``dayNumber``'s inverse), in the proleptic Gregorian calendar.
    init?(dayNumber n: Int) {
        guard n > 0 else { return nil }
        // Whole 400-, 100-, 4- and 1-year cycles before the day, as dayNumber counts them.
        let d0 = n - 1
        let q400 = d0 / 146_097, r400 = d0 % 146_097
        let q100 = Swift.min(r400 / 36_524, 3), r100 = r400 - q100 * 36_524
        let q4 = r100 / 1_461, r4 = r100 % 1_461
        let q1 = Swift.min(r4 / 365, 3), dayOfYear = r4 - q1 * 365 + 1
        let y = q400 * 400 + q100 * 100 + q4 * 4 + q1 + 1
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        var m = 12
        while m > 1 && dayOfYear <= before[m - 1] + (leap && m > 2 ? 1 : 0) { m -= 1 }
        self.init(year: y, month: m, day: dayOfYear - before[m - 1] - (leap && m > 2 ? 1 : 0))
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
