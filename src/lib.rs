//! leadctl: settles who owns each sale.
//!
//! load → decide → render: [`load`] reads files into [`domain`] values,
//! [`engine`] decides over them with a [`policy`], [`render`] writes reports.

pub mod domain;
pub mod engine;
pub mod policy;
