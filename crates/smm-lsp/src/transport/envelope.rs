//! What a frame's body must be for the framework to take it: a JSON-RPC 2.0 request,
//! notification or response. Anything else gets its error reply here, with the request's id
//! when one can be read.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};

/// The fields that decide what a message is; `params` and `result` are skipped unread.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(default, borrow)]
    jsonrpc: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "present")]
    error: Option<ErrorObject>,
}

/// Read only to check that an error reply has the shape the framework expects.
#[derive(Deserialize)]
struct ErrorObject {
    #[allow(dead_code)]
    code: i64,
    #[allow(dead_code)]
    message: String,
}

/// `Some` also for a field that is `null`: present and null differ here.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A message the framework can take.
pub struct Envelope {
    method: Option<String>,
    id: Option<Value>,
}

impl Envelope {
    /// The message in `body`, or the error reply to send instead.
    pub fn read(body: &[u8]) -> Result<Envelope, Vec<u8>> {
        let raw: Raw<'_> = match serde_json::from_slice(body) {
            Ok(raw) => raw,
            Err(e) if e.is_data() => {
                return Err(error(
                    id_of(body),
                    -32600,
                    &format!("not a JSON-RPC message: {e}"),
                ))
            }
            Err(e) => return Err(error(None, -32700, &format!("not JSON: {e}"))),
        };
        let id = raw.id.clone().filter(valid_id);
        let invalid = |why: &str| Err(error(id.clone(), -32600, why));
        if raw.jsonrpc.as_deref() != Some("2.0") {
            return invalid("a message says `\"jsonrpc\": \"2.0\"`");
        }
        if raw.id.is_some() && id.is_none() {
            return invalid("an id is a whole number or a string");
        }
        let answer = raw.result.is_some() || raw.error.is_some();
        match (&raw.method, answer) {
            (Some(_), true) => invalid("a message is a request or a response, not both"),
            (None, false) => {
                invalid("a message without `method` is a response: it has `result` or `error`")
            }
            (None, true) if id.is_none() => invalid("a response has the id of its request"),
            (None, true) if raw.result.is_some() && raw.error.is_some() => {
                invalid("a response has `result` or `error`, not both")
            }
            _ => Ok(Envelope {
                method: raw.method.map(|m| m.into_owned()),
                id,
            }),
        }
    }

    pub fn is_request(&self, method: &str) -> bool {
        self.id.is_some() && self.method.as_deref() == Some(method)
    }

    pub fn is_notification(&self, method: &str) -> bool {
        self.id.is_none() && self.method.as_deref() == Some(method)
    }

    /// The reply to a request the framework would leave unanswered: the protocol's own
    /// `$/` methods are notifications, and a request under such a name is not known.
    pub fn answered_here(&self) -> Option<Vec<u8>> {
        let method = self.method.as_deref()?;
        if self.id.is_some() && method.starts_with("$/") {
            let message = format!("unknown method `{}`", smm_syntax::visible(method));
            return Some(error(self.id.clone(), -32601, &message));
        }
        None
    }
}

fn valid_id(id: &Value) -> bool {
    id.is_string() || id.is_null() || id.as_i64().is_some()
}

/// The id of a body that is JSON but no message, when it has a usable one.
fn id_of(body: &[u8]) -> Option<Value> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Value,
    }
    serde_json::from_slice::<IdOnly>(body)
        .ok()
        .map(|m| m.id)
        .filter(valid_id)
}

/// A JSON-RPC error response.
pub fn error(id: Option<Value>, code: i64, message: &str) -> Vec<u8> {
    let reply = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": { "code": code, "message": message },
    });
    serde_json::to_vec(&reply).expect("a JSON value serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &str) -> Value {
        let reply = Envelope::read(body.as_bytes())
            .err()
            .expect("an error reply");
        serde_json::from_slice(&reply).unwrap()
    }

    #[test]
    fn requests_notifications_and_responses_pass() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}}"#,
        ] {
            assert!(Envelope::read(body.as_bytes()).is_ok(), "{body}");
        }
        let shutdown = Envelope::read(br#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#)
            .ok()
            .unwrap();
        assert!(shutdown.is_request("shutdown") && !shutdown.is_notification("shutdown"));
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error() {
        for body in ["{", "Content-Length: 3", "", "\u{1b}]0;x\u{7}"] {
            let reply = reply(body);
            assert_eq!(reply["error"]["code"], -32700, "{body}");
            assert_eq!(reply["id"], Value::Null);
        }
    }

    #[test]
    fn json_that_is_no_message_is_an_invalid_request_with_its_id() {
        for (body, id) in [
            ("{}", Value::Null),
            ("[]", Value::Null),
            ("5", Value::Null),
            (r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#, json!(7)),
            (r#"{"jsonrpc":"2.0","id":8}"#, json!(8)),
            (r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","method":5}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"x","result":1}"#,
                json!(9),
            ),
            (r#"{"jsonrpc":"2.0","result":1}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":2,"error":{"code":"x"}}"#, json!(2)),
        ] {
            let reply = reply(body);
            assert_eq!(reply["error"]["code"], -32600, "{body}");
            assert_eq!(reply["id"], id, "{body}");
        }
    }

    #[test]
    fn dollar_requests_are_answered_here_and_dollar_notifications_pass() {
        let request = Envelope::read(br#"{"jsonrpc":"2.0","id":5,"method":"$/unknown"}"#)
            .ok()
            .unwrap();
        let reply: Value = serde_json::from_slice(&request.answered_here().unwrap()).unwrap();
        assert_eq!(reply["error"]["code"], -32601);
        assert_eq!(reply["id"], 5);
        let cancel =
            Envelope::read(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#)
                .ok()
                .unwrap();
        assert!(cancel.answered_here().is_none());
    }
}
