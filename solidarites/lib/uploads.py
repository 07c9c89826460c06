"""Checking an uploaded document (extension, size, content) the same way in every app (storing it with its row:
background.uploads)."""

from django import forms
from django.utils import formats

# extension -> how the file starts (b"" when the format has no signature)
OFFICE_AND_IMAGES = {
    "pdf": b"%PDF",
    "odt": b"PK",
    "ods": b"PK",
    "odp": b"PK",
    "docx": b"PK",
    "xlsx": b"PK",
    "pptx": b"PK",
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
MAX_BYTES = 10 * 1024 * 1024


def accept_attribute(types):
    return ",".join(f".{extension}" for extension in types)


def check_upload(upload, types, max_bytes=MAX_BYTES):
    """Refuse, with a French message, an unknown extension, a file over `max_bytes`, or content that does
    not match its extension. Returns the upload, rewound."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in types:
        names = ", ".join(name.upper() for name in types if name != "jpeg")
        raise forms.ValidationError(f"Format non accepté (« .{extension or '?'} »). Formats acceptés : {names}.")
    if upload.size > max_bytes:
        size = formats.number_format(upload.size / 1024 / 1024, decimal_pos=1)
        limit = max_bytes // (1024 * 1024)
        raise forms.ValidationError(f"Le fichier pèse {size} Mo : la taille maximale est de {limit} Mo.")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(types[extension]):
        raise forms.ValidationError(f"Le contenu du fichier ne correspond pas à son extension « .{extension} ».")
    return upload
