"""The toolkit every app uses; it imports no app (the apps register into it)."""
