import TrackerCore

/// The signed-in person a page is rendered for, with what every page needs: their name for the header and the
/// session's form token for every form on it.
struct WebViewer: Sendable {
    let user: UserIdentity
    let name: String
    let csrf: String

    var isAdmin: Bool { user.role == .admin }
    var isManager: Bool { user.role == .manager }
}
