"""Detectors: each finds; none blocks, masks or writes. The policy decides."""
