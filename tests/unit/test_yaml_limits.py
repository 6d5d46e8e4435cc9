"""The YAML reader refuses aliases, deep nesting and oversized text before any expansion."""
import time
import tracemalloc

import pytest

from aluqsec.questionnaires.yamlsource import MAX_CHARS, MAX_DEPTH, MAX_NODES, Problem, Source, parse


def alias_bomb(levels=9):
    """The classic "billion laughs": each level holds nine aliases of the previous one."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def measured(text):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = parse(text, "bomb.yaml")
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_refused_without_expansion():
    text = alias_bomb()
    assert len(text) < 600  # 9^10 strings once expanded
    result, seconds, peak = measured(text)
    assert isinstance(result, Problem)
    assert result.message == "anchors and aliases (& and *) are not allowed" and result.line == 1
    assert seconds < 0.5 and peak < 2_000_000


def test_recursive_alias_is_a_problem_not_a_crash():
    result = parse("root: &loop\n  child: *loop\n", "loop.yaml")
    assert isinstance(result, Problem) and result.message.startswith("anchors and aliases")


def test_merge_keys_need_aliases_and_are_refused_too():
    result = parse("base: &b {x: 1}\nother:\n  <<: *b\n", "merge.yaml")
    assert isinstance(result, Problem) and result.line == 1


@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_deep_nesting_is_refused_before_python_recursion(opening, closing):
    result, seconds, _peak = measured(opening * 5000 + closing * 5000)
    assert isinstance(result, Problem)
    assert result.message == "nested deeper than %(limit)d levels" and dict(result.params) == {"limit": MAX_DEPTH}
    assert seconds < 0.5


def test_nesting_at_the_limit_is_accepted():
    result = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH, "deep.yaml")
    assert isinstance(result, Source)


def test_too_many_values_are_refused():
    assert MAX_NODES >= 2.5 * 11170  # baseline.yaml 2.0 values, with room to grow
    text = "[" + ", ".join(["1"] * 100) + "]"
    assert isinstance(parse(text, "wide.yaml", max_nodes=101), Source)
    result = parse(text, "wide.yaml", max_nodes=100)
    assert isinstance(result, Problem) and result.message == "more than %(limit)d values"
    assert dict(result.params) == {"limit": 100}


def test_oversized_text_is_refused_before_parsing():
    result, seconds, _peak = measured("x: '" + "a" * MAX_CHARS + "'\n")
    assert isinstance(result, Problem) and dict(result.params) == {"limit": MAX_CHARS}
    assert seconds < 0.05


def test_lines_are_still_tracked():
    source = parse("a:\n  b: [1, 2]\n  c: x\n", "ok.yaml")
    assert source.data == {"a": {"b": [1, 2], "c": "x"}}
    assert source.line(("a", "c")) == 3
