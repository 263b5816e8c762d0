//! Everything that exists only on the server: configuration, the ZPA client, the built-in ZPA
//! emulator and the state the request handlers share. Nothing in this tree is compiled into
//! the browser bundle.

pub mod config;
pub mod emulator;
pub mod forms;
pub mod guard;
pub mod jwt;
pub mod reply;
pub mod serve;
pub mod state;
pub mod zpa;
