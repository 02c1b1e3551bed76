"""What the Rasa server (`bot/`) and the action server (`actions/`) both need, and nothing else.

Neither server imports the other: each ships with this package. It imports nothing from
`bot/` or `actions/` (tests/test_layers.py checks it).
"""
