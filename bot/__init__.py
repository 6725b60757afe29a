"""kvalitetsbot: the mail workflow bot for Stockholm city's quality award."""

__version__ = "0.1.0"
