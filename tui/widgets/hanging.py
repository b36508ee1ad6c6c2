"""Wrapping with a hanging indent: a row is a head (a label, a key) and a body whose wrapped lines start
under the body, not at the left edge — for the help screen, the detail pane and the rules screen."""

from __future__ import annotations

from textual.content import Content

Row = Content | tuple[Content, Content]  # plain text, or (head, body): the head's width is the indent


def wrap_rows(rows: list[Row], width: int) -> list[Content]:
    """The rows wrapped to ``width`` cells; a (head, body) row's wrapped lines are indented by the head."""
    width = max(width, 1)
    out: list[Content] = []
    for row in rows:
        if isinstance(row, Content):
            out.extend(row.wrap(width) if row.cell_length else [row])
            continue
        head, body = row
        indent = head.cell_length
        if indent > 2 * width // 3:  # too narrow for a column: wrap as one
            out.extend((head + body).wrap(width))
            continue
        lines = body.wrap(width - indent) if body.cell_length else [Content("")]
        pad = Content(" " * indent)
        out.append(head + lines[0])
        out.extend(pad + line for line in lines[1:])
    return out
