"""Vietnamese text: folding, slugs, collation, hidden characters, deadline phrases,
numbers, document symbols and agency mentions. Pure functions over strings."""
