from django.db import migrations


class Migration(migrations.Migration):
    """Invitations belong to a network: the model moved to networks (same table, same rows)."""

    dependencies = [
        ("learningnet", "0003_reference_data_from_networks"),
        ("networks", "0005_gatherings_and_reference_data_move_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Invitation")]),
    ]
