"""The physical world: town road network, weather and road-surface physics."""
