// Hostile names (markup, ampersands, quotes, control characters) must never become markup or
// terminal escapes; the HTML report must stay well-formed XML.
import Foundation
import Reporting
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Report escaping")
struct ReportEscapingTests {
    @Test func escapesTheFiveXMLCharactersAndDropsControlCharacters() {
        #expect(HTMLEscaping.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("a\u{1B}[31mb\u{0}c\td") == "a[31mbc\td")
        #expect(HTMLEscaping.escape("ünïcødé — ρ") == "ünïcødé — ρ")
    }

    @Test func hostileNamesNeverBecomeMarkup() {
        let html = ReportHTML.render(ReportFixtures.hostile())
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("</td>\"") && !html.contains("<code></td>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;&quot;quoted&quot;"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("<title>evil&lt;script&gt;&amp;&quot;&#39; · mixspec report</title>"))
    }

    @Test func theReportIsSelfContained() {
        let html = ReportHTML.render(ReportFixtures.full())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        // The only URLs are XML namespace names, which browsers never fetch.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "xmlns=\"http").count - 1)
    }

    @Test func everySVGHasAnAccessibleTitle() {
        let html = ReportHTML.render(ReportFixtures.full())
        let svgs = html.components(separatedBy: "<svg ").dropFirst()
        #expect(svgs.count == 10, "mixture, CV, spread and the seven diagnostic charts")
        for svg in svgs { #expect(svg.contains("role=\"img\"") && svg.contains("-title\">")) }
    }

    @Test(arguments: ["full", "bare", "hostile"])
    func theWholeReportIsWellFormedXML(fixture: String) throws {
        let summary = fixture == "full" ? ReportFixtures.full() : fixture == "bare" ? ReportFixtures.bare() : ReportFixtures.hostile()
        let html = ReportHTML.render(summary)
        let strict = StrictXMLChecker(html)
        #expect(strict.problem == nil)
        #expect(strict.elements.filter { $0 == "svg" }.count == (fixture == "bare" ? 2 : 10))
        #expect(strict.elements.count > 100)
        #if canImport(FoundationXML) || canImport(Darwin)
        // A second opinion from the system parser (entities, encoding).
        let system = XMLChecker(Data(html.utf8))
        #expect(system.isWellFormed, "\(system.error ?? "")")
        #endif
    }

    @Test func theStrictCheckerRejectsMalformedMarkup() {
        let bad = ["<a><b></a>", "<p>a & b</p>", "<p>&nbsp;</p>", "<a x=1/>", "<a x=\"<\"/>", "<a></a><b/>", "<a>", "</a>", "<a x='1' x='2'/>"]
        for text in bad { #expect(StrictXMLChecker(text).problem != nil, "\(text)") }
        let good = ["<!DOCTYPE html>\n<a><b x=\"1 &amp; 2\"/>t &lt; &#39;u&#x27;<!-- c --></a>\n"]
        for text in good { #expect(StrictXMLChecker(text).problem == nil, "\(text)") }
    }

    @Test func terminalOutputCarriesNoEscapesFromNames() {
        let text = TerminalSummary.render(ReportFixtures.hostile(), color: false)
        #expect(!text.contains("\u{1B}"))
        let comparison = ComparisonRender.text(RunComparison(a: ReportFixtures.hostile(), b: ReportFixtures.full()), color: false)
        #expect(!comparison.contains("\u{1B}"))
        let coloured = TerminalSummary.render(ReportFixtures.full(), color: true)
        #expect(coloured.contains("\u{1B}[1m"))
    }

    @Test func markdownEscapesPipesAndMarkup() {
        let markdown = ComparisonRender.markdown(RunComparison(a: ReportFixtures.hostile(), b: ReportFixtures.full()))
        // Every `<` is backslash-escaped, so Markdown renders it as text.
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<"))
        #expect(markdown.contains("\\<script\\>"))
        // Every table row keeps its column count: hostile text cannot add cells.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| Domain") || line.hasPrefix("| web") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5)
        }
    }
}

#if canImport(FoundationXML) || canImport(Darwin)
/// Parses a document with the system XML parser and counts elements.
final class XMLChecker: NSObject, XMLParserDelegate {
    private(set) var isWellFormed = false
    private(set) var error: String?
    private(set) var elementCount = 0
    private(set) var svgCount = 0

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        isWellFormed = parser.parse()
        if !isWellFormed {
            error = "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown")"
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elementCount += 1
        if elementName == "svg" { svgCount += 1 }
    }
}
#endif
