pub mod http_server;
pub mod samples;
