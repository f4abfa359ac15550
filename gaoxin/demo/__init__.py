"""The deterministic demo zone "示例高新区": ``load_demo("small")`` fills an empty database with it.

plan.py (with catalogue.py, names.py, figures.py) decides everything as plain data without Django;
zone.py and registry.py write it; loader.py runs the whole load in one transaction.
"""
