//! Actions that respond to one request, and rules that pick the action for each request.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use crate::RecordedRequest;

/// Server behavior for one request after recording it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Sends this response, then keeps the connection open unless [`Response::close`] is set.
    Respond(Response),
    /// Accepts the request and never responds. The connection stays open until the server stops.
    Hold,
    /// Closes the connection with a TCP RST (SO_LINGER set to zero) instead of responding.
    Reset,
    /// Closes the connection with a normal FIN instead of responding.
    Close,
    /// Waits for the duration, then performs the inner action.
    ///
    /// When the server stops during the wait, the connection is closed without a response.
    Delay(Duration, Box<Action>),
}

impl Action {
    /// Creates an action that responds with `status` and an empty body.
    #[must_use]
    pub fn status(status: u16) -> Self {
        Action::Respond(Response::new(status))
    }

    /// Wraps this action so that it runs after `delay`.
    #[must_use]
    pub fn delayed(self, delay: Duration) -> Self {
        Action::Delay(delay, Box::new(self))
    }

    /// Returns the status code this action responds with, looking through delays.
    ///
    /// Returns `None` for actions that send no response.
    #[must_use]
    pub fn response_status(&self) -> Option<u16> {
        match self {
            Action::Respond(response) => Some(response.status),
            Action::Delay(_, inner) => inner.response_status(),
            Action::Hold | Action::Reset | Action::Close => None,
        }
    }
}

impl From<Response> for Action {
    fn from(response: Response) -> Self {
        Action::Respond(response)
    }
}

/// An HTTP response to send: status, extra headers and body.
///
/// The server adds `Content-Length` (unless set here) and `Connection: close` when the
/// connection ends after this response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// Status code, for example 202.
    pub status: u16,
    /// Extra headers in the order they are written.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Whether the server closes the connection after sending this response.
    pub close: bool,
}

impl Response {
    /// Creates a response with `status`, no extra headers and an empty body.
    #[must_use]
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            close: false,
        }
    }

    /// Adds a header, for example `("Retry-After", "3")`.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body bytes.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sets a JSON body and the `Content-Type: application/json` header.
    #[must_use]
    pub fn json(self, text: impl Into<String>) -> Self {
        self.header("Content-Type", "application/json")
            .body(text.into().into_bytes())
    }

    /// Makes the server close the connection after this response.
    #[must_use]
    pub fn close(mut self) -> Self {
        self.close = true;
        self
    }
}

type ActionFn = dyn Fn(&RecordedRequest, usize) -> Action + Send + Sync;

/// Decides the [`Action`] for each request.
///
/// A rule is called for every request in arrival order. Concurrent requests may call it
/// from several connection threads at once.
pub struct Rule {
    kind: RuleKind,
}

enum RuleKind {
    Fixed(Action),
    Queue {
        actions: Mutex<VecDeque<Action>>,
        then: Action,
    },
    Function(Box<ActionFn>),
    Timeline {
        steps: Vec<(Duration, Action)>,
        then: Action,
    },
}

impl Rule {
    /// Creates a rule that handles every request with the same action.
    #[must_use]
    pub fn fixed(action: impl Into<Action>) -> Self {
        Rule {
            kind: RuleKind::Fixed(action.into()),
        }
    }

    /// Creates a rule that uses `actions` in order, one per request, then `then` for the rest.
    #[must_use]
    pub fn queue(actions: impl IntoIterator<Item = Action>, then: impl Into<Action>) -> Self {
        Rule {
            kind: RuleKind::Queue {
                actions: Mutex::new(actions.into_iter().collect()),
                then: then.into(),
            },
        }
    }

    /// Creates a rule from a function of the request and its index (0 for the first request).
    #[must_use]
    pub fn from_fn(
        function: impl Fn(&RecordedRequest, usize) -> Action + Send + Sync + 'static,
    ) -> Self {
        Rule {
            kind: RuleKind::Function(Box::new(function)),
        }
    }

    /// Creates a rule that depends on the time since the server started.
    ///
    /// Each step `(end, action)` applies to requests received before `end`; steps are
    /// checked in order and `then` applies after the last one.
    #[must_use]
    pub fn timeline(
        steps: impl IntoIterator<Item = (Duration, Action)>,
        then: impl Into<Action>,
    ) -> Self {
        Rule {
            kind: RuleKind::Timeline {
                steps: steps.into_iter().collect(),
                then: then.into(),
            },
        }
    }

    /// Creates a rule that uses `during` for the first `duration` after the server started,
    /// then `then`.
    #[must_use]
    pub fn until(duration: Duration, during: impl Into<Action>, then: impl Into<Action>) -> Self {
        Rule::timeline([(duration, during.into())], then)
    }

    /// Picks the action for `request`.
    pub(crate) fn decide(&self, request: &RecordedRequest) -> Action {
        match &self.kind {
            RuleKind::Fixed(action) => action.clone(),
            RuleKind::Queue { actions, then } => {
                let mut actions = actions
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                actions.pop_front().unwrap_or_else(|| then.clone())
            }
            RuleKind::Function(function) => function(request, request.index),
            RuleKind::Timeline { steps, then } => steps
                .iter()
                .find(|(end, _)| request.since_start < *end)
                .map_or_else(|| then.clone(), |(_, action)| action.clone()),
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RuleKind::Fixed(action) => f.debug_tuple("Rule::Fixed").field(action).finish(),
            RuleKind::Queue { then, .. } => {
                f.debug_struct("Rule::Queue").field("then", then).finish()
            }
            RuleKind::Function(_) => f.write_str("Rule::Function"),
            RuleKind::Timeline { steps, then } => f
                .debug_struct("Rule::Timeline")
                .field("steps", steps)
                .field("then", then)
                .finish(),
        }
    }
}
