"""What the kitchen holds: one store of tenants' states, the fixed data, the clock and the caps."""
