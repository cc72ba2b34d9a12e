//! The window's words, in Ukrainian and English: the interface's strings ([`T`]), what
//! the domain's errors say ([`error`]), and what is wrong with a damaged file
//! ([`problems`]).

mod errors;
mod problems;
mod strings;

pub use errors::{Worded, conflict, damaged, error};
pub use problems::problems;
pub use strings::T;
