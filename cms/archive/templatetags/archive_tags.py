from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def document_json_ld(document, url):
    """schema.org DigitalDocument metadata, escaped the way `json_script` escapes."""
    data = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "name": document.title,
        "url": url,
        "encodingFormat": document.content_type,
        "dateCreated": document.created_at.date().isoformat(),
    }
    if document.description:
        data["description"] = document.description
    if document.language and document.language != "other":
        data["inLanguage"] = document.language
    if document.date_adopted:
        data["datePublished"] = document.date_adopted.isoformat()
    if document.issuing_body:
        data["publisher"] = {"@type": "GovernmentOrganization", "name": document.issuing_body}
    if document.number:
        data["identifier"] = document.number
    html = json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1)
    return mark_safe(html)  # nosec B308, B703  # json_script's output, escaped for <script>
