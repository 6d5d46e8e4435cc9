"""Read YAML while remembering the line of every value, for precise error reports."""
from dataclasses import dataclass

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# Limits well above any real questionnaire (baseline.yaml 2.0: 321 kB, 11,170 values,
# 8 levels), checked while scanning and composing so that nothing is expanded or
# walked beyond them. Pure-Python parsing costs about 0.2 ms per value here.
MAX_CHARS = 600_000
MAX_DEPTH = 50
MAX_NODES = 30_000


def N_(message):
    """Mark *message* for translation without translating it here."""
    return message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file, located by file, line and path."""

    file: str
    line: int
    path: str
    message: str
    params: tuple = ()

    def __str__(self):
        location = f"{self.file}:{self.line}" if self.line else self.file
        text = self.message % dict(self.params) if self.params else self.message
        return f"{location} {self.path}: {text}" if self.path else f"{location}: {text}"


def format_path(parts):
    """Turn ``("domains", 3, "questions", 5)`` into ``domains[3].questions[5]``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class Source:
    """Parsed YAML data with the line where each path starts."""

    file: str
    data: object
    lines: dict
    duplicates: list

    def line(self, parts):
        """Return the line of the deepest known prefix of *parts*."""
        parts = tuple(parts)
        while parts and parts not in self.lines:
            parts = parts[:-1]
        return self.lines.get(parts, 1)

    def problem(self, parts, message, **params):
        return Problem(self.file, self.line(parts), format_path(parts), message,
                       tuple(sorted(params.items())))


class Refused(Exception):
    """The text is valid YAML but uses what the bank forbids (aliases, depth, size)."""

    def __init__(self, mark, message, **params):
        super().__init__(message)
        self.line = mark.line + 1 if mark else 0
        self.message, self.params = message, tuple(sorted(params.items()))


class BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases and bounds depth and node count.

    Without aliases every node appears once in the text, so the walk and the
    construction that follow cost no more than the text's size.
    """

    def __init__(self, text, max_nodes=MAX_NODES):
        super().__init__(text)
        self.depth = self.nodes = 0
        self.max_nodes = max_nodes

    def _check_depth(self, level):
        if level > MAX_DEPTH:
            raise Refused(self.get_mark(), N_("nested deeper than %(limit)d levels"), limit=MAX_DEPTH)

    # The scanner's cost grows with the square of the bracket depth: stop it early.
    def fetch_flow_collection_start(self, TokenClass):
        self._check_depth(self.flow_level + 1)
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column):
        self._check_depth(len(self.indents) + 1)
        return super().add_indent(column)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused(event.start_mark, N_("anchors and aliases (& and *) are not allowed"))
        self.depth, self.nodes = self.depth + 1, self.nodes + 1
        if self.depth > MAX_DEPTH:
            raise Refused(event.start_mark, N_("nested deeper than %(limit)d levels"), limit=MAX_DEPTH)
        if self.nodes > self.max_nodes:
            raise Refused(event.start_mark, N_("more than %(limit)d values"), limit=self.max_nodes)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse(text, file, max_nodes=MAX_NODES):
    """Parse YAML *text*, refusing aliases, excessive depth and size before walking it.

    :return: a Source, or a Problem when the text is not valid or not allowed YAML.
    """
    if len(text) > MAX_CHARS:
        return Problem(file, 0, "", N_("longer than %(limit)d characters"), (("limit", MAX_CHARS),))
    loader = BoundedLoader(text, max_nodes)
    try:
        node = loader.get_single_node()
        lines, duplicates = {}, []
        if node is not None:
            _walk(loader, node, (), lines, duplicates)
            data = loader.construct_document(node)
        else:
            data = None
    except Refused as refused:
        return Problem(file, refused.line, "", refused.message, refused.params)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return Problem(file, mark.line + 1 if mark else 0, "", N_("not valid YAML: %(error)s"),
                       (("error", getattr(error, "problem", None) or str(error)),))
    finally:
        loader.dispose()
    return Source(file, data, lines, duplicates)


def _walk(loader, node, path, lines, duplicates):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, ScalarNode) else None
            if key in seen:
                duplicates.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            _walk(loader, value_node, path + (key,), lines, duplicates)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, path + (index,), lines, duplicates)
