"""Small widgets shared by the pages: page base class, banner, delayed progress dialog."""
