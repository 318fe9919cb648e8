import TrackerCore

/// Who is calling `/api/0` and what they may touch: a device (its own buckets, read and write) or a person with
/// their own access token (the buckets of all their devices, read only). Nobody else's buckets exist for them.
struct AWCaller: Sendable {
    let employeeID: String
    /// Set for a device: the only device whose buckets it sees and writes.
    let device: DeviceIdentity?

    init(_ identity: Identity?) throws {
        switch identity {
        case .device(let device)?:
            employeeID = device.employeeID
            self.device = device
        case .user(let user)?:
            employeeID = user.employeeID
            device = nil
        default:
            throw AWError.unauthenticated
        }
    }

    func sees(_ bucket: AWBucket) -> Bool {
        bucket.employeeID == employeeID && (device == nil || device?.deviceID == bucket.deviceID)
    }

    /// The device, for writes; a person's token is refused.
    func writer() throws -> DeviceIdentity {
        guard let device else { throw AWError.readOnly }
        return device
    }
}
