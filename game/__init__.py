"""The processimulatie game: pygame-ce + pygame_gui front-end (draws observations, turns input into actions)."""
