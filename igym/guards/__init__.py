"""Checks on what arrives from outside before it reaches a service: ids from URLs, typed text, request rates."""
