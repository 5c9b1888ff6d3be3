// Text renderings of a task graph for `mixspec graph`: Graphviz dot and Mermaid flowcharts.
// Node order and edge order follow the graph's deterministic topological order.
import Foundation

/// The output formats of `mixspec graph`.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, mermaid
}

extension TaskGraph {
    /// Renders the graph; `states` (optional) colours nodes by plan state name (cached / stale / new).
    public func rendered(as format: GraphFormat, states: [TaskID: String] = [:]) -> String {
        switch format {
        case .dot: return dot(states: states)
        case .mermaid: return mermaid(states: states)
        }
    }

    private func dot(states: [TaskID: String]) -> String {
        var out = "digraph mixspec {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n"
        for node in nodes {
            var attributes = "label=\(dotQuoted(node.id.rawValue))"
            if let state = states[node.id] { attributes += ", fillcolor=\"\(Self.fill(state))\"" }
            out += "  \(dotQuoted(node.id.rawValue)) [\(attributes)];\n"
        }
        for node in nodes {
            for input in node.inputs {
                out += "  \(dotQuoted(input.rawValue)) -> \(dotQuoted(node.id.rawValue));\n"
            }
        }
        return out + "}\n"
    }

    private func mermaid(states: [TaskID: String]) -> String {
        // Mermaid ids must be plain identifiers: number the nodes, label them with the task id.
        var ids: [TaskID: String] = [:]
        var out = "flowchart LR\n"
        for (n, node) in nodes.enumerated() {
            let id = "t\(n)"
            ids[node.id] = id
            let label = node.id.rawValue.replacingOccurrences(of: "\"", with: "#quot;")
            out += "  \(id)[\"\(label)\"]\n"
        }
        for node in nodes {
            for input in node.inputs { out += "  \(ids[input]!) --> \(ids[node.id]!)\n" }
        }
        let byState = Dictionary(grouping: nodes.compactMap { n in states[n.id].map { (ids[n.id]!, $0) } }, by: \.1)
        for state in byState.keys.sorted() {
            out += "  classDef \(state) fill:\(Self.fill(state))\n"
            out += "  class \(byState[state]!.map(\.0).joined(separator: ",")) \(state)\n"
        }
        return out
    }

    private static func fill(_ state: String) -> String {
        switch state {
        case "cached": return "#d9f2d9"
        case "stale": return "#ffe8b3"
        case "new": return "#cfe2ff"
        default: return "#eeeeee"
        }
    }
}

private func dotQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
