// A strict, small well-formedness checker for the report's XML subset (elements, attributes,
// text, the five predefined entities and numeric references, a DOCTYPE and comments). The system
// parser on Linux recovers from mismatched tags, so the tests use this one for nesting.

struct StrictXMLChecker {
    /// The first problem found, or `nil` when the document is well-formed.
    private(set) var problem: String?
    /// Element names in document order.
    private(set) var elements: [String] = []

    init(_ text: String) {
        problem = check(Array(text.unicodeScalars))
    }

    private mutating func check(_ s: [Unicode.Scalar]) -> String? {
        var i = 0
        var stack: [String] = []
        var rootClosed = false
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ":" || c == "."
        }
        func readName() -> String {
            var name = ""
            while i < s.count, isNameScalar(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
            return name
        }
        func skipSpace() { while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" { i += 1 } }
        func checkReference() -> String? {
            // At `&`: a predefined entity or a numeric character reference.
            var j = i + 1
            var body = ""
            while j < s.count, s[j] != ";", j - i < 12 { body.unicodeScalars.append(s[j]); j += 1 }
            guard j < s.count, s[j] == ";" else { return "bare '&' at offset \(i)" }
            let ok = ["amp", "lt", "gt", "quot", "apos"].contains(body)
                || (body.hasPrefix("#x") && body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit))
                || (body.hasPrefix("#") && body.count > 1 && body.dropFirst().allSatisfy(\.isNumber))
            guard ok else { return "unknown entity '&\(body);' at offset \(i)" }
            i = j + 1
            return nil
        }
        while i < s.count {
            if s[i] == "<" {
                if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    guard j + 2 < s.count else { return "unterminated comment" }
                    i = j + 3
                    continue
                }
                if i + 1 < s.count, s[i + 1] == "!" {
                    guard stack.isEmpty, elements.isEmpty else { return "declaration inside the document at offset \(i)" }
                    while i < s.count, s[i] != ">" { i += 1 }
                    i += 1
                    continue
                }
                if i + 1 < s.count, s[i + 1] == "/" {
                    i += 2
                    let name = readName()
                    skipSpace()
                    guard i < s.count, s[i] == ">" else { return "malformed end tag </\(name) at offset \(i)" }
                    guard let open = stack.popLast() else { return "end tag </\(name)> without a start tag" }
                    guard open == name else { return "end tag </\(name)> closes <\(open)>" }
                    if stack.isEmpty { rootClosed = true }
                    i += 1
                    continue
                }
                i += 1
                let name = readName()
                guard !name.isEmpty else { return "'<' not starting a tag at offset \(i - 1)" }
                guard !rootClosed else { return "second root element <\(name)>" }
                elements.append(name)
                var attributes = Set<String>()
                while true {
                    skipSpace()
                    guard i < s.count else { return "unterminated tag <\(name)>" }
                    if s[i] == ">" { stack.append(name); i += 1; break }
                    if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" {
                        i += 2
                        if stack.isEmpty { rootClosed = true }
                        break
                    }
                    let attribute = readName()
                    guard !attribute.isEmpty else { return "malformed attribute in <\(name)> at offset \(i)" }
                    guard attributes.insert(attribute).inserted else { return "duplicate attribute \(attribute) in <\(name)>" }
                    skipSpace()
                    guard i < s.count, s[i] == "=" else { return "attribute \(attribute) without a value in <\(name)>" }
                    i += 1
                    skipSpace()
                    guard i < s.count, s[i] == "\"" || s[i] == "'" else { return "unquoted attribute \(attribute) in <\(name)>" }
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote {
                        if s[i] == "<" { return "'<' inside attribute \(attribute) of <\(name)>" }
                        if s[i] == "&" { if let p = checkReference() { return p }; continue }
                        i += 1
                    }
                    guard i < s.count else { return "unterminated attribute \(attribute) in <\(name)>" }
                    i += 1
                }
            } else if s[i] == "&" {
                if let p = checkReference() { return p }
            } else {
                if s[i].value < 0x20, s[i] != "\n", s[i] != "\t", s[i] != "\r" { return "control character at offset \(i)" }
                if stack.isEmpty, !(s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r") {
                    return "text outside the root element at offset \(i)"
                }
                i += 1
            }
        }
        if let open = stack.last { return "unclosed <\(open)>" }
        if elements.isEmpty { return "no root element" }
        return nil
    }
}
