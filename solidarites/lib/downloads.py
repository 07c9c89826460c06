"""Handing a stored file (meeting document, sheet attachment) to the browser as a download."""

from django.http import FileResponse, Http404


def file_download(stored):
    """A download of the FieldFile `stored` under its own name; 404 when the file has gone from the storage."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable") from error
    return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
