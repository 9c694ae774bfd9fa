"""Audio labelers: ID3v2 `TXXX:AIGC` (MP3), Vorbis comment `AIGC=` (FLAC, OGG, Opus), RIFF
sub-chunk `AIGC` (WAV). Tags are written with mutagen; other tags and frames are kept."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import mutagen
from mutagen.flac import FLAC
from mutagen.id3 import ID3, TXXX, ID3NoHeaderError
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from hegui.label.base import atomic_output
from hegui.label.metadata import AIGCLabel, LabelError
from hegui.label.riff_gif_tiff import riff_chunks, riff_join
from hegui.label.streams import packets_digest

_KEY = "AIGC"


def _guard(name: str, exc: Exception) -> LabelError:
    return LabelError(f"{name}: cannot read or write its tags ({exc})")


class StreamContent:
    """The content is the audio packets."""

    def content_digest(self, path: Path) -> bytes:
        return packets_digest(path)


class Mp3Labeler(StreamContent):
    """ID3v2 `TXXX` frame with description `AIGC`; the ID3 version of the file is kept."""

    def read(self, path: Path) -> str | None:
        try:
            tags = ID3(path)
        except ID3NoHeaderError:
            return None
        except mutagen.MutagenError as exc:
            raise _guard(Path(path).name, exc) from None
        frame = tags.get(f"TXXX:{_KEY}")
        return str(frame.text[0]) if frame and frame.text else None

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        packets_digest(src)  # refuse what is not audio before touching dst

        def produce(s: Path, tmp: Path) -> None:
            shutil.copyfile(s, tmp)
            try:
                tags = ID3(tmp)
            except ID3NoHeaderError:
                tags = ID3()
            except mutagen.MutagenError as exc:
                raise _guard(Path(s).name, exc) from None
            tags.delall(f"TXXX:{_KEY}")
            tags.add(TXXX(encoding=0, desc=_KEY, text=[label.to_json()]))
            version = 3 if tags.version[:2] == (2, 3) else 4
            tags.save(tmp, v2_version=version)

        atomic_output(src, dst, produce)


@dataclass(frozen=True)
class VorbisLabeler(StreamContent):
    """Vorbis comment `AIGC=` in a FLAC, OGG Vorbis or Opus file."""

    kind: type[FLAC | OggVorbis | OggOpus]

    def _open(self, path: Path) -> FLAC | OggVorbis | OggOpus:
        try:
            return self.kind(path)
        except mutagen.MutagenError as exc:
            raise _guard(Path(path).name, exc) from None

    def read(self, path: Path) -> str | None:
        tags = self._open(path).tags
        values = tags.get(_KEY) if tags is not None else None
        return str(values[0]) if values else None

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        self._open(src)

        def produce(s: Path, tmp: Path) -> None:
            shutil.copyfile(s, tmp)
            audio = self._open(tmp)
            if audio.tags is None:
                audio.add_tags()
            tags = audio.tags
            if tags is None:
                raise LabelError(f"{Path(s).name}: mutagen could not add tags")
            tags[_KEY] = [label.to_json()]
            audio.save()

        atomic_output(src, dst, produce)


class WavLabeler(StreamContent):
    """A RIFF sub-chunk with id `AIGC` holding the JSON; other chunks (`LIST`, `id3 `) kept."""

    def read(self, path: Path) -> str | None:
        for kind, payload in riff_chunks(Path(path).read_bytes(), b"WAVE"):
            if kind == b"AIGC":
                return payload.decode("utf-8", errors="replace")
        return None

    def write(self, src: Path, dst: Path, label: AIGCLabel) -> None:
        chunks = riff_chunks(Path(src).read_bytes(), b"WAVE")
        if not any(k == b"data" for k, _ in chunks):
            raise LabelError(f"{Path(src).name}: WAV without a data chunk")
        kept = [(k, p) for k, p in chunks if k != b"AIGC"]
        kept.append((b"AIGC", label.to_json().encode("ascii")))
        atomic_output(src, dst, lambda _s, tmp: tmp.write_bytes(riff_join(b"WAVE", kept)))


MP3 = Mp3Labeler()
WAV = WavLabeler()
FLAC_LABELER = VorbisLabeler(FLAC)
OGG = VorbisLabeler(OggVorbis)
OPUS = VorbisLabeler(OggOpus)
