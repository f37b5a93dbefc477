"""Words, stems and dates: how both the index and the engine read text."""
