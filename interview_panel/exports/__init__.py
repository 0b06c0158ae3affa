"""Renderers: PDF (reportlab) and workbook (openpyxl), fed by domain objects only."""
