import Auth
import Foundation
import SQLKit
import TrackerCore

/// Brings one person's stored flags in line with what the rules found for a day, inside the evaluator's
/// transaction (the person's lock held): a rule that holds raises its flag (or raises a withdrawn one again, or
/// refreshes the evidence of a standing one); a rule that no longer holds withdraws an open or acknowledged flag,
/// saying so. Reviewed flags (resolved, dismissed) keep their state. A shift flag whose shift is gone from the day
/// is withdrawn too.
struct FlagReconciler {
    let employee: Employee
    let day: LocalPeriod.Day
    /// The rules as they apply to this person: a disabled rule neither raises nor withdraws.
    let rules: [FlagRule: FlagRuleSettings]
    let now: Date
    let db: any SQLDatabase

    func apply(_ outcomes: [FlagOutcome]) async throws -> FlagEvaluator.Pass {
        let keys = outcomes.filter { $0.rule.period != .shift }.map(\.periodKey)
        let stored = try await FlagStore.person(employee.id, keys: Array(Set(keys)), shiftsFrom: day.start, to: day.end, db)
        var byKey: [String: Flag] = [:]
        for flag in stored { byKey["\(flag.rule.rawValue) \(flag.periodKey)"] = flag }
        var pass = FlagEvaluator.Pass()
        var seen = Set<String>()
        for outcome in outcomes {
            let key = "\(outcome.rule.rawValue) \(outcome.periodKey)"
            seen.insert(key)
            guard let holds = outcome.holds else { continue }
            let result = try await reconcile(outcome, holds: holds, existing: byKey[key])
            pass.raised += result.raised
            pass.withdrawn += result.withdrawn
        }
        // Shift flags of shifts no longer published for this person on this day.
        for flag in stored where flag.rule.period == .shift && rules[flag.rule]?.enabled == true && flag.state.isUnsettled
            && !seen.contains("\(flag.rule.rawValue) \(flag.periodKey)") {
            try await transition(flag, to: .withdrawn, kind: .withdrawn, evidence: flag.evidence,
                                 note: "Withdrawn automatically: the shift is no longer a published shift of this person.")
            pass.withdrawn += 1
        }
        return pass
    }

    private func reconcile(_ outcome: FlagOutcome, holds: Bool, existing: Flag?) async throws -> FlagEvaluator.Pass {
        var pass = FlagEvaluator.Pass()
        let severity = severityOf(outcome.rule)
        guard var flag = existing else {
            guard holds else { return pass }
            let flag = Flag(
                id: UUID().uuidString.lowercased(), rule: outcome.rule, employeeId: employee.id, teamId: employee.teamId,
                periodKey: outcome.periodKey, periodFrom: outcome.periodFrom, periodTo: outcome.periodTo, severity: severity,
                state: .open, evidence: outcome.evidence, assigneeId: nil, raisedAt: now, updatedAt: now, version: 1, history: nil
            )
            try await FlagStore.insert(flag, db)
            try await FlagStore.appendEvent(.init(version: 1, at: now, actorId: nil, kind: .raised, fromState: nil, toState: .open,
                                                  note: outcome.evidence.summary), flagID: flag.id, db)
            pass.raised = 1
            return pass
        }
        if holds, flag.state == .withdrawn {
            flag.severity = severity
            try await transition(flag, to: .open, kind: .raisedAgain, evidence: outcome.evidence, note: outcome.evidence.summary)
            pass.raised = 1
        } else if !holds, flag.state.isUnsettled {
            try await transition(flag, to: .withdrawn, kind: .withdrawn, evidence: outcome.evidence,
                                 note: "Withdrawn automatically: the condition no longer holds after late data. \(outcome.evidence.summary)")
            pass.withdrawn = 1
        } else if holds, flag.evidence != outcome.evidence || flag.teamId != employee.teamId || flag.severity != severity
                    || flag.periodFrom != outcome.periodFrom || flag.periodTo != outcome.periodTo {
            // Same standing, fresher numbers: no history entry, the evidence is what changed.
            flag.evidence = outcome.evidence
            flag.teamId = employee.teamId
            if flag.state.isUnsettled { flag.severity = severity }
            flag.periodFrom = outcome.periodFrom
            flag.periodTo = outcome.periodTo
            flag.updatedAt = now
            try await FlagStore.update(flag, db)
        }
        return pass
    }

    private func transition(_ flag: Flag, to state: FlagState, kind: FlagEvent.Kind, evidence: FlagEvidence, note: String) async throws {
        var flag = flag
        let from = flag.state
        flag.state = state
        flag.evidence = evidence
        flag.teamId = employee.teamId
        flag.updatedAt = now
        flag.version += 1
        try await FlagStore.update(flag, db)
        try await FlagStore.appendEvent(.init(version: flag.version, at: now, actorId: nil, kind: kind, fromState: from, toState: state, note: note),
                                        flagID: flag.id, db)
    }

    /// The severity configured for the rule where this person works.
    private func severityOf(_ rule: FlagRule) -> FlagSeverity { rules[rule]?.severity ?? rule.defaultSeverity }
}
