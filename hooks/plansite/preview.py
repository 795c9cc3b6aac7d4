"""Under `mkdocs serve` (scripts/serve): while the site cannot be built, every page request is answered at once by a
page listing the problems (file, line, field, message), which reloads by itself when a build succeeds again, the way
Hugo's and Vite's development servers show build errors.

MkDocs 1.6 (pinned) does otherwise: after a failed build its server answers no request until a build succeeds ("The
server will appear stuck until build errors are resolved"), and a failed first build ends `mkdocs serve`. So each
build is run through `keep_serving`, which turns a failure into a recorded Failure and lets MkDocs carry on as after a
good build (it tells the open pages to reload), and the server's application is wrapped by `answer_with_problems`.
Both use MkDocs' serve module and server as 1.6 has them; tests/test_serve.py fails if that changes.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from .editions import EDITIONS, SOURCE
from .problems import Problem, one_line
from .render import html_environment
from .strings import strings

TEMPLATE = "problems.html.j2"


@dataclass
class Failure:
    """Why the last build failed: the data's problems, or what MkDocs and the hook reported."""

    problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


class _Messages(logging.Handler):
    """The warnings and errors logged during one build (strict mode fails a build on its warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(one_line(record.getMessage().split("\n", 1)[0]))


def keep_serving(on_result: Callable[[Failure | None], None], problems: Callable[[], list[Problem]]) -> None:
    """Make each build of `mkdocs serve` report a failure to on_result instead of raising it (and a success as None).
    `problems` gives the data problems the failed build found, if any."""
    import mkdocs.commands.serve as serve

    build = serve.build
    if getattr(build, "keeps_serving", False):
        return
    messages = _Messages()
    logging.getLogger("mkdocs").addHandler(messages)

    def build_or_record(config, **kwargs):
        messages.lines.clear()
        try:
            build(config, **kwargs)
        except Exception:  # MkDocs' Abort included; KeyboardInterrupt still ends the server
            found = problems()
            if found:
                on_result(Failure(found))
            else:
                on_result(Failure(messages=list(dict.fromkeys(messages.lines)) or ["the build failed: see the terminal"]))
            logging.getLogger("mkdocs.plugins.plansite").error("Every page of the preview lists the problems until they are fixed.")
        else:
            on_result(None)

    build_or_record.keeps_serving = True
    serve.build = build_or_record


def answer_with_problems(server, failure: Callable[[], Failure | None]) -> None:
    """Answer every page request with the problem page while failure() holds one; everything else as before."""
    app = server.get_app()

    def answer(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/livereload/") or not _is_page(path):
            return app(environ, start_response)
        with server._epoch_cond:  # a build under way: its result decides the answer
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch = server._visible_epoch
        current = failure()
        if current is None:
            return app(environ, start_response)
        body = server._inject_js_into_html(problem_page(current, _edition(path)).encode("utf-8"), epoch)
        start_response("500 Internal Server Error", [
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    server.set_app(answer)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def _edition(path: str):
    """The edition of a requested address; a converted edition's problems are shown as its source edition's."""
    found = next((e for e in EDITIONS if not e.default and path.startswith(f"/{e.prefix}")), SOURCE)
    return SOURCE if found.converted else found


def problem_page(failure: Failure, edition) -> str:
    """The page shown for every address while the site cannot be built."""
    try:
        words = strings(edition.lang)
    except Exception:  # the strings files themselves may be what is broken: the page still lists the problems
        words = {}
    return html_environment().get_template(TEMPLATE).render(
        failure=failure, lang=edition.html_lang, s=lambda key: words.get(key, key))
