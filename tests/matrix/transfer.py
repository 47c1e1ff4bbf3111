"""Import and export of people and the banks: personal data of many people, curator only."""

from tests.matrix import Row, everyone, only

ROWS: dict[str, Row] = {
    "mentorship:people-import": (None, only("curator")),
    "mentorship:people-import-confirm": (None, everyone(405)),  # a POST action
    "mentorship:people-export": (None, only("curator")),
    "mentorship:mentees-export": (None, only("curator")),
    "mentorship:mentors-export": (None, only("curator")),
    # Who exported personal data and when: the curator and the director read the log.
    "mentorship:export-log": (None, only("curator", "director")),
}
