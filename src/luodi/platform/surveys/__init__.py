"""Surveys: questionnaires, their items and options, and respondents' answers."""
