import NIOCore
import NIOPosix

/// Sends bytes exactly as given to a live server and returns everything it answers until it closes the connection
/// (or `timeout` passes): for requests no well-behaved client would send. Non-blocking (NIO), so it never holds a
/// thread of the shared executor.
public enum RawHTTP {
    public static func exchange(port: Int, _ request: [UInt8], timeout: Duration = .seconds(10)) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(bytes: request))
                    var answer = ""
                    for try await chunk in inbound { answer += String(buffer: chunk) }
                    return answer
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return "<timeout>"
            }
            let first = try await group.next() ?? ""
            group.cancelAll()
            return first
        }
    }
}
