"""What visitors thought of the answers, and the questions the bot could not answer."""
