import Foundation

/// Every profile cardtool knows, most specific first.
public enum CSVProfiles {
    /// Every known profile in detection order, the generic one last.
    public static let all: [any CSVProfile] = [
        LinkedInConnectionsProfile(), GoogleContactsProfile(), ThunderbirdProfile(), OutlookContactsProfile(), HubSpotProfile(),
        SalesforceProfile(), GenericContactsProfile(),
    ]

    /// The best-scoring profile for a header row (the generic one when none recognises it).
    public static func detect(_ normalizedHeaders: [String]) -> any CSVProfile {
        var best: any CSVProfile = GenericContactsProfile()
        var bestScore = 0
        for profile in all {
            let s = profile.score(normalizedHeaders)
            if s > bestScore {
                best = profile
                bestScore = s
            }
        }
        return best
    }
}
