"""Package data: question bank, scales, icons, styles. Loaded with importlib.resources."""
