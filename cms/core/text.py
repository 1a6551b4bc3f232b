"""Plain text that citizens type (comments, consultation answers), as it is stored: the one
cleaner every participation form uses, so no plugin keeps a weaker copy."""

import re
import unicodedata

#: Bidirectional embeddings, overrides and isolates, and zero-width characters that can
#: disguise what a text says.
INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x200B, 0xFEFF]
)


def clean_plain_text(raw):
    """The text as it is stored: NFC, no control or direction-changing characters, tidy
    line breaks, no surrounding blanks."""
    text = unicodedata.normalize("NFC", (raw or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(INVISIBLE)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
