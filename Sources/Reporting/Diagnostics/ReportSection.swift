// The frame every report section shares: an id to link to, a heading, a body.

enum ReportSection {
    /// A `<section>` with `id`, heading `title` (escaped) and `body` (markup).
    static func html(id: String, title: String, body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTMLEscaping.escape(title))</h2>\n\(body)\n</section>"
    }

    /// A section whose data the run did not produce, saying why.
    static func missing(id: String, title: String, reason: String) -> String {
        html(id: id, title: title, body: "<p class=\"note missing\">\(reason)</p>")
    }

    /// A chart wrapper.
    static func chart(_ svg: String) -> String { "<div class=\"chart\">\n" + svg + "\n</div>" }
}
