"""The request categories of DOMAIN §5 and the default time limits of DOMAIN §5.2 (the administrator changes them)."""

from django.db import migrations

from gaoxin.servicedesk.deadlines import NORMAL_LIMITS, URGENT_LIMITS

CATEGORIES = [
    ("policy", "政策咨询"),
    ("land", "要素保障—土地"),
    ("electricity", "要素保障—用电"),
    ("energy", "要素保障—用能"),
    ("financing", "融资"),
    ("talent", "人才用工"),
    ("approval", "审批"),
    ("infrastructure", "基础设施"),
    ("other", "其他"),
]


def fields_for(limits):
    return {
        "accept_amount": limits.accept.amount,
        "accept_unit": limits.accept.unit,
        "sign_amount": limits.sign.amount,
        "sign_unit": limits.sign.unit,
        "contact_amount": limits.contact.amount,
        "contact_unit": limits.contact.unit,
        "interim_days": limits.interim.amount,
        "resolve_days": limits.resolve.amount,
        "review_days": limits.review.amount,
        "callback_days": limits.callback.amount,
        "return_days": limits.return_.amount,
        "extension_cap_days": limits.extension_cap,
    }


def seed(apps, schema_editor):
    Category = apps.get_model("servicedesk", "Category")
    SlaPolicy = apps.get_model("servicedesk", "SlaPolicy")
    categories = {}
    for position, (code, name) in enumerate(CATEGORIES, 1):
        categories[code], _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": position * 10}
        )
    SlaPolicy.objects.get_or_create(category=None, urgency="normal", defaults=fields_for(NORMAL_LIMITS))
    SlaPolicy.objects.get_or_create(category=None, urgency="urgent", defaults=fields_for(URGENT_LIMITS))
    # a policy question is simple (5 working days); land questions are complex (15, with extensions to 25 in all)
    simple = {**fields_for(NORMAL_LIMITS), "resolve_days": 5}
    SlaPolicy.objects.get_or_create(category=categories["policy"], urgency="normal", defaults=simple)
    complex_ = {**fields_for(NORMAL_LIMITS), "resolve_days": 15}
    SlaPolicy.objects.get_or_create(category=categories["land"], urgency="normal", defaults=complex_)


class Migration(migrations.Migration):
    dependencies = [("servicedesk", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
