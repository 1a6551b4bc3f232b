RICH_TEXT = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
