import Hummingbird
import TrackerHTTP

/// `GET /api/organization` (anyone signed in), `PATCH /api/organization` (admin).
struct OrganizationController {
    let directory: DirectoryService

    struct Changes: Decodable {
        let name: String?
        let timeZone: String?
        let workWeek: [String]?
        let publicRanking: Bool?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context -> Organization in
            _ = try context.requireUser()
            return try await directory.organization()
        }
        group.patch { request, context -> Organization in
            _ = try context.requireAdmin()
            let body = try await request.decodeJSON(as: Changes.self, context: context)
            return try await directory.updateOrganization(
                name: body.name, timeZone: body.timeZone, workWeek: body.workWeek, publicRanking: body.publicRanking
            )
        }
    }
}
