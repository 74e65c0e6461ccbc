//! Rendering reports: terminal tables, CSV files and JSON, into any writer.
//!
//! Renderers format what the engine decided; they decide nothing.

pub mod csv_out;
pub mod publish;
pub mod json;
pub mod table;
pub mod timeline;
pub mod view;
pub mod xlsx_out;

pub use view::Report;
