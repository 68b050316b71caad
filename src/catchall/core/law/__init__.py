"""Whose law applies: jurisdiction profiles (cited data) and the one service that turns an
assessment's findings into a licence requirement with a legal basis for every ground."""
