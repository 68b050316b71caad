"""Pages of the regime workbench and the library: thin (parse, call one service, render)."""
