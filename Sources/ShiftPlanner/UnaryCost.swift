/// What one shift costs in one employee's hands on its own — the same arithmetic for the search's tables and for the
/// full re-scoring of an explanation.
struct UnaryCost: Equatable {
    var missingSkill: Int64 = 0
    var unavailableMinutes: Int64 = 0
    var desiredMinutes: Int64 = 0
    var undesiredMinutes: Int64 = 0
    /// Expected productive minutes, rounded.
    var productiveMinutes: Int64 = 0
    /// The shift's paid minutes when the current draft gives it to someone else.
    var changedMinutes: Int64 = 0

    var hard: Int64 { missingSkill + unavailableMinutes }

    func soft(_ w: PlanningProblem.Weights) -> Int64 {
        w.desired * desiredMinutes - w.undesired * undesiredMinutes + w.productive * productiveMinutes - w.stability * changedMinutes
    }

    init(_ problem: PlanningProblem, shift s: Int, employee e: Int) {
        let shift = problem.shifts[s], employee = problem.employees[e]
        if !employee.skills.contains(shift.requiredSkill) { missingSkill = 1 }
        if !employee.unavailableDays.isEmpty || !employee.desiredDays.isEmpty || !employee.undesiredDays.isEmpty {
            for d in Set([shift.startDay, shift.endDay]) {
                let minutes = Time.dayMinutes(start: shift.start, end: shift.end, day: d)
                if employee.unavailableDays.contains(d) { unavailableMinutes += minutes }
                if employee.undesiredDays.contains(d) { undesiredMinutes += minutes }
                if employee.desiredDays.contains(d) { desiredMinutes += minutes }
            }
        }
        for span in employee.unavailable { unavailableMinutes += span.overlapMinutes(shift.start, shift.end) }
        for span in employee.desired { desiredMinutes += span.overlapMinutes(shift.start, shift.end) }
        for span in employee.undesired { undesiredMinutes += span.overlapMinutes(shift.start, shift.end) }
        if employee.productiveProfile.count == 168 { productiveMinutes = Self.productive(shift, employee.productiveProfile) }
        if let current = shift.current, current != e { changedMinutes = shift.paidMinutes }
    }

    /// Σ minutes × productive share over the local hours the shift covers.
    static func productive(_ shift: PlanningProblem.Shift, _ profile: [Double]) -> Int64 {
        var t = shift.start + shift.utcOffset
        let end = shift.end + shift.utcOffset
        var total = 0.0
        while t < end {
            let hourStart = t - ((t % Time.hour) + Time.hour) % Time.hour
            let next = min(end, hourStart + Time.hour)
            let day = Time.day(t)
            let weekday = Int(((day + 3) % 7 + 7) % 7) // 1970-01-01 was a Thursday; Monday is 0
            let hour = Int((t - day * Time.day) / Time.hour)
            total += Double(next - t) / Double(Time.minute) * profile[weekday * 24 + hour]
            t = next
        }
        return Int64(total.rounded())
    }
}
