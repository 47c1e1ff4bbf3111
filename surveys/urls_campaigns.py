"""URLs of the surveys' campaigns pages, included by surveys/urls.py."""

from __future__ import annotations

from django.urls import include, path

from surveys.views import campaigns

campaign_urls = [
    path("", campaigns.campaign_detail, name="campaign-detail"),
    path("invite/", campaigns.campaign_invite, name="campaign-invite"),
    path("send/", campaigns.campaign_send, name="campaign-send"),
    path("remind/", campaigns.campaign_remind, name="campaign-remind"),
    path("open/", campaigns.campaign_open, name="campaign-open"),
    path("close/", campaigns.campaign_close, name="campaign-close"),
    path("sheet/", campaigns.campaign_sheet, name="campaign-sheet"),
]

campaigns_urls = [
    path("campaigns/", campaigns.campaign_list, name="campaign-list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", include(campaign_urls)),
    path("invitations/<int:pk>/revoke/", campaigns.invitation_revoke, name="invitation-revoke"),
]
