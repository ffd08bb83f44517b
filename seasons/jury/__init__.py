"""Outside jurors' side of committee sessions: invited by staff, signed in by e-mailed
links, reading and scoring the applications of their sessions' dockets."""
