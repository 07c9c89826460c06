"""Work done outside the request: task workers (liveness, housekeeping) and documents built in the background."""
