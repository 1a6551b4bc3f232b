"""Where uploaded document files are stored: under a name nobody can guess."""

import posixpath
import secrets


def document_upload_to(instance, filename):
    """`documents/<128-bit random token>/<uploaded name>`.

    The storage makes the name safe (`get_valid_name`) and shortens it to the field's
    length; the token keeps a private file's address unguessable even when its name is known.
    """
    return posixpath.join("documents", secrets.token_hex(16), posixpath.basename(filename))
