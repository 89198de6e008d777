/// The process ends as soon as a command returns. Handing the large in-memory results here keeps
/// them from being freed value by value on the way out (a million records take seconds to free);
/// the operating system takes the memory back at once.
enum Teardown {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func skip(_ values: Any...) { kept.append(contentsOf: values) }
}
