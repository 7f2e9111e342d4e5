"""Words shown to the user for engine ids: events, findings, failover reasons, NAT causes."""
