from __future__ import annotations

app_name = "roadmap"

urlpatterns: list = []
