"""Changes of the rewards registry, the case bank and the methodical library."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from mentorship.common import audit
from mentorship.models import Reward, User


@transaction.atomic
def rewards_mark_ordered(
    *, rewards: Iterable[Reward], reference: str, on: datetime.date, actor: User | None
) -> int:
    """The rewards order was signed: its rewards get the order and the date."""
    ids = [reward.pk for reward in rewards]
    count = Reward.objects.filter(pk__in=ids).update(order_reference=reference, awarded_on=on)
    for reward in Reward.objects.filter(pk__in=ids):
        audit(actor=actor, action="reward.ordered", obj=reward, data={"order": reference})
    return count
