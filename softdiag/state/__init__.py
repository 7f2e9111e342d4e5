"""The account's state, owned in one place: a pure reducer and its owner on the session."""
