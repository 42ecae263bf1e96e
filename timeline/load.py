"""Read content files: bytes -> text -> YAML with the file line of every key and value."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from . import editions, files
from .model import ContentError, Problem

KeyPath = tuple[Any, ...]


class Loader(_BaseLoader):
    """Safe YAML that leaves dates as the text the editor wrote (no timestamp conversion)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """One YAML mapping with, for every key path, its line in the file and its raw scalar text."""

    path: str  # relative to the project root
    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)
    raw: dict[KeyPath, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, *key: Any) -> int:
        """The line of the key path, or of its nearest ancestor that exists."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


def read_text(root: Path, path: Path) -> str:
    """Decode a file as UTF-8 (a byte-order mark is allowed) with Unix line ends; no control characters."""
    rel = files.shown(root, path)
    data = files.read_bytes(root, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ContentError(Problem(rel, line, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        raise ContentError(Problem(rel, line, f"column {column}: {control_character(found.group())}"))
    return text


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tabs and line ends are text; these are not
CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x0B: "a vertical tab", 0x0C: "a form feed", 0x7F: "DEL"}


def control_character(char: str) -> str:
    """What an editor needs to know about a control character found in text."""
    code = ord(char)
    name = f"U+{code:04X}" + (f" ({CONTROL_NAMES[code]})" if code in CONTROL_NAMES else "")
    meant = bytes([code]).decode("cp1252", errors="ignore") if 0x80 <= code <= 0x9F else ""
    hint = f"; it is often {meant!r} saved in the wrong encoding" if meant else ""
    return f"control character {name}, which is not text{hint}: delete it or type the character again"


def parse_yaml(rel: str, text: str, first_line: int = 1) -> Document:
    """Parse one YAML mapping; `first_line` is the file line where `text` starts."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError(Problem(rel, first_line, "empty: expected key: value lines"))
        document = Document(rel, {})
        data = _walk(loader, node, (), document, first_line, set())
    except yaml.MarkedYAMLError as error:
        raise ContentError(_yaml_problem(rel, error, first_line)) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError(Problem(rel, first_line, "expected key: value lines (a YAML mapping)"))
    document.data = data
    return document


MAX_DEPTH = 6  # the deepest field is sources[1].quote: three levels
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
SEQ, MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _walk(loader: Loader, node: yaml.Node, key: KeyPath, doc: Document, offset: int, seen: set[int]) -> Any:
    """Build the value of a node, recording each key's line and each scalar's raw text.

    Only plain data is built: text, numbers, booleans, lists and mappings. Any other tag, an
    alias or a key given twice is refused.
    """
    if id(node) in seen:
        raise ContentError(Problem(doc.path, doc.line(*key), "YAML aliases (*name) are not allowed"))
    seen.add(id(node))
    line = node.start_mark.line + offset
    if len(key) > MAX_DEPTH:
        raise ContentError(Problem(doc.path, line, f"nested more than {MAX_DEPTH} levels deep: no field needs that many"))
    if isinstance(node, yaml.ScalarNode) and node.tag in PLAIN_TAGS:
        found = CONTROL.search(node.value)
        if found:  # from an escape in a quoted string, such as "\e" or "\x92"
            raise ContentError(Problem(doc.path, line, f"{control_character(found.group())} (written as an escape)"))
        doc.raw[key] = node.value
        return node.value if node.tag.endswith(":str") else loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode) and node.tag == SEQ:
        items = []
        for index, item in enumerate(node.value):
            doc.lines[key + (index,)] = item.start_mark.line + offset
            items.append(_walk(loader, item, key + (index,), doc, offset, seen))
        return items
    if isinstance(node, yaml.MappingNode) and node.tag == MAP:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in PLAIN_TAGS:
                raise ContentError(Problem(doc.path, key_node.start_mark.line + offset, "a key must be a plain word"))
            name = key_node.value
            where = key_node.start_mark.line + offset
            if key + (name,) in doc.lines:
                first = doc.lines[key + (name,)]
                raise ContentError(Problem(doc.path, where, f"duplicate key '{name}' (first on line {first})"))
            doc.lines[key + (name,)] = where
            mapping[name] = _walk(loader, value_node, key + (name,), doc, offset, seen)
        return mapping
    raise ContentError(Problem(doc.path, line, f"invalid YAML: YAML tag not allowed here ('{node.tag}')"))


def _yaml_problem(rel: str, error: yaml.MarkedYAMLError, offset: int) -> Problem:
    """Point at where the broken construct starts (the editor's line), and say where parsing stopped."""
    problem = error.problem or "invalid YAML"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        problem = f"YAML tag not allowed here ({problem.split('tag', 1)[1].strip()})"
    stop = error.problem_mark.line + offset if error.problem_mark else None
    start = error.context_mark.line + offset if error.context_mark else stop
    if start is not None and stop is not None and stop != start:
        problem = f"{problem} (by line {stop}, {error.context})"
    return Problem(rel, start or offset, f"invalid YAML: {problem}")


def split_front_matter(rel: str, text: str) -> tuple[str, str, int]:
    """Split `---` front matter from the body: (yaml, body, file line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContentError(Problem(rel, 1, "no front matter: the file must start with a '---' line"))
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise ContentError(Problem(rel, 1, "front matter is never closed: add a '---' line after it"))


def load_markdown(root: Path, path: Path) -> Document:
    """An event file: front matter as a Document, the Markdown body beside it."""
    rel = files.shown(root, path)
    front, body, body_line = split_front_matter(rel, read_text(root, path))
    if not front.strip():
        raise ContentError(Problem(rel, 2, "empty front matter: expected title, date, summary, sources..."))
    document = parse_yaml(rel, front, first_line=2)
    document.body, document.body_line = body, body_line
    return document


def load_yaml(root: Path, path: Path) -> Document:
    return parse_yaml(files.shown(root, path), read_text(root, path))


LISTS = ("topics", "people", "places", "eras", "sources")
TRANSLATED_LISTS = ("topics", "people", "places", "eras")  # sources keep their own language


@dataclass
class RawContent:
    """Everything read from disk, before any rule is checked."""

    settings: Document | None = None
    lists: dict[str, Document] = field(default_factory=dict)
    events: list[Document] = field(default_factory=list)
    seeds: dict[str, str] = field(default_factory=dict)  # file name -> text
    unreadable_seeds: set[str] = field(default_factory=set)  # reported already: sources that archive them are not
    introduction: str = ""  # content/introduction.md, the home page's story in outline (optional)
    translations: list[Document] = field(default_factory=list)  # x.ur.md, topics.ru.yaml...: see translations.py
    problems: list[Problem] = field(default_factory=list)


Cache = dict[str, tuple[tuple[int, int, int], Any]]  # file path -> (its stat stamp, what reading it gave)


def load_content(root: Path, cache: Cache | None = None, changed: Collection[str] | None = None) -> RawContent:
    """Read site.yaml, the described lists, every event and every archived text.

    With a `cache` (the preview server keeps one), a file whose size, inode and modification time
    have not changed is not read again: the same Document object comes back. Given the paths that
    `changed` (the preview's file watcher knows them), a file read before and not among them is
    not even looked at again, and one among them is read again even if its stamp looks the same.
    """
    raw = RawContent()
    content = root / "content"
    if not content.is_dir():
        raw.problems.append(Problem("content", 1, "no content/ folder here: run the build from the project root"))
        return raw

    def read(path: Path | str, reader: Callable[[Path, Path], Any]) -> Any:
        key = str(path)
        told = changed is not None and key in changed
        if cache is not None and changed is not None and not told and key in cache:
            result = cache[key][1]
        else:
            result = _read(root, cache, key, reader, fresh=told)
        if isinstance(result, Problem):
            raw.problems.append(result)
            return None
        return result

    raw.settings = read(content / "site.yaml", load_yaml)
    for name in LISTS:
        document = read(content / f"{name}.yaml", load_yaml)
        if document is not None:
            raw.lists[name] = document
    names = _files(content / "events")
    if not names:
        found = "no content/events/ folder" if not (content / "events").is_dir() else "content/events/ holds no event file"
        raw.problems.append(Problem("content/events", 1, f"{found}: a chronology needs at least one event (see README)"))
    english = [name for name in names if editions.translated_name(os.path.basename(name)) is None]
    raw.events = [document for document in (read(name, load_event) for name in english) if document is not None]
    if (content / "introduction.md").exists() or (content / "introduction.md").is_symlink():
        raw.introduction = read(content / "introduction.md", read_text) or ""
    translated = [Path(name) for name in names if name not in english]
    for lang in editions.TRANSLATED:
        translated += [content / f"{name}.{lang}.yaml" for name in (*TRANSLATED_LISTS, "site")]
        translated.append(content / f"introduction.{lang}.md")
    for path in translated:
        if path.exists() or path.is_symlink():
            document = read(path, load_yaml if path.suffix == ".yaml" else load_markdown)
            raw.translations += [document] if document is not None else []
    for folder in ("templates", "static"):
        raw.problems += files.scan(root, root / folder)
    seeds = root / "seeds"
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        text = read(path, read_text)
        if text is not None:
            raw.seeds[path.name] = text
        else:
            raw.unreadable_seeds.add(path.name)
    return raw


def _files(folder: Path) -> list[str]:
    """Every file under `folder` but hidden ones, sorted as paths sort (folder by folder)."""
    found: list[str] = []

    def visit(path: str) -> None:
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink() or not entry.is_dir():  # a linked folder is not followed: load_event says so
                    found.append(entry.path)
                else:
                    visit(entry.path)

    if folder.is_dir():
        visit(str(folder))
    return found


def _read(root: Path, cache: Cache | None, key: str, reader: Callable[[Path, Path], Any], fresh: bool = False) -> Any:
    """What `reader` gives for the file, or the Problem that stops it being read; unless `fresh`
    (the watcher saw it change), what the cache kept when the file's stamp is the same."""
    stamp = None
    try:
        if cache is not None:
            status = os.stat(key)
            stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
            kept = cache.get(key)
            if kept is not None and kept[0] == stamp and not fresh:
                return kept[1]
        result = reader(root, Path(key))
    except ContentError as error:
        result = error.problem
    except OSError:  # the stamp could not be read: say why, as reading would
        return files.check(root, Path(key)) or Problem(files.shown(root, Path(key)), 1, "file missing")
    if cache is not None and stamp is not None:
        cache[key] = (stamp, result)
    return result


def load_event(root: Path, path: Path) -> Document:
    """One event file."""
    rel = files.shown(root, path)
    if os.path.isdir(path):
        problem = files.check(root, path) or Problem(rel, 1, "a symlink to a folder, which is not followed: move its files here")
        raise ContentError(problem)
    if path.suffix != ".md":
        raise ContentError(Problem(rel, 1, "not an event: event files end in .md"))
    return load_markdown(root, path)
