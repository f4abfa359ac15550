"""Test support: personas (who acts) and small factories shared by every app's tests."""
