//! The wording of everything leadctl tells its users, in one place:
//! findings about input files, and the reasons behind each decision.

pub mod closing;
pub mod decisions;
mod findings;
pub mod refunds;

pub use findings::*;
