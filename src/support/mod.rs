//! What every layer uses and that knows nothing of accreditation: the data folder and the
//! window's settings, safe reading and writing of files, time and dates, hashing.

pub mod files;
pub mod hash;
pub mod home;
#[cfg(windows)]
pub mod owner_only;
pub mod pdf;
pub mod settings;
pub mod spreadsheet;
pub mod time;
