"""Bundled resources: the sample article, icons, desktop entry and stylesheets."""
