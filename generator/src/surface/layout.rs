//! The JSON layout of the surface record.

use std::io;

/// A JSON layout that spreads shallow containers over several lines and prints deeper ones
/// on one line. Objects at depth 0 to 2 and arrays at depth 0 to 3 are spread, so each
/// operation and model spans a few lines and each parameter, field, body and enum value
/// takes one.
#[derive(Default)]
pub struct Layout {
    /// Whether each open container is spread over lines, outermost first. The length is the
    /// depth of the next container to open.
    open: Vec<bool>,
    /// Whether the innermost open container has a value yet.
    has_value: bool,
}

impl Layout {
    fn begin(
        &mut self,
        expand_below: usize,
        writer: &mut (impl io::Write + ?Sized),
        bracket: &[u8],
    ) -> io::Result<()> {
        let expanded = self.open.len() < expand_below;
        self.open.push(expanded);
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn end(&mut self, writer: &mut (impl io::Write + ?Sized), bracket: &[u8]) -> io::Result<()> {
        let expanded = self.open.pop().unwrap_or(false);
        if expanded && self.has_value {
            self.newline(writer)?;
        }
        self.has_value = true;
        writer.write_all(bracket)
    }

    fn item(&mut self, writer: &mut (impl io::Write + ?Sized), first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        if self.open.last().copied().unwrap_or(false) {
            self.newline(writer)?;
        }
        Ok(())
    }

    fn newline(&self, writer: &mut (impl io::Write + ?Sized)) -> io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.open.len() {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(3, writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let expanded = self.open.last().copied().unwrap_or(false);
        writer.write_all(if expanded { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(4, writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
