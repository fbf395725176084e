"""Link the role groups created before RoleGroup existed to their commune and role.

Until then a group was found by its name, "<commune name> (<code>) — <role label>"; the labels
are frozen here as they were. A group is matched by the code and label (the commune's code is
unique and, unlike its name, was never meant to change).
"""

from django.db import migrations

ROLE_LABELS = {
    "chairman": "Chủ tịch / Phó Chủ tịch UBND xã",
    "office": "Văn phòng HĐND - UBND",
    "culture_info": "Văn hóa - Thông tin",
    "broadcaster": "Phát thanh - Truyền thông",
    "justice": "Tư pháp",
    "finance": "Tài chính - Ngân sách",
    "unit_member": "Thành viên ban, ngành, đoàn thể",
    "overseer": "Cấp trên (chỉ xem)",
}


def link_groups(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    RoleGroup = apps.get_model("communes", "RoleGroup")
    Group = apps.get_model("auth", "Group")
    for commune in Commune.objects.all():
        for role, label in ROLE_LABELS.items():
            if RoleGroup.objects.filter(commune=commune, role=role).exists():
                continue
            exact = f"{commune.name} ({commune.code}) — {label}"
            group = Group.objects.filter(name=exact).first() or Group.objects.filter(
                name__endswith=f"({commune.code}) — {label}", commune_role__isnull=True
            ).first()
            if group is not None:
                RoleGroup.objects.create(commune=commune, role=role, group=group)


class Migration(migrations.Migration):
    dependencies = [("communes", "0002_role_group")]

    operations = [migrations.RunPython(link_groups, migrations.RunPython.noop)]
