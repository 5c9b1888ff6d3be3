// Recursive-descent parser for objective expressions (grammars/objective.ebnf). Offsets are
// counted in Unicode scalars of the expression text so callers can map them into the YAML file.
//
// Everything that walks an expression tree (canonical text, metric names, evaluation, the
// compiler's mapping, even Swift's release of an indirect enum) recurses once per level, so
// the parser bounds the tree while it builds it: a left-deep chain `a + b + c + …` is as deep
// as it is long. No tree past `ObjectiveLimits` is ever built.

/// Bounds on an objective expression (README, "Limits"), checked while parsing.
public enum ObjectiveLimits {
    /// Longest expression text, in UTF-8 bytes (64 KiB).
    public static let maxBytes = 65_536
    /// Most nodes of the tree: numbers, metrics, operators and calls.
    public static let maxNodes = 10_000
    /// Deepest tree, counted in nodes from the root to a leaf; each operator of a chain adds one.
    public static let maxDepth = 256
    /// Parentheses, calls and unary minus nested inside each other (the parser's own recursion).
    public static let maxNesting = 64
}

/// A located objective syntax error.
public struct ObjectiveSyntaxError: Error, Sendable, Equatable {
    public var message: String
    /// Offset (in Unicode scalars) of the offending text in the expression.
    public var offset: Int
    /// Length of the offending text (at least 1 for a caret).
    public var length: Int
}

/// Parses objective expression text: `0.7 * loss.web + 0.3 * mean(loss.code, metric("x/y"))`.
public func parseObjective(_ text: String) -> Result<ObjectiveExpression, ObjectiveSyntaxError> {
    var parser = ObjectiveParser(text)
    return parser.parseAll()
}

/// The names callable in objectives.
private let functionNames = ObjectiveExpression.Function.allCases.map(\.rawValue)

struct ObjectiveParser {
    enum Token: Equatable {
        case number(Double), identifier(String), string(String)
        case plus, minus, star, slash, leftParen, rightParen, comma, end
    }
    struct Lexeme { var token: Token; var offset: Int; var length: Int }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var current = Lexeme(token: .end, offset: 0, length: 1)
    /// Parentheses, calls and unary minus open around the current token.
    private var nesting = 0
    /// Nodes built so far.
    private var nodes = 0
    /// The text's size in bytes, when it is over `ObjectiveLimits.maxBytes` (then nothing is lexed).
    private let oversize: Int?
    /// Every metric reference with its offset and length, in reading order.
    private(set) var references: [(name: String, offset: Int, length: Int)] = []

    init(_ text: String) {
        let bytes = text.utf8.count
        oversize = bytes > ObjectiveLimits.maxBytes ? bytes : nil
        scalars = oversize == nil ? Array(text.unicodeScalars) : []
    }

    /// A subtree and its depth (nodes on its longest path to a leaf).
    private struct Built {
        var expression: ObjectiveExpression
        var depth: Int
    }

    mutating func parseAll() -> Result<ObjectiveExpression, ObjectiveSyntaxError> {
        do {
            if let oversize {
                throw ObjectiveSyntaxError(
                    message: "the objective expression is \(oversize) bytes long; the limit is \(ObjectiveLimits.maxBytes) bytes (64 KiB)",
                    offset: 0, length: 1)
            }
            try advance()
            if current.token == .end { throw error("the objective expression is empty", at: current) }
            let e = try expression()
            guard current.token == .end else { throw unexpected("an operator or the end of the expression") }
            return .success(e.expression)
        } catch let e as ObjectiveSyntaxError {
            return .failure(e)
        } catch {
            return .failure(ObjectiveSyntaxError(message: "\(error)", offset: 0, length: 1))
        }
    }

    // expression = term { ("+" | "-") term }
    private mutating func expression() throws -> Built {
        var left = try term()
        while current.token == .plus || current.token == .minus {
            let operatorLexeme = current
            let op: ObjectiveExpression.BinaryOperator = current.token == .plus ? .add : .subtract
            try advance()
            left = try binary(op, left, try term(), at: operatorLexeme)
        }
        return left
    }

    // term = unary { ("*" | "/") unary }
    private mutating func term() throws -> Built {
        var left = try unary()
        while current.token == .star || current.token == .slash {
            let operatorLexeme = current
            let op: ObjectiveExpression.BinaryOperator = current.token == .star ? .multiply : .divide
            try advance()
            left = try binary(op, left, try unary(), at: operatorLexeme)
        }
        return left
    }

    private mutating func binary(_ op: ObjectiveExpression.BinaryOperator, _ left: Built, _ right: Built, at lexeme: Lexeme) throws -> Built {
        let depth = Swift.max(left.depth, right.depth) + 1
        try node(depth: depth, at: lexeme)
        return Built(expression: .binary(op, left.expression, right.expression), depth: depth)
    }

    // unary = "-" unary | primary
    private mutating func unary() throws -> Built {
        if current.token == .minus {
            let start = current
            try nest(start)
            defer { nesting -= 1 }
            try advance()
            let operand = try unary()
            try node(depth: operand.depth + 1, at: start)
            return Built(expression: .negate(operand.expression), depth: operand.depth + 1)
        }
        return try primary()
    }

    private mutating func nest(_ at: Lexeme) throws {
        nesting += 1
        if nesting > ObjectiveLimits.maxNesting {
            throw error("the expression nests deeper than \(ObjectiveLimits.maxNesting) levels", at: at)
        }
    }

    /// Counts a node about to be built at `lexeme` with `depth`; throws past `ObjectiveLimits`,
    /// before the node exists.
    private mutating func node(depth: Int, at lexeme: Lexeme) throws {
        nodes += 1
        if nodes > ObjectiveLimits.maxNodes {
            throw error("the expression has more than \(ObjectiveLimits.maxNodes) parts (numbers, metrics, operators and calls)", at: lexeme)
        }
        if depth > ObjectiveLimits.maxDepth {
            throw error("the expression is more than \(ObjectiveLimits.maxDepth) levels deep (each operator of a chain such as a + b + c adds a level); write long sums with sum(…) or mean(…)",
                        at: lexeme)
        }
    }

    /// A leaf (number or metric) at `lexeme`.
    private mutating func leaf(_ e: ObjectiveExpression, at lexeme: Lexeme) throws -> Built {
        try node(depth: 1, at: lexeme)
        return Built(expression: e, depth: 1)
    }

    // primary = number | metric | "metric" "(" string ")" | function "(" args ")" | "(" expression ")"
    private mutating func primary() throws -> Built {
        let start = current
        switch current.token {
        case .number(let v):
            try advance()
            return try leaf(.number(v), at: start)
        case .leftParen:
            try nest(start)
            defer { nesting -= 1 }
            try advance()
            let e = try expression()
            guard current.token == .rightParen else { throw unexpected("')' to close the '(' at column offset \(start.offset + 1)") }
            try advance()
            return e
        case .identifier(let name):
            try advance()
            if name == "metric" {
                guard current.token == .leftParen else { throw unexpected("'(' after 'metric'") }
                try advance()
                guard case .string(let literal) = current.token else { throw unexpected("a quoted metric name") }
                if literal.isEmpty { throw error("the metric name is empty", at: current) }
                try advance()
                guard current.token == .rightParen else { throw unexpected("')' after the metric name") }
                references.append((literal, start.offset, current.offset + 1 - start.offset))
                try advance()
                return try leaf(.metric(literal), at: start)
            }
            if let function = ObjectiveExpression.Function(rawValue: name) {
                guard current.token == .leftParen else {
                    throw error("'\(name)' is a function; call it as \(name)(…)", at: start)
                }
                try nest(start)
                defer { nesting -= 1 }
                try advance()
                if current.token == .rightParen { throw error("\(name)() needs at least one argument", at: current) }
                let first = try expression()
                var arguments = [first.expression], depth = first.depth
                while current.token == .comma {
                    try advance()
                    let argument = try expression()
                    arguments.append(argument.expression)
                    depth = Swift.max(depth, argument.depth)
                }
                guard current.token == .rightParen else { throw unexpected("',' or ')' in the arguments of \(name)") }
                try node(depth: depth + 1, at: start)
                try advance()
                return Built(expression: .call(function, arguments), depth: depth + 1)
            }
            if current.token == .leftParen {
                let known = (functionNames + ["metric"]).map { "\($0)()" }.joined(separator: ", ")
                throw error("unknown function '\(name)'; known functions: \(known)", at: start)
            }
            references.append((name, start.offset, start.length))
            return try leaf(.metric(name), at: start)
        case .string:
            throw error("a quoted name must be wrapped as metric(\"…\")", at: start)
        default:
            throw unexpected("a number, a metric name or '('")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number: return "a number"
        case .identifier(let s): return "'\(s)'"
        case .string: return "a string"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "the end of the expression"
        }
    }

    private func unexpected(_ expected: String) -> ObjectiveSyntaxError {
        error("expected \(expected), found \(describe(current.token))", at: current)
    }

    private func error(_ message: String, at lexeme: Lexeme) -> ObjectiveSyntaxError {
        ObjectiveSyntaxError(message: message, offset: lexeme.offset, length: Swift.max(1, lexeme.length))
    }

    // MARK: lexer

    private mutating func advance() throws {
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" || scalars[position] == "\n" {
            position += 1
        }
        let start = position
        guard position < scalars.count else { current = Lexeme(token: .end, offset: start, length: 1); return }
        let c = scalars[position]
        func single(_ t: Token) { position += 1; current = Lexeme(token: t, offset: start, length: 1) }
        switch c {
        case "+": single(.plus)
        case "-": single(.minus)
        case "*": single(.star)
        case "/": single(.slash)
        case "(": single(.leftParen)
        case ")": single(.rightParen)
        case ",": single(.comma)
        case "\"": try lexString(start)
        case "0"..."9", ".": try lexNumber(start)
        default:
            if Self.isIdentifierStart(c) { lexIdentifier(start); return }
            throw ObjectiveSyntaxError(message: "unexpected character \"\(c)\"", offset: start, length: 1)
        }
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || ("0"..."9").contains(c) }

    /// `ident { "." ident }`: a dot continues the name only when an identifier follows it.
    private mutating func lexIdentifier(_ start: Int) {
        while true {
            while position < scalars.count, Self.isIdentifierPart(scalars[position]) { position += 1 }
            if position + 1 < scalars.count, scalars[position] == ".", Self.isIdentifierStart(scalars[position + 1]) {
                position += 1
                continue
            }
            break
        }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        current = Lexeme(token: .identifier(name), offset: start, length: position - start)
    }

    private mutating func lexNumber(_ start: Int) throws {
        func digits() -> Int {
            let s = position
            while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
            return position - s
        }
        var count = digits()
        if position < scalars.count, scalars[position] == "." { position += 1; count += digits() }
        if count == 0 { throw ObjectiveSyntaxError(message: "a number needs digits", offset: start, length: 1) }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            let e = position
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            if digits() == 0 {
                throw ObjectiveSyntaxError(message: "the exponent needs digits", offset: e, length: position - e)
            }
        }
        if position < scalars.count, Self.isIdentifierStart(scalars[position]) {
            let s = position
            while position < scalars.count, Self.isIdentifierPart(scalars[position]) { position += 1 }
            throw ObjectiveSyntaxError(message: "unit suffixes are not allowed in objectives; write plain or scientific numbers",
                                       offset: s, length: position - s)
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Double(text), value.isFinite else {
            throw ObjectiveSyntaxError(message: "'\(text)' is not a finite number", offset: start, length: position - start)
        }
        current = Lexeme(token: .number(value), offset: start, length: position - start)
    }

    /// `"…"` with `\"` and `\\` escapes.
    private mutating func lexString(_ start: Int) throws {
        position += 1
        var value = String.UnicodeScalarView()
        while position < scalars.count {
            let c = scalars[position]
            if c == "\"" {
                position += 1
                current = Lexeme(token: .string(String(value)), offset: start, length: position - start)
                return
            }
            if c == "\\" {
                guard position + 1 < scalars.count, scalars[position + 1] == "\"" || scalars[position + 1] == "\\" else {
                    throw ObjectiveSyntaxError(message: "only \\\" and \\\\ escapes are allowed in metric names",
                                               offset: position, length: Swift.min(2, scalars.count - position))
                }
                value.append(scalars[position + 1])
                position += 2
                continue
            }
            value.append(c)
            position += 1
        }
        throw ObjectiveSyntaxError(message: "unterminated string", offset: start, length: position - start)
    }
}
