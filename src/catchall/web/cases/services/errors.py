"""Errors of the case services beyond bad input (InputError) and permission (NotAllowed)."""


class Conflict(Exception):
    """Someone changed the case after the actor loaded it (optimistic locking; HTTP 409)."""
