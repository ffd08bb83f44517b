"""The laureate team's side of the follow-up year: membership, sign-in by e-mailed link,
the private space, updates on steps (with files and measurements), their confirmation by
staff and their publication. See docs/follow-up.md."""
