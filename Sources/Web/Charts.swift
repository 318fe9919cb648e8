import Foundation

/// Charts drawn on the server as SVG: no script, no library, readable without colour (every bar and cell has a
/// title with its value, and a table with the same numbers sits beside each chart for screen readers).
enum Charts {
    /// Vertical bars, one per label.
    static func bars(_ items: [(label: String, value: Double)], title: String, format: (Double) -> String) -> HTML {
        let width = 640.0, height = 200.0, bottom = 24.0, top = 8.0
        let maxValue = max(items.map(\.value).filter(\.isFinite).max() ?? 0, 1)
        let slot = items.isEmpty ? width : width / Double(items.count)
        let labelEvery = max(1, Int((Double(items.count) / 12).rounded(.up)))
        var parts: [HTML] = []
        for (index, item) in items.enumerated() {
            let value = item.value.isFinite ? max(0, item.value) : 0
            let barHeight = (height - bottom - top) * value / maxValue
            let x = Double(index) * slot + slot * 0.15
            let y = height - bottom - barHeight
            parts.append("<rect class=\"bar\" x=\"\(fixed(x))\" y=\"\(fixed(y))\" width=\"\(fixed(slot * 0.7))\" height=\"\(fixed(barHeight))\"><title>\(item.label): \(format(value))</title></rect>")
            if index % labelEvery == 0 {
                parts.append("<text x=\"\(fixed(x + slot * 0.35))\" y=\"\(fixed(height - 6))\" text-anchor=\"middle\">\(shortLabel(item.label))</text>")
            }
        }
        return """
        <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title)">\
        <line class="axis" x1="0" x2="\(Int(width))" y1="\(fixed(height - bottom))" y2="\(fixed(height - bottom))"></line>\(parts)</svg>
        """
    }

    /// Weekday (rows, Monday first) × hour of day (columns); the cell's opacity is its share of the busiest cell.
    static func heatmap(_ grid: [[Double]], title: String) -> HTML {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let cell = 24.0, left = 36.0, top = 16.0
        let maxValue = max(grid.flatMap { $0 }.filter(\.isFinite).max() ?? 0, 1)
        var parts: [HTML] = []
        for hour in stride(from: 0, to: 24, by: 3) {
            parts.append("<text x=\"\(fixed(left + Double(hour) * cell + cell / 2))\" y=\"11\" text-anchor=\"middle\">\(hour)</text>")
        }
        for (row, name) in days.enumerated() {
            let y = top + Double(row) * cell
            parts.append("<text x=\"0\" y=\"\(fixed(y + cell * 0.7))\">\(name)</text>")
            let values = row < grid.count ? grid[row] : []
            for hour in 0..<24 {
                let value = hour < values.count && values[hour].isFinite ? max(0, values[hour]) : 0
                let opacity = value == 0 ? 0.06 : 0.15 + 0.85 * value / maxValue
                parts.append("<rect class=\"bar\" x=\"\(fixed(left + Double(hour) * cell + 1))\" y=\"\(fixed(y + 1))\" width=\"\(fixed(cell - 2))\" height=\"\(fixed(cell - 2))\" fill-opacity=\"\(fixed(opacity))\"><title>\(name) \(hour):00 – \(Formatting.duration(value))</title></rect>")
            }
        }
        return """
        <svg class="chart" viewBox="0 0 \(Int(left + 24 * cell)) \(Int(top + 7 * cell))" role="img" aria-label="\(title)">\(parts)</svg>
        """
    }

    /// A line over labelled points with a dashed second line (the moving average); a missing value breaks the line.
    static func line(_ items: [(label: String, value: Double?, average: Double?)], title: String, format: (Double) -> String) -> HTML {
        let width = 640.0, height = 200.0, bottom = 24.0, top = 8.0
        let finite = items.flatMap { [$0.value, $0.average] }.compactMap { $0 }.filter(\.isFinite)
        let maxValue = max(finite.max() ?? 0, 1)
        let step = items.count > 1 ? width / Double(items.count - 1) : 0
        func point(_ index: Int, _ value: Double) -> (Double, Double) {
            (items.count > 1 ? Double(index) * step : width / 2, height - bottom - (height - bottom - top) * max(0, value) / maxValue)
        }
        func paths(_ value: ((label: String, value: Double?, average: Double?)) -> Double?) -> String {
            var runs: [String] = [], current = ""
            for (index, item) in items.enumerated() {
                guard let v = value(item), v.isFinite else {
                    if !current.isEmpty { runs.append(current); current = "" }
                    continue
                }
                let (x, y) = point(index, v)
                current += (current.isEmpty ? "M" : " L") + fixed(x) + " " + fixed(y)
            }
            if !current.isEmpty { runs.append(current) }
            return runs.joined(separator: " ")
        }
        let labelEvery = max(1, Int((Double(items.count) / 8).rounded(.up)))
        // The scale: the top value and half of it, as faint guide lines.
        var parts: [HTML] = [0.5, 1].map { share -> HTML in
            let y = height - bottom - (height - bottom - top) * share
            return "<line class=\"guide\" x1=\"0\" x2=\"\(Int(width))\" y1=\"\(fixed(y))\" y2=\"\(fixed(y))\"></line><text x=\"2\" y=\"\(fixed(y - 3))\">\(format(maxValue * share))</text>"
        }
        for (index, item) in items.enumerated() {
            if let v = item.value, v.isFinite {
                let (x, y) = point(index, v)
                parts.append("<circle class=\"dot\" cx=\"\(fixed(x))\" cy=\"\(fixed(y))\" r=\"3\"><title>\(item.label): \(format(v))</title></circle>")
            }
            if index % labelEvery == 0 {
                let x = items.count > 1 ? Double(index) * step : width / 2
                let anchor = index == 0 ? "start" : (index == items.count - 1 ? "end" : "middle")
                parts.append("<text x=\"\(fixed(x))\" y=\"\(fixed(height - 6))\" text-anchor=\"\(anchor)\">\(shortLabel(item.label))</text>")
            }
        }
        return """
        <svg class="chart" viewBox="-6 0 \(Int(width + 12)) \(Int(height))" role="img" aria-label="\(title)">\
        <line class="axis" x1="0" x2="\(Int(width))" y1="\(fixed(height - bottom))" y2="\(fixed(height - bottom))"></line>\
        <path class="average" d="\(paths { $0.average })"></path><path class="series" d="\(paths { $0.value })"></path>\(parts)</svg>
        """
    }

    /// A small line without axes, for a row of a table (one per person).
    static func sparkline(_ values: [Double?], label: String) -> HTML {
        let width = 120.0, height = 28.0
        // Scaled between the person's own lowest and highest value: the shape is what a sparkline is for.
        let known = values.compactMap { $0 }.filter(\.isFinite)
        let low = known.min() ?? 0, span = max((known.max() ?? 0) - low, 1e-9)
        let step = values.count > 1 ? width / Double(values.count - 1) : 0
        var path = "", pen = false
        for (index, value) in values.enumerated() {
            guard let value, value.isFinite else { pen = false; continue }
            path += (pen ? " L" : " M") + fixed(Double(index) * step) + " " + fixed(height - 3 - (height - 6) * (value - low) / span)
            pen = true
        }
        return "<svg class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\"><path class=\"series\" d=\"\(path)\"></path></svg>"
    }

    private static func fixed(_ value: Double) -> String { String(format: "%.1f", value.isFinite ? value : 0) }

    /// `2026-03-05` → `03-05`; other labels as they are.
    private static func shortLabel(_ label: String) -> String {
        label.count == 10 && label.dropFirst(4).first == "-" ? String(label.dropFirst(5)) : label
    }
}
