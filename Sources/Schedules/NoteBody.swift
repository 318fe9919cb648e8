import Foundation
import Hummingbird
import TrackerHTTP

/// The optional `{"note": …}` body of approve and deny calls; an empty body is no note.
enum NoteBody {
    struct Body: Decodable { var note: String? }

    static func read(_ request: Request) async throws -> String? {
        let body = try await request.collectBody(upTo: 16_384)
        guard body.readableBytes > 0 else { return nil }
        return try JSONCoding.decoder.decode(Body.self, from: Data(buffer: body)).note
    }
}
