"""Event handlers: what happens when content is added, changed, moved, copied or changes state."""
