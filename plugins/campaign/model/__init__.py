"""The campaign as data: reading files with positions, the record kinds, checks and the audience filter."""
