"""Template helpers: deadlines with working days remaining, state badges, capacities, tables
that scroll in their own box."""

import datetime as dt
import re
from decimal import Decimal
from html import unescape
from typing import Protocol

from django import template
from django.urls import translate_url
from django.utils import formats
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString

from backend.core.deadlines import deadline_info
from backend.registry.units import amount_with_unit

register = template.Library()


@register.simple_tag
def deadline(day: dt.date | None) -> SafeString | str:
    """A deadline with the working days that remain, colour-coded when close or overdue."""
    if day is None:
        return "–"
    info = deadline_info(day)
    tone = "overdue" if info.is_overdue else "soon" if info.working_days_left <= 2 else "ok"
    return format_html(
        '<span class="deadline deadline--{}"><time datetime="{}">{}</time> ({})</span>',
        tone,
        day.isoformat(),
        formats.date_format(day, "SHORT_DATE_FORMAT"),
        info.label,
    )


@register.simple_tag(takes_context=True)
def translated_path(context: template.Context, language: str) -> str:
    """This page's URL in `language`, for the language switch to return to.

    Computed here, while the page's own language is active: `set_language` runs in the
    default language and cannot resolve an /en/ URL to translate it back to Czech."""
    request = context.get("request")
    return translate_url(request.get_full_path(), language) if request else ""


class StateMachineObject(Protocol):
    """A plan, an opinion or a call: an object with a state field (its choices labelled)."""

    @property
    def state(self) -> str: ...
    def get_state_display(self) -> str: ...


@register.simple_tag
def state_badge(obj: StateMachineObject) -> SafeString:
    """The object's workflow state as a labelled tag."""
    state = obj.state
    label = obj.get_state_display()
    return format_html('<span class="state state--{}">{}</span>', state, label)


@register.filter
def capacity(value: Decimal | None, unit: str = "") -> str:
    """11.50 → "11,5" (Czech decimal comma, no trailing zeros), followed by the unit (a
    CapacityUnit code) in the form the amount takes: "15 lůžek", "1,5 úvazku přímé péče"."""
    if value is None:
        return "–"
    return amount_with_unit(value, unit)


CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)


@register.tag
def scrollable(parser: template.base.Parser, token: template.base.Token) -> "ScrollableNode":
    """`{% scrollable %}<table>…</table>{% endscrollable %}`: the table scrolls sideways in its
    own box on a narrow screen instead of widening the page. The box is a focusable region
    named by the table's caption, so keyboard users can scroll it too (WCAG 2.1.1)."""
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(nodelist)


class ScrollableNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        content = self.nodelist.render(context)
        caption = CAPTION.search(content)
        label = " ".join(strip_tags(caption.group(1)).split()) if caption else ""
        return format_html(
            '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>',
            unescape(label),  # format_html escapes it again
            content,  # a SafeString: the rendered template
        )
