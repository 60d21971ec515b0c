"""Validation rules (NIK, No. KK, episode states, red flags). Pure functions, no database."""
