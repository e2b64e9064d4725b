"""A checked PyTorch exemplar: attention, a small GPT, data, training, checkpoints, tracking.

Every module here passes ruff, mypy --strict and every ml-lint rule; read it as the guide's code
samples written the way they should ship.
"""
