//! The wording of everything leadctl tells its users, in one place:
//! findings about input files, and the reasons behind each decision.

pub mod decisions;
mod findings;
mod output;

pub use findings::*;
pub use output::*;
