import CardModel

/// Apple's built-in labels are written `_$!<HomePage>!$_`; custom labels are plain text.
enum AppleLabel {
    static let system: Set<String> = [
        "Home", "Work", "Other", "Main", "HomePage", "HomeFAX", "WorkFAX", "OtherFAX", "Pager", "iPhone", "Mobile",
        "School", "Anniversary", "Spouse", "Child", "Father", "Mother", "Parent", "Brother", "Sister", "Friend",
        "Partner", "Manager", "Assistant",
    ]

    static func decode(_ label: String) -> String {
        if label.hasPrefix("_$!<") && label.hasSuffix(">!$_") && label.count > 8 {
            return String(label.dropFirst(4).dropLast(4))
        }
        return label
    }

    static func encode(_ label: String) -> String {
        system.contains(label) ? "_$!<\(label)>!$_" : label
    }
}
