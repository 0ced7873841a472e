"""Qt widgets, actions and printing; everything here reads the model, nothing parses."""
