import TrackerCore

/// Errors of the organisation directory (teams and employees).
public enum DirectoryError: AppError, Equatable {
    case employeeNotFound
    case teamNotFound
    case deviceNotFound
    case emailTaken
    case teamNameTaken
    case externalIdTaken(system: String)
    case unknownTeam(String)

    public var kind: ErrorKind {
        switch self {
        case .employeeNotFound, .teamNotFound, .deviceNotFound: .notFound
        case .emailTaken, .teamNameTaken, .externalIdTaken: .conflict
        case .unknownTeam: .unprocessable
        }
    }

    public var code: String {
        switch self {
        case .employeeNotFound: "employee_not_found"
        case .teamNotFound: "team_not_found"
        case .deviceNotFound: "device_not_found"
        case .emailTaken: "email_taken"
        case .teamNameTaken: "team_name_taken"
        case .externalIdTaken: "external_id_taken"
        case .unknownTeam: "unknown_team"
        }
    }

    public var message: String {
        switch self {
        case .employeeNotFound: "No such employee."
        case .teamNotFound: "No such team."
        case .deviceNotFound: "No such device."
        case .emailTaken: "email: another employee already uses this address."
        case .teamNameTaken: "name: another team already has this name."
        case .externalIdTaken(let system): "externalIds.\(system): already linked to another employee."
        case .unknownTeam(let id): "teamId: no team \(id)."
        }
    }
}
