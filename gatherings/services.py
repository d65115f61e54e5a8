"""Write operations on the activity plan, gathering programs and registrations."""

from __future__ import annotations

import datetime as _dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id, refuse_national_id_in, refuse_national_id_on
from core.models import User
from gatherings.models import (
    Activity,
    Gathering,
    ProgramSession,
    Registration,
    SessionMaterial,
    SessionSpeaker,
)
from networks.models import Network


def _after_change(activity: Activity) -> None:
    """Calendar clients notice a change by a higher SEQUENCE."""
    Activity.objects.filter(pk=activity.pk).update(sequence=F("sequence") + 1)


def _program_changed(gathering_id: int) -> None:
    """Every write to a program goes through here: the program page's cached rendering is keyed
    by this version, so a change is seen at once (gatherings.views.program.ProgramView.published_days)."""
    Gathering.objects.filter(pk=gathering_id).update(program_version=F("program_version") + 1)


@transaction.atomic
def activity_save(
    *, activity: Activity, by: User | None, responsible=None, invited_teams=None, invited_people=None
) -> Activity:
    """Create or update an activity (or a gathering) after validating it. Teams and people newly
    invited get an e-mail about it (after commit, through the outbox)."""
    created = activity.pk is None
    if isinstance(activity, Gathering):  # two gatherings saved at once must not both take a number
        Network.objects.select_for_update().filter(pk=activity.network_id).first()
    activity.full_clean()
    before_teams = set() if created else set(activity.invited_teams.values_list("pk", flat=True))
    before_people = set() if created else set(activity.invited_people.values_list("pk", flat=True))
    activity.save()
    if responsible is not None:
        activity.responsible.set(responsible)
    if invited_teams is not None:
        activity.invited_teams.set(invited_teams)
    if invited_people is not None:
        activity.invited_people.set(invited_people)
    new_teams = sorted({t.pk for t in invited_teams or []} - before_teams)
    new_people = sorted({p.pk for p in invited_people or []} - before_people)
    if (new_teams or new_people) and activity.status != Activity.Status.CANCELLED:
        from core.outbox import outbox_enqueue

        outbox_enqueue(task="gatherings.tasks.activity_invitations_task", args=[activity.pk, new_teams, new_people])
    if not created:
        _after_change(activity)
        _program_changed(activity.pk)  # a gathering's days and title; no row for other activities
        gathering = Gathering.objects.filter(pk=activity.pk).first()
        if gathering and gathering.is_published:
            program_changes_notify(gathering=gathering)
    activity.log_action(
        "networks.activity.created" if created else "networks.activity.changed",
        user=by,
        data={"title": activity.title, "kind": activity.kind},
    )
    return activity


def gathering_next_number(*, network: Network) -> int:
    last = Gathering.objects.filter(network=network).order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _validate_session(session: ProgramSession) -> None:
    gathering = session.gathering
    errors = {}
    if session.day and not (gathering.starts_on <= session.day <= gathering.ends_on):
        errors["day"] = _("The day must be one of the gathering's days (%(start)s–%(end)s).") % {
            "start": gathering.starts_on.strftime("%d.%m.%Y"),
            "end": gathering.ends_on.strftime("%d.%m.%Y"),
        }
    if session.start_time and session.end_time and session.end_time <= session.start_time:
        errors["end_time"] = _("The session must end after it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def program_session_save(
    *, session: ProgramSession, by: User | None, speakers: list[dict] | None = None, material: dict | None = None
) -> ProgramSession:
    """Save a session; `speakers` is a list of {"user": User|None, "name": str, "organisation": str};
    `material` ({"title", "file", "url"}) adds a file or a link to the session."""
    _validate_session(session)
    session.full_clean()
    for s in speakers or []:  # written with bulk_create: checked here (identity numbers, lengths)
        speaker = SessionSpeaker(name=s.get("name", ""), organisation=s.get("organisation", ""))
        try:
            speaker.clean_fields(exclude=["session", "user"])
        except ValidationError as exc:  # one message for the speakers' field, not the model's field names
            raise ValidationError(exc.messages) from exc
    if material:
        refuse_national_id(material.get("title") or "")
    gathering = session.gathering
    if gathering.is_published:
        session.changed_after_publishing = True
    session.save()
    if speakers is not None:
        session.speakers.all().delete()
        SessionSpeaker.objects.bulk_create(
            [
                SessionSpeaker(
                    session=session, user=s.get("user"), name=s.get("name", ""), organisation=s.get("organisation", "")
                )
                for s in speakers
                if s.get("user") or s.get("name")
            ]
        )
    if material and (material.get("file") or material.get("url")):
        SessionMaterial.objects.create(
            session=session, title=material["title"], file=material.get("file"), url=material.get("url") or ""
        )
    gathering.log_action(
        "networks.gathering.session_saved", user=by, data={"session": session.pk, "title": session.title}
    )
    _program_changed(gathering.pk)
    if gathering.is_published:
        program_changes_notify(gathering=gathering)
    return session


@transaction.atomic
def program_session_delete(*, session: ProgramSession, by: User | None) -> None:
    gathering = session.gathering
    gathering.log_action("networks.gathering.session_deleted", user=by, data={"title": session.title})
    _program_changed(gathering.pk)
    session.delete()
    if gathering.is_published:
        program_changes_notify(gathering=gathering)


def _minutes(t: _dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> _dt.time:
    if not 0 <= minutes < 24 * 60:
        raise ValidationError(_("The program would run past midnight."))
    return _dt.time(minutes // 60, minutes % 60)


@transaction.atomic
def program_session_move(*, session: ProgramSession, direction: str, by: User | None) -> ProgramSession:
    """Swap a session with its neighbour in the same day and room ("up" = earlier).

    The two swap places in time: each keeps its length, the gap between them is kept, and the
    pair still covers the same span, so nothing else in the day moves.
    """
    siblings = list(
        ProgramSession.objects.select_for_update()
        .filter(gathering=session.gathering, day=session.day, room=session.room)
        .order_by("start_time", "pk")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == session.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return session
    first, second = sorted([siblings[index], siblings[other_index]], key=lambda s: _minutes(s.start_time))
    gap = _minutes(second.start_time) - _minutes(first.end_time)
    new_first_start = _minutes(first.start_time)
    second_len = _minutes(second.end_time) - _minutes(second.start_time)
    first_len = _minutes(first.end_time) - _minutes(first.start_time)
    second.start_time, second.end_time = _time(new_first_start), _time(new_first_start + second_len)
    first.start_time = _time(new_first_start + second_len + gap)
    first.end_time = _time(_minutes(first.start_time) + first_len)
    published = session.gathering.is_published
    for s in (first, second):
        s.changed_after_publishing = s.changed_after_publishing or published
        s.save(update_fields=["start_time", "end_time", "changed_after_publishing", "updated_at"])
    session.gathering.log_action(
        "networks.gathering.session_moved", user=by, data={"session": session.pk, "direction": direction}
    )
    _program_changed(session.gathering_id)
    if published:
        program_changes_notify(gathering=session.gathering)
    session.refresh_from_db()
    return session


@transaction.atomic
def program_generate_presentations(
    *,
    gathering: Gathering,
    start_time: _dt.time,
    minutes_per_team: int,
    rooms: list[str],
    by: User | None,
    day: _dt.date | None = None,
) -> list[ProgramSession]:
    """Give every team of the network a presentation slot on day 1, spread over parallel rooms."""
    if minutes_per_team <= 0:
        raise ValidationError({"minutes_per_team": _("The length must be at least one minute.")})
    rooms = [r.strip() for r in rooms if r.strip()] or [""]
    refuse_national_id_in(rooms)
    day = day or gathering.starts_on
    teams = list(gathering.network.teams.exclude(status="trukket").order_by("name"))
    already = set(
        gathering.sessions.filter(kind=ProgramSession.Kind.TEAM_PRESENTATION).values_list("team_id", flat=True)
    )
    created = []
    for i, team in enumerate(t for t in teams if t.pk not in already):
        slot, room = divmod(i, len(rooms))
        start = _minutes(start_time) + slot * minutes_per_team
        session = ProgramSession(
            gathering=gathering,
            day=day,
            start_time=_time(start),
            end_time=_time(start + minutes_per_team),
            kind=ProgramSession.Kind.TEAM_PRESENTATION,
            title=str(_("Presentation: %(team)s") % {"team": team.name}),
            room=rooms[room],
            team=team,
        )
        _validate_session(session)
        created.append(session)
    ProgramSession.objects.bulk_create(created)
    gathering.log_action("networks.gathering.presentations_generated", user=by, data={"count": len(created)})
    _program_changed(gathering.pk)
    return created


@transaction.atomic
def program_copy(*, source: Gathering, target: Gathering, by: User | None) -> int:
    """Copy the sessions of another gathering (of any network the user manages) as a start:
    day N of the source becomes day N of the target; team slots are not copied."""
    count = 0
    for session in source.sessions.exclude(kind=ProgramSession.Kind.TEAM_PRESENTATION).prefetch_related(
        "speakers", "materials"
    ):
        offset = (session.day - source.starts_on).days
        day = target.starts_on + _dt.timedelta(days=offset)
        if day > target.ends_on:
            continue
        # Rows written before every text was checked are checked again rather than copied blindly.
        refuse_national_id_on(session, "title", "description", "room")
        copy = ProgramSession.objects.create(
            gathering=target,
            day=day,
            start_time=session.start_time,
            end_time=session.end_time,
            kind=session.kind,
            title=session.title,
            description=session.description,
            room=session.room,
            themes=list(session.themes),
        )
        speakers = [
            SessionSpeaker(session=copy, user=s.user, name=s.name, organisation=s.organisation)
            for s in session.speakers.all()
        ]
        materials = [
            SessionMaterial(session=copy, title=m.title, url=m.url, file=m.file.name) for m in session.materials.all()
        ]
        for obj in speakers:
            refuse_national_id_on(obj, "name", "organisation")
        for obj in materials:
            refuse_national_id_on(obj, "title")
        SessionSpeaker.objects.bulk_create(speakers)
        SessionMaterial.objects.bulk_create(materials)
        count += 1
    target.log_action("networks.gathering.program_copied", user=by, data={"source": source.pk, "sessions": count})
    _program_changed(target.pk)
    return count


@transaction.atomic
def program_publish(*, gathering: Gathering, by: User | None) -> Gathering:
    gathering.program_published_at = timezone.now()
    gathering.save(update_fields=["program_published_at", "updated_at"])
    gathering.sessions.update(changed_after_publishing=False)
    gathering.log_action("networks.gathering.program_published", user=by)
    _program_changed(gathering.pk)
    return gathering


def program_changes_notify(*, gathering: Gathering) -> None:
    """After commit, e-mail the registered people that the published program changed.

    Several edits in one request give one e-mail: the task is keyed on the gathering and the
    Celery task itself coalesces (it sends only when there are unsent changes)."""
    from core.outbox import outbox_enqueue

    Gathering.objects.filter(pk=gathering.pk).update(program_changed_pending=True)
    outbox_enqueue(task="gatherings.tasks.program_changes_notify_task", args=[gathering.pk])


def program_changes_send(*, gathering_id: int) -> int:
    """Send the change e-mail once for pending changes; returns the number of recipients."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    with transaction.atomic():
        if not Gathering.objects.filter(pk=gathering_id, program_changed_pending=True).update(
            program_changed_pending=False
        ):
            return 0
        gathering = Gathering.objects.select_related("network").get(pk=gathering_id)
        recipients = list(
            Registration.objects.filter(
                activity_id=gathering_id, status=Registration.Status.REGISTERED
            ).select_related("user")
        )
    messages = []
    for registration in recipients:
        user = registration.user
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = str(_("The program for %(title)s has changed") % {"title": gathering.title})
            body = render_to_string("gatherings/email/program_changed.txt", {"gathering": gathering, "user": user})
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    send_mass_mail(messages)
    return len(messages)


def activity_invitations_send(*, activity_id: int, team_ids: list[int], user_ids: list[int]) -> int:
    """E-mail the members of newly invited teams and the newly invited people, once each, in their
    own language; those already registered are not told again. Returns the number of e-mails."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.db.models import Q
    from django.template.loader import render_to_string
    from django.utils import translation

    from teams.models import TeamMembership

    activity = Activity.objects.select_related("network").filter(pk=activity_id).first()
    if activity is None or activity.status == Activity.Status.CANCELLED:
        return 0
    members = TeamMembership.objects.active_on().filter(team_id__in=team_ids).values("user_id")
    registered = Registration.objects.filter(activity=activity).values("user_id")
    people = (
        User.objects.filter(Q(pk__in=members) | Q(pk__in=user_ids), is_active=True)
        .exclude(pk__in=registered)
        .order_by("pk")
    )
    link = settings.SITE_URL + activity.get_absolute_url()
    messages = []
    for user in people:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = str(_("You are invited: %(title)s") % {"title": activity.title})
            body = render_to_string(
                "gatherings/email/activity_invited.txt", {"activity": activity, "user": user, "link": link}
            )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    send_mass_mail(messages)
    activity.log_action("networks.activity.invitations_sent", data={"emails": len(messages)})
    return len(messages)


@transaction.atomic
def registration_save(
    *, activity: Activity, user: User, answers: dict, team=None, organisation=None, by: User | None = None
) -> Registration:
    """Register a person (or update their answers). Refused once registration has closed."""
    if not activity.accepts_registrations():
        raise ValidationError(_("Registration for this activity is closed."))
    refuse_national_id_in(answers)
    registration, created = Registration.objects.select_for_update().get_or_create(
        activity=activity, user=user, defaults={"answers": answers, "team": team, "organisation": organisation}
    )
    if not created:
        registration.answers = answers
        registration.team = team or registration.team
        registration.organisation = organisation or registration.organisation
        registration.status = Registration.Status.REGISTERED
        registration.save()
    activity.log_action("networks.activity.registered", user=by or user, data={"user": user.pk})
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None) -> None:
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    registration.activity.log_action("networks.activity.unregistered", user=by, data={"user": registration.user_id})


@transaction.atomic
def attendance_mark(*, activity: Activity, present_user_ids: set[int], by: User | None) -> int:
    regs = activity.registrations.filter(status=Registration.Status.REGISTERED)
    regs.filter(user_id__in=present_user_ids).update(attended=True)
    regs.exclude(user_id__in=present_user_ids).update(attended=False)
    activity.log_action("networks.activity.attendance_marked", user=by, data={"present": len(present_user_ids)})
    return len(present_user_ids)
