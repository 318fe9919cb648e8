/// One of a device's activity events as a numbered stream (ActivityWatch's window bucket): the device's sequence
/// number is its id. Times in epoch milliseconds.
public struct StreamEvent: Sendable, Equatable {
    public var seq: Int64
    public var start: Int64
    public var end: Int64
    public var app: String
    public var title: String
    public var url: String?
}
