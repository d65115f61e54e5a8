"""The toolkit's services: what they refuse, what they keep, and what the audit log holds."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditLogEntry
from tests.teams.factories import TeamFactory
from tests.toolkit.factories import ServiceUserFactory
from toolkit import services
from toolkit.models import Checklist, ChecklistAnswer, Conversation, ServiceUser
from toolkit.selectors import conversation_averages

pytestmark = pytest.mark.django_db

FNR = "010190 10046"


def _person_with_areas(*names):
    person = ServiceUserFactory()
    areas = [services.area_add(service_user=person, name=n, by=None)[0] for n in names]
    return person, areas


def test_a_code_or_an_area_with_an_identity_number_is_refused_and_a_name_only_warned():
    team = TeamFactory()
    with pytest.raises(ValidationError):
        services.service_user_create(team=team, code=f"B {FNR}", by=None)
    assert not ServiceUser.objects.exists()
    person, warnings = services.service_user_create(team=team, code="Kari Nordmann", by=None)
    assert person.pk and warnings and "Kari Nordmann" in warnings[0]
    with pytest.raises(ValidationError):
        services.area_add(service_user=person, name=f"Bolig {FNR}", by=None)


def test_scores_outside_1_to_10_are_refused_and_nothing_is_written():
    person, (bolig, arbeid) = _person_with_areas("Bolig", "Arbeid")
    for bad in (0, 11):
        with pytest.raises(ValidationError):
            services.conversation_record(
                service_user=person, held_on=datetime.date(2021, 3, 1), scores={bolig.pk: 5, arbeid.pk: bad}, by=None
            )
    assert not Conversation.objects.exists()


def test_a_second_conversation_dated_before_the_first_is_refused():
    person, (bolig,) = _person_with_areas("Bolig")
    services.conversation_record(service_user=person, held_on=datetime.date(2021, 3, 1), scores={bolig.pk: 2}, by=None)
    with pytest.raises(ValidationError) as refused:
        services.conversation_record(
            service_user=person, held_on=datetime.date(2021, 2, 1), scores={bolig.pk: 5}, by=None
        )
    assert "01.03.2021" in str(refused.value)
    assert person.conversations.count() == 1


def test_the_worked_example_and_an_area_added_at_the_second_conversation():
    person, areas = _person_with_areas("Bolig", "Arbeid", "Psykisk helse", "Venner og nettverk")
    first = dict(zip([a.pk for a in areas], [1, 4, 1, 2], strict=True))
    services.conversation_record(service_user=person, held_on=datetime.date(2020, 3, 10), scores=first, by=None)
    second = dict(zip([a.pk for a in areas], [5, 6, 4, 5], strict=True))
    services.conversation_record(
        service_user=person, held_on=datetime.date(2020, 6, 16), scores=second, new_areas=[("Fritid", 10)], by=None
    )
    averages = conversation_averages(service_user=person)
    assert averages[1] == 2  # 8 / 4
    assert averages[2] == 6  # (20 + 10) / 5: the new area counts from the 2nd conversation


def test_checklist_items_1_and_9_follow_the_conversations_and_points_give_fidelity():
    person, (bolig,) = _person_with_areas("Bolig")
    services.conversation_record(service_user=person, held_on=datetime.date(2021, 3, 1), scores={bolig.pk: 2}, by=None)
    states = {n: ChecklistAnswer.State.DONE for n in (2, 3, 4, 5, 6)} | {
        7: ChecklistAnswer.State.NOT_RELEVANT,
        8: ChecklistAnswer.State.NOT_DONE,
        10: ChecklistAnswer.State.NOT_RELEVANT,
    }
    checklist = services.checklist_fill(
        service_user=person, filled_on=datetime.date(2021, 3, 2), states=states, by=None
    )
    by_number = {a.item.number: a.state for a in checklist.answers.select_related("item")}
    assert by_number[1] == ChecklistAnswer.State.DONE  # the 1st conversation is scored
    assert by_number[9] == ChecklistAnswer.State.NOT_DONE  # no 2nd conversation yet
    assert checklist.points == 8 and checklist.fidelity_percent == 80
    with pytest.raises(ValidationError):
        services.checklist_fill(service_user=person, filled_on=datetime.date(2021, 3, 2), states={2: "x"}, by=None)
    assert Checklist.objects.count() == 1


def test_a_changed_checklist_is_a_new_version_and_old_checklists_keep_their_wording():
    person, _ = _person_with_areas("Bolig")
    team = person.team
    states = {n: ChecklistAnswer.State.NOT_RELEVANT for n in range(1, 11)}
    old = services.checklist_fill(service_user=person, filled_on=datetime.date(2021, 1, 5), states=states, by=None)
    template = services.checklist_template_update(team=team, texts={2: "Individuell plan er tilbudt"}, by=None)
    assert template.version == 1 and template.team == team
    assert old.template.items.get(number=2).text != "Individuell plan er tilbudt"
    assert services.checklist_template_for(team=team) == template
    assert services.checklist_template_update(team=team, texts={2: "Individuell plan er tilbudt"}, by=None) == template


def test_deleting_a_record_removes_everything_and_logs_nothing_of_its_content():
    person, (bolig,) = _person_with_areas("Bolig")
    services.conversation_record(service_user=person, held_on=datetime.date(2021, 3, 1), scores={bolig.pk: 2}, by=None)
    code, team = person.code, person.team
    services.service_user_delete(service_user=person, by=None)
    assert not ServiceUser.objects.exists() and not Conversation.objects.exists()
    entry = AuditLogEntry.objects.get(action="toolkit.serviceuser.deleted")
    assert entry.object_id == team.pk and entry.data == {}
    assert code not in str(entry.data)
