"""Writes that are not transitions (drafts, attachments) and the scoped reads."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import AttachmentKind
from backend.plans.models import DevelopmentPlan, PlanAttachment
from backend.plans.selectors import (
    opinion_list_for_user,
    plan_get_for_user,
    plan_is_visible_to,
    plan_list_for_user,
)
from backend.plans.services import attachment_add, plan_create, plan_update_draft
from backend.registry.models import ActivityCard, SocialService
from tests import factories
from tests.helpers import reload

pytestmark = pytest.mark.django_db

P = PlanState


def _create(by: Any, call: Any, service: Any, **fields: Any) -> DevelopmentPlan:
    defaults = {
        "kind": PlanKind.CAPACITY_INCREASE,
        "capacity_current": Decimal(3),
        "capacity_requested": Decimal(15),
        "justification": "Rozšíření kapacity.",
    }
    return plan_create(by=by, call=call, service=service, **{**defaults, **fields})


class TestPlanCreate:
    def test_creates_a_draft_of_the_users_provider(
        self, open_call: Any, service: SocialService, provider_user: Any, liberec_orp: Any
    ) -> None:
        card = ActivityCard.objects.get(code="A02-05")
        plan = _create(
            provider_user,
            open_call,
            service,
            orps=[liberec_orp],
            activity_cards=[card],
            amount_requested=Decimal("1200000"),
        )
        plan = reload(plan)
        assert plan.state == P.DRAFT
        assert (plan.provider, plan.service, plan.call) == (service.provider, service, open_call)
        assert plan.capacity_unit == service.capacity_unit == "beds"
        assert plan.created_by == provider_user
        assert list(plan.orps.all()) == [liberec_orp]
        assert list(plan.activity_cards.all()) == [card]
        assert plan.amount_requested == Decimal("1200000")
        assert plan.submitted_at is None

    @pytest.mark.parametrize("call_state", ["closed", "finished"])
    def test_no_new_plans_in_a_closed_call(
        self, service: SocialService, provider_user: Any, call_state: str
    ) -> None:
        call = factories.CallFactory(**{call_state: True})
        with pytest.raises(ValidationError) as caught:
            _create(provider_user, call, service)
        assert "call" in caught.value.message_dict
        assert not DevelopmentPlan.objects.filter(call=call).exists()

    @pytest.mark.parametrize(
        "who",
        ["other_provider_user", "municipal_officer", "regional_officer", "stranger", "anonymous"],
    )
    def test_only_for_the_users_own_services(
        self, request: pytest.FixtureRequest, open_call: Any, service: SocialService, who: str
    ) -> None:
        with pytest.raises(PermissionDenied):
            _create(request.getfixturevalue(who), open_call, service)
        assert not DevelopmentPlan.objects.exists()

    @pytest.mark.parametrize(
        ("fields", "error_field"),
        [
            (
                {"kind": PlanKind.CAPACITY_INCREASE, "capacity_requested": Decimal(3)},
                "capacity_requested",
            ),
            (
                {"kind": PlanKind.CAPACITY_INCREASE, "capacity_requested": Decimal(2)},
                "capacity_requested",
            ),
            (
                {"kind": PlanKind.CAPACITY_DECREASE, "capacity_requested": Decimal(3)},
                "capacity_requested",
            ),
            (
                {
                    "kind": PlanKind.INCLUSION,
                    "capacity_current": Decimal(0),
                    "capacity_requested": Decimal(0),
                },
                "capacity_requested",
            ),
            ({"capacity_current": Decimal(-1)}, "capacity_current"),
            ({"kind": "merger"}, "kind"),
        ],
    )
    def test_validation(
        self,
        open_call: Any,
        service: SocialService,
        provider_user: Any,
        fields: dict[str, Any],
        error_field: str,
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            _create(provider_user, open_call, service, **fields)
        assert error_field in caught.value.error_dict
        assert not DevelopmentPlan.objects.exists()

    def test_fields_outside_the_form_are_refused(
        self, open_call: Any, service: SocialService, provider_user: Any
    ) -> None:
        with pytest.raises(ValueError, match="state"):
            _create(provider_user, open_call, service, state=P.INCLUDED)

    def test_the_capacity_unit_is_the_services(
        self, open_call: Any, service: SocialService, provider_user: Any
    ) -> None:
        assert (
            _create(provider_user, open_call, service, capacity_unit="beds").capacity_unit == "beds"
        )
        with pytest.raises(ValidationError) as caught:
            _create(provider_user, open_call, service, capacity_unit="fte")
        assert "capacity_unit" in caught.value.message_dict

    def test_an_incomplete_draft_may_be_saved(
        self, open_call: Any, service: SocialService, provider_user: Any
    ) -> None:
        plan = plan_create(
            by=provider_user, call=open_call, service=service, kind=PlanKind.INCLUSION
        )
        assert [str(m) for m in plan.missing_fields()] == [
            "requested capacity",
            "justification",
            "territory",
        ]


class TestPlanUpdateDraft:
    @pytest.mark.parametrize("state", [P.DRAFT, P.RETURNED])
    def test_the_provider_edits_a_draft_or_returned_plan(
        self, service: Any, provider_user: Any, tanvald_orp: Any, state: str
    ) -> None:
        plan = factories.plan_in_state(state, service=service)
        plan_update_draft(
            plan=plan,
            by=provider_user,
            capacity_requested=Decimal(12),
            justification="Upraveno.",
            orps=[tanvald_orp],
        )
        plan = reload(plan)
        assert (plan.capacity_requested, plan.justification) == (Decimal(12), "Upraveno.")
        assert list(plan.orps.all()) == [tanvald_orp]
        assert plan.state == state

    @pytest.mark.parametrize(
        "who", ["other_provider_user", "municipal_officer", "regional_officer", "stranger"]
    )
    def test_others_may_not_edit(
        self, request: pytest.FixtureRequest, service: Any, who: str
    ) -> None:
        plan = factories.DevelopmentPlanFactory(service=service)
        with pytest.raises(PermissionDenied):
            plan_update_draft(
                plan=plan, by=request.getfixturevalue(who), capacity_requested=Decimal(99)
            )
        assert reload(plan).capacity_requested == Decimal(15)

    @pytest.mark.parametrize(
        "state", [P.AWAITING_OPINION, P.AWAITING_DECISION, P.INCLUDED, P.WITHDRAWN]
    )
    def test_a_plan_under_review_or_settled_is_not_editable(
        self, service: Any, provider_user: Any, state: str
    ) -> None:
        plan = factories.plan_in_state(state, service=service)
        with pytest.raises(TransitionConflict):
            plan_update_draft(plan=plan, by=provider_user, capacity_requested=Decimal(99))
        assert reload(plan).capacity_requested == Decimal(15)

    def test_increase_must_exceed_current(self, service: Any, provider_user: Any) -> None:
        plan = factories.DevelopmentPlanFactory(service=service)
        with pytest.raises(ValidationError) as caught:
            plan_update_draft(plan=plan, by=provider_user, capacity_current=Decimal(15))
        assert "capacity_requested" in caught.value.error_dict
        assert reload(plan).capacity_current == Decimal(3)

    def test_unit_mismatch_with_the_service_is_refused(
        self, service: SocialService, provider_user: Any
    ) -> None:
        plan = factories.DevelopmentPlanFactory(service=service)
        SocialService.objects.filter(pk=service.pk).update(capacity_unit="fte")
        with pytest.raises(ValidationError) as caught:
            plan_update_draft(plan=plan, by=provider_user, justification="Jiné zdůvodnění.")
        assert "capacity_unit" in caught.value.error_dict

    def test_a_service_of_another_provider_is_refused(
        self, service: SocialService, provider_user: Any, other_provider: Any
    ) -> None:
        foreign = factories.SocialServiceFactory(provider=other_provider)
        plan = factories.DevelopmentPlanFactory.build(
            call=factories.CallFactory(open=True),
            service=foreign,
            provider=service.provider,
            capacity_unit=foreign.capacity_unit,
        )
        with pytest.raises(ValidationError) as caught:
            plan.full_clean(exclude=["created_by", "state"])
        assert "service" in caught.value.error_dict


class TestAttachments:
    @pytest.fixture
    def plan(self, service: Any) -> DevelopmentPlan:
        return factories.DevelopmentPlanFactory(service=service)

    @pytest.fixture(autouse=True)
    def _small_limit(self, settings: Any) -> None:
        settings.ATTACHMENT_MAX_BYTES = 1024

    @staticmethod
    def _file(name: str, size: int) -> SimpleUploadedFile:
        # Real signatures: the content is checked, not only the name.
        head = b"\xff\xd8\xff\xe0" if name.lower().endswith(".jpg") else b"%PDF-1.4"
        content = (head + b"%" * size)[:size]
        return SimpleUploadedFile(name, content, content_type="application/octet-stream")

    def test_a_document_within_the_limits_is_stored(
        self, plan: DevelopmentPlan, provider_user: Any, settings: Any
    ) -> None:
        attachment = attachment_add(
            plan=plan,
            by=provider_user,
            kind=AttachmentKind.BUDGET,
            file=self._file("rozpocet.pdf", 1024),
        )
        attachment = PlanAttachment.objects.get(pk=attachment.pk)
        assert (attachment.original_name, attachment.size) == ("rozpocet.pdf", 1024)
        assert attachment.uploaded_by == provider_user
        assert attachment.file.name.startswith(f"plans/{plan.pk}/")
        assert attachment.file.name.endswith(".pdf")
        assert "rozpocet" not in attachment.file.name  # a generated name is stored
        stored = (settings.MEDIA_ROOT / attachment.file.name).read_bytes()
        assert stored == self._file("rozpocet.pdf", 1024).read()

    def test_a_document_over_the_size_limit_is_refused(
        self, plan: DevelopmentPlan, provider_user: Any
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            attachment_add(
                plan=plan,
                by=provider_user,
                kind=AttachmentKind.BUDGET,
                file=self._file("rozpocet.pdf", 1025),
            )
        assert [e.code for e in caught.value.error_dict["file"]] == ["attachment_size"]
        assert "1.0" in caught.value.error_dict["file"][0].messages[0]  # "limit is 1.0 KB"
        assert not PlanAttachment.objects.exists()

    @pytest.mark.parametrize("name", ["skript.exe", "bez-pripony", "dopis.PDF.js"])
    def test_a_document_of_another_type_is_refused(
        self, plan: DevelopmentPlan, provider_user: Any, name: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            attachment_add(
                plan=plan, by=provider_user, kind=AttachmentKind.OTHER, file=self._file(name, 10)
            )
        assert [e.code for e in caught.value.error_dict["file"]] == ["attachment_type"]
        assert not PlanAttachment.objects.exists()

    def test_upper_case_extensions_are_fine(
        self, plan: DevelopmentPlan, provider_user: Any
    ) -> None:
        attachment_add(
            plan=plan, by=provider_user, kind=AttachmentKind.OTHER, file=self._file("SKEN.JPG", 10)
        )
        assert PlanAttachment.objects.count() == 1

    def test_only_the_provider_attaches(self, plan: DevelopmentPlan, regional_officer: Any) -> None:
        with pytest.raises(PermissionDenied):
            attachment_add(
                plan=plan,
                by=regional_officer,
                kind=AttachmentKind.OTHER,
                file=self._file("a.pdf", 10),
            )

    def test_only_to_an_editable_plan(self, service: Any, provider_user: Any) -> None:
        plan = factories.plan_in_state(P.AWAITING_OPINION, service=service)
        with pytest.raises(TransitionConflict):
            attachment_add(
                plan=plan, by=provider_user, kind=AttachmentKind.OTHER, file=self._file("a.pdf", 10)
            )
        assert not PlanAttachment.objects.exists()


class TestSelectors:
    @pytest.fixture
    def plans(
        self, service: Any, other_provider: Any, tanvald_orp: Any, liberec: Any
    ) -> dict[str, DevelopmentPlan]:
        other_service = factories.SocialServiceFactory(provider=other_provider)
        other_call = factories.CallFactory(open=True)
        return {
            "own_draft": factories.plan_in_state(P.DRAFT, service=service),
            "own_submitted": factories.plan_in_state(P.AWAITING_OPINION, service=service),
            "own_in_tanvald": factories.plan_in_state(
                P.AWAITING_DECISION, service=service, orps=[tanvald_orp]
            ),
            "other_draft": factories.plan_in_state(P.DRAFT, service=other_service),
            "other_decided": factories.plan_in_state(
                P.INCLUDED, service=other_service, call=other_call
            ),
            "other_withdrawn_draft": factories.plan_in_state(
                P.WITHDRAWN, service=other_service, submitted_at=None
            ),
        }

    @staticmethod
    def _visible(user: Any) -> set[str]:
        return set(plan_list_for_user(user=user).values_list("pk", flat=True))

    @staticmethod
    def _keys(plans: dict[str, DevelopmentPlan], *names: str) -> set[int]:
        return {plans[name].pk for name in names}

    def test_a_provider_sees_its_own_plans_only(
        self, plans: dict[str, DevelopmentPlan], provider_user: Any, other_provider_user: Any
    ) -> None:
        assert self._visible(provider_user) == self._keys(
            plans, "own_draft", "own_submitted", "own_in_tanvald"
        )
        assert self._visible(other_provider_user) == self._keys(
            plans, "other_draft", "other_decided", "other_withdrawn_draft"
        )

    @pytest.mark.parametrize("who", ["municipal_officer", "council_secretary"])
    def test_a_municipality_sees_submitted_plans_touching_its_orp(
        self, request: pytest.FixtureRequest, plans: dict[str, DevelopmentPlan], who: str
    ) -> None:
        assert self._visible(request.getfixturevalue(who)) == self._keys(
            plans, "own_submitted", "other_decided"
        )

    def test_another_municipality_sees_its_own_territory(
        self, plans: dict[str, DevelopmentPlan], tanvald_officer: Any
    ) -> None:
        assert self._visible(tanvald_officer) == self._keys(plans, "own_in_tanvald")

    def test_a_municipality_sees_plans_it_was_asked_about(
        self, plans: dict[str, DevelopmentPlan], tanvald_officer: Any, tanvald: Any
    ) -> None:
        factories.opinion_in_state("requested", plan=plans["own_submitted"], municipality=tanvald)
        assert plans["own_submitted"].pk in self._visible(tanvald_officer)

    def test_the_regional_officer_sees_every_plan_of_the_region(
        self, plans: dict[str, DevelopmentPlan], regional_officer: Any
    ) -> None:
        assert self._visible(regional_officer) == {plan.pk for plan in plans.values()}

    @pytest.mark.parametrize("who", ["stranger", "anonymous"])
    def test_strangers_see_nothing(
        self, request: pytest.FixtureRequest, plans: dict[str, DevelopmentPlan], who: str
    ) -> None:
        user = request.getfixturevalue(who)
        assert self._visible(user) == set()
        assert not plan_is_visible_to(user=user, plan=plans["own_submitted"])
        assert not user.has_perm("plans.view_developmentplan", plans["own_submitted"])

    def test_get_outside_the_scope_does_not_exist(
        self, plans: dict[str, DevelopmentPlan], other_provider_user: Any, provider_user: Any
    ) -> None:
        plan = plans["own_draft"]
        assert plan_get_for_user(user=provider_user, plan_id=plan.pk) == plan
        with pytest.raises(DevelopmentPlan.DoesNotExist):
            plan_get_for_user(user=other_provider_user, plan_id=plan.pk)

    def test_view_permission_follows_the_scope(
        self, plans: dict[str, DevelopmentPlan], municipal_officer: Any
    ) -> None:
        assert municipal_officer.has_perm("plans.view_developmentplan", plans["own_submitted"])
        assert not municipal_officer.has_perm("plans.view_developmentplan", plans["own_draft"])

    def test_opinions_are_scoped_to_the_municipality(
        self,
        service: Any,
        municipal_officer: Any,
        council_secretary: Any,
        tanvald_officer: Any,
        regional_officer: Any,
        provider_user: Any,
        tanvald: Any,
    ) -> None:
        plan = factories.plan_in_state(P.AWAITING_OPINION, service=service)
        ours = factories.opinion_in_state("requested", plan=plan)
        theirs = factories.opinion_in_state("requested", plan=plan, municipality=tanvald)

        def scope(user: Any) -> set[int]:
            return set(opinion_list_for_user(user=user).values_list("pk", flat=True))

        assert scope(municipal_officer) == {ours.pk}
        assert scope(council_secretary) == {ours.pk}
        assert scope(tanvald_officer) == {theirs.pk}
        assert scope(regional_officer) == {ours.pk, theirs.pk}
        assert scope(provider_user) == set()
