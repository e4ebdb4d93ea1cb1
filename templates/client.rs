{#- The runtime every API struct uses. Expects `base_url` and `base_path` (Rust string
    literals), `api_key_header` (a literal, when the spec has an API key scheme), and `flags`
    (which helpers the operations use). -#}
//! Configuration, the HTTP client and the error type shared by every API struct.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

{% if let Some(url) = base_url %}
/// The base URL used when none is set: the first server of the spec.
pub const DEFAULT_BASE_URL: &str = {{ url }};
{% endif %}

/// The path of the spec's first server, which [`Configuration::with_host`] appends to a host.
pub const DEFAULT_BASE_PATH: &str = {{ base_path }};

/// The request timeout used when none is set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

{% if let Some(header) = api_key_header %}
/// The header that carries the API key.
const API_KEY_HEADER: &str = {{ header }};
{% endif %}

/// Settings for an [`ApiClient`]: where to send requests, how to authenticate, and how long
/// to wait.
///
/// `Debug` output never shows the API key.
///
/// # Example
///
/// ```
/// use std::time::Duration;
///
/// let configuration = {{ crate_ident }}::Configuration::new()
///     .with_base_url("https://api.example.com/v1")
{% if api_key_header.is_some() %}
///     .with_api_key("your-api-key")
{% endif %}
///     .with_timeout(Duration::from_secs(5));
/// assert_eq!(configuration.base_url(), Some("https://api.example.com/v1"));
/// ```
#[derive(Clone)]
pub struct Configuration {
    base_url: Option<String>,
{% if api_key_header.is_some() %}
    api_key: Option<String>,
{% endif %}
    timeout: Option<Duration>,
    user_agent: String,
    follow_redirects: bool,
}

impl Configuration {
    /// Creates a configuration with the spec's default server, no API key, a 30 second
    /// timeout and a user agent naming this crate and its version.
    pub fn new() -> Self {
        Self {
{% if base_url.is_some() %}
            base_url: Some(DEFAULT_BASE_URL.to_owned()),
{% else %}
            base_url: None,
{% endif %}
{% if api_key_header.is_some() %}
            api_key: None,
{% endif %}
            timeout: Some(DEFAULT_TIMEOUT),
            user_agent: concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            follow_redirects: true,
        }
    }

    /// Sets the full base URL, such as `https://api.example.com/v1`. Operation paths are
    /// appended to it.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Sets the scheme and host, such as `https://api.example.com`, keeping the path of the
    /// spec's first server ([`DEFAULT_BASE_PATH`]).
    pub fn with_host(self, host: impl Into<String>) -> Self {
        let host = host.into();
        let base_url = format!("{}{}", host.trim_end_matches('/'), DEFAULT_BASE_PATH);
        self.with_base_url(base_url)
    }
{% if api_key_header.is_some() %}

    /// Sets the API key, sent in the `{{ api_key_header_name }}` header of every request.
    pub fn with_api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }
{% endif %}

    /// Sets the timeout of each request, from connecting until the body is read.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Removes the request timeout, so requests wait as long as the server takes.
    pub fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Sets the `User-Agent` header.
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets whether the client follows redirects, as it does by default (up to 10).
    ///
    /// A followed 301, 302 or 303 turns a `POST` into a `GET` without its body, so a client
    /// that must know whether the server took a request should not follow them. The event
    /// queue's workers never do: a redirect is a failed delivery, not a success.
    pub fn with_redirects(mut self, follow: bool) -> Self {
        self.follow_redirects = follow;
        self
    }

    /// Returns the base URL, or `None` when the spec's server is relative and no host was set.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }
{% if api_key_header.is_some() %}

    /// Reports whether an API key is set.
    pub fn has_api_key(&self) -> bool {
        self.api_key.is_some()
    }
{% endif %}

    /// Returns the request timeout.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Returns the `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Reports whether the client follows redirects.
    pub fn follows_redirects(&self) -> bool {
        self.follow_redirects
    }
}

impl Default for Configuration {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Configuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Configuration");
        out.field("base_url", &self.base_url);
{% if api_key_header.is_some() %}
        out.field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"));
{% endif %}
        out.field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("follow_redirects", &self.follow_redirects)
            .finish()
    }
}

/// The HTTP client every API struct sends its requests with.
///
/// Cloning is cheap: clones share one connection pool and one set of extensions.
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    configuration: Configuration,
    /// The base URL, parsed once: parsing it for every request cost about 1 µs, most of it
    /// in host name processing.
    base_url: reqwest::Url,
    /// The base URL's path without a trailing `/`, which every request path follows.
    base_path: String,
    http: reqwest::Client,
    extensions: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl ApiClient {
    /// Builds a client from `configuration`.
    ///
    /// # Errors
    ///
    /// Returns [`Error::InvalidRequest`] when no absolute base URL is set, when it does not
    /// parse as a URL, or when the API key or user agent contains characters an HTTP header
    /// cannot carry, such as control characters, and [`Error::Transport`] when the TLS
    /// backend fails to start.
    pub fn new(configuration: Configuration) -> Result<Self, Error> {
        let base_url = match configuration.base_url.as_deref() {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => url.to_owned(),
            Some(url) => {
                return Err(Error::InvalidRequest(format!(
                    "base URL `{url}` has no scheme and host; set one with \
                     Configuration::with_host(\"https://api.example.com\") or with_base_url"
                )))
            }
            None => {
                return Err(Error::InvalidRequest(format!(
                    "no host is set and the spec's server `{DEFAULT_BASE_PATH}` is relative; set \
                     one with Configuration::with_host(\"https://api.example.com\")"
                )))
            }
        };
        let base_url = reqwest::Url::parse(&base_url).map_err(|error| {
            Error::InvalidRequest(format!(
                "base URL `{base_url}` is invalid: {error}; set a URL such as \
                 \"https://api.example.com/v1\""
            ))
        })?;
        let base_path = base_url.path().trim_end_matches('/').to_owned();
        let mut headers = reqwest::header::HeaderMap::new();
{% if api_key_header.is_some() %}
        if let Some(api_key) = &configuration.api_key {
            let mut value = reqwest::header::HeaderValue::from_str(api_key).map_err(|_| {
                Error::InvalidRequest(
                    "the API key contains characters an HTTP header cannot carry, such as \
                     control characters or line breaks; check the key"
                        .to_owned(),
                )
            })?;
            value.set_sensitive(true);
            headers.insert(API_KEY_HEADER, value);
        }
{% endif %}
        let user_agent = reqwest::header::HeaderValue::from_str(&configuration.user_agent)
            .map_err(|_| {
                Error::InvalidRequest(format!(
                    "user agent {:?} contains characters an HTTP header cannot carry",
                    configuration.user_agent
                ))
            })?;
        headers.insert(reqwest::header::USER_AGENT, user_agent);
        let mut builder = reqwest::Client::builder().default_headers(headers);
        if let Some(timeout) = configuration.timeout {
            builder = builder.timeout(timeout);
        }
        if !configuration.follow_redirects {
            builder = builder.redirect(reqwest::redirect::Policy::none());
        }
        let http = builder.build().map_err(Error::Transport)?;
        Ok(Self {
            inner: Arc::new(ClientInner {
                configuration,
                base_url,
                base_path,
                http,
                extensions: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// Returns the configuration this client was built from.
    pub fn configuration(&self) -> &Configuration {
        &self.inner.configuration
    }

    /// Returns the value of type `T` attached to this client, creating it with `init` on
    /// first use. Every clone of the client sees the same value, which lets helpers keep
    /// per-client state.
    ///
    /// `init` runs while the extensions are locked, so it must not call `extension` itself.
    pub fn extension<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let mut extensions = self
            .inner
            .extensions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let value = extensions
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(init()))
            .clone();
        drop(extensions);
        match value.downcast::<T>() {
            Ok(value) => value,
            Err(_) => unreachable!("extensions are keyed by their TypeId"),
        }
    }

    /// Starts a request to `path`, relative to the base URL.
    pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut url = self.inner.base_url.clone();
        let mut full_path = String::with_capacity(self.inner.base_path.len() + path.len());
        full_path.push_str(&self.inner.base_path);
        full_path.push_str(path);
        url.set_path(&full_path);
        self.inner.http.request(method, url)
    }
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("configuration", &self.inner.configuration)
            .finish_non_exhaustive()
    }
}

/// The error an operation returns. `E` is the error body the spec declares for the
/// operation, or untyped JSON.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The request failed before a response arrived: connection refused, timeout, TLS.
    Transport(reqwest::Error),
    /// The server answered with a status outside 2xx.
    Status(Box<ResponseError<E>>),
    /// The server answered with success, but the body did not match the spec.
    Decode {
        /// The response status.
        status: reqwest::StatusCode,
        /// The response body.
        text: String,
        /// What serde reported.
        source: serde_json::Error,
    },
    /// The request could not be built from the given values.
    InvalidRequest(String),
}

/// An answer with a status outside 2xx.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseError<E> {
    /// The response status.
    pub status: reqwest::StatusCode,
    /// The response headers, such as `Retry-After`.
    pub headers: reqwest::header::HeaderMap,
    /// The body parsed as the error type the spec declares, when it parses.
    pub body: Option<E>,
    /// The body as text.
    pub text: String,
}

impl<E> Error<E> {
    /// Returns the response status, when a response arrived.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Status(response) => Some(response.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::InvalidRequest(_) => None,
        }
    }

    /// Returns the response headers of an error status.
    pub fn headers(&self) -> Option<&reqwest::header::HeaderMap> {
        match self {
            Error::Status(response) => Some(&response.headers),
            _ => None,
        }
    }

    /// Returns the response body text, when a response arrived.
    pub fn text(&self) -> Option<&str> {
        match self {
            Error::Status(response) => Some(&response.text),
            Error::Decode { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Returns the typed error body, when the server sent one that parses.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Status(response) => response.body.as_ref(),
            _ => None,
        }
    }

    /// Reports whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_timeout())
    }

    /// Reports whether connecting to the server failed.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_connect())
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(error) => write!(f, "request failed: {error}"),
            Error::Status(response) => {
                write!(f, "server returned {}", response.status)?;
                let text = response.text.trim();
                if !text.is_empty() {
                    write!(f, ": {}", shorten(text, 300))?;
                }
                Ok(())
            }
            Error::Decode { status, source, .. } => {
                write!(f, "invalid {status} response body: {source}")
            }
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Cuts `text` to at most `max` bytes on a character boundary.
fn shorten(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Formats a value as the text of a query, header or path parameter.
pub trait ToParam {
    /// Returns the parameter text.
    fn to_param(&self) -> String;
}

impl ToParam for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

macro_rules! to_param_by_display {
    ($($ty:ty),*) => {
        $(impl ToParam for $ty {
            fn to_param(&self) -> String {
                self.to_string()
            }
        })*
    };
}

to_param_by_display!(bool, i32, i64, f32, f64);
{% if flags.chrono %}

impl ToParam for chrono::DateTime<chrono::Utc> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

impl ToParam for chrono::NaiveDate {
    fn to_param(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}
{% endif %}
{% if flags.path_params %}

/// Characters left as they are in a path segment: RFC 3986's unreserved set.
{{ features.helper("encode_path") }}
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` as the path parameter `name`, so `/` and spaces cannot change the
/// path.
///
/// Rejects an empty value and the dot segments `.` and `..`, which URL parsers resolve
/// (percent-encoded too) and so would send the request to another endpoint.
{{ features.helper("encode_path") }}
pub(crate) fn encode_path<E>(name: &str, value: &str) -> Result<String, Error<E>> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::InvalidRequest(format!(
            "path parameter `{name}` is `{value}`; an empty value, `.` or `..` would change which \
             endpoint the request reaches"
        )));
    }
    Ok(percent_encoding::utf8_percent_encode(value, PATH_SEGMENT).to_string())
}
{% endif %}
{% if flags.headers %}

/// Checks a header parameter, rejecting values with control characters other than tab, which HTTP allows.
{{ features.helper("header_value") }}
pub(crate) fn header_value<E: ErrorBody>(name: &str, value: &str) -> Result<reqwest::header::HeaderValue, Error<E>> {
    reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidRequest(format!(
            "header `{name}` has a value with characters an HTTP header cannot carry, such as \
             control characters or line breaks"
        ))
    })
}
{% endif %}

{% if flags.objects %}
/// Adds an object query parameter to `pairs`: `name[key]=value` for `style: deepObject`
/// (`deep`), or one `key=value` pair per property for `style: form` with `explode: true`.
/// Nested objects nest their keys, arrays are joined with commas and `null` is left out.
{{ features.helper("push_object") }}
pub(crate) fn push_object<T: serde::Serialize, E>(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: &T,
    deep: bool,
) -> Result<(), Error<E>> {
    let invalid = |reason: String| {
        Error::InvalidRequest(format!("query parameter `{name}` cannot be encoded: {reason}"))
    };
    let serde_json::Value::Object(map) =
        serde_json::to_value(value).map_err(|e| invalid(e.to_string()))?
    else {
        return Err(invalid("it is not an object".to_owned()));
    };
    for (key, item) in map {
        let key = if deep { format!("{name}[{key}]") } else { key };
        push_value(pairs, key, item, deep);
    }
    Ok(())
}

{{ features.helper("push_object") }}
fn push_value(pairs: &mut Vec<(String, String)>, key: String, value: serde_json::Value, deep: bool) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::String(text) => pairs.push((key, text)),
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items
                .into_iter()
                .map(|item| match item {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                })
                .collect();
            pairs.push((key, items.join(",")));
        }
        serde_json::Value::Object(map) if deep => {
            for (inner, item) in map {
                push_value(pairs, format!("{key}[{inner}]"), item, deep);
            }
        }
        other => pairs.push((key, other.to_string())),
    }
}
{% endif %}

/// Parses the body of an error answer into the error type an operation declares.
///
/// Generated models used as error bodies parse the body as JSON, whatever the status; the
/// per-operation error enums pick the schema by status.
pub trait ErrorBody: Sized {
    /// Returns the parsed body, or `None` when it does not match.
    fn parse(status: u16, body: &[u8]) -> Option<Self>;
}

impl ErrorBody for serde_json::Value {
    fn parse(_status: u16, body: &[u8]) -> Option<Self> {
        serde_json::from_slice(body).ok()
    }
}

/// Sends `request`, returning the status and body of a 2xx answer.
{{ features.helper("send_checked") }}
pub(crate) async fn send_checked<E: ErrorBody>(
    request: reqwest::RequestBuilder,
) -> Result<(reqwest::StatusCode, Vec<u8>), Error<E>> {
    let mut response = request.send().await.map_err(Error::Transport)?;
    let status = response.status();
    if status.is_success() {
        let bytes = response.bytes().await.map_err(Error::Transport)?.to_vec();
        return Ok((status, bytes));
    }
    // Only an error keeps the headers, so a 2xx response skips copying them.
    let headers = std::mem::take(response.headers_mut());
    let bytes = response.bytes().await.map_err(Error::Transport)?.to_vec();
    let body = E::parse(status.as_u16(), &bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Err(Error::Status(Box::new(ResponseError {
        status,
        headers,
        body,
        text,
    })))
}
{% if flags.json %}

/// Sends `request` and parses the 2xx body as JSON.
{{ features.helper("send_json") }}
pub(crate) async fn send_json<T, E>(request: reqwest::RequestBuilder) -> Result<T, Error<E>>
where
    T: serde::de::DeserializeOwned,
    E: ErrorBody,
{
    let (status, bytes) = send_checked(request).await?;
    serde_json::from_slice(&bytes).map_err(|source| Error::Decode {
        status,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        source,
    })
}
{% endif %}
{% if flags.empty %}

/// Sends `request` and ignores the 2xx body.
{{ features.helper("send_empty") }}
pub(crate) async fn send_empty<E: ErrorBody>(
    request: reqwest::RequestBuilder,
) -> Result<(), Error<E>> {
    send_checked(request).await.map(|_| ())
}
{% endif %}
{% if flags.text %}

/// Sends `request` and returns the 2xx body as text.
{{ features.helper("send_text") }}
pub(crate) async fn send_text<E: ErrorBody>(
    request: reqwest::RequestBuilder,
) -> Result<String, Error<E>> {
    let (_, bytes) = send_checked(request).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
{% endif %}
{% if flags.bytes %}

/// Sends `request` and returns the 2xx body as bytes.
{{ features.helper("send_bytes") }}
pub(crate) async fn send_bytes<E: ErrorBody>(
    request: reqwest::RequestBuilder,
) -> Result<Vec<u8>, Error<E>> {
    send_checked(request).await.map(|(_, bytes)| bytes)
}
{% endif %}
{% if flags.by_status %}

/// Reads a success answer whose body type depends on its status.
pub trait FromStatus: Sized {
    /// Returns the answer for `status`, or `None` when the spec does not declare it.
    ///
    /// # Errors
    ///
    /// Returns the parse error when the body does not match the status's schema.
    fn from_status(status: u16, body: &[u8]) -> Result<Option<Self>, serde_json::Error>;
}

/// Sends `request` and reads the 2xx answer by its status.
{{ features.helper("send_by_status") }}
pub(crate) async fn send_by_status<T: FromStatus, E: ErrorBody>(
    request: reqwest::RequestBuilder,
) -> Result<T, Error<E>> {
    let (status, bytes) = send_checked(request).await?;
    let decode = |source| Error::Decode {
        status,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        source,
    };
    match T::from_status(status.as_u16(), &bytes) {
        Ok(Some(answer)) => Ok(answer),
        Ok(None) => Err(decode(<serde_json::Error as serde::de::Error>::custom(format!(
            "status {status} is not declared for this operation"
        )))),
        Err(source) => Err(decode(source)),
    }
}
{% endif %}
