"""Reading the pages the web tests get back."""

import html
import re
from urllib.parse import parse_qs, urljoin, urlsplit

from django.http import HttpResponse
from django.urls import reverse


def outcome(response: HttpResponse, path: str) -> str:
    """ "login" for a redirect to the login page that comes back to `path`, else the status."""
    if response.status_code == 302:
        location = urlsplit(response["Location"])
        if location.path == reverse("login") and parse_qs(location.query)["next"] == [path]:
            return "login"
    return str(response.status_code)


def text(response: HttpResponse) -> str:
    """The page as the user reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def field_value(response: HttpResponse, name: str) -> str | None:
    """The value an <input name=…> is rendered with (the user's input kept on error)."""
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', response.content.decode())
    if found is None:
        return None
    value = re.search(r'value="([^"]*)"', found.group(0))
    return html.unescape(value.group(1)) if value else ""


def selected_values(response: HttpResponse, name: str) -> list[str]:
    """The options of <select name=…> rendered as selected."""
    found = re.search(
        rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>',
        response.content.decode(),
        re.DOTALL,
    )
    assert found is not None, f"no <select name={name}>"
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', found.group(1))


def checked_values(response: HttpResponse, name: str) -> list[str]:
    """The values of the radio buttons or checkboxes named `name` rendered as checked."""
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', response.content.decode())
    return [
        re.search(r'value="([^"]*)"', tag).group(1)  # type: ignore[union-attr]  # every rendered input has a value
        for tag in inputs
        if re.search(r"\schecked\b", tag)
    ]


def html_lang(response: HttpResponse) -> str:
    found = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert found is not None, "no <html lang>"
    return found.group(1)


def link(response: HttpResponse, label: str) -> str:
    """The href of the link whose text is `label`, resolved against the page's URL."""
    found = re.search(
        rf'<a href="([^"]*)"[^>]*>\s*{re.escape(label)}\s*</a>', response.content.decode()
    )
    assert found is not None, f"no link “{label}”"
    return urljoin(response.wsgi_request.get_full_path(), html.unescape(found.group(1)))


def listed_plans(response: HttpResponse) -> list[int]:
    """Numbers of the plans in the plan table, in the order shown."""
    return [
        int(number)
        for number in re.findall(
            r'<td><a href="[^"]*/plans/\d+/">(\d+)</a></td>', response.content.decode()
        )
    ]
