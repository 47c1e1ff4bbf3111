"""URLs of the pairs and matching pages, mounted in ``mentorship_urls``."""

from __future__ import annotations

from django.urls import include, path

from mentorship.views import agreements, pairs

run_urls = [
    path("", pairs.matching_run_detail, name="matching-run"),
    path("accept-above/", pairs.proposals_accept_above, name="proposals-accept-above"),
]

proposal_urls = [
    path("accept/", pairs.proposal_accept, name="proposal-accept"),
    path("reject/", pairs.proposal_reject, name="proposal-reject"),
    path("swap/", pairs.proposal_swap, name="proposal-swap"),
    path("compare/", pairs.proposal_compare, name="proposal-compare"),
]

pair_urls = [
    path("", pairs.pair_detail, name="pair-detail"),
    path("status/", pairs.pair_status, name="pair-status"),
    path("end/", pairs.pair_end, name="pair-end"),
    path("add-mentee/", pairs.pair_add_mentee, name="pair-add-mentee"),
    path("agreement/", agreements.pair_agreement, name="pair-agreement"),
]

pairs_urls = [
    path("matching/", pairs.matching, name="matching"),
    path("matching/settings/", pairs.matching_settings_page, name="matching-settings"),
    path("matching/runs/<int:pk>/", include(run_urls)),
    path("matching/proposals/<int:pk>/", include(proposal_urls)),
    path("matching/unmatched/", pairs.unmatched, name="unmatched"),
    path("pairs/", pairs.pair_list, name="pair-list"),
    path("pairs/new/", pairs.pair_create, name="pair-create"),
    path("pairs/mine/", pairs.my_pairs, name="my-pairs"),
    path("pairs/<int:pk>/", include(pair_urls)),
]
