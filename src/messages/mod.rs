//! The wording of everything leadctl tells its users, in one place:
//! findings about input files, and the reasons behind each decision.

pub mod closing;
pub mod decisions;
pub mod errors;
pub mod help;
mod findings;
pub mod labels;
pub mod lang;
mod links;
mod output;
pub mod reports;
pub mod run;
pub mod statements;
pub mod timeline;

pub use findings::*;
pub use lang::Lang;
pub use links::*;
pub use output::*;
