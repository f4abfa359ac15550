from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class InvestmentConfig(AppConfig):
    name = "gaoxin.investment"
    label = "investment"
    verbose_name = pgettext_lazy("module", "Investment promotion")
