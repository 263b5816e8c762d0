//! How a server function's failure reaches the browser: with its own HTTP status, so a form
//! posted without JavaScript, a script and a monitor all see what happened.

use crate::model::ConsoleError;

pub fn with_status<T>(result: Result<T, ConsoleError>) -> Result<T, ConsoleError> {
    if let Err(error) = &result {
        crate::components::set_http_status(error);
    }
    result
}
