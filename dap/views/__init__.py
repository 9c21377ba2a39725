"""Views of the dap app, by audience: employer, agent (UD instruction), DGEFP (batch)."""
