import Hummingbird
import TrackerCore

/// Who may call a route: each route group checks once, through these, before it reads anything.
extension AppRequestContext {
    /// A signed-in person (not a device).
    public func requireUser() throws -> UserIdentity {
        switch identity {
        case .user(let user): return user
        case .device: throw AccessError.forbidden("Device tokens may only send activity and read their agent configuration.")
        case nil: throw AccessError.notAuthenticated
        }
    }

    /// An administrator.
    public func requireAdmin() throws -> UserIdentity {
        let user = try requireUser()
        guard user.role == .admin else { throw AccessError.forbidden("Only administrators may do this.") }
        return user
    }

    /// An administrator or a manager (of at least one team).
    public func requireManagerOrAdmin() throws -> UserIdentity {
        let user = try requireUser()
        guard user.role == .admin || user.role == .manager else {
            throw AccessError.forbidden("Only managers and administrators may do this.")
        }
        return user
    }

    /// An agent device.
    public func requireDevice() throws -> DeviceIdentity {
        switch identity {
        case .device(let device): return device
        case .user: throw AccessError.forbidden("Only an agent device token may call this.")
        case nil: throw AccessError.notAuthenticated
        }
    }
}
