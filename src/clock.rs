//! Telling a time in seconds from one in milliseconds, the mistake a Unix time invites.

/// The number that parts the two: as seconds it is the year 5138, as milliseconds March 1973.
/// A clock given in seconds that far from 1970 or further, either way, is in milliseconds
/// (`Date.now()`, `as_millis()`), and a modal's expiry below it given in milliseconds is in
/// seconds.
pub const SECONDS_BELOW: i64 = 100_000_000_000;
