from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "backend.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django_fsm.signals import pre_transition

        from backend.audit.guards import guard_append_only
        from backend.audit.history import append_only_models, author_from_transition

        for model in append_only_models():
            guard_append_only(model)
        pre_transition.connect(author_from_transition, dispatch_uid="audit-history-author")
