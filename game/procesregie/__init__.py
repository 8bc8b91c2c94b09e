"""The game's screens for the procesregie family: the network of parties, wyberen, the table."""
