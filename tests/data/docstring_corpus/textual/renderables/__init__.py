__all__ = ["bar", "blank", "digits", "gradient", "sparkline"]
