//! Pretty JSON byte for byte as `serde_json::to_writer_pretty` writes it (two spaces a level),
//! but with long arrays made on every core: a file of 100,000 lines can have 80,000 findings,
//! 90 MB of JSON, and making it on one core took as long as the check. Elements are made a
//! window at a time, so the memory held stays small whatever the array's length.

use std::io::{self, Write};

use serde::Serialize;

/// serde_json's pretty layout, starting at nesting `level` instead of 0.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        indent(out, self.level)
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn indent<W: ?Sized + Write>(out: &mut W, level: usize) -> io::Result<()> {
    for _ in 0..level {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// `value` at nesting `level`, as it appears there in a pretty document.
pub fn value(out: &mut impl Write, level: usize, value: &impl Serialize) -> io::Result<()> {
    let formatter = Pretty {
        level,
        has_value: false,
    };
    value
        .serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
        .map_err(io::Error::from)
}

/// An object at nesting `level` whose first fields are `head`'s and whose last ones are
/// written by `rest`, through `Object::array` and `Object::objects`.
pub fn object<W: Write>(
    out: &mut W,
    level: usize,
    head: &impl Serialize,
    rest: impl FnOnce(&mut Object<'_, W>) -> io::Result<()>,
) -> io::Result<()> {
    let mut text = Vec::new();
    value(&mut text, level, head)?;
    // `head` ends in its closing brace on a line of its own; the object goes on there.
    let close = 2 + 2 * level;
    debug_assert!(text.ends_with(b"}") && text.len() > close);
    out.write_all(&text[..text.len() - close])?;
    let mut object = Object { out, level };
    rest(&mut object)?;
    out.write_all(b"\n")?;
    indent(out, level)?;
    out.write_all(b"}")
}

pub struct Object<'o, W> {
    out: &'o mut W,
    level: usize,
}

impl<W: Write> Object<'_, W> {
    fn key(&mut self, key: &str) -> io::Result<()> {
        self.out.write_all(b",\n")?;
        indent(self.out, self.level + 1)?;
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.write_all(b": ")
    }

    /// A field whose value is an array of `make(item)` for each of `items`, made a window at a
    /// time on every core.
    pub fn array<'a, T: Sync, S: Serialize>(
        &mut self,
        key: &str,
        items: &'a [T],
        make: impl Fn(&'a T) -> S + Sync,
    ) -> io::Result<()> {
        self.key(key)?;
        array(self.out, self.level + 1, items, make)
    }
}

/// A document whose last field is an array of objects written one at a time, as they come:
/// neither its length nor its elements are held (`smm check --format json` writes each file's
/// findings as soon as they are checked).
pub struct Streamed<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> Streamed<W> {
    /// Writes `head`'s fields and opens the array field `key`.
    pub fn begin(mut out: W, head: &impl Serialize, key: &str) -> io::Result<Streamed<W>> {
        let mut text = Vec::new();
        value(&mut text, 0, head)?;
        // `head` ends in `\n}`; the document goes on there.
        debug_assert!(text.ends_with(b"\n}"));
        out.write_all(&text[..text.len() - 2])?;
        out.write_all(b",\n")?;
        indent(&mut out, 1)?;
        serde_json::to_writer(&mut out, key)?;
        out.write_all(b": [")?;
        Ok(Streamed { out, written: 0 })
    }

    /// One element, which `write` writes at the nesting level it is given.
    pub fn element(
        &mut self,
        write: impl FnOnce(&mut W, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        self.out
            .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        indent(&mut self.out, 2)?;
        self.written += 1;
        write(&mut self.out, 2)
    }

    /// Closes the array and the document.
    pub fn end(mut self) -> io::Result<W> {
        if self.written > 0 {
            self.out.write_all(b"\n")?;
            indent(&mut self.out, 1)?;
        }
        self.out.write_all(b"]\n}")?;
        Ok(self.out)
    }
}

/// Elements made per window: enough for each core to have a long run, few enough that a
/// window's JSON stays a few megabytes.
const WINDOW: usize = 4096;
/// Elements worth a thread: a thread costs about as much as making a few dozen elements.
const PART: usize = 512;

fn array<'a, T: Sync, S: Serialize, W: Write>(
    out: &mut W,
    level: usize,
    items: &'a [T],
    make: impl Fn(&'a T) -> S + Sync,
) -> io::Result<()> {
    let threads = smm_syntax::parallel::threads();
    bracketed(out, level, items.is_empty(), |out| {
        for (w, window) in items.chunks(WINDOW).enumerate() {
            // A part of fewer than `PART` elements is not worth a thread.
            let part = window.len().div_ceil(threads).max(PART);
            if part >= window.len() {
                out.write_all(&elements(window, w == 0, level + 1, &make)?)?;
                continue;
            }
            let parts: Vec<(usize, &[T])> = window.chunks(part).enumerate().collect();
            let made = smm_syntax::parallel::each(&parts, |&(p, part)| {
                elements(part, w == 0 && p == 0, level + 1, &make)
            });
            for text in made {
                out.write_all(&text?)?;
            }
        }
        Ok(())
    })
}

/// An array at nesting `level`: `[]` when `empty`, else `[`, the elements `body` writes (each
/// after its separator and indentation), and `]` on a line of its own.
fn bracketed<W: Write>(
    out: &mut W,
    level: usize,
    empty: bool,
    body: impl FnOnce(&mut W) -> io::Result<()>,
) -> io::Result<()> {
    if empty {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    body(out)?;
    out.write_all(b"\n")?;
    indent(out, level)?;
    out.write_all(b"]")
}

/// `items` as array elements at nesting `level`, each after its separator.
fn elements<'a, T, S: Serialize>(
    items: &'a [T],
    first: bool,
    level: usize,
    make: &impl Fn(&'a T) -> S,
) -> io::Result<Vec<u8>> {
    let mut text = Vec::new();
    for (i, item) in items.iter().enumerate() {
        text.extend_from_slice(if first && i == 0 { b"\n" } else { b",\n" });
        indent(&mut text, level)?;
        value(&mut text, level, &make(item))?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::{json, Value};

    #[derive(Serialize)]
    struct Head {
        schema: &'static str,
        tool: Value,
        list: Vec<u8>,
    }

    #[derive(Serialize)]
    struct Whole {
        schema: &'static str,
        tool: Value,
        list: Vec<u8>,
        files: Vec<File>,
    }

    #[derive(Serialize)]
    struct File {
        path: &'static str,
        diagnostics: Vec<Value>,
        assessments: Vec<Value>,
    }

    fn element(i: usize) -> Value {
        json!({"code": "c", "n": i, "empty": [], "none": null,
               "nested": {"list": [1, {"a": "\"é\n"}], "o": {}}})
    }

    /// Every layout the report uses: nested objects and arrays, empty ones, nulls, escapes,
    /// arrays split over threads and longer than a window.
    #[test]
    fn the_layout_is_serde_jsons() {
        let items: Vec<usize> = (0..super::WINDOW * 2 + 70).collect();
        for count in [0, 1, 2, 65, super::PART + 1, 3 * super::PART, items.len()] {
            let items = &items[..count];
            let head = Head {
                schema: "1",
                tool: json!({"name": "smm"}),
                list: vec![],
            };
            let files = count % 3;
            let mut made = super::Streamed::begin(Vec::new(), &head, "files").unwrap();
            for _ in 0..files {
                made.element(|out, level| {
                    super::object(out, level, &json!({"path": "a.smm"}), |f| {
                        f.array("diagnostics", items, |&i| element(i))?;
                        f.array("assessments", &items[..count.min(3)], |&i| element(i))
                    })
                })
                .unwrap();
            }
            let made = made.end().unwrap();
            let file = || File {
                path: "a.smm",
                diagnostics: items.iter().map(|&i| element(i)).collect(),
                assessments: items[..count.min(3)].iter().map(|&i| element(i)).collect(),
            };
            let whole = Whole {
                schema: head.schema,
                tool: head.tool,
                list: head.list,
                files: (0..files).map(|_| file()).collect(),
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap();
            assert_eq!(String::from_utf8(made).unwrap(), expected, "{count}");
        }
    }
}
