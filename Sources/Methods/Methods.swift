// `Methods`: see DESIGN.md §4.
