"""Rules of the trade: pure Python, no Django import."""
