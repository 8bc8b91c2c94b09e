"""The design phase: gemeente and executor agree the contract before the winter's first
hour (docs/ODD.md 7.23). Kept light: sim.scenario imports its keys from `config`."""
