// The report's inline stylesheet. Colours follow the Okabe–Ito palette (distinguishable with colour
// vision deficiencies). The sheet avoids `<`, `>` and `&` so the page stays well-formed XML.

enum ReportStyle {
    static let css = """
    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #1d2330; background: #ffffff; margin: 0; line-height: 1.45; }
    main { max-width: 1040px; margin: 0 auto; padding: 28px 28px 40px; }
    h1 { font-size: 1.7rem; margin: 0 0 4px; }
    h1 .kind { color: #5a6475; font-weight: 400; }
    h2 { font-size: 1.2rem; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d9dde5; }
    p.description { margin: 0 0 12px; color: #3a4354; }
    p.note { color: #5a6475; font-size: 0.9rem; margin: 6px 0; }
    .headline { background: #eef5fb; border-left: 4px solid #0072B2; padding: 10px 14px; margin: 16px 0; }
    .headline.worse { background: #fdf1ea; border-left-color: #D55E00; }
    table { border-collapse: collapse; font-size: 0.92rem; margin: 6px 0 10px; }
    th, td { padding: 5px 10px; border-bottom: 1px solid #e4e7ed; text-align: left; vertical-align: top; }
    th { background: #f4f6f9; font-weight: 600; }
    td.num, th.num { text-align: right; }
    td.num { font-variant-numeric: tabular-nums; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88rem; }
    table.settings td:first-child { color: #5a6475; white-space: nowrap; }
    table.settings td code { white-space: pre-wrap; }
    tr.best td { background: #e3f1e6; font-weight: 600; }
    tr.chosen td { background: #eef5fb; }
    .badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0 6px; margin-left: 6px;
      border-radius: 8px; background: #009E73; color: #ffffff; }
    .better { color: #00704f; }
    .worse { color: #b34700; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88rem; }
    .chart { margin: 8px 0 4px; overflow-x: auto; }
    .two-col { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    .col { flex: 1 1 320px; }
    svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
    svg .found { fill: #0072B2; }
    svg .prior { fill: #E69F00; }
    svg .grid { stroke: #e4e7ed; stroke-width: 1; }
    svg .axis { stroke: #8a93a3; stroke-width: 1; }
    svg .tick { fill: #5a6475; font-size: 11px; }
    svg .axis-label { fill: #3a4354; font-size: 12px; }
    svg .legend { fill: #1d2330; font-size: 12px; }
    svg .domain { fill: #1d2330; font-size: 13px; }
    svg .value { fill: #1d2330; font-size: 11px; font-variant-numeric: tabular-nums; }
    svg .plot-area { fill: #fbfcfd; stroke: #c4cad4; }
    svg .diagonal { stroke: #8a93a3; stroke-width: 1.2; stroke-dasharray: 5 4; }
    svg .point { fill: #0072B2; fill-opacity: 0.65; stroke: #ffffff; stroke-width: 0.6; }
    svg .figure { fill: #1d2330; font-size: 15px; font-weight: 600; }
    svg .figure-note { fill: #5a6475; font-size: 12px; }
    svg .box { fill: #cfe3f1; stroke: #0072B2; stroke-width: 1; }
    svg .whisker { stroke: #0072B2; stroke-width: 1.3; }
    svg .median { stroke: #00466d; stroke-width: 2; }
    svg .found-mark { fill: #D55E00; stroke: #ffffff; stroke-width: 1; }
    svg .prior-mark { stroke: #1d2330; stroke-width: 2; stroke-dasharray: 3 2; }
    footer { margin-top: 36px; color: #8a93a3; font-size: 0.8rem; }
    """
}
