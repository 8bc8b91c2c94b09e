"""The regie layer: contract, relationship and trust, decision points, the action API,
the handlers by subject (meerwerk, meetings and disputes, invoices and reports, politics,
the work), the calendar of scheduled points and the seats. `regie.Governance` holds the
state they share. Nothing is imported here, so that the agents can import the contract
and trust modules without loading the whole layer."""
