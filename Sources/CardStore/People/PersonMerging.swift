
/// Two people found to be one: the younger id becomes an alias of the older (scripts that kept it
/// still find the person), and its records, tags, edits, touches and rhythm move over.
enum PersonMerging {
    static func merge(_ old: String, into target: String, journal: Journal, db: any BookConnection) throws {
        guard old != target else { return }
        for id in try Int64.fetchAll(try db.cachedStatement(sql: "SELECT record_id FROM membership WHERE person_id = ?"), arguments: [old]) {
            try journal.save("membership", ["record_id": id])
        }
        try db.cachedStatement(sql: "UPDATE membership SET person_id = ? WHERE person_id = ?").execute(arguments: [target, old])
        for tag in try String.fetchAll(try db.cachedStatement(sql: "SELECT tag FROM tag WHERE person_id = ?"), arguments: [old]) {
            try journal.save("tag", ["person_id": old, "tag": tag])
            try journal.save("tag", ["person_id": target, "tag": tag])
            try db.cachedStatement(sql: "DELETE FROM tag WHERE person_id = ? AND tag = ?").execute(arguments: [old, tag])
            try db.cachedStatement(sql: "INSERT INTO tag (person_id, tag) VALUES (?, ?) ON CONFLICT (person_id, tag) DO NOTHING").execute(arguments: [target, tag])
        }
        // A manual value of the older person wins; the younger's fills what the older lacks.
        for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT field, value FROM person_edit WHERE person_id = ?"), arguments: [old]) {
            let field: String = row["field"]
            try journal.save("person_edit", ["person_id": old, "field": field])
            try journal.save("person_edit", ["person_id": target, "field": field])
            try db.cachedStatement(sql: "DELETE FROM person_edit WHERE person_id = ? AND field = ?").execute(arguments: [old, field])
            try db.cachedStatement(sql: "INSERT INTO person_edit (person_id, field, value) VALUES (?, ?, ?) ON CONFLICT (person_id, field) DO NOTHING").execute(arguments: [target, field, row["value"] as String])
        }
        for id in try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM touch WHERE person_id = ?"), arguments: [old]) {
            try journal.save("touch", ["id": id])
        }
        try db.cachedStatement(sql: "UPDATE touch SET person_id = ? WHERE person_id = ?").execute(arguments: [target, old])
        let oldRhythm = "person:" + old, newRhythm = "person:" + target
        if let days = try Int.fetchOne(try db.cachedStatement(sql: "SELECT days FROM cadence WHERE target = ?"), arguments: [oldRhythm]) {
            try journal.save("cadence", ["target": oldRhythm])
            try journal.save("cadence", ["target": newRhythm])
            try db.cachedStatement(sql: "DELETE FROM cadence WHERE target = ?").execute(arguments: [oldRhythm])
            try db.cachedStatement(sql: "INSERT INTO cadence (target, days) VALUES (?, ?) ON CONFLICT (target) DO NOTHING").execute(arguments: [newRhythm, days])
        }
        for alias in try String.fetchAll(try db.cachedStatement(sql: "SELECT old_id FROM alias WHERE person_id = ?"), arguments: [old]) {
            try journal.save("alias", ["old_id": alias])
        }
        try db.cachedStatement(sql: "UPDATE alias SET person_id = ? WHERE person_id = ?").execute(arguments: [target, old])
        try journal.save("alias", ["old_id": old])
        try db.cachedStatement(sql: "INSERT INTO alias (old_id, person_id) VALUES (?, ?) ON CONFLICT (old_id) DO UPDATE SET person_id = excluded.person_id").execute(arguments: [old, target])
        try journal.save("person", ["id": old])
        try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?").execute(arguments: [old])
    }
}
