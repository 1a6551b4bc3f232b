from django import template

from cms.core.jsonld import json_ld_script

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
    return json_ld_script(data)
