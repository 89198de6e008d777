import ArgumentParser
import CardParse

/// `--threshold` and `--review-threshold`: when two records are one person.
struct MatchOptions: ParsableArguments {
    @Option(name: .long, help: "Match probability at or above which two records are merged (0–1).")
    var threshold: Double = 0.7

    @Option(name: .customLong("review-threshold"), help: "Probability from which a pair not merged is listed for review.")
    var reviewThreshold: Double = 0.2

    func validate() throws {
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1.") }
        guard reviewThreshold > 0, reviewThreshold <= threshold else {
            throw ValidationError("--review-threshold must be above 0 and at most --threshold.")
        }
    }

    /// The deduplication settings, comparing `custom` fields too.
    func configuration(custom: [String]) -> DedupConfiguration {
        DedupConfiguration(threshold: threshold, reviewThreshold: reviewThreshold, customFields: custom)
    }
}
