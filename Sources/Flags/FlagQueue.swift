import TrackerStore

extension PersonDayQueue {
    /// Person-days waiting for flag evaluation.
    static let flags = PersonDayQueue(table: "flag_dirty")
}
