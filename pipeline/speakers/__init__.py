"""Who speaks: person, group and organisation mentions, their roles and organisations, and resolution."""
