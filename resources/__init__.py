"""Bundled data: demo page, product catalogue, reply templates and icons.

Read through ``importlib.resources`` so it works from a checkout and from an installed wheel.
"""
