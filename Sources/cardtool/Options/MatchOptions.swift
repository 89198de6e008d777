import ArgumentParser
import CardParse

/// `--threshold` and `--review-threshold`: when two records are one person.
struct MatchOptions: ParsableArguments {
    @Option(name: .long, help: "Match probability at or above which two records are merged (0–1); by default the model's cut, from 0.5 to 0.7, where 99.5 % of the pairs merged are one person by their own probabilities.")
    var threshold: Double?

    @Option(name: .customLong("review-threshold"), help: "Probability from which a pair not merged is listed for review (default: 0.2, or --threshold when lower).")
    var reviewThreshold: Double?

    func validate() throws {
        if let threshold {
            guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1.") }
        }
        guard let reviewThreshold else { return }
        guard reviewThreshold > 0, reviewThreshold <= (threshold ?? DedupConfiguration().automaticCut.lowerBound) else {
            throw ValidationError(threshold == nil ? "--review-threshold must be above 0 and at most 0.5 (the lowest cut the model may choose), or give --threshold."
                                                   : "--review-threshold must be above 0 and at most --threshold.")
        }
    }

    /// The deduplication settings, comparing `custom` fields too.
    func configuration(custom: [String]) -> DedupConfiguration {
        DedupConfiguration(threshold: threshold, reviewThreshold: reviewThreshold, customFields: custom)
    }
}
