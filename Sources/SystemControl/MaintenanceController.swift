import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `POST /api/system/maintenance {"task": "analyze"|"vacuum"|"rebuild-rollups"}` (202, the task to follow),
/// `GET /api/system/maintenance` (this instance's recent tasks) and `GET /api/system/maintenance/{id}`; administrators.
struct MaintenanceController {
    let service: MaintenanceService

    struct StartRequest: Decodable { var task: String }
    struct TaskList: ResponseEncodable { var items: [MaintenanceTask] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context -> EditedResponse<MaintenanceTask> in
            let user = try context.requireAdmin()
            let body = try await request.decodeJSON(as: StartRequest.self, context: context)
            guard let kind = MaintenanceTask.Kind(rawValue: body.task) else {
                throw SimpleAppError.invalid("task", "must be one of \(MaintenanceTask.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return EditedResponse(status: .accepted, response: try await service.start(kind, by: user.employeeID))
        }
        group.get { _, context -> TaskList in
            _ = try context.requireAdmin()
            return TaskList(items: service.recent)
        }
        group.get(":taskId") { _, context -> MaintenanceTask in
            _ = try context.requireAdmin()
            let id = try FieldValidation.id(try context.parameters.require("taskId"), field: "taskId")
            guard let task = service.task(id: id) else {
                throw SimpleAppError(.notFound, code: "maintenance_task_not_found", message: "No such maintenance task on this instance.")
            }
            return task
        }
    }
}

extension MaintenanceTask: ResponseEncodable {}
