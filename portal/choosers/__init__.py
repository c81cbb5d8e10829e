"""Autocomplete choosers: a JSON search endpoint (``/valj/<lista>/``) and a form field whose
widget shows only the chosen values, for the long reference lists editors pick from."""
