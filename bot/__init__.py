"""Running the bot: environment defaults, the Rasa and action servers, and the chat entry points."""
