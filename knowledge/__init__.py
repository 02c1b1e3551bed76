"""Knowledge base about the assistant médical profession, built from the two source articles."""
