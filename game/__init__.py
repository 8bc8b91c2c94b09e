"""The processimulatie game: a pygame-ce + pygame_gui front-end.

It draws observations and turns input into actions; the model lives in sim/.
"""
