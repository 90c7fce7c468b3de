//! The page before parsing: its bytes decoded to text, and the guard that bounds what the
//! parser is shown.

pub mod decode;
pub mod guard;
