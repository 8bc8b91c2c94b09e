"""Mesa agents: gemeente, uitvoeringsorganisatie, politics; the vectorised citizens."""
