"""Tests of the programme views."""
