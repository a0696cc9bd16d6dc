"""Which files of the seeds folder are read, under which names; the others are listed with why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.errors import SeedsNotFound
from tracker.intake import survey_folder
from tracker.models import Skipped


def make(seeds: Path, *names: bytes) -> None:
    for name in names:
        path = Path(os.fsdecode(os.path.join(os.fsencode(seeds), name)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def test_documents_are_read_in_order_under_their_relative_names(tmp_path: Path) -> None:
    make(tmp_path, b"b.txt", b"a/z.txt", b"a.txt", "子目录/报告.docx".encode())
    found = survey_folder(tmp_path)
    assert [name for _, name in found.files] == ["a/z.txt", "a.txt", "b.txt", "子目录/报告.docx"]
    assert [path for path, _ in found.files] == [tmp_path / name for _, name in found.files]
    assert found.refused == found.ignored == [] and found.notes == {}


def test_hidden_system_and_lock_files_are_listed_as_ignored_with_why(tmp_path: Path) -> None:
    make(tmp_path, b".secret.txt", b".DS_Store", b"Thumbs.db", b"desktop.ini", "~$报告.docx".encode(),
         b".~lock.plan.docx#", b"._plan.docx", b"draft.tmp", b"notes.txt~", b".git/config", b".git/objects/ab",
         b"plan.txt")
    found = survey_folder(tmp_path)
    assert [name for _, name in found.files] == ["plan.txt"]
    assert found.ignored == [
        Skipped(".DS_Store", "folder settings macOS keeps, not a document"),
        Skipped("._plan.docx", "resource data macOS keeps beside a file it copied, not a document"),
        Skipped(".git/", 'a hidden folder (2 files); rename it without the leading "." to have its files read'),
        Skipped(".secret.txt", 'a hidden file (its name starts with "."); rename it to have it read'),
        Skipped(".~lock.plan.docx#", "a lock file Word, WPS or LibreOffice keeps while a document is open"),
        Skipped("Thumbs.db", "a picture cache Windows keeps, not a document"),
        Skipped("desktop.ini", "folder settings Windows keeps, not a document"),
        Skipped("draft.tmp", "a temporary or lock file, not a document"),
        Skipped("notes.txt~", "a temporary or lock file, not a document"),
        Skipped("~$报告.docx", "a lock file Word, WPS or LibreOffice keeps while a document is open"),
    ]


def test_names_built_to_mislead_are_refused_and_shown_on_one_line(tmp_path: Path) -> None:
    make(tmp_path, b"..%2f..%2fetc%2fpasswd.txt", b"%2E%2E%5Cwin.txt", b"line\nbreak.txt", b"a\x1b[31m.txt")
    found = survey_folder(tmp_path)
    assert found.files == []
    encoded = ('its name holds an encoded path (%2f is "/", %2e "."), as path-traversal attacks use; '
               "rename it to have it read")
    control = "its name holds control characters (a line break or tab); rename it to have it read"
    assert found.refused == [Skipped("%2E%2E%5Cwin.txt", encoded), Skipped("..%2f..%2fetc%2fpasswd.txt", encoded),
                             Skipped("a\\x1b[31m.txt", control), Skipped("line\\nbreak.txt", control)]


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    make(seeds, b"real.txt")
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("x", encoding="utf-8")
    os.symlink("/etc/passwd", seeds / "passwd.txt")
    os.symlink(tmp_path / "outside.txt", seeds / "outside.txt")
    os.symlink(tmp_path / "elsewhere", seeds / "elsewhere")
    os.symlink("real.txt", seeds / "again.txt")
    os.symlink("gone.txt", seeds / "dangling.txt")
    os.symlink("loop2.txt", seeds / "loop1.txt")
    os.symlink("loop1.txt", seeds / "loop2.txt")
    os.mkfifo(seeds / "pipe.txt")
    found = survey_folder(seeds)
    assert found.files == [(seeds / "real.txt", "real.txt")]
    assert found.ignored == [Skipped("again.txt", "a link to real.txt in the seeds folder, which is read under its own name")]
    assert found.refused == [
        Skipped("dangling.txt", "a link to gone.txt, which does not exist; not read"),
        Skipped("elsewhere/", f"a link to the folder {tmp_path / 'elsewhere'}, outside the seeds folder; not followed "
                              "(copy it into the seeds folder to have it read)"),
        Skipped("loop1.txt", "a link that leads back to itself (a loop of links); not read"),
        Skipped("loop2.txt", "a link that leads back to itself (a loop of links); not read"),
        Skipped("outside.txt", f"a link to {tmp_path / 'outside.txt'}, outside the seeds folder; not followed "
                               "(copy it into the seeds folder to have it read)"),
        Skipped("passwd.txt", "a link to /etc/passwd, outside the seeds folder; not followed "
                              "(copy it into the seeds folder to have it read)"),
        Skipped("pipe.txt", "not a regular file (a pipe, socket or device); not read"),
    ]


def test_a_seeds_folder_that_is_itself_a_link_is_read(tmp_path: Path) -> None:
    make(tmp_path / "real", b"a.txt")
    os.symlink(tmp_path / "real", tmp_path / "seeds")
    assert [name for _, name in survey_folder(tmp_path / "seeds").files] == ["a.txt"]


def test_names_that_are_not_utf8_are_decoded_and_noted(tmp_path: Path) -> None:
    gbk = "高新区要点.txt".encode("gbk")
    make(tmp_path, b"gbk/" + gbk, "名单".encode("gbk") + b"/a.txt", b"odd/\xff\xfe.txt",
         # the same name in UTF-8 and in GBK: the UTF-8 one keeps it, the other shows its bytes
         "同名.txt".encode(), "同名.txt".encode("gbk"))
    found = survey_folder(tmp_path)
    names = [name for _, name in found.files]
    assert names == ["gbk/高新区要点.txt", "odd/\\xff\\xfe.txt", "\\xcd\\xac\\xc3\\xfb.txt", "同名.txt", "名单/a.txt"]
    for path, name in found.files:
        assert path.is_file() and name.encode("utf-8")   # every name can be stored and printed
    assert found.notes == {
        "gbk/高新区要点.txt": ["the file name is GBK, not UTF-8 (as unzipping an archive made on Windows gives: "
                            "gbk/\\xb8\\xdf\\xd0\\xc2\\xc7\\xf8\\xd2\\xaa\\xb5\\xe3.txt); it is listed decoded"],
        "名单/a.txt": ["the file name is GBK, not UTF-8 (as unzipping an archive made on Windows gives: "
                     "\\xc3\\xfb\\xb5\\xa5/a.txt); it is listed decoded"],
        "odd/\\xff\\xfe.txt": ["the file name is neither UTF-8 nor GBK; it is listed with its bytes escaped"],
        "\\xcd\\xac\\xc3\\xfb.txt": ["the file name is neither UTF-8 nor GBK; it is listed with its bytes escaped"],
    }


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SeedsNotFound):
        survey_folder(tmp_path / "nope")
