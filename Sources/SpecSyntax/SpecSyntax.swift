// `SpecSyntax`: see DESIGN.md §4.
