// libyaml's event API → `YAMLNode` tree. libyaml does the YAML syntax; this layer adds source
// ranges and the rejections a spec language wants: duplicate keys, merge keys, several
// documents, undefined aliases, non-scalar keys, unknown tags, and resource limits.
import CYAML

/// The result of parsing one YAML file.
public struct YAMLParseResult: Sendable {
    /// The document's root node; nil for an empty document or when parsing stopped early.
    public var root: YAMLNode?
    /// Everything found, in the order found (the first `DiagnosticLimits.kept` by position).
    public var diagnostics: [Diagnostic]
    /// Diagnostics found past `DiagnosticLimits.kept`, only counted.
    public var omitted = DiagnosticTally()
}

/// Parses YAML text into located nodes.
public enum YAMLParser {
    /// Parses `bytes` (the file's content); `file` names it in ranges.
    public static func parse(bytes: [UInt8], file: String, limits: YAMLLimits = .standard) -> YAMLParseResult {
        parse(bytes: bytes, source: SourceFile(path: file, bytes: bytes), limits: limits)
    }

    /// Parses `bytes` whose lines `source` already holds (saves splitting the text twice).
    public static func parse(bytes: [UInt8], source: SourceFile, limits: YAMLLimits = .standard) -> YAMLParseResult {
        let file = source.path
        if bytes.count > limits.maxBytes {
            return YAMLParseResult(root: nil, diagnostics: [.error(
                "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes (\(limits.maxBytes >> 20) MiB)",
                at: .point(file, line: 1, column: 1))])
        }
        if let bad = UTF8Check.firstInvalid(in: bytes) {
            return YAMLParseResult(root: nil, diagnostics: [.error(
                "invalid UTF-8 byte sequence; spec files must be UTF-8",
                at: SourceRange(file: file, start: bad, end: bad))])
        }
        if bytes.isEmpty { return YAMLParseResult(root: nil, diagnostics: []) }
        var builder = TreeBuilder(file: file, limits: limits, bytes: bytes)
        builder.run()
        // libyaml may place an end-of-input error on the line after the last one; keep every
        // reported position on a line that exists.
        let clamped = builder.diagnostics.kept.map { d -> Diagnostic in
            var d = d
            d.range = d.range.map { source.clamp($0) }
            d.notes = d.notes.map { DiagnosticNote($0.message, range: $0.range.map { source.clamp($0) }) }
            return d
        }
        return YAMLParseResult(root: builder.root, diagnostics: clamped, omitted: builder.diagnostics.omitted)
    }
}

/// Standard tags of the YAML core schema; anything else is rejected.
private let coreTags: Set<String> = [
    "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
]

private struct Frame {
    var isMapping: Bool
    var start: SourceLocation
    var tag: String?
    var anchor: String?
    var isFlow: Bool
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    var skipPendingValue = false
    var firstKeyRange: [String: SourceRange] = [:]
    var size = 1
}

/// libyaml's parser and event at fixed heap addresses with one owner. `yaml_parser_set_input_string`
/// stores a pointer to the parser inside the parser itself, so it must never live in a Swift
/// variable whose address is only borrowed for a call; here it is allocated, initialised, and
/// `yaml_parser_delete`d and freed when the owner goes away.
private final class LibYAMLParser {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let event: UnsafeMutablePointer<yaml_event_t>
    /// False when `yaml_parser_initialize` failed (out of memory); then nothing may be parsed.
    let isInitialized: Bool

    init() {
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        isInitialized = yaml_parser_initialize(parser) == 1
    }

    deinit {
        if isInitialized { yaml_parser_delete(parser) }
        parser.deinitialize(count: 1)
        parser.deallocate()
        event.deinitialize(count: 1)
        event.deallocate()
    }
}

private struct TreeBuilder {
    let file: String
    let limits: YAMLLimits
    let bytes: [UInt8]
    var root: YAMLNode?
    var diagnostics = DiagnosticBuffer()
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var expanded = 0
    var documents = 0

    init(file: String, limits: YAMLLimits, bytes: [UInt8]) {
        self.file = file; self.limits = limits; self.bytes = bytes
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        SourceRange(file: file, start: location(start), end: location(end))
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let p else { return nil }
        let n = length ?? strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    mutating func run() {
        let libyaml = LibYAMLParser()
        guard libyaml.isInitialized else {
            diagnostics.append(.error("cannot initialise the YAML parser", at: nil)); return
        }
        bytes.withUnsafeBufferPointer { buffer in
            // libyaml keeps `buffer`'s address (and the parser's own) until parsing ends, which is
            // inside this closure; the parser lives at its fixed address until `libyaml` goes away.
            yaml_parser_set_input_string(libyaml.parser, buffer.baseAddress, buffer.count)
            let event = libyaml.event
            while true {
                guard yaml_parser_parse(libyaml.parser, event) == 1 else { reportSyntaxError(libyaml.parser.pointee); return }
                let keepGoing = handle(event.pointee)
                let ended = event.pointee.type == YAML_STREAM_END_EVENT
                yaml_event_delete(event)
                if !keepGoing || ended { return }
            }
        }
    }

    mutating func reportSyntaxError(_ parser: yaml_parser_t) {
        let problem = Self.cString(parser.problem) ?? "malformed YAML"
        if parser.error == YAML_READER_ERROR {
            let at = LineBreaks.location(ofByte: Int(parser.problem_offset), in: bytes)
            diagnostics.append(.error("invalid input: \(problem)", at: SourceRange(file: file, start: at, end: at)))
            return
        }
        if parser.error == YAML_MEMORY_ERROR {
            diagnostics.append(.error("out of memory while parsing YAML", at: .point(file, line: 1, column: 1)))
            return
        }
        var notes: [DiagnosticNote] = []
        if let context = Self.cString(parser.context) {
            notes.append(DiagnosticNote(context, range: range(parser.context_mark, parser.context_mark)))
        }
        diagnostics.append(.error("YAML syntax error: \(problem)",
                                  at: range(parser.problem_mark, parser.problem_mark), notes: notes))
    }

    static func cString(_ p: UnsafePointer<CChar>?) -> String? {
        p.map { String(cString: $0) }
    }

    /// Handles one event; false stops parsing (a limit was hit or the input is unusable).
    mutating func handle(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(.error("a spec file holds exactly one YAML document; found a second one",
                                          at: range(event.start_mark, event.end_mark)))
                return false
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = Self.string(s.value, length: Int(s.length)) ?? ""
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let r = range(event.start_mark, event.end_mark)
            let tag = checkedTag(Self.string(s.tag), at: r)
            let node = YAMLNode(kind: .scalar(value, style), tag: tag, range: r)
            register(anchor: Self.string(s.anchor), node: node, size: 1)
            return add(node, size: 1)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            let r = range(event.start_mark, event.end_mark)
            guard let target = anchors[name] else {
                diagnostics.append(.error("undefined alias '*\(name)'", at: r))
                return add(YAMLNode(kind: .scalar("", .plain), tag: YAMLNode.invalidTag, range: r), size: 1)
            }
            expanded += target.size
            if expanded > limits.maxAliasExpansion {
                diagnostics.append(.error(
                    "alias expansion exceeds the budget of \(limits.maxAliasExpansion) nodes; aliases may not multiply the document",
                    at: r))
                return false
            }
            return add(target.node, size: target.size)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let r = range(event.start_mark, event.end_mark)
            if stack.count >= limits.maxDepth {
                diagnostics.append(.error("nesting is deeper than \(limits.maxDepth) levels", at: r))
                return false
            }
            let tagText = isMapping ? Self.string(event.data.mapping_start.tag) : Self.string(event.data.sequence_start.tag)
            let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            let isFlow = isMapping ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            stack.append(Frame(isMapping: isMapping, start: r.start, tag: checkedTag(tagText, at: r),
                               anchor: anchor, isFlow: isFlow))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            var end = frame.start
            if frame.isFlow { end = location(event.end_mark) }
            else if frame.isMapping, let last = frame.pairs.last { end = last.value.range.end }
            else if let last = frame.items.last { end = last.range.end }
            let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let node = YAMLNode(kind: kind, tag: frame.tag,
                                range: SourceRange(file: file, start: frame.start, end: end), isFlow: frame.isFlow)
            register(anchor: frame.anchor, node: node, size: frame.size)
            return add(node, size: frame.size)
        default:
            break
        }
        return true
    }

    mutating func checkedTag(_ tag: String?, at r: SourceRange) -> String? {
        guard let tag else { return nil }
        if !coreTags.contains(tag) {
            diagnostics.append(.error("unsupported YAML tag '\(tag)'; specs use plain YAML values", at: r))
        }
        return tag
    }

    mutating func register(anchor: String?, node: YAMLNode, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
    }

    /// Attaches a finished node to its parent.
    mutating func add(_ node: YAMLNode, size: Int) -> Bool {
        guard !stack.isEmpty else { root = node; return true }
        let top = stack.count - 1
        stack[top].size += size
        if !stack[top].isMapping { stack[top].items.append(node); return true }
        guard let key = stack[top].pendingKey else {
            stack[top].skipPendingValue = false
            guard case .scalar(let name, let style) = node.kind else {
                diagnostics.append(.error("mapping keys must be plain strings, not \(node.typeDescription)", at: node.range))
                stack[top].pendingKey = node
                stack[top].skipPendingValue = true
                return true
            }
            if name == "<<" && style == .plain {
                diagnostics.append(.error("merge keys ('<<') are not supported; write the keys out", at: node.range))
                stack[top].skipPendingValue = true
            } else if let first = stack[top].firstKeyRange[name] {
                diagnostics.append(.error("duplicate key '\(name)'", at: node.range,
                                          notes: [DiagnosticNote("'\(name)' first appears here", range: first)]))
                stack[top].skipPendingValue = true
            } else {
                stack[top].firstKeyRange[name] = node.range
            }
            stack[top].pendingKey = node
            return true
        }
        if !stack[top].skipPendingValue { stack[top].pairs.append(YAMLPair(key: key, value: node)) }
        stack[top].pendingKey = nil
        stack[top].skipPendingValue = false
        return true
    }
}
