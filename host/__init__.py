"""Classroom network play: `regie host` runs several tables of one winter for browsers.

The host drives each table's model through `sim.driver.Driver`, serves the participant
page and the trainer's console over HTTP and WebSockets, and logs every action first.
"""
