//! The one error type of data files, shared by the run-time readers and the build script
//! that compiles the knowledge base.

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("data file {path} is missing")]
    Missing { path: String },
    #[error("cannot read data file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("data file {path} is not valid UTF-8")]
    NotUtf8 { path: String },
    #[error("data file {path}: {message}")]
    Invalid { path: String, message: String },
}
