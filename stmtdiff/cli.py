"""The ``stmtdiff`` command line: arguments in, one library call, a report out, an exit status.

Everything click, the environment, the terminal and exit codes touch lives here and nowhere
else. Exit status, as diff(1): 0 no differences, 1 differences, 2 trouble (any error, bad
input or bad usage), for every command. Errors are one line on stderr; ``--debug`` adds the
traceback. Reports go to stdout (or ``-o FILE``), messages and progress bars to stderr.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from stmtdiff.compare import collector_paused, language_code
from stmtdiff.errors import StmtdiffError
from stmtdiff.limits import Limits, parse_limit
from stmtdiff.model import ChangeClass, CompareOptions, Units
from stmtdiff.report import MAX_WIDTH, visible_name

if TYPE_CHECKING:
    from stmtdiff.model import Collation, Comparison, Document
    from stmtdiff.report.text import RenderOptions

PROG = "stmtdiff"
EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a Ctrl-C
PROGRESS_MIN_BYTES = 1_000_000  # below this a comparison is too quick for a bar to help
KINDS = ("text", "html", "docx", "pdf")
FORMATS = ("text", "json", "html", "markdown", "docx", "pdf")
BINARY_FORMATS = ("docx", "pdf")  # never written to a terminal

_SPACES = re.compile(r"[ \t\n]+")  # runs that join a message's lines into one (a \r is shown)

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Trouble(click.ClickException):
    """An error the user can act on; exit status 2, not click's 1 (which means "different")."""

    exit_code = EXIT_TROUBLE


# ------------------------------------------------------------------------------ edge helpers


def resolve_color(choice: str, *, isatty: bool, environ: Mapping[str, str]) -> bool:
    """Decide colour once: ``always``/``never`` win; ``auto`` needs a terminal (or git's pager)
    and ``NO_COLOR`` unset or empty (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR", ""):
        return False
    return isatty or environ.get("GIT_PAGER_IN_USE", "") not in ("", "0", "false")


def _stdout_isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _stderr_isatty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def write_atomically(path: str, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (a string, its pieces, or bytes) to ``path`` through a temporary file and
    a rename: a failure leaves the old file (or none), never half a report.

    A symlink is followed (the file it names gets the report, the link stays). A path that
    is not a regular file (``/dev/null``, a FIFO) is written in place: renaming over it
    would replace the device with a file, which root is allowed to do. Errors name
    ``path``, not the temporary file the user never asked for.
    """
    target = os.path.realpath(path)
    pieces = [text] if isinstance(text, (str, bytes)) else text
    mode = {"mode": "wb"} if isinstance(text, bytes) else {"mode": "w", "encoding": "utf-8", "newline": ""}
    if os.path.exists(target) and not os.path.isfile(target):
        try:
            with open(target, **mode) as fh:
                fh.writelines(pieces)
        except OSError as error:
            raise OSError(error.errno, error.strerror, path) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".stmtdiff-", suffix=".tmp", dir=os.path.dirname(target))
    except OSError as error:
        raise OSError(error.errno, error.strerror, path) from None
    try:
        with os.fdopen(fd, **mode) as fh:
            fh.writelines(pieces)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report gets the user's usual mode
        os.replace(tmp, target)
    except BaseException as error:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(error, OSError) and error.filename in (None, tmp):
            raise OSError(error.errno, error.strerror, path) from None
        raise


def write_data(text: str | bytes | Iterable[str | bytes]) -> None:
    """Data (a report, extracted text; bytes for a binary report) to stdout exactly: text in UTF-8.

    click.echo strips escape sequences when stdout is not a terminal: piped, the extracted
    text would no longer be the text the offsets refer to, and a report would differ from the
    same report written with ``-o``. The reports never hold a raw control character unless
    it is data (the JSON and HTML keep the documents' text exactly; the text report's colours
    are asked for).
    """
    pieces = [text] if isinstance(text, (str, bytes)) else text
    stream = sys.stdout
    binary = getattr(stream, "buffer", None)
    stream.flush()  # anything written as text before goes out first
    for piece in pieces:
        if binary is None:  # a text-only stream (a test's StringIO) takes str as it is
            if isinstance(piece, bytes):
                raise StmtdiffError("standard output takes text only here: write the file with -o FILE")
            stream.write(piece)
        else:
            binary.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
    if binary is not None:
        binary.flush()


def _emit(text: str | bytes | Iterable[str], output: str | None, color: bool = False) -> None:
    """A finished report (a string, its pieces, or a binary file) to stdout or, whole, to ``output``.

    ``color`` says whether the text report carries colour codes; either way the text goes out
    exactly as rendered (the renderer decided, from ``--color``, whether to add them).
    """
    if output in (None, "-"):
        write_data(text)
    else:
        write_atomically(output, text)


class _StageBars:
    """Turns the library's ``progress(stage, done, total)`` calls into one click bar per stage."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._stage: str | None = None
        self._done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage, self._done = stage, 0
            self._bar = click.progressbar(length=max(1, total), label=stage, file=sys.stderr)
            self._bar.__enter__()
        if self._bar is not None and done > self._done:
            self._bar.update(done - self._done)
            self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _input_bytes(sources: Sequence[str]) -> int:
    total = 0
    for src in sources:
        if src != "-" and "://" not in src:
            try:
                total += os.path.getsize(src)
            except OSError:
                pass
    return total


# ----------------------------------------------------------------------- shared options


def _parse_ignore(_ctx: click.Context, _param: click.Parameter, value: Sequence[str]) -> frozenset[ChangeClass]:
    classes: set[ChangeClass] = set()
    for item in value:
        for name in filter(None, (part.strip().lower() for part in item.split(","))):
            try:
                classes.add(ChangeClass(name))
            except ValueError:
                choices = ", ".join(cls.value for cls in ChangeClass)
                raise click.BadParameter(f"unknown class {name!r} (choose from {choices})") from None
    return frozenset(classes)


def _check_threshold(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    """FloatRange lets ``nan`` through (every comparison with it is false); it would align
    nothing and write ``NaN``, which is not JSON, into the report."""
    if value != value:
        raise click.BadParameter(f"{value} is not a number between 0 and 1")
    return value


def _check_lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return language_code(value)
    except StmtdiffError as error:
        raise click.BadParameter(str(error).removeprefix("lang must be ")) from None


def _read_watch(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """A watch list: one term a line; blank lines and ``#`` comments skipped."""
    if value is None:
        return ()
    try:
        with open(value, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise click.BadParameter(f"cannot read {value!r}: {getattr(e, 'strerror', None) or e}") from None
    return tuple(t for t in (line.strip() for line in lines) if t and not t.startswith("#"))


def _parse_limits(_ctx: click.Context, _param: click.Parameter, value: Sequence[str]) -> Limits:
    """``--limit NAME=VALUE`` settings (repeatable) on top of the defaults."""
    limits = Limits()
    for setting in value:
        try:
            limits = parse_limit(setting, limits)
        except StmtdiffError as error:
            raise click.BadParameter(str(error)) from None
    return limits


def debug_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--debug``: the boundary in :func:`run` looks for it in argv, so it works even for
    errors raised before a command runs."""
    return click.option("--debug", is_flag=True, expose_value=False, help="Show a traceback on errors.")(fn)


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """How documents are read: ``--from`` (and per side), ``--encoding``."""
    for option in reversed(
        [
            click.option(
                "--from",
                "kind",
                type=click.Choice(KINDS, case_sensitive=False),
                help="Read inputs as this format instead of guessing from the name.",
            ),
            click.option("--encoding", metavar="NAME", help="Decode text inputs with this encoding (e.g. latin-1)."),
            click.option(
                "--limit",
                "limits",
                multiple=True,
                metavar="NAME=VALUE",
                callback=_parse_limits,
                help="Raise (or lower) a reading limit: docx-expanded (128M), pdf-pages (10000), "
                "pdf-content (256M), html-size (20M), url-size (100M), url-seconds (60). Repeatable.",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def side_kind_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--from-a``/``--from-b``: one side's format, e.g. HTML on stdin against a .txt file."""
    for option in reversed(
        [
            click.option("--from-a", "kind_a", type=click.Choice(KINDS, case_sensitive=False), help="Format of A."),
            click.option("--from-b", "kind_b", type=click.Choice(KINDS, case_sensitive=False), help="Format of B."),
        ]
    ):
        fn = option(fn)
    return fn


def units_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--units",
        type=click.Choice([u.value for u in Units], case_sensitive=False),
        default=Units.SENTENCES.value,
        show_default=True,
        help="What one compared unit is.",
    )(fn)


def compare_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Everything that maps onto ``CompareOptions``."""
    for option in reversed(
        [
            units_option,
            click.option(
                "--threshold",
                type=click.FloatRange(0.0, 1.0),
                callback=_check_threshold,
                default=CompareOptions().threshold,
                show_default=True,
                help="Similarity (0-1) two groups need to align; below it they are deleted and inserted.",
            ),
            click.option("--ignore-case", is_flag=True, help="Differences of letter case do not count."),
            click.option("--ignore-punctuation", is_flag=True, help="Differences of punctuation do not count."),
            click.option("--ignore-whitespace", is_flag=True, help="Differences of spacing do not count."),
            click.option(
                "--ignore",
                "ignore_classes",
                multiple=True,
                metavar="CLASSES",
                callback=_parse_ignore,
                help="Change classes that do not count, comma-separated: formatting,spelling,wording,substantive.",
            ),
            click.option(
                "--watch",
                type=click.Path(dir_okay=False),
                callback=_read_watch,
                help="File of terms, one a line: any change touching one is substantive.",
            ),
            click.option(
                "--lang",
                metavar="CODE",
                callback=_check_lang,
                help="Language of both documents (ISO 639-1, e.g. ru, zh) instead of detecting it.",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def report_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """How the result is shown; these map onto ``RenderOptions``, never ``CompareOptions``."""
    for option in reversed(
        [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS, case_sensitive=False),
                default="text",
                show_default=True,
                help="Report format.",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, allow_dash=True),
                help="Write the report to FILE (whole or not at all) instead of stdout.",
            ),
            click.option(
                "--color",
                type=click.Choice(("auto", "always", "never"), case_sensitive=False),
                default="auto",
                show_default=True,
                help="Colour the text report; auto = stdout is a terminal and NO_COLOR is unset.",
            ),
            click.option(
                "--width",
                type=click.IntRange(min=20, max=MAX_WIDTH),  # -y pads rows to it: 10**20 overflowed
                help="Columns to wrap to [default: terminal width].",
            ),
            click.option(
                "--context",
                type=click.IntRange(min=0),
                default=0,
                show_default=True,
                metavar="N",
                help="Show N equal groups around each change.",
            ),
            click.option("--all", "show_all", is_flag=True, help="Show every group: nothing folded."),
            click.option("-y", "--side-by-side", is_flag=True, help="Two columns, A left and B right."),
            click.option("--stat", is_flag=True, help="Print only the summary block."),
        ]
    ):
        fn = option(fn)
    return fn


def _compare_settings(kw: dict[str, Any]) -> CompareOptions:
    return CompareOptions(
        units=Units(kw["units"].lower()),
        threshold=kw["threshold"],
        ignore_case=kw["ignore_case"],
        ignore_punctuation=kw["ignore_punctuation"],
        ignore_whitespace=kw["ignore_whitespace"],
        watch=kw["watch"],
        ignore_classes=kw["ignore_classes"],
        lang=kw["lang"],
    )


def _render(c: Comparison, kw: dict[str, Any]) -> tuple[str | bytes | Iterable[str], bool]:
    """The report (text, pieces of it, or a binary file) and whether it carries colour;
    renderers are imported on demand. JSON comes in pieces so a Bible-sized report never sits
    in memory."""
    fmt = kw["fmt"].lower()
    if fmt in BINARY_FORMATS:
        if kw["output"] in (None, "-") and _stdout_isatty():
            raise Trouble(f"--format {fmt} is a binary file, not for a terminal: give -o FILE (or pipe it)")
        if fmt == "docx":
            from stmtdiff.report.docx import render_docx

            return render_docx(c), False
        from stmtdiff.report.pdf import render_pdf

        return render_pdf(c), False
    if fmt == "json":
        from stmtdiff.report.json import iter_json

        return iter_json(c), False
    if fmt == "html":
        from stmtdiff.report.html import render_html

        return _with_newline(render_html(c)), False
    options = _text_options(kw, fmt, side_by_side=kw["side_by_side"])
    if fmt == "markdown":
        from stmtdiff.report.markdown import render_markdown

        return render_markdown(c, options), False
    from stmtdiff.report.text import render_text

    return render_text(c, options), options.color


def _with_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _load(
    source: str,
    *,
    name: str | None,
    units: Units,
    kind: str | None,
    encoding: str | None,
    limits: Limits | None = None,
) -> Document:
    """One side; git's ``/dev/null`` (a file added or deleted) is an empty document."""
    from stmtdiff.model import Document, Source

    if source == os.devnull:
        return Document(name=name or source, text="", sentences=(), units=units, source=Source(location=source))
    from stmtdiff.load import load_document

    return load_document(
        source, name=name, units=units, kind=kind.lower() if kind else None, encoding=encoding, limits=limits
    )


def _compare(a: str, b: str, names: Sequence[str | None], kw: dict[str, Any]) -> Comparison:
    if a == "-" and b == "-":
        raise Trouble("only one side can be '-' (stdin)")
    options = _compare_settings(kw)
    kind = kw.get("kind")
    read = {"units": options.units, "encoding": kw["encoding"], "limits": kw.get("limits")}
    from stmtdiff.load import load_two

    doc_a, doc_b = load_two(
        lambda: _load(a, name=names[0], kind=kw.get("kind_a") or kind, **read),
        lambda: _load(b, name=names[1], kind=kw.get("kind_b") or kind, **read),
        a,
        b,
    )
    from stmtdiff.compare import compare_documents

    bars = _StageBars() if _stderr_isatty() and _input_bytes((a, b)) > PROGRESS_MIN_BYTES else None
    try:
        return compare_documents(doc_a, doc_b, options, progress=bars)
    finally:
        if bars is not None:
            bars.close()


# ------------------------------------------------------------------------------- commands


class _Interrupted(Exception):
    """Ctrl-C, carried past click's own handling of KeyboardInterrupt (which writes a blank
    line first)."""


class _Unexpected(Exception):
    """An EOFError from inside a command: a bug (nothing here reads a prompt), which click
    would call an interruption."""


class StmtdiffGroup(click.Group):
    """A group whose ``main`` is the single error boundary (see :func:`run`)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None
        except EOFError as error:
            raise _Unexpected(error) from error

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        parent = super()
        code = run(lambda: parent.main(argv, prog_name or PROG, complete_var, False, **extra), argv)
        if standalone_mode:
            sys.exit(code)
        return code


def run(invoke: Callable[[], Any], argv: Sequence[str]) -> int:
    """Run a command and turn whatever happens into an exit status and at most one line."""
    debug = "--debug" in argv
    try:
        rv = invoke()
        return rv if isinstance(rv, int) else EXIT_SAME
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.ClickException as e:
        no_args_help = getattr(click.exceptions, "NoArgsIsHelpError", ())
        if no_args_help and isinstance(e, no_args_help):
            e.show()
            return EXIT_TROUBLE
        message = e.format_message()
        if isinstance(e, click.UsageError) and e.ctx is not None:
            message += f" (see '{e.ctx.command_path} --help')"
        _fail(message, debug)
        return EXIT_TROUBLE
    except (_Interrupted, KeyboardInterrupt, click.Abort):
        _interrupted(debug)
        return EXIT_INTERRUPTED
    except StmtdiffError as e:
        _fail(str(e), debug)
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        _fail(f"{where}{e.strerror or e}", debug)
    except RecursionError as e:  # deeply nested HTML and the like: say what, not a wall of frames
        _fail(f"input too deeply nested: {e}", debug)
    except Exception as e:  # a bug: still one line (and the traceback with --debug)
        bug = e.__cause__ if isinstance(e, _Unexpected) and e.__cause__ is not None else e
        _fail(f"internal error: {type(bug).__name__}: {bug} (run with --debug for a traceback)", debug)
    return EXIT_TROUBLE


def _interrupted(debug: bool) -> None:
    """One line; on a terminal it starts on a line of its own, after the ``^C`` the terminal
    echoed."""
    if _stderr_isatty():
        click.echo("", err=True)
    _fail("interrupted", debug)


def _fail(message: str, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc(file=sys.stderr)
    line = visible_name(_SPACES.sub(" ", str(message).strip(" \t\n")))
    click.echo(f"{PROG}: error: {line}", err=True, color=True)  # nothing left to strip


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``, looked up only when asked (importlib.metadata costs startup time)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("stmtdiff")
    except PackageNotFoundError:  # run from a source tree that was never installed
        found = "unknown (not installed)"
    from stmtdiff import native

    click.echo(f"{PROG} {found} ({native.state()})")  # "compiled", or "python: " and why not
    ctx.exit(0)


@click.group(cls=StmtdiffGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Compare two versions of a statement sentence by sentence and show what the wording changed.

    Exit status: 0 no differences, 1 differences, 2 trouble.

    \b
    Examples:
      stmtdiff diff old.txt new.txt
      stmtdiff diff -y --width 160 old.html new.pdf
      curl -s https://example.org/statement | stmtdiff diff --from-a html - saved.txt
      stmtdiff segment old.txt
      stmtdiff extract statement.pdf
    """


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("a", type=click.Path(allow_dash=True))
@click.argument("b", type=click.Path(allow_dash=True))
@click.argument("more", nargs=-1, type=click.Path(allow_dash=True), metavar="[C ...]")
@click.option(
    "--base",
    type=click.IntRange(min=1),
    metavar="N",
    help="With three or more versions: compare every other one with the N-th (default 1, the first).",
)
@input_options
@side_kind_options
@compare_options
@report_options
@click.option(
    "-L",
    "--label",
    "labels",
    multiple=True,
    metavar="LABEL",
    help="Name shown instead of a path; give it twice, for A then B (like diff).",
)
@debug_option
def diff(a: str, b: str, more: tuple[str, ...], base: int | None, labels: tuple[str, ...], **kw: Any) -> int:
    """Compare A with B and report the groups of sentences that differ.

    A and B are files, http(s) URLs, or - for stdin (one side only). Equal groups are folded
    to a count, and text outside the part the two documents share (an article around a
    statement) to one line per side.

    With three or more versions (A B C ...), every version is compared with the base (the
    first, or --base N) and the report has one row per sentence family: the versions that
    read alike, each reading's word diff against the base, and who omits or adds what.

    \b
    Examples:
      stmtdiff diff old.txt new.txt              # inline word diff and a summary
      stmtdiff diff --context 1 old.txt new.txt  # one equal group around each change
      stmtdiff diff -y old.txt new.txt           # side by side
      stmtdiff diff --stat old.txt new.txt       # the summary alone
      stmtdiff diff --ignore formatting,spelling old.txt new.txt
      stmtdiff diff --format json -o result.json old.txt new.txt
      stmtdiff diff --format docx -o redline.docx old.docx new.docx   # Word tracked changes
      stmtdiff diff --units paragraphs --threshold 0.6 old.docx new.pdf
      pbpaste | stmtdiff diff -L clipboard - saved.txt -L saved
      stmtdiff diff us.txt partner.txt reprint1.txt reprint2.txt   # four versions
      stmtdiff diff --base 2 --stat draft1.txt draft2.txt draft3.txt
    """
    if more or (base is not None and base > 1):
        return _diff_many((a, b, *more), base or 1, labels, kw)
    if len(labels) > 2:
        raise click.BadParameter("give --label at most twice (A, then B)", param_hint="'--label'")
    names = (labels + (None, None))[:2]
    with collector_paused():  # loading and rendering build many small objects too
        c = _compare(a, b, names, kw)
        text, color = _render(c, kw)
        _emit(text, kw["output"], color)
        _keep_until_exit(c, text)
    return EXIT_SAME if c.summary.identical else EXIT_DIFFERENT


def _diff_many(paths: tuple[str, ...], base: int, labels: tuple[str, ...], kw: dict[str, Any]) -> int:
    """``stmtdiff diff`` with three or more versions (or ``--base 2`` with two): one collation."""
    if base > len(paths):
        raise click.BadParameter(f"there are only {len(paths)} versions", param_hint="'--base'")
    if len(labels) > len(paths):
        raise click.BadParameter(f"give --label at most once per version ({len(paths)})", param_hint="'--label'")
    if len(paths) == 2:  # two versions, the second as the base: the pairwise report, sides swapped
        names = (labels + (None, None))[:2]
        return _two_swapped(paths, (names[1], names[0]), kw)
    if kw.get("kind_a") or kw.get("kind_b"):
        raise click.UsageError("--from-a and --from-b name one of two versions; with more, use --from")
    if kw["side_by_side"]:
        raise click.UsageError("side by side shows two versions; for more, try --format html")
    if kw["fmt"].lower() in BINARY_FORMATS:
        raise click.UsageError(f"--format {kw['fmt'].lower()} shows two versions; for more, use text, json, html or markdown")
    if sum(p == "-" for p in paths) > 1:
        raise Trouble("only one version can be '-' (stdin)")
    options = _compare_settings(kw)
    names = list(labels) + [None] * (len(paths) - len(labels))
    with collector_paused():
        docs = [
            _load(p, name=names[n], units=options.units, kind=kw.get("kind"), encoding=kw["encoding"])
            for n, p in enumerate(paths)
        ]
        from stmtdiff.nway import compare_many_documents

        bars = _StageBars() if _stderr_isatty() and _input_bytes(paths) > PROGRESS_MIN_BYTES else None
        try:
            collation = compare_many_documents(docs, options, base=base - 1, progress=bars)
        finally:
            if bars is not None:
                bars.close()
        text, color = _render_collation(collation, kw)
        _emit(text, kw["output"], color)
        _keep_until_exit(collation, text)
    return EXIT_SAME if collation.summary.identical else EXIT_DIFFERENT


def _two_swapped(paths: tuple[str, ...], names: tuple[str | None, str | None], kw: dict[str, Any]) -> int:
    with collector_paused():
        c = _compare(paths[1], paths[0], names, {**kw, "kind_a": kw.get("kind_b"), "kind_b": kw.get("kind_a")})
        text, color = _render(c, kw)
        _emit(text, kw["output"], color)
        _keep_until_exit(c, text)
    return EXIT_SAME if c.summary.identical else EXIT_DIFFERENT


def _text_options(kw: dict[str, Any], fmt: str, *, side_by_side: bool) -> RenderOptions:
    """The text and Markdown reports' options from the command line: colour only for text, and
    ``auto`` never colours a file while ``always`` does, wherever the report goes."""
    from stmtdiff.report.text import RenderOptions

    choice = kw["color"].lower()
    to_stdout = kw["output"] in (None, "-")
    color = (to_stdout or choice == "always") and resolve_color(choice, isatty=_stdout_isatty(), environ=os.environ)
    return RenderOptions(
        color=color and fmt == "text",
        width=kw["width"] or _terminal_width(),
        context=kw["context"],
        show_all=kw["show_all"],
        side_by_side=side_by_side,
        stat=kw["stat"],
    )


def _render_collation(c: Collation, kw: dict[str, Any]) -> tuple[str | Iterable[str], bool]:
    """As ``_render``, for a collation of three or more versions."""
    fmt = kw["fmt"].lower()
    if fmt == "json":
        from stmtdiff.report.collation_json import iter_collation_json

        return iter_collation_json(c), False
    if fmt == "html":
        from stmtdiff.report.collation_html import render_collation_html

        return _with_newline(render_collation_html(c)), False
    options = _text_options(kw, fmt, side_by_side=False)
    if fmt == "markdown":
        from stmtdiff.report.collation_markdown import render_collation_markdown

        return render_collation_markdown(c, options), False
    from stmtdiff.report.collation_text import render_collation_text

    return render_collation_text(c, options), options.color


@cli.command("git-diff", context_settings=CONTEXT_SETTINGS)
@click.argument("git_args", nargs=-1, metavar="PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
@input_options
@compare_options
@report_options
@debug_option
def git_diff(git_args: tuple[str, ...], **kw: Any) -> int:
    """Be git's external diff: take git's 7 arguments, show a word diff, exit 0 on differences.

    git treats any non-zero exit of an external diff as a failure, so differences exit 0
    here; trouble still exits 2. Files added or deleted compare against an empty document.

    \b
    Examples:
      GIT_EXTERNAL_DIFF='stmtdiff git-diff' git diff --ext-diff
      GIT_EXTERNAL_DIFF='stmtdiff git-diff --stat' git log -p --ext-diff -- statement.txt
      git config diff.stmtdiff.command 'stmtdiff git-diff'   # with '*.txt diff=stmtdiff'
    """
    if len(git_args) == 1:  # an unmerged path: git passes only its name
        click.echo(f"* Unmerged path {visible_name(git_args[0])}")
        return EXIT_SAME
    if len(git_args) not in (7, 9):
        raise click.UsageError(f"expected git's 7 (or 9) external-diff arguments, got {len(git_args)}")
    path, old_file, _old_hex, _old_mode, new_file, _new_hex, _new_mode = git_args[:7]
    new_path = git_args[7] if len(git_args) == 9 else path
    with collector_paused():
        c = _compare(old_file, new_file, (f"a/{path}", f"b/{new_path}"), kw)
        text, color = _render(c, kw)
        _emit(text, kw["output"], color)
        _keep_until_exit(c, text)
    return EXIT_SAME


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(allow_dash=True))
@input_options
@units_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json"), case_sensitive=False),
    default="text",
    show_default=True,
    help="text: one unit a line; json: the document with every unit's offsets.",
)
@debug_option
def segment(file: str, units: str, fmt: str, kind: str | None, encoding: str | None, limits: Limits) -> int:
    """Show how FILE is split into units, with their offsets in the extracted text.

    Text output numbers units from 1 (as the diff report does) and gives start-end offsets
    into the text `stmtdiff extract` prints; the JSON keeps 0-based indices.

    \b
    Examples:
      stmtdiff segment statement.txt
      stmtdiff segment --units paragraphs --format json page.html
    """
    doc = _load(file, name=None, units=Units(units.lower()), kind=kind, encoding=encoding, limits=limits)
    if fmt.lower() == "json":
        import dataclasses
        import json

        write_data(json.dumps(dataclasses.asdict(doc), ensure_ascii=False, indent=2) + "\n")
    else:
        from stmtdiff.report.text import render_units

        write_data(render_units(doc))
    return EXIT_SAME


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(allow_dash=True))
@input_options
@debug_option
def extract(file: str, kind: str | None, encoding: str | None, limits: Limits) -> int:
    """Print the text stmtdiff compares for FILE, exactly (offsets in reports refer to it).

    \b
    Examples:
      stmtdiff extract statement.pdf
      stmtdiff extract --from html saved-page.txt > page.txt
      stmtdiff extract --encoding latin-1 old.txt
    """
    doc = _load(file, name=None, units=Units.SENTENCES, kind=kind, encoding=encoding, limits=limits)
    write_data(doc.text)
    for note in doc.source.notes:  # what the text leaves out, where it cannot mix with the data
        click.echo(f"{PROG}: note: {visible_name(note)}", err=True)
    return EXIT_SAME


# The console script leaves what a command built for the operating system to reclaim: on a
# whole-Bible pair, the full garbage collection that follows re-enabling the collector, then
# freeing the comparison object by object and tearing the interpreter down, took 0.3 s of a
# 4.8 s run (measured). Commands hand their results to ``_keep_until_exit``; only ``main``
# turns it on, so library and test callers free them as usual.
_kept_until_exit: list[object] | None = None


def _keep_until_exit(*results: object) -> None:
    if _kept_until_exit is not None:
        _kept_until_exit.extend(results)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script (``stmtdiff``) and ``python -m stmtdiff``: run, flush, end at once."""
    global _kept_until_exit
    _kept_until_exit = []
    gc.disable()  # a short-lived process: collector_paused() then leaves it off at the end too
    try:
        code = cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except KeyboardInterrupt:  # Ctrl-C between the command's end and here
        _interrupted(debug=False)
        code = EXIT_INTERRUPTED
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader went away (``stmtdiff diff a b | head``): nothing to say it to
        code = EXIT_TROUBLE
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    os._exit(code)


__all__ = ["Trouble", "cli", "main", "resolve_color", "write_atomically", "write_data"]


# Corpus mode (``trace``, ``batch``) lives in its own package, which gets the shared options from
# here and never imports this module.
from stmtdiff.corpus.commands import add_corpus_commands  # noqa: E402

add_corpus_commands(
    cli,
    compare_options=compare_options,
    input_options=input_options,
    debug_option=debug_option,
    compare_settings=_compare_settings,
)
