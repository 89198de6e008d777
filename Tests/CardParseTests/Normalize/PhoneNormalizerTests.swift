import Testing
import CPhoneNumber
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("Phones through libphonenumber")
struct PhoneNormalizerTests {
    /// (text as written, default region, expected E.164 or nil, expected type)
    static let cases: [(String, String, String?, String?)] = [
        // Spain
        ("612 34 56 78", "ES", "+34612345678", "mobile"), ("+34612345678", "ES", "+34612345678", "mobile"),
        ("0034 612-345-678", "ES", "+34612345678", "mobile"), ("(+34) 91 123 45 67", "ES", "+34911234567", "fixed-line"),
        ("tel. 91 123 45 67", "ES", "+34911234567", "fixed-line"), ("Tel.: +34 91 123 45 67", "ES", "+34911234567", "fixed-line"),
        ("M. 612 34 56 78", "ES", "+34612345678", "mobile"), ("91 555 01 24", "ES", "+34915550124", "fixed-line"),
        ("934 56 78 90", "ES", "+34934567890", "fixed-line"), ("+34 600 00 00 01", "ES", "+34600000001", "mobile"),
        ("900 123 456", "ES", "+34900123456", "toll-free"), ("6 1 2 3 4 5 6 7 8", "ES", "+34612345678", "mobile"),
        ("+34 612 34 56 78", "MX", "+34612345678", "mobile"), ("722 12 34 56", "ES", "+34722123456", "mobile"),
        ("12345", "ES", nil, nil), ("abc", "ES", nil, nil),
        // Mexico
        ("+52 55 5555 0100", "MX", "+525555550100", "fixed-line-or-mobile"), ("(55) 5555-0100", "MX", "+525555550100", "fixed-line-or-mobile"),
        ("+52 1 55 5555 0134", "MX", "+525555550134", "fixed-line-or-mobile"), ("044 55 5555 0134", "MX", "+525555550134", "fixed-line-or-mobile"),
        ("+52-55-5555-0100", "ES", "+525555550100", "fixed-line-or-mobile"), ("81 8123 4567", "MX", "+528181234567", "fixed-line-or-mobile"),
        ("+52 33 3123 4567", "ES", "+523331234567", "fixed-line-or-mobile"),
        // Argentina
        ("+54 9 11 1234-5678", "AR", "+5491112345678", "mobile"), ("011 15-1234-5678", "AR", "+5491112345678", "mobile"),
        ("+54 11 4123-4567", "AR", "+541141234567", "fixed-line"), ("0351 423-4567", "AR", "+543514234567", "fixed-line"),
        // Colombia
        ("+57 301 234 5678", "CO", "+573012345678", "mobile"), ("301 234 5678", "CO", "+573012345678", "mobile"),
        ("(601) 234 5678", "CO", "+576012345678", "fixed-line"),
        // Chile
        // Chile numbers are one range for fixed and mobile lines in libphonenumber's data.
        ("+56 9 6123 4567", "CL", "+56961234567", "fixed-line-or-mobile"), ("9 6123 4567", "CL", "+56961234567", "fixed-line-or-mobile"),
        ("+56-9-5555-0142", "ES", "+56955550142", "fixed-line-or-mobile"), ("2 2123 4567", "CL", "+56221234567", "fixed-line-or-mobile"),
        // Peru
        ("+51 912 345 678", "PE", "+51912345678", "mobile"), ("912 345 678", "PE", "+51912345678", "mobile"),
        ("(01) 411-2233", "PE", "+5114112233", "fixed-line"),
        // United States
        ("(512) 555-0100", "US", "+15125550100", "fixed-line-or-mobile"), ("+1 512 867 5309", "US", "+15128675309", "fixed-line-or-mobile"),
        ("512-867-5309", "US", "+15128675309", "fixed-line-or-mobile"), ("1 (212) 736-5000", "US", "+12127365000", "fixed-line-or-mobile"),
        ("+1 (512) 867-5309 ext. 7", "ES", "+15128675309", "fixed-line-or-mobile"), ("800 275 2273", "US", "+18002752273", "toll-free"),
        ("905-555-1234", "US", "+19055551234", "fixed-line-or-mobile"), ("+1 415 555 2671", "ES", "+14155552671", "fixed-line-or-mobile"),
        // United Kingdom
        ("020 7946 0018", "GB", "+442079460018", "fixed-line"), ("+44 7700 900123", "ES", nil, nil),  // a drama range: not assigned
        ("07911 123456", "GB", "+447911123456", "mobile"), ("0800 800 150", "GB", "+44800800150", "toll-free"),
        // France
        ("06 12 34 56 78", "FR", "+33612345678", "mobile"), ("+33 6 12 34 56 78", "ES", "+33612345678", "mobile"),
        ("01 42 68 53 00", "FR", "+33142685300", "fixed-line"), ("0033 1 42 68 53 00", "ES", "+33142685300", "fixed-line"),
        // Germany
        ("+49 30 1234567", "ES", "+49301234567", "fixed-line"), ("030 1234567", "DE", "+49301234567", "fixed-line"),
        ("0151 23456789", "DE", "+4915123456789", "mobile"), ("+49 171 1234567", "DE", "+491711234567", "mobile"),
    ]

    @Test("E.164 and type", arguments: cases)
    func normalize(text: String, region: String, e164: String?, type: String?) {
        let result = PhoneNormalizer(defaultRegion: region).parse(text)
        #expect(result.e164 == e164)
        #expect(result.numberType == type)
    }

    @Test("extensions are kept")
    func extensions() {
        #expect(PhoneNormalizer(defaultRegion: "US").parse("+1 (512) 867-5309 ext. 7").ext == "7")
        #expect(PhoneNormalizer(defaultRegion: "MX").parse("+52 (55) 5555-0100 Ext. 12").ext == "12")
    }

    @Test("a contact's own country decides its bare national numbers")
    func contactRegion() {
        let normalizer = PhoneNormalizer(defaultRegion: "ES")
        var mexican = Contact(phones: [Phone(value: "(55) 5555-0100")], addresses: [PostalAddress(country: "México")])
        var diagnostics: [Diagnostic] = []
        normalizer.normalize(&mexican, diagnostics: &diagnostics, location: SourceLocation(file: "t"))
        #expect(mexican.phones[0].e164 == "+525555550100")
        var chilean = Contact(phones: [Phone(value: "+56 9 6123 4567"), Phone(value: "9 6123 4568")])
        normalizer.normalize(&chilean, diagnostics: &diagnostics, location: SourceLocation(file: "t"))
        #expect(chilean.phones[1].e164 == "+56961234568")
        #expect(diagnostics.isEmpty)
        var bad = Contact(phones: [Phone(value: "12345")])
        normalizer.normalize(&bad, diagnostics: &diagnostics, location: SourceLocation(file: "t"))
        #expect(diagnostics.map(\.code) == [.phoneInvalid])
        #expect(diagnostics[0].message.contains("12345") == false)
    }

    /// Numbers written the plain way the fast path takes, in every region of the table, including
    /// trunk prefixes, national-prefix look-alikes (US/MX "1", RU "8", AR "15") and numbers valid
    /// only after Parse strips something: the fast path must agree with Parse on every one.
    static var plainNumbers: [(String, String)] {
        let regions = ["ES", "MX", "AR", "CO", "CL", "PE", "US", "GB", "FR", "DE", "IT", "RU", "BR", "PT", "CA"]
        let bodies = ["612345678", "911234567", "5555550100", "15555550100", "5215555550100", "1123456789",
                      "91123456789", "111523456789", "3001234567", "961234567", "912345678", "14155552671",
                      "4155552671", "2079460958", "02079460958", "7911123456", "142685300", "0142685300",
                      "301234567", "15123456789", "0612345678", "88005553535", "8005553535", "11987654321",
                      "912 345 678", "55-5555-0100", "(55) 5555 0100", "612.34.56.78", "06 12 34 56 78"]
        var out: [(String, String)] = []
        // Every leading pair of digits, lengths 7 to 11, bare and after the national and international
        // prefixes the fast path strips (trunk 0, NANP 1, Mexico's 01/044/045/1, 00, "+CC (0)").
        for (code, region) in [("1", "US"), ("52", "MX"), ("56", "CL"), ("33", "FR"), ("34", "ES"), ("39", "IT"),
                               ("44", "GB"), ("49", "DE"), ("51", "PE"), ("57", "CO"), ("351", "PT")] {
            for lead in 10...99 {
                for length in 7...11 {
                    let body = String(lead) + String(String(repeating: "4736251908", count: 2).prefix(length - 2))
                    for prefix in ["", "0", "1", "01", "044", "00" + code + " ", "00" + code + " 0", "00" + code + " 1"] {
                        out.append((prefix + body, region))
                    }
                    for prefix in ["+" + code + " ", "+" + code + " (0)", "+" + code + " 1 ", "+" + code + " 0"] {
                        out.append((prefix + body, "ES"))
                    }
                }
            }
        }
        for region in regions {
            for body in bodies {
                out.append((body, region))
                out.append(("+" + body, region))
            }
            for (text, _, _, _) in cases { out.append((text, region)) }
        }
        return out
    }

    @Test("the metadata's patterns are read without ICU for every country the fast path handles, and most others")
    func patternsCover() {
        for code in [1, 52, 56, 33, 34, 39, 44, 49, 51, 57, 351] {
            #expect(PhoneNormalizer.typedWithoutICU(countryCode: code), "+\(code)")
        }
        let covered = (1...999).filter { PhoneNormalizer.typedWithoutICU(countryCode: $0) }.count
        #expect(covered > 200)
        #expect(!PhoneNormalizer.typedWithoutICU(countryCode: 999))
    }

    /// Every type pattern of every region is matched by an automaton built from it; the
    /// matching by positions it replaced is the reference, on strings that match and strings
    /// that do not.
    @Test("the pattern automata agree with matching by positions in every region")
    func automataAgree() {
        var checked = 0
        let mismatches = cardtool_phone_patterns_selfcheck(2026, 400, &checked)
        #expect(mismatches == 0)
        #expect(checked > 500_000)
    }

    @Test("random digits, valid or not, read the same with and without Parse")
    func randomDigitsAgree() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let regions = ["ES", "MX", "US", "GB", "FR", "DE", "IT", "PT", "CO", "CL", "PE", "AR", "BR", "CA"]
        let codes = ["1", "52", "44", "33", "49", "39", "351", "57", "56", "51", "34", "7", "81", "61", "971"]
        var invalid = 0
        for _ in 0..<30_000 {
            let length = 5 + next(9)
            var digits = String((0..<length).map { _ in Character(String(next(10))) })
            switch next(4) {
            case 0: digits = "+" + codes[next(codes.count)] + " " + digits
            case 1: digits = "00" + codes[next(codes.count)] + digits
            default: break
            }
            // Extensions as people write them (and as the CSV mapper hands them on), and a few
            // that are not one: Parse strips the former before reading the number.
            let extensions = [" ext. 7", " Ext. 1234", " ext 99", " EXT.12", " x 340", " x12", " ext. 1234567", "ext. 5", " ext. ", " y 12"]
            if next(3) == 0 { digits += extensions[next(extensions.count)] }
            let region = regions[next(regions.count)]
            let fast = PhoneNormalizer.parseUncached(digits, region: region)
            let full = PhoneNormalizer.parseUncached(digits, region: region, full: true)
            #expect(fast == full, "\(digits) in \(region)")
            if full.e164 == nil { invalid += 1 }
        }
        #expect(invalid > 10_000)
    }

    @Test("the fast path for plain digits agrees with libphonenumber's Parse")
    func fastPathAgrees() {
        var checked = 0
        for (text, region) in Self.plainNumbers {
            let cleaned = PhoneNormalizer.clean(text)
            let fast = PhoneNormalizer.parseUncached(cleaned, region: region)
            let full = PhoneNormalizer.parseUncached(cleaned, region: region, full: true)
            #expect(fast == full, "\(text) in \(region)")
            checked += 1
        }
        #expect(checked > 50_000)
    }
}
