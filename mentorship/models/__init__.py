"""Models of the core app, split by subdomain."""

from mentorship.common import AuditEntry
from mentorship.models.banks import (
    Audience,
    MenteeCategory,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    MentorStatusChange,
    RequestWeight,
    Topic,
    TrainingRecord,
)
from mentorship.models.core import GostEdition, LegalBasis, ProgrammeYear, School, User
from mentorship.models.people import (
    PERSONAL_DATA_DEFAULT,
    PUBLICATION_CATEGORIES,
    Consent,
    ConsentKind,
    DataCategory,
    Person,
    PersonKind,
    Signer,
)

__all__ = [
    "PERSONAL_DATA_DEFAULT",
    "PUBLICATION_CATEGORIES",
    "Audience",
    "AuditEntry",
    "Consent",
    "ConsentKind",
    "DataCategory",
    "GostEdition",
    "LegalBasis",
    "MenteeCategory",
    "MenteeProfile",
    "MenteeRequest",
    "MenteeStatus",
    "MenteeStatusChange",
    "MentorProfile",
    "MentorStatus",
    "MentorStatusChange",
    "MentoringForm",
    "Person",
    "PersonKind",
    "ProgrammeYear",
    "RequestWeight",
    "School",
    "Signer",
    "Topic",
    "TrainingRecord",
    "User",
]
