import Foundation
import Testing
@testable import CardStore

/// `column IN (…)` over many values: marks on SQLite, one array parameter on PostgreSQL.
@Suite("IN lists")
struct SQLListTests {
    @Test("SQLite gets a mark per value; PostgreSQL one array, its texts quoted and escaped")
    func shape() {
        let sqlite = SQLList([Int64(3), -9_223_372_036_854_775_808], dialect: .sqlite)
        #expect(sqlite.test == "IN (?,?)")
        #expect(sqlite.arguments.values == [.integer(3), .integer(Int64.min)])
        let ids = SQLList([Int64(3), -9_223_372_036_854_775_808], dialect: .postgres)
        #expect(ids.test == "= ANY(?::bigint[])")
        #expect(ids.arguments.values == [.text("{3,-9223372036854775808}")])
        let names = SQLList(["García López", "O\"Neil", "back\\slash", "a,b", "{x}", ""], dialect: .postgres)
        #expect(names.test == "= ANY(?::text[])")
        #expect(names.arguments.values == [.text(#"{"García López","O\"Neil","back\\slash","a,b","{x}",""}"#)])
    }

    @Test("every value is found through the lists, a chunk per statement, on each backend", arguments: BookStore.all)
    func found(_ store: BookStore) throws {
        let temp = try EventBookTests.TempBook(store)
        // More values than one chunk holds on either backend, some awkward for an array literal.
        let names = (0..<5_200).map { "p-\($0)" } + ["García López", "O\"Neil", "back\\slash", "a,b", "{x}", "NULL", " padded "]
        let found: [String] = try temp.book.write { db in
            try db.execute(sql: "CREATE TABLE list_probe (id INTEGER PRIMARY KEY, name TEXT)")
            let insert = BatchInsert(db, "INSERT INTO list_probe (id, name) VALUES", columns: 2)
            for (i, name) in names.enumerated() { try insert.add([Int64(i), name]) }
            try insert.add([Int64(-1), "not asked for"])
            try insert.flush()
            var out: [String] = []
            let lists = db.lists(names)
            #expect(lists.count == (store == .postgres ? 2 : 11))
            for list in lists {
                out += try String.fetchAll(try db.cachedStatement(sql: "SELECT name FROM list_probe WHERE name \(list.test)"), arguments: list.arguments)
            }
            var ids: [Int64] = []
            for list in db.lists((0..<Int64(names.count)).reversed()) {
                ids += try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM list_probe WHERE id \(list.test)"), arguments: list.arguments)
            }
            #expect(Set(ids) == Set(0..<Int64(names.count)))
            try db.execute(sql: "DROP TABLE list_probe")
            return out
        }
        #expect(found.sorted() == names.sorted())
    }
}
