"""Denial notifications: ours to partners, partners' to us, and the no-undercut check."""
