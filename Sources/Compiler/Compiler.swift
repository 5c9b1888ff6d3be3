// `Compiler`: see DESIGN.md §4.
