"""Import of a roadmap from a file: the curator only."""

from tests.matrix import Row, everyone, only

ROWS: dict[str, Row] = {
    "roadmap:roadmap-import": (None, only("curator")),
    "roadmap:roadmap-import-confirm": (None, everyone(405)),  # a POST action
}
