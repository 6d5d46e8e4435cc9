"""Run Debian's wapiti 3.0.4 with its -x (exclude URL) option working.

Its wildcard pattern ends in ``\\Z(?ms)``: Python 3.11 refuses global flags
after the start, so an excluded URL was never matched (the admin's scan reset
its own second factor and went on signed out). The same pattern with the
flags first replaces it; the rest is wapiti's own entry point.
Run with wapiti's interpreter: ``python3 -m scripts.security.wapiti_excluding ARGS``.
"""
import re
import sys


def wildcard_translate(pattern):
    """Return a regular expression matching the whole URL, ``*`` meaning any characters."""
    return re.compile("(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\Z")


if __name__ == "__main__":
    from wapitiCore.main.wapiti import wapiti_main
    from wapitiCore.net import crawler

    crawler.wildcard_translate = wildcard_translate
    sys.argv[0] = "wapiti"
    sys.exit(wapiti_main())
