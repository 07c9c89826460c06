"""The local file storage of uploads: Django's FileSystemStorage, except that a write never leaves a partial file.

FileSystemStorage writes straight under the final name: when the disk fills up half-way, the truncated file stays
there with no row pointing to it. Here the content goes to a hidden temporary file of the same directory, which
takes its final name (a hard link: never over an existing file) only once complete; on any error the temporary
file is removed and the OSError goes up (background.uploads turns « disk full » into a French message).
"""

import os
import tempfile

from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage


class LocalStorage(FileSystemStorage):
    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)  # (FILE_UPLOAD_DIRECTORY_PERMISSIONS is not used by the portal)
        fd, temporary = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            if self.file_permissions_mode is not None:  # FILE_UPLOAD_PERMISSIONS, 0o644 by default (mkstemp: 0o600)
                os.chmod(temporary, self.file_permissions_mode)
            name = self._link(temporary, name)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
        return str(name).replace("\\", "/")

    def _link(self, temporary, name):
        """Give the complete file its final name, a free one (another upload may have taken `name` meanwhile)."""
        while True:
            try:
                os.link(temporary, self.path(name))
                return name
            except FileExistsError:
                name = self.get_available_name(name)
            except OSError:  # a filesystem without hard links: move, refusing to replace an existing file
                file_move_safe(temporary, self.path(name), allow_overwrite=False)
                return name
