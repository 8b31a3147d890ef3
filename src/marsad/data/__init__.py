"""Language resources: word lists, gazetteers, actor dictionaries, patterns (data, not code)."""
