"""The core's one JSON-LD tag (cms.core.jsonld and the `json_ld` filter of core_tags)."""

import datetime
import json
import re

from django.template import Context, Template

from cms.core.jsonld import json_ld_script

SCRIPT = re.compile(r'^<script type="application/ld\+json">(.*)</script>$', re.S)


def _data(html):
    match = SCRIPT.match(str(html))
    assert match, html
    return json.loads(match.group(1))


def test_structured_data_round_trips_with_dates_and_non_ascii_text():
    data = {
        "@type": "Event",
        "name": "Громадські слухання «Бюджет»",
        "startDate": datetime.datetime(2026, 3, 1, 18, 0, tzinfo=datetime.UTC),
        "endDate": datetime.date(2026, 3, 2),
    }
    html = json_ld_script(data)
    assert "Громадські слухання" in html
    assert _data(html) == {
        "@type": "Event",
        "name": "Громадські слухання «Бюджет»",
        "startDate": "2026-03-01T18:00:00Z",
        "endDate": "2026-03-02",
    }


def test_a_value_cannot_close_the_script_element():
    name = "</script><script>alert(1)</script> & <!--"
    html = json_ld_script({"name": name})
    assert html.count("</script>") == 1
    assert "<script>" not in html
    assert "<!--" not in html
    assert _data(html) == {"name": name}


def test_the_template_filter_gives_the_same_element():
    template = Template("{% load core_tags %}{{ data|json_ld }}")
    data = {"headline": "News <b>&</b>"}
    rendered = template.render(Context({"data": data}))
    assert rendered == json_ld_script(data)
    assert _data(rendered) == data
