//! Rendering reports: terminal tables, CSV files and JSON, into any writer.
//!
//! Renderers format what the engine decided; they decide nothing.

pub mod bars;
pub mod columns;
pub mod csv_out;
pub mod dupes;
pub mod html;
pub mod pipe;
pub mod publish;
pub mod json;
pub mod statement_xlsx;
pub mod snapshot;
pub mod table;
pub mod timeline;
pub mod view;
pub mod xlsx_out;
mod xlsx_width;

pub use view::Report;
