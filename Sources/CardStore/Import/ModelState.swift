import CardDedup
import Foundation

/// The match model the book scores new records with, as stored in `book_meta`: estimated on the
/// book's own records, and estimated again once the book has grown by half since (value
/// frequencies and the prior follow the book at every import; m and u change slowly).
struct ModelState: Codable {
    /// The estimated parameters.
    var parameters: MatchModel.Parameters
    /// Records in the book (the batch included) when they were estimated.
    var estimatedAt: Int
    /// Records the estimate was computed on (a sample of a large book).
    var sample: Int
    /// The custom fields compared.
    var customFields: [String]

    /// Growth after which the model is estimated again.
    static let growth = 1.5
    /// Records loaded to estimate on, at most (a random sample of a larger book).
    static let maximumSample = 200_000

    static func load(_ db: any BookConnection) throws -> ModelState? {
        guard let json = try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM book_meta WHERE key = 'model'")) else { return nil }
        return try? JSONDecoder().decode(ModelState.self, from: Data(json.utf8))
    }

    func save(_ db: any BookConnection, journal: Journal) throws {
        try journal.save("book_meta", ["key": "model"])
        let json = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO book_meta (key, value) VALUES ('model', ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).execute(arguments: [json])
    }

    /// Why a book of `total` records (after this batch) needs a new estimate, or nil to reuse this one.
    static func reason(_ state: ModelState?, total: Int, customFields: [String]) -> String? {
        guard let state else { return "first import: estimated on its \(total) records" }
        if state.customFields != customFields { return "the compared custom fields changed: estimated again on \(total) records" }
        if Double(total) >= Double(state.estimatedAt) * growth {
            return "the book grew from \(state.estimatedAt) to \(total) records (by half or more) since the last estimate: estimated again"
        }
        return nil
    }
}
