"""One module per slide of the standard deck (DECK.md), each turning the review into slides."""
