// `Trainer`: see DESIGN.md §4.
