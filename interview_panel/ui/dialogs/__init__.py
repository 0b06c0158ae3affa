"""Dialogs of the set-up pages (all opened with open()/show(), never a blocking exec())."""
