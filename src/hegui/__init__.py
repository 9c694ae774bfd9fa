"""hegui (合规): compliance for generative-AI services under China's rules."""

__version__ = "0.1.0"
