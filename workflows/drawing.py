"""State diagrams laid out on the server for the web page (an inline SVG drawn by
templates/insight/workflow.html): no JavaScript, nothing for the CSP to allow and no system
tool such as Graphviz to install.

The machines are small (at most ten states), so a plain layered layout reads well: each state
gets the row after the longest path reaching it from the initial state (a transition going back
up does not count); every arrow passes through one point per row between its ends, one of them
its label, so labels take room as the states do and never overlap; the order within a row
follows the neighbours' average position (barycentre), and the positions settle between the
neighbours' and a minimum gap.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from django.db import models

from workflows.diagram import Edge, edges, state_field, transition_labels

STATE_HEIGHT, LABEL_HEIGHT, ROW_GAP, GAP, MARGIN, START = 36, 18, 16, 18, 10, 34
STATE_FONT, LABEL_FONT = 13, 12
LOOP = 26  # room for a transition from a state to itself, right of the box


def text_width(text: str, font_size: int) -> int:
    """An estimate wide enough for Roboto (the page's font) and the fallbacks."""
    return round(len(text) * font_size * 0.58) + 4


@dataclass
class Node:
    """A state, a transition's label or a bend of an arrow, in one row of the layout."""

    key: str
    row: int
    width: int
    text: str = ""
    right: int = 0  # extra room on the right (a loop and its label)
    x: float = 0.0
    y: float = 0.0


@dataclass
class Box:
    state: str
    text: str
    x: int
    y: int
    width: int
    height: int
    initial: bool
    final: bool
    loop: str = ""  # the path of a transition to itself
    loop_label: tuple[int, int, str] | None = None


@dataclass
class Label:
    text: str
    x: int
    y: int
    width: int


@dataclass
class Transition:
    """A row of the text alternative."""

    source: str
    label: str
    target: str


@dataclass
class Drawing:
    key: str
    width: int
    height: int
    boxes: list[Box]
    arrows: list[str]  # the paths
    labels: list[Label]
    start: tuple[int, int, int]  # the initial dot's centre and where its arrow ends
    transitions: list[Transition] = field(default_factory=list)


def _ranks(states: list[str], initial: str, pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Longest path from the initial state, after turning the arrows that go back around."""
    successors = defaultdict(list)
    for source, target in pairs:
        successors[source].append(target)
    back, open_, done = set(), set(), set()

    def visit(state: str) -> None:
        open_.add(state)
        for target in sorted(successors[state], key=states.index):
            if target in open_:
                back.add((state, target))
            elif target not in done:
                visit(target)
        open_.discard(state)
        done.add(state)

    for state in [initial, *states]:
        if state not in done:
            visit(state)
    forward = [(t, s) if (s, t) in back else (s, t) for s, t in pairs]
    rank = dict.fromkeys(states, 0)
    for _ in states:
        for source, target in forward:
            rank[target] = max(rank[target], rank[source] + 1)
    return rank


def _order(rows: list[list[Node]], links: list[tuple[Node, Node]]) -> None:
    """Barycentre sweeps, down and up, to untangle the arrows."""
    up: defaultdict[str, list[Node]] = defaultdict(list)
    down: defaultdict[str, list[Node]] = defaultdict(list)
    for a, b in links:  # a is in the row above b
        down[a.key].append(b)
        up[b.key].append(a)
    for sweep in range(8):
        indices = range(1, len(rows)) if sweep % 2 == 0 else range(len(rows) - 2, -1, -1)
        for i in indices:
            others = up if sweep % 2 == 0 else down
            position = {n.key: k for row in rows for k, n in enumerate(row)}

            def centre(
                node: Node,
                k: int,
                others: dict[str, list[Node]] = others,
                position: dict[str, int] = position,
            ) -> float:
                near = others[node.key]
                return sum(position[n.key] for n in near) / len(near) if near else k

            rows[i][:] = [
                n for _, _, n in sorted((centre(n, k), k, n) for k, n in enumerate(rows[i]))
            ]


def _place(rows: list[list[Node]], links: list[tuple[Node, Node]]) -> None:
    """x between the neighbours' average and the minimum gap; y by rows."""
    neighbours = defaultdict(list)
    for a, b in links:
        neighbours[a.key].append(b)
        neighbours[b.key].append(a)

    def gap(a: Node, b: Node) -> float:
        return a.width / 2 + a.right + GAP + b.width / 2

    for row in rows:
        for k, node in enumerate(row):
            node.x = row[k - 1].x + gap(row[k - 1], node) if k else 0
    for _ in range(12):
        for row in rows:
            wanted = [
                sum(n.x for n in neighbours[node.key]) / len(neighbours[node.key])
                if neighbours[node.key]
                else node.x
                for node in row
            ]
            left, right = list(wanted), list(wanted)
            for k in range(1, len(row)):
                left[k] = max(wanted[k], left[k - 1] + gap(row[k - 1], row[k]))
            for k in range(len(row) - 2, -1, -1):
                right[k] = min(wanted[k], right[k + 1] - gap(row[k], row[k + 1]))
            for k, node in enumerate(row):
                node.x = (left[k] + right[k]) / 2
    shift = MARGIN - min(n.x - n.width / 2 for row in rows for n in row)
    y = MARGIN + START
    for i, row in enumerate(rows):
        height = STATE_HEIGHT if i % 2 == 0 else LABEL_HEIGHT
        for node in row:
            node.x += shift
            node.y = y + height / 2
        y += height + ROW_GAP


def _curve(points: list[tuple[float, float]]) -> str:
    """A smooth path near the points (a uniform cubic B-spline, as d3's curveBasis draws):
    it starts and ends on the first and last point."""
    (x0, y0), (x1, y1) = points[0], points[0]
    path = [f"M{x0:.0f},{y0:.0f}"]
    for k, (x, y) in enumerate(points[1:], start=1):
        if k == 2:
            path.append(f"L{(5 * x0 + x1) / 6:.0f},{(5 * y0 + y1) / 6:.0f}")
        if k >= 2:
            path.append(
                f"C{(2 * x0 + x1) / 3:.0f},{(2 * y0 + y1) / 3:.0f} "
                f"{(x0 + 2 * x1) / 3:.0f},{(y0 + 2 * y1) / 3:.0f} "
                f"{(x0 + 4 * x1 + x) / 6:.0f},{(y0 + 4 * y1 + y) / 6:.0f}"
            )
        (x0, y0), (x1, y1) = (x1, y1), (x, y)
    path.append(
        f"C{(2 * x0 + x1) / 3:.0f},{(2 * y0 + y1) / 3:.0f} "
        f"{(x0 + 2 * x1) / 3:.0f},{(y0 + 2 * y1) / 3:.0f} {x1:.0f},{y1:.0f}"
    )
    return " ".join(path)


def state_diagram(model: type[models.Model]) -> Drawing:
    """The model's state machine laid out for an SVG, in the active language."""
    fsm = state_field(model)
    names = dict(fsm.flatchoices)
    initial = str(fsm.default)
    labels = transition_labels(model)
    all_edges = edges(model)
    used = {initial} | {e.source for e in all_edges} | {e.target for e in all_edges}
    states = [str(s) for s in names if str(s) in used]
    loops = {e.source: labels[e.name] for e in all_edges if e.source == e.target}
    arrows = [e for e in all_edges if e.source != e.target]
    rank = _ranks(states, initial, sorted({(e.source, e.target) for e in arrows}))
    rows: list[list[Node]] = [[] for _ in range(2 * max(rank.values()) + 1)]
    nodes = {}
    for state in states:
        text = str(names[state])
        loop = text_width(loops[state], LABEL_FONT) + LOOP if state in loops else 0
        nodes[state] = Node(state, 2 * rank[state], text_width(text, STATE_FONT) + 16, text, loop)
        rows[2 * rank[state]].append(nodes[state])
    chains = [_chain(e, arrows, rank, nodes, rows, labels[e.name]) for e in arrows]
    links = list({(a.key, b.key): (a, b) for chain in chains for a, b in pairwise(chain)}.values())
    _order(rows, links)
    _place(rows, links)
    states.sort(key=lambda state: state != initial)  # the initial state's box first
    drawing = _drawing(model, states, nodes, rows, chains, loops)
    drawing.transitions = [
        Transition(str(names[e.source]), labels[e.name], str(names[e.target]))
        for e in sorted(all_edges, key=lambda e: (states.index(e.source), states.index(e.target)))
    ]
    return drawing


def _chain(
    edge: Edge,
    arrows: list[Edge],
    rank: dict[str, int],
    nodes: dict[str, Node],
    rows: list[list[Node]],
    text: str,
) -> list[Node]:
    """The nodes an arrow passes through, from the upper state to the lower one. The arrows of
    one transition share its label: next to the target when they all meet there (withdraw from
    any state), else next to the source (submit to one of three states)."""
    same = [e for e in arrows if e.name == edge.name]
    meeting = len({e.source for e in same}) > 1 and len({e.target for e in same}) == 1
    anchor = edge.target if meeting else edge.source
    upward = rank[edge.source] > rank[edge.target]
    top, bottom = (edge.target, edge.source) if upward else (edge.source, edge.target)
    label_row = 2 * rank[anchor] + (1 if anchor == top else -1)
    label_key = f"{anchor}:{edge.name}:{upward}"
    chain = [nodes[top]]
    for row in range(2 * rank[top] + 1, 2 * rank[bottom]):
        key = label_key if row == label_row else f"{edge.source}>{edge.target}@{row}"
        node = next((n for n in rows[row] if n.key == key), None)
        if node is None:
            is_label = row == label_row
            width = text_width(text, LABEL_FONT) + 6 if is_label else 8
            node = Node(key, row, width, text if is_label else "")
            rows[row].append(node)
        chain.append(node)
    chain.append(nodes[bottom])
    return chain if not upward else chain[::-1]


def _ports(chains: list[list[Node]]) -> dict[tuple[str, str], float]:
    """x where an arrow meets a box, by (box, the next point of the arrow): spread along the
    box's edge in the order of where the arrows go, so that they leave without crossing."""
    ends: defaultdict[tuple[str, bool], set[tuple[float, str]]] = defaultdict(set)
    for chain in chains:
        for box, near in ((chain[0], chain[1]), (chain[-1], chain[-2])):
            ends[box.key, near.y > box.y].add((near.x, near.key))
    boxes = {chain[i].key: chain[i] for chain in chains for i in (0, -1)}
    ports: dict[tuple[str, str], float] = {}
    for (key, _), group in ends.items():
        box = boxes[key]
        for i, (_, near_key) in enumerate(sorted(group)):
            ports[key, near_key] = box.x + box.width * 0.7 * ((i + 1) / (len(group) + 1) - 0.5)
    return ports


def _drawing(
    model: type[models.Model],
    states: list[str],
    nodes: dict[str, Node],
    rows: list[list[Node]],
    chains: list[list[Node]],
    loops: dict[str, str],
) -> Drawing:
    ports = _ports(chains)
    half = STATE_HEIGHT / 2
    paths = []
    for chain in chains:
        (source, after), (before, target) = chain[:2], chain[-2:]
        start_y = source.y + (half if after.y > source.y else -half)
        end_y = target.y + (half if before.y > target.y else -half)
        start_x, end_x = ports[source.key, after.key], ports[target.key, before.key]
        # A few pixels straight out of and into the boxes, so the arrowheads stand upright.
        points = [
            (start_x, start_y),
            (start_x, start_y + (6 if after.y > source.y else -6)),
            *[(n.x, n.y) for n in chain[1:-1]],
            (end_x, end_y + (6 if before.y > target.y else -6)),
            (end_x, end_y),
        ]
        paths.append(_curve(points))
    labels = [Label(n.text, round(n.x), round(n.y), n.width) for row in rows for n in row if n.text]
    leaving = {chain[0].key for chain in chains}
    boxes = []
    for index, state in enumerate(states):
        node = nodes[state]
        left, top = node.x - node.width / 2, node.y - half
        box = Box(
            state,
            node.text,
            round(left),
            round(top),
            node.width,
            STATE_HEIGHT,
            initial=index == 0,
            final=state not in leaving,
        )
        if state in loops:
            right, y = left + node.width, node.y
            box.loop = (
                f"M{right:.0f},{y - 8:.0f} C{right + LOOP:.0f},{y - 22:.0f} "
                f"{right + LOOP:.0f},{y + 22:.0f} {right:.0f},{y + 8:.0f}"
            )
            box.loop_label = (round(right + LOOP), round(y + 4), loops[state])
        boxes.append(box)
    first = nodes[states[0]]
    return Drawing(
        key=model._meta.model_name or "",
        width=round(max(n.x + n.width / 2 + n.right for row in rows for n in row) + MARGIN),
        height=round(max(n.y for n in rows[-1]) + half + MARGIN),
        boxes=boxes,
        arrows=paths,
        labels=labels,
        start=(round(first.x), MARGIN + 6, round(first.y - half)),
    )
