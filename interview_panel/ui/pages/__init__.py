"""One module per page; the main window only assembles them."""
