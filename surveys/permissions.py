"""Who works with questionnaires: the curator runs them, the director reads the results;
everyone answers only his own invitations."""

from __future__ import annotations


def can_manage_surveys(user) -> bool:
    """Build questionnaires, run campaigns, send and revoke invitations."""
    return user.has_perm("surveys.change_questionnaire") and user.has_perm(
        "surveys.change_campaign"
    )


def can_view_results(user) -> bool:
    """See campaigns, response rates and analytics (names of respondents included)."""
    return user.has_perm("surveys.view_campaign") and user.has_perm("surveys.view_response")
