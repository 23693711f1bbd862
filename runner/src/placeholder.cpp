// Placeholder until the first sim source lands; remove then.
