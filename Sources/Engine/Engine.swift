// `Engine`: see DESIGN.md §4.
