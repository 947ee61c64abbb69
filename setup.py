from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)

setup(
    name="collective.convocation",
    version="1.0.0.dev0",
    description="Electronic convocation of elected officials for French local authorities, on Plone 6",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Natural Language :: French",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Plone convocation élus séance collectivité",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["collective.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.api",
        "plone.app.contenttypes",
        "plone.app.dexterity",
        "plone.app.event",
        "plone.app.z3cform",
        "plone.autoform",
        "plone.dexterity",
        "plone.distribution",
        "plone.namedfile",
        "plone.restapi",
        "plone.supermodel",
        "plonetheme.barceloneta",
        "collective.easyform",
        "z3c.form",
        "pikepdf",
        "pypdf",
        "reportlab",
        "icalendar",
        "segno",
        "pyotp",
        "cryptography",
    ],
    extras_require={
        # Several instances on one database (README « Several instances »).
        "cluster": ["RelStorage", "psycopg2-binary", "ZEO"],
        "test": [
            "RelStorage",
            "psycopg2-binary",
            "ZEO",
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "aiosmtpd",
            "playwright",
            "axe-playwright-python",
            "requests",
            "ruff",
        ],
    },
    entry_points="""
    [plone.autoinclude.plugin]
    target = plone
    """,
)
