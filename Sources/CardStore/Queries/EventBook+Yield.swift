import CardModel
import CardNormalize
import Foundation

/// How the yield of events is measured (`cardtool events`).
public struct YieldOptions: Sendable {
    /// A new person counts as followed up when a touch was logged within this many days of the event.
    public var within = 7
    /// A new person is still in touch when a touch was logged in this many days before ``today``.
    public var recent = 90
    /// A relationship: a person with at least this many interactions (touches logged, and the
    /// events you met them at, each counting one).
    public var minInteractions = 3
    /// The day "still in touch" is counted from.
    public var today: PartialDate = EventBook.today()
    /// Only events on or after this day.
    public var since: PartialDate?

    /// The defaults: 7 days, 90 days, 3 interactions, today.
    public init() {}
}

/// What an event gave: the people met there, how many were new, and how many of the new ones
/// became something more than a card.
public struct EventYield: Sendable, Equatable {
    /// The event, with its note and cost.
    public var event: BookEvent
    /// People met there.
    public var people: Int { event.people }
    /// People first met there.
    public var new: Int { event.new }
    /// People met there who were already in the book from an earlier event.
    public var known: Int { event.people - event.new }
    /// New people with a touch logged within ``YieldOptions/within`` days of the event.
    public var followedUp: Int
    /// New people with a touch logged in the last ``YieldOptions/recent`` days.
    public var inTouch: Int
    /// New people with at least ``YieldOptions/minInteractions`` interactions.
    public var relationships: Int

    /// Followed up, as a share of the new people (0 when none was new).
    public var followedUpShare: Double { new == 0 ? 0 : Double(followedUp) / Double(new) }
    /// Relationships per person met: the default order of the listing.
    public var relationshipsPerPerson: Double { people == 0 ? 0 : Double(relationships) / Double(people) }
    /// The cost divided by the relationships; nil without a cost or without a relationship.
    public var costPerRelationship: Double? {
        guard let cost = event.cost, relationships > 0 else { return nil }
        return cost / Double(relationships)
    }
}

/// One person met at an event, for `cardtool event EVENT`.
public struct EventPerson: Sendable {
    /// The person.
    public var person: Person
    /// Whether they were first met at this event.
    public var isNew: Bool
    /// The first touch logged within the follow-up window, when there was one.
    public var followedUpOn: PartialDate?
    /// For a person already known: the earlier events they were met at (`South Summit Madrid, 2026-06-05`).
    public var knownFrom: [String]
    /// Touches logged and events met at.
    public var interactions: Int
}

extension EventBook {
    /// The yield of every event (with a date on or after `since`), in date order.
    public func eventYield(_ options: YieldOptions = YieldOptions()) throws(BookError) -> [EventYield] {
        try read { db in
            let facts = try YieldFacts(db)
            return try Self.events(db, facts).filter { e in options.since.map { s in (e.date?.iso8601 ?? "") >= s.iso8601 } ?? true }
                .map { facts.yield(of: $0, options) }
        }
    }

    /// One event: its yield and every person met there.
    public func eventDetail(_ text: String, options: YieldOptions = YieldOptions()) throws(BookError) -> (EventYield, [EventPerson]) {
        try read { db in
            let id = try Self.oneEvent(text, db)
            let facts = try YieldFacts(db)
            let events = try Self.events(db, facts)
            guard let event = events.first(where: { $0.id == id }) else {
                throw BookError(.notFound, "no one was met at '\(text)'")
            }
            let coding = ContactCoding()
            var out: [EventPerson] = []
            let here = facts.peopleAt(id)
            let loadedByID = try PersonStore.load(ids: here, coding: coding, db: db)
            for person in here {
                guard let loaded = loadedByID[person] else { continue }
                let isNew = facts.firstEvent(person) == id
                // Oldest first (the set's own order changes from run to run).
                let earlier = facts.eventsOf(person).filter { $0 != id }.compactMap { e in events.first { $0.id == e } }
                    .filter { ($0.date?.iso8601 ?? "") <= (event.date?.iso8601 ?? "") }
                    .sorted { ($0.date?.iso8601 ?? "", $0.name, $0.id) < ($1.date?.iso8601 ?? "", $1.name, $1.id) }
                    .map { [$0.name, $0.date?.iso8601].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }
                out.append(EventPerson(person: loaded, isNew: isNew, followedUpOn: facts.followUp(person, after: event, options),
                                       knownFrom: isNew ? [] : earlier, interactions: facts.interactions(person)))
            }
            out.sort { a, b in
                a.isNew != b.isNew ? a.isNew : TextFolding.fold(PersonStore.displayName(a.person.contact)) < TextFolding.fold(PersonStore.displayName(b.person.contact))
            }
            return (facts.yield(of: event, options), out)
        }
    }

    /// Gives an event a note (who organised it, what it was) and a cost, as one change.
    public func describeEvent(_ text: String, note: String?, cost: Double?) throws(BookError) -> String {
        let done: String? = try change("event") { db, journal in
            let id = try Self.oneEvent(text, db)
            try journal.save("event", ["id": id])
            if let note {
                try db.cachedStatement(sql: "UPDATE event SET note = ? WHERE id = ?").execute(arguments: [note.isEmpty ? nil : note, id])
            }
            if let cost { try db.cachedStatement(sql: "UPDATE event SET cost = ? WHERE id = ?").execute(arguments: [cost, id]) }
            let name = try String.fetchOne(try db.cachedStatement(sql: "SELECT name FROM event WHERE id = ?"), arguments: [id]) ?? text
            var parts: [String] = []
            if let note { parts.append(note.isEmpty ? "note cleared" : "note set") }
            if let cost { parts.append("cost " + (cost == cost.rounded() && abs(cost) < 1e15 ? String(Int(cost)) : String(format: "%.2f", cost))) }
            let summary = "\(name): " + parts.joined(separator: ", ")
            return (summary, summary)
        }
        return done ?? ""
    }

    /// The one event a text names, or a clear error when none or several do.
    static func oneEvent(_ text: String, _ db: any BookConnection) throws -> Int64 {
        let ids = try eventIDs(matching: text, db)
        guard !ids.isEmpty else { throw BookError(.notFound, "no event named '\(text)' in the book (`cardtool events` lists them)") }
        guard ids.count == 1 else {
            throw BookError(.notFound, "'\(text)' names \(ids.count) events; give the full name or the date (`cardtool events` lists them)")
        }
        return ids[0]
    }
}

/// What the yield is counted from, read once: who was met where and first, and every touch.
///
/// A book of a million records is a million rows here: each person id is hashed once, to a
/// number, and the facts are kept in arrays by that number.
struct YieldFacts {
    private var index: [String: Int] = [:]
    private var ids: [String] = []
    /// Each person's first meeting (date, record) and its event.
    private var first: [(date: String, record: Int64, event: Int64)] = []
    /// The events each person was met at, each once.
    private var events: [[Int64]] = []
    /// Each person's touch dates, oldest first.
    private var touches: [[String]] = []
    /// The people met at each event, each once, in the order of their first record there.
    private var peopleAtEvent: [Int64: [Int]] = [:]
    private var recordsAt: [Int64: Int] = [:]

    init(_ db: any BookConnection) throws {
        for r in try SQLRow.fetchAll(try db.cachedStatement(sql: """
            SELECT m.person_id, r.event_id, r.met_on, r.id FROM membership m JOIN record r ON r.id = m.record_id
            WHERE r.event_id IS NOT NULL ORDER BY r.id
            """)) {
            let p = intern(r[0]), event: Int64 = r[1], id: Int64 = r[3]
            let date: String = r[2] ?? "9999"
            recordsAt[event, default: 0] += 1
            if first[p].record < 0 || (first[p].date, first[p].record) > (date, id) { first[p] = (date, id, event) }
            if !events[p].contains(event) {
                events[p].append(event)
                peopleAtEvent[event, default: []].append(p)
            }
        }
        for r in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT person_id, date FROM touch ORDER BY date")) {
            touches[intern(r[0])].append(r[1])
        }
    }

    private mutating func intern(_ person: String) -> Int {
        if let p = index[person] { return p }
        let p = ids.count
        index[person] = p
        ids.append(person)
        first.append(("", -1, -1))
        events.append([])
        touches.append([])
        return p
    }

    /// How many records were met at an event.
    func records(at event: Int64) -> Int { recordsAt[event] ?? 0 }

    /// How many people were met at an event.
    func people(at event: Int64) -> Int { peopleAtEvent[event]?.count ?? 0 }

    /// How many people were met at an event first.
    func new(at event: Int64) -> Int { (peopleAtEvent[event] ?? []).count { first[$0].event == event } }

    /// The people met at an event, each once.
    func peopleAt(_ event: Int64) -> [String] { (peopleAtEvent[event] ?? []).map { ids[$0] } }

    /// The event a person was first met at.
    func firstEvent(_ person: String) -> Int64? { index[person].flatMap { first[$0].record < 0 ? nil : first[$0].event } }

    /// The events a person was met at.
    func eventsOf(_ person: String) -> [Int64] { index[person].map { events[$0] } ?? [] }

    /// Touches logged, and the events the person was met at.
    func interactions(_ person: String) -> Int { index[person].map(interactions) ?? 0 }

    private func interactions(_ p: Int) -> Int { touches[p].count + events[p].count }

    /// The first touch on the event's day or within `within` days after it.
    func followUp(_ person: String, after event: BookEvent, _ options: YieldOptions) -> PartialDate? {
        guard let p = index[person], let window = Self.window(after: event, options) else { return nil }
        return touches[p].first { $0 >= window.from && $0 <= window.to }.flatMap(PartialDate.init(iso8601:))
    }

    /// The days a follow-up counts in: the event's day and `within` after it.
    private static func window(after event: BookEvent, _ options: YieldOptions) -> (from: String, to: String)? {
        guard let day = event.date, day.year != nil else { return nil }
        return (day.iso8601, day.adding(days: options.within).iso8601)
    }

    func yield(of event: BookEvent, _ options: YieldOptions) -> EventYield {
        let recentFrom = options.today.adding(days: -options.recent).iso8601, today = options.today.iso8601
        let window = Self.window(after: event, options)
        var followed = 0, inTouch = 0, relationships = 0
        for p in peopleAtEvent[event.id] ?? [] where first[p].record >= 0 && first[p].event == event.id {
            if let window, touches[p].contains(where: { $0 >= window.from && $0 <= window.to }) { followed += 1 }
            if touches[p].contains(where: { $0 >= recentFrom && $0 <= today }) { inTouch += 1 }
            if interactions(p) >= options.minInteractions { relationships += 1 }
        }
        return EventYield(event: event, followedUp: followed, inTouch: inTouch, relationships: relationships)
    }
}
