"""A multipart body of one file field, produced as it is read: whoever sends it (a benchmark, a test) holds none of
the file. Stdlib only, so a script imports it without Django."""

from __future__ import annotations

import io


class MultipartFileBody(io.RawIOBase):
    """One file field `file` named big.py of `size` bytes of '#', between `boundary` lines."""

    def __init__(self, size: int, boundary: str) -> None:
        self.boundary = boundary
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.py"\r\n'
            "Content-Type: text/x-python\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.length = len(self.head) + size + len(self.tail)
        self.position = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.length - self.position)
        start, end = self.position, self.position + n
        chunk = bytearray(b"#" * n)
        head_end, tail_start = len(self.head), self.length - len(self.tail)
        if start < head_end:
            piece = self.head[start : min(end, head_end)]
            chunk[: len(piece)] = piece
        if end > tail_start:
            offset = max(start, tail_start)
            piece = self.tail[offset - tail_start : end - tail_start]
            chunk[offset - start : offset - start + len(piece)] = piece
        buffer[:n] = chunk
        self.position = end
        return n
