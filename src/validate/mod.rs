//! Stage 5: the accounting identities every disclosure obeys, reported with their location.
