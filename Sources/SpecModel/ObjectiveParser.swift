// Recursive-descent parser for objective expressions (grammars/objective.ebnf). Offsets are
// counted in Unicode scalars of the expression text so callers can map them into the YAML file.

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
    private var depth = 0
    static let maxDepth = 64
    /// Every metric reference with its offset and length, in reading order.
    private(set) var references: [(name: String, offset: Int, length: Int)] = []

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseAll() -> Result<ObjectiveExpression, ObjectiveSyntaxError> {
        do {
            try advance()
            if current.token == .end { throw error("the objective expression is empty", at: current) }
            let e = try expression()
            guard current.token == .end else { throw unexpected("an operator or the end of the expression") }
            return .success(e)
        } catch let e as ObjectiveSyntaxError {
            return .failure(e)
        } catch {
            return .failure(ObjectiveSyntaxError(message: "\(error)", offset: 0, length: 1))
        }
    }

    // expression = term { ("+" | "-") term }
    private mutating func expression() throws -> ObjectiveExpression {
        var left = try term()
        while current.token == .plus || current.token == .minus {
            let op: ObjectiveExpression.BinaryOperator = current.token == .plus ? .add : .subtract
            try advance()
            left = .binary(op, left, try term())
        }
        return left
    }

    // term = unary { ("*" | "/") unary }
    private mutating func term() throws -> ObjectiveExpression {
        var left = try unary()
        while current.token == .star || current.token == .slash {
            let op: ObjectiveExpression.BinaryOperator = current.token == .star ? .multiply : .divide
            try advance()
            left = .binary(op, left, try unary())
        }
        return left
    }

    // unary = "-" unary | primary
    private mutating func unary() throws -> ObjectiveExpression {
        if current.token == .minus {
            let start = current
            try nest(start)
            defer { depth -= 1 }
            try advance()
            return .negate(try unary())
        }
        return try primary()
    }

    private mutating func nest(_ at: Lexeme) throws {
        depth += 1
        if depth > Self.maxDepth { throw error("the expression nests deeper than \(Self.maxDepth) levels", at: at) }
    }

    // primary = number | metric | "metric" "(" string ")" | function "(" args ")" | "(" expression ")"
    private mutating func primary() throws -> ObjectiveExpression {
        let start = current
        switch current.token {
        case .number(let v):
            try advance()
            return .number(v)
        case .leftParen:
            try nest(start)
            defer { depth -= 1 }
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
                return .metric(literal)
            }
            if let function = ObjectiveExpression.Function(rawValue: name) {
                guard current.token == .leftParen else {
                    throw error("'\(name)' is a function; call it as \(name)(…)", at: start)
                }
                try nest(start)
                defer { depth -= 1 }
                try advance()
                if current.token == .rightParen { throw error("\(name)() needs at least one argument", at: current) }
                var arguments = [try expression()]
                while current.token == .comma {
                    try advance()
                    arguments.append(try expression())
                }
                guard current.token == .rightParen else { throw unexpected("',' or ')' in the arguments of \(name)") }
                try advance()
                return .call(function, arguments)
            }
            if current.token == .leftParen {
                let known = (functionNames + ["metric"]).map { "\($0)()" }.joined(separator: ", ")
                throw error("unknown function '\(name)'; known functions: \(known)", at: start)
            }
            references.append((name, start.offset, start.length))
            return .metric(name)
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
