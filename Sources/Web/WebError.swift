import TrackerCore

/// What only the web interface refuses.
enum WebError: AppError, Equatable {
    /// A state-changing request without this session's form token, or from another origin.
    case forgery
    /// A `next=` target that is not a path on this site.
    case notFound

    var kind: ErrorKind {
        switch self {
        case .forgery: .forbidden
        case .notFound: .notFound
        }
    }

    var code: String {
        switch self {
        case .forgery: "csrf_rejected"
        case .notFound: "not_found"
        }
    }

    var message: String {
        switch self {
        case .forgery: "This form did not come from this site's own page (or the page is too old). Reload the page and try again."
        case .notFound: "There is no such page."
        }
    }
}
