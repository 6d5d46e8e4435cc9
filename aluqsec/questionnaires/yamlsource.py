"""Read YAML while remembering the line of every value, for precise error reports."""
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


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


def parse(text, file):
    """Parse YAML *text*.

    :return: a Source, or a Problem when the text is not valid YAML.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines, duplicates = {}, []
        if node is not None:
            _walk(loader, node, (), lines, duplicates)
            data = loader.construct_document(node)
        else:
            data = None
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
