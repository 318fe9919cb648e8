import TrackerCore

/// The errors of `/api/0`, in the project's error body.
enum AWError: AppError {
    case unauthenticated
    case readOnly
    case noBucket(String)
    case noEvent(Int64)
    case bucketExists(String)

    var kind: ErrorKind {
        switch self {
        case .unauthenticated: .unauthorized
        case .readOnly: .forbidden
        case .noBucket, .noEvent: .notFound
        case .bucketExists: .conflict
        }
    }

    var code: String {
        switch self {
        case .unauthenticated: "token_required"
        case .readOnly: "read_only"
        case .noBucket: "no_such_bucket"
        case .noEvent: "no_such_event"
        case .bucketExists: "bucket_exists"
        }
    }

    var message: String {
        switch self {
        case .unauthenticated:
            "ActivityWatch clients need a device token: enrol a device (POST /api/me/devices), then set the watcher's server "
                + "hostname to TOKEN:@host (sent as HTTP Basic) or send Authorization: Bearer TOKEN"
        case .readOnly: "a person's own access token may read these buckets; writing needs the device's token"
        case .noBucket(let id): "bucket_id: there is no bucket '\(id.prefix(200))'"
        case .noEvent(let id): "event_id: there is no event \(id) in this bucket"
        case .bucketExists(let id): "bucket_id: a bucket '\(id.prefix(200))' already exists"
        }
    }
}
