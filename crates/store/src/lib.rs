//! Store: the embedded SQLite database.
