"""planbook: read a Chinese local-government economic report and publish it as an analytical book."""

__version__ = "0.1.0"
