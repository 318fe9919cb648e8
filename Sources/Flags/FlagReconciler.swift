import Auth
import Foundation
import SQLKit
import TrackerCore
import Webhooks

/// Brings one person's stored flags in line with what the rules found for a day: a rule that holds raises its flag
/// (or raises a withdrawn one again, or refreshes the evidence of a standing one); a rule that no longer holds
/// withdraws an open or acknowledged flag, saying so. Reviewed flags (resolved, dismissed) keep their state. A
/// shift flag whose shift is gone from the day is withdrawn too.
///
/// `plan` is pure: most evaluations change nothing, and the evaluator then writes nothing (on SQLite every
/// transaction is a durable commit); only a non-empty plan is made again and carried out under the person's lock.
struct FlagReconciler {
    let employee: Employee
    let day: LocalPeriod.Day
    /// The rules as they apply to this person: a disabled rule neither raises nor withdraws.
    let rules: [FlagRule: FlagRuleSettings]
    let now: Date

    enum Action: Sendable {
        case raise(Flag)
        case transition(Flag, to: FlagState, kind: FlagEvent.Kind, evidence: FlagEvidence, note: String)
        case refresh(Flag)
    }

    /// The stored flags a day's outcomes are compared with.
    func stored(_ outcomes: [FlagOutcome], _ db: any SQLDatabase) async throws -> [Flag] {
        let keys = Set(outcomes.filter { $0.rule.period != .shift }.map(\.periodKey))
        return try await FlagStore.person(employee.id, keys: Array(keys).sorted(), shiftsFrom: day.start, to: day.end, db)
    }

    func plan(_ outcomes: [FlagOutcome], stored: [Flag]) -> [Action] {
        var byKey: [String: Flag] = [:]
        for flag in stored { byKey["\(flag.rule.rawValue) \(flag.periodKey)"] = flag }
        var actions: [Action] = []
        var seen = Set<String>()
        for outcome in outcomes {
            let key = "\(outcome.rule.rawValue) \(outcome.periodKey)"
            seen.insert(key)
            guard let holds = outcome.holds, let action = action(outcome, holds: holds, existing: byKey[key]) else { continue }
            actions.append(action)
        }
        for flag in stored where flag.rule.period == .shift && rules[flag.rule]?.enabled == true && flag.state.isUnsettled
            && !seen.contains("\(flag.rule.rawValue) \(flag.periodKey)") {
            actions.append(.transition(flag, to: .withdrawn, kind: .withdrawn, evidence: flag.evidence,
                                       note: "Withdrawn automatically: the shift is no longer a published shift of this person."))
        }
        return actions
    }

    private func action(_ outcome: FlagOutcome, holds: Bool, existing: Flag?) -> Action? {
        let severity = rules[outcome.rule]?.severity ?? outcome.rule.defaultSeverity
        guard var flag = existing else {
            guard holds else { return nil }
            return .raise(Flag(
                id: UUID().uuidString.lowercased(), rule: outcome.rule, employeeId: employee.id, teamId: employee.teamId,
                periodKey: outcome.periodKey, periodFrom: outcome.periodFrom, periodTo: outcome.periodTo, severity: severity,
                state: .open, evidence: outcome.evidence, assigneeId: nil, raisedAt: now, updatedAt: now, version: 1, history: nil
            ))
        }
        if holds, flag.state == .withdrawn {
            flag.severity = severity
            return .transition(flag, to: .open, kind: .raisedAgain, evidence: outcome.evidence, note: outcome.evidence.summary)
        }
        if !holds, flag.state.isUnsettled {
            return .transition(flag, to: .withdrawn, kind: .withdrawn, evidence: outcome.evidence,
                               note: "Withdrawn automatically: the condition no longer holds after late data. \(outcome.evidence.summary)")
        }
        guard holds, flag.evidence != outcome.evidence || flag.teamId != employee.teamId || (flag.state.isUnsettled && flag.severity != severity)
                || flag.periodFrom != outcome.periodFrom || flag.periodTo != outcome.periodTo else { return nil }
        // Same standing, fresher numbers: no history entry, the evidence is what changed.
        flag.evidence = outcome.evidence
        flag.teamId = employee.teamId
        if flag.state.isUnsettled { flag.severity = severity }
        flag.periodFrom = outcome.periodFrom
        flag.periodTo = outcome.periodTo
        flag.updatedAt = now
        return .refresh(flag)
    }

    /// Carries out `actions` in the caller's transaction; counts what was raised and withdrawn.
    func execute(_ actions: [Action], _ db: any SQLDatabase) async throws -> FlagEvaluator.Pass {
        var pass = FlagEvaluator.Pass()
        for action in actions {
            switch action {
            case .raise(let flag):
                try await FlagStore.insert(flag, db)
                try await FlagStore.appendEvent(.init(version: 1, at: now, actorId: nil, kind: .raised, fromState: nil, toState: .open,
                                                      note: flag.evidence.summary), flagID: flag.id, db)
                try await FlagNotice.raised(flag, name: employee.name, at: now, db)
                pass.raised += 1
            case .transition(var flag, let state, let kind, let evidence, let note):
                let from = flag.state
                flag.state = state
                flag.evidence = evidence
                flag.teamId = employee.teamId
                flag.updatedAt = now
                flag.version += 1
                try await FlagStore.update(flag, db)
                try await FlagStore.appendEvent(.init(version: flag.version, at: now, actorId: nil, kind: kind, fromState: from, toState: state,
                                                      note: note), flagID: flag.id, db)
                if kind == .raisedAgain {
                    try await FlagNotice.raised(flag, name: employee.name, at: now, db)
                    pass.raised += 1
                } else {
                    try await FlagNotice.changed(flag, name: employee.name, what: note, at: now, db)
                    pass.withdrawn += 1
                }
            case .refresh(let flag):
                try await FlagStore.update(flag, db)
            }
        }
        return pass
    }
}
